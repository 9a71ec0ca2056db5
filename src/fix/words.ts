import type { Lang } from '../rules/define-rule.js'
import type { LoggedChange } from './log.js'

// How a change is said, in the applicant's language (plan, summary, HTML log).

const OVER = {
  zh: { text: '文字层中的姓名/单位', ocr: '图像上识别出的姓名/单位', covered: '黑框（框下文字已删除）', face: '人脸' },
  en: { text: 'the name/employer in the text layer', ocr: 'the name/employer read on the scan', covered: 'the black box (text under it removed)', face: 'a face' },
}

export function describeChange(c: LoggedChange, lang: Lang, type: 'pdf' | 'image' | 'copy' = 'pdf'): string {
  const zh = lang === 'zh'
  const page = c.page !== undefined ? (zh ? `第 ${c.page} 页：` : `page ${c.page}: `) : ''
  switch (c.kind) {
    case 'metadata':
      if (type === 'image') return zh ? '重新编码，去掉元数据（EXIF、XMP、IPTC、注释）' : 'encoded again without metadata (EXIF, XMP, IPTC, comments)'
      return zh ? '整份重写，去掉元数据（作者、单位、XMP、EXIF、批注作者、历史修订）' : 'rewritten whole, metadata removed (author, company, XMP, EXIF, annotation authors, earlier revisions)'
    case 'rename':
      return zh ? '文件名含个人信息，改为中性名称（清单已同步）' : 'the file name held personal details: renamed neutrally (manifest updated)'
    case 'rasterise':
      return zh ? `${page}重绘为图像（去掉文字层和框下文字）` : `${page}redrawn as a picture (text layer and text under boxes gone)`
    case 'burn': {
      const n = c.boxes?.length ?? 0
      const what = OVER[lang][c.over ?? 'text']
      return zh ? `${page}用不透明黑框盖住${what}（${n} 处，带边距）` : `${page}${what} covered with an opaque box (${n}, with a margin)`
    }
    case 'rotate':
      return c.by === 'exif'
        ? zh ? '按 EXIF 方向标记把像素转正' : 'pixels turned upright as the EXIF orientation said'
        : c.by === 'pixels'
          ? zh ? `${page}把图像顺时针转 ${c.deg}° 到正向` : `${page}pixels turned ${c.deg}° clockwise to upright`
          : zh ? `${page}页面旋转设为 ${c.deg}°，显示为正向` : `${page}/Rotate set to ${c.deg}°: shows upright`
    case 'shrink':
      return zh ? '超过大小上限：逐步降低 JPEG 质量和分辨率重新编码（不低于分辨率要求）' : 'over the size limit: encoded again, JPEG quality then resolution stepped down (never below the resolution rule)'
    case 'convert':
      return zh ? '平台不接受的格式：转换为 JPEG（或按真实类型改扩展名）' : 'a type the platform does not take: converted to JPEG (or the extension corrected)'
    case 'decrypt':
      return zh ? '只有权限密码的加密 PDF：每页重绘为图像，得到不加密的副本' : 'owner-password PDF: every page redrawn, the copy is not encrypted'
  }
}
