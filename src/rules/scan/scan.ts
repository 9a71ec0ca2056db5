import { isImageFile, isImageOnlyPage, type FileFacts, type PageFacts, type PixelStats } from '../../inspect/facts.js'
import type { PolicyValues } from '../../policy/schema.js'
import { defineRule, type Hit, type Rule, type RuleContext } from '../define-rule.js'

// Scans (RULES.md, 四（一）1: 正向、清晰的原件扫描件). Every rule reads only the FileFacts of the
// inspection (src/inspect) and the policy's `scans:` values; the measures and why each threshold
// is what it is are in src/inspect/pixels.ts and the policy file.

type Scans = PolicyValues['scans']

/** Each inspected file that exists, with the manifest field that names it (for line/column). */
function inspected(ctx: RuleContext): Array<{ facts: FileFacts & { scan: NonNullable<FileFacts['scan']> }; at: string | undefined }> {
  const pointerOf = new Map<string, string>()
  for (const [pointer, rel] of ctx.resolved) if (!pointerOf.has(rel)) pointerOf.set(rel, pointer)
  const out = []
  for (const facts of ctx.facts.values()) {
    if (!facts.exists || !facts.scan) continue
    out.push({ facts: facts as FileFacts & { scan: NonNullable<FileFacts['scan']> }, at: pointerOf.get(facts.path) })
  }
  return out
}

/** Extension as the platform understands it: .jpeg and .jpe are .jpg. */
function normalExt(ext: string): string {
  return ext === 'jpeg' || ext === 'jpe' ? 'jpg' : ext
}

function typeLabel(ext: string): string {
  const names: Record<string, string> = { jpg: 'JPEG', docx: 'Word (DOCX)', doc: 'Word (DOC)', cfb: 'Office (DOC/XLS)', xlsx: 'Excel (XLSX)', heic: 'HEIC', webp: 'WebP', tif: 'TIFF' }
  return names[ext] ?? ext.toUpperCase()
}

function megabytes(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`
}

/** Pages whose pixels were measured, with the file they are in. */
function measuredPages(ctx: RuleContext): Array<{ file: FileFacts; page: PageFacts; px: PixelStats; at: string | undefined }> {
  const out = []
  for (const { facts, at } of inspected(ctx)) {
    if (!facts.scan.readable) continue
    for (const page of facts.scan.pages) {
      const px = page.scanImage?.pixels
      if (px) out.push({ file: facts, page, px, at })
    }
  }
  return out
}

/** Nothing on it: no text, and either nothing painted or a scan with no ink darker than the paper. */
export function isBlank(page: PageFacts, scans: Scans): boolean {
  if (page.textChars > 0) return false
  const px = page.scanImage?.pixels
  if (px) return px.ink < scans.blank_max_ink
  return !page.hasGraphics && page.scanImage === null
}

/** One line of text on an A4 page is 0.3 % of its pixels; below 0.2 % a page is a mark or two. */
const MIN_INK_FOR_CONTRAST = 0.002

/** Pixels too small to measure anything on (icons, 1×1 PNGs): resolution says enough. */
const MIN_MEASURED_PX = 64

function hitFor<M extends string>(messageId: M, file: FileFacts, at: string | undefined, page: number | undefined, data: Hit['data']): Hit<M> {
  const hit: Hit<M> = { messageId, file: file.path, data: { file: file.path, ...data } }
  if (page !== undefined && !isImageFile(file)) hit.page = page
  if (at !== undefined) hit.at = at
  return hit
}

export const scanUnreadable = defineRule({
  id: 'scan.unreadable',
  area: 'scan',
  severity: 'error',
  clause: '四（一）1',
  needsData: false,
  description: { zh: '扫描件无法打开：文件为空、被截断或已损坏', en: 'A scan cannot be opened: empty, truncated or corrupt' },
  messages: {
    empty: { zh: '{file} 是空文件（0 字节）', en: '{file} is empty (0 bytes)' },
    corrupt: { zh: '{file} 已损坏，无法打开（{detail}）', en: '{file} is corrupt and cannot be opened ({detail})' },
    truncated: { zh: '{file} 数据不完整（文件被截断），无法完整显示', en: '{file} is truncated: it stops before the end of the image' },
    tooManyPixels: { zh: '{file} 的图像尺寸过大（{detail}），无法检查，平台也可能无法显示', en: '{file} has an image too large to check ({detail}); the platform may not show it either' },
    notOpened: { zh: '{file} 有 {size}，超过检查上限，未打开检查', en: '{file} is {size}, over the inspection bound: not opened' },
    timeout: { zh: '{file} 检查超时（{detail}）：文件可能损坏或结构异常', en: '{file} timed out ({detail}): it may be corrupt or malformed' },
    crashed: { zh: '检查 {file} 时读取器出错（{detail}）：文件可能损坏', en: 'the reader failed on {file} ({detail}): it may be corrupt' },
    notAFile: { zh: '{file} 不是普通文件（{detail}），没有读取', en: '{file} is not a regular file ({detail}): not read' },
    permission: { zh: '{file} 没有读取权限（{detail}），无法打开', en: '{file} cannot be read: no permission ({detail})' },
  },
  fix: {
    zh: '从原件重新扫描或重新导出为 PDF/JPG，确认能在电脑上完整打开后再上传',
    en: 'scan the original again or export it again as PDF/JPG, and check that it opens in full before uploading',
  },
  examples: {
    fail: { zh: 'education:\n  diploma: files/学历证书.pdf   # 0 字节，或下载不完整', en: 'education:\n  diploma: files/学历证书.pdf   # 0 bytes, or a broken download' },
    pass: { zh: 'education:\n  diploma: files/学历证书.pdf   # 能在电脑上完整打开', en: 'education:\n  diploma: files/学历证书.pdf   # opens in full on a computer' },
    fromFiles: true,
  },
  check(ctx) {
    const ids = { empty: 'empty', corrupt: 'corrupt', truncated: 'truncated', 'limit-pixels': 'tooManyPixels', 'limit-bytes': 'notOpened', timeout: 'timeout', crashed: 'crashed', 'not-a-file': 'notAFile', permission: 'permission' } as const
    return inspected(ctx).flatMap(({ facts, at }) => {
      const u = facts.scan.unreadable
      if (!u || u.reason === 'password') return [] // scan.encrypted's
      return [hitFor(ids[u.reason], facts, at, undefined, { detail: u.detail, size: megabytes(facts.sizeBytes ?? 0) })]
    })
  },
})

export const scanTypeMismatch = defineRule({
  id: 'scan.type-mismatch',
  area: 'scan',
  severity: 'error',
  clause: '四（一）1',
  needsData: false,
  policy: ['scans.accepted_types'],
  description: {
    zh: '文件内容与扩展名不符，或不是平台接受的格式（如 HEIC、WEBP、Word 文档）',
    en: 'The bytes are not what the extension says, or not a type the platform takes (HEIC, WEBP, DOCX …)',
  },
  messages: {
    mismatch: { zh: '{file} 的扩展名是 .{declared}，实际内容是 {actual} 文件', en: '{file} is named .{declared} but is really a {actual} file' },
    unsupported: { zh: '{file} 是 {actual} 文件，平台只接受 {accepted}', en: '{file} is a {actual} file; the platform takes only {accepted}' },
    unknown: { zh: '{file} 的内容不是可识别的 {accepted} 文件', en: '{file} is not a recognisable {accepted} file' },
    polyglot: { zh: '{file} 同时也是一个 ZIP 压缩包（文件里藏着压缩包）', en: '{file} is also a ZIP archive (a zip is hidden in it)' },
  },
  fix: {
    mismatch: { zh: '把扩展名改为 .{real}，或用扫描软件重新导出为 .{declared}', en: 'rename it to .{real}, or export it again as .{declared}' },
    unsupported: { zh: '转换为 PDF 或 JPG 后上传（手机 HEIC 照片可在相册中导出为 JPG）', en: 'convert it to PDF or JPG (a phone HEIC photo can be exported as JPG)' },
    unknown: { zh: '从原件重新扫描为 PDF 或 JPG 后上传', en: 'scan the original again as PDF or JPG' },
    polyglot: { zh: '用“打印为 PDF”或重新扫描生成一个干净的文件后上传', en: 'make a clean file (print it to PDF, or scan again) and upload that' },
  },
  examples: {
    fail: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 其实是手机的 HEIC 照片', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # really a phone HEIC photo' },
    pass: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 真正的 JPEG 图片', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # a real JPEG image' },
    fromFiles: true,
  },
  check(ctx) {
    const accepted = ctx.policy.scans.accepted_types.map(normalExt)
    const acceptedText = accepted.map(typeLabel)
    return inspected(ctx).flatMap(({ facts, at }): Hit<'mismatch' | 'unsupported' | 'unknown' | 'polyglot'>[] => {
      if (facts.sizeBytes === 0) return [] // scan.unreadable: empty
      if (facts.scan.polyglot) return [hitFor('polyglot', facts, at, undefined, {})]
      const why = facts.scan.unreadable?.reason
      if (why === 'not-a-file' || why === 'permission') return [] // scan.unreadable: never read
      const real = facts.sniffed?.ext
      if (real === undefined) return [hitFor('unknown', facts, at, undefined, { accepted: acceptedText })]
      if (!accepted.includes(normalExt(real))) return [hitFor('unsupported', facts, at, undefined, { actual: typeLabel(real), accepted: acceptedText })]
      const declared = normalExt(facts.declaredExt)
      if (declared === normalExt(real)) return []
      return [hitFor('mismatch', facts, at, undefined, { declared: facts.declaredExt || '(none)', actual: typeLabel(real), real: normalExt(real) })]
    })
  },
})

export const scanEncrypted = defineRule({
  id: 'scan.encrypted',
  area: 'scan',
  severity: 'error',
  clause: '四（一）1',
  needsData: false,
  description: { zh: 'PDF 已加密或设有密码', en: 'The PDF is encrypted or password-protected' },
  messages: {
    password: { zh: '{file} 设有打开密码，评审时无法打开', en: '{file} needs a password to open; reviewers cannot open it' },
    encrypted: { zh: '{file} 已加密（{filter}，不需密码即可打开），平台可能拒收加密文件', en: '{file} is encrypted ({filter}; opens without a password); the platform may refuse encrypted files' },
  },
  fix: {
    zh: '取消加密后重新导出：在原软件中“另存为”不加密的 PDF，或“打印为 PDF”',
    en: 'remove the encryption: save it again as an unencrypted PDF, or print it to PDF',
  },
  examples: {
    fail: { zh: 'education:\n  diploma: files/学历证书.pdf   # 设了打开密码', en: 'education:\n  diploma: files/学历证书.pdf   # needs a password to open' },
    pass: { zh: 'education:\n  diploma: files/学历证书.pdf   # 没有加密', en: 'education:\n  diploma: files/学历证书.pdf   # not encrypted' },
    fromFiles: true,
  },
  check(ctx) {
    return inspected(ctx).flatMap(({ facts, at }): Hit<'password' | 'encrypted'>[] => {
      const e = facts.scan.encrypted
      if (!e) return []
      return [e.needsPassword ? hitFor('password', facts, at, undefined, {}) : hitFor('encrypted', facts, at, undefined, { filter: e.filter ?? 'Standard' })]
    })
  },
})

/** How far the page shows turned clockwise, and what says so. */
export function pageTurn(page: PageFacts): { deg: number; by: 'pageRotate' | 'text' | 'image' } | null {
  // Content drawn turned in user space and /Rotate add up: a landscape page drawn sideways with
  // /Rotate 90 shows upright, and is left alone.
  const text = page.textRotationDeg
  const image = page.scanImage?.placementDeg ?? null
  const content = text ?? (page.scanImage ? image : null)
  const shown = ((content ?? 0) + page.rotateDeg) % 360
  if (shown === 0) return null
  if (!content) return { deg: shown, by: 'pageRotate' }
  return { deg: shown, by: text !== null ? 'text' : 'image' }
}

export const scanRotated = defineRule({
  id: 'scan.rotated',
  area: 'scan',
  severity: 'error',
  clause: '四（一）1',
  needsData: false,
  description: {
    zh: '页面不是正向：PDF 页面旋转（/Rotate）、图片 EXIF 方向标记，或文字横躺、倒置（加 --deep 时也看扫描图像上的文字）',
    en: 'A page is not upright: PDF /Rotate, EXIF orientation, or text running sideways or upside down (with --deep, also the text on scanned images)',
  },
  messages: {
    pageRotate: { zh: '{file} 第 {page} 页设置了旋转 {deg}°，显示时不是正向', en: '{file} page {page} is set to turn {deg}° and does not show upright' },
    text: { zh: '{file} 第 {page} 页的文字不是正向（顺时针转了 {deg}°）', en: '{file} page {page}: the text shows turned {deg}° clockwise' },
    image: { zh: '{file} 第 {page} 页的扫描图像不是正向（顺时针转了 {deg}°）', en: '{file} page {page}: the scan shows turned {deg}° clockwise' },
    ocr: {
      zh: '{file} 第 {page} 页的扫描图像不是正向（顺时针转了 {deg}°）：文字识别把它转正后才读得出',
      en: '{file} page {page}: the scan shows turned {deg}° clockwise; OCR reads it only turned back',
    },
    ocrImage: {
      zh: '{file} 不是正向（顺时针转了 {deg}°）：文字识别把它转正后才读得出',
      en: '{file} shows turned {deg}° clockwise; OCR reads it only turned back',
    },
    exif: {
      zh: '{file} 的 EXIF 方向标记为 {orientation}，要旋转或翻转才是正向；平台可能按原样显示',
      en: '{file} has EXIF orientation {orientation}: it must be turned or flipped to show upright, and the platform may show it as stored',
    },
  },
  fix: {
    pageRotate: { zh: '在 PDF 软件中把第 {page} 页转正后另存', en: 'turn page {page} upright in a PDF editor and save' },
    text: { zh: '把第 {page} 页转正（逆时针转 {deg}°）后另存，或重新正向扫描', en: 'turn page {page} back {deg}° and save, or scan it again upright' },
    image: { zh: '把第 {page} 页转正（逆时针转 {deg}°）后另存，或重新正向扫描', en: 'turn page {page} back {deg}° and save, or scan it again upright' },
    ocr: { zh: '把第 {page} 页转正（逆时针转 {deg}°）后另存，或重新正向扫描', en: 'turn page {page} back {deg}° and save, or scan it again upright' },
    ocrImage: { zh: '在图片软件中把图片逆时针转 {deg}° 后另存，或重新正向拍摄、扫描', en: 'turn the image back {deg}° in an image editor and save it, or take it again upright' },
    exif: { zh: '在图片软件中把图片转正后另存（保存后方向标记为 1）', en: 'turn the image upright in an image editor and save it (orientation 1)' },
  },
  examples: {
    fail: { zh: 'education:\n  degree: files/学位证书.pdf   # 第 1 页横着扫描', en: 'education:\n  degree: files/学位证书.pdf   # page 1 scanned sideways' },
    pass: { zh: 'education:\n  degree: files/学位证书.pdf   # 每页都是正向', en: 'education:\n  degree: files/学位证书.pdf   # every page upright' },
    fromFiles: true,
  },
  check(ctx) {
    const hits: Hit<'pageRotate' | 'text' | 'image' | 'ocr' | 'ocrImage' | 'exif'>[] = []
    for (const { facts, at } of inspected(ctx)) {
      const o = facts.scan.exif?.orientation
      // 0 is not a valid value: readers treat it as 1 (upright).
      const exif = o !== undefined && o !== null && o >= 2 && o <= 8
      if (exif) hits.push(hitFor('exif', facts, at, undefined, { orientation: o }))
      for (const page of facts.scan.pages) {
        const turn = pageTurn(page)
        if (turn) hits.push(hitFor(turn.by, facts, at, page.page, { page: page.page, deg: turn.deg }))
        // --deep: text that reads only when the page is turned (a scan sideways in its pixels,
        // which neither /Rotate nor EXIF says), unless the page is already reported turned.
        else if (!exif && page.ocr?.status === 'read' && page.ocr.turnedDeg) {
          hits.push(hitFor(isImageFile(facts) ? 'ocrImage' : 'ocr', facts, at, page.page, { page: page.page, deg: page.ocr.turnedDeg }))
        }
      }
    }
    return hits
  },
})

export const scanLowResolution = defineRule({
  id: 'scan.low-resolution',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  policy: ['scans.min_dpi'],
  description: {
    zh: '扫描分辨率低于要求（按页面实际尺寸计算，图片按 A4 纸面计算）',
    en: 'A scanned page is below the minimum resolution at its physical size (A4 assumed for images)',
  },
  messages: {
    page: { zh: '{file} 第 {page} 页的扫描图像约 {dpi} dpi，低于 {min} dpi', en: '{file} page {page}: the scan is about {dpi} dpi, below {min} dpi' },
    image: {
      zh: '{file} 只有 {width}×{height} 像素，按 A4 纸面约 {dpi} dpi，低于 {min} dpi',
      en: '{file} is only {width}×{height} pixels: about {dpi} dpi on an A4 page, below {min} dpi',
    },
  },
  fix: { zh: '用不低于 {min} dpi（建议 300 dpi）重新扫描原件', en: 'scan the original again at {min} dpi or more (300 dpi is best)' },
  examples: {
    fail: { zh: 'education:\n  diploma: files/学历证书.pdf   # 72 dpi 扫描', en: 'education:\n  diploma: files/学历证书.pdf   # scanned at 72 dpi' },
    pass: { zh: 'education:\n  diploma: files/学历证书.pdf   # 300 dpi 扫描', en: 'education:\n  diploma: files/学历证书.pdf   # scanned at 300 dpi' },
    fromFiles: true,
  },
  check(ctx) {
    const min = ctx.policy.scans.min_dpi
    const hits: Hit<'page' | 'image'>[] = []
    for (const { facts, at } of inspected(ctx)) {
      for (const page of facts.scan.pages) {
        const s = page.scanImage
        if (!s) continue
        const dpi = Math.min(s.dpiX, s.dpiY)
        if (dpi >= min) continue
        hits.push(
          isImageFile(facts)
            ? hitFor('image', facts, at, undefined, { width: s.widthPx, height: s.heightPx, dpi: Math.round(dpi), min })
            : hitFor('page', facts, at, page.page, { page: page.page, dpi: Math.round(dpi), min }),
        )
      }
    }
    return hits
  },
})

export const scanBlurry = defineRule({
  id: 'scan.blurry',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  policy: ['scans.max_blur'],
  description: { zh: '扫描件模糊、失焦', en: 'A scanned page is out of focus' },
  messages: {
    page: { zh: '{file} 第 {page} 页模糊（模糊度 {blur}，上限 {max}）', en: '{file} page {page} is blurred (blur {blur}, limit {max})' },
    image: { zh: '{file} 模糊（模糊度 {blur}，上限 {max}）', en: '{file} is blurred (blur {blur}, limit {max})' },
  },
  fix: {
    zh: '把原件放平、对准焦点后重新扫描或拍照（扫描仪比手机清晰）',
    en: 'lay the original flat and scan or photograph it again in focus (a scanner beats a phone)',
  },
  examples: {
    fail: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 手机拍摄，失焦', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # a phone photo, out of focus' },
    pass: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 扫描仪扫描，字迹清楚', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # from a scanner, sharp' },
    fromFiles: true,
  },
  check(ctx) {
    const { max_blur: max } = ctx.policy.scans
    return measuredPages(ctx).flatMap(({ file, page, px, at }): Hit<'page' | 'image'>[] => {
      if (px.widthPx < MIN_MEASURED_PX || px.heightPx < MIN_MEASURED_PX) return []
      if (isBlank(page, ctx.policy.scans) || px.blur <= max) return []
      const data = { blur: px.blur, max }
      return [isImageFile(file) ? hitFor('image', file, at, undefined, data) : hitFor('page', file, at, page.page, { ...data, page: page.page })]
    })
  },
})

export const scanBlankPage = defineRule({
  id: 'scan.blank-page',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  policy: ['scans.blank_max_ink'],
  description: { zh: '空白页', en: 'A page is blank' },
  messages: {
    page: { zh: '{file} 第 {page} 页是空白页', en: '{file} page {page} is blank' },
    image: { zh: '{file} 是一张空白图片', en: '{file} is a blank image' },
  },
  fix: {
    page: { zh: '删除空白页；如果应有内容，检查是否扫描了原件的正确一面', en: 'remove the blank page, or check that the right side of the original was scanned' },
    image: { zh: '检查是否上传错了文件，或扫描了原件的背面', en: 'check the file, or whether the back of the original was scanned' },
  },
  examples: {
    fail: { zh: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # 第 2 页是空白的背面', en: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # page 2 is the blank back' },
    pass: { zh: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # 只有有内容的页', en: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # only pages with content' },
    fromFiles: true,
  },
  check(ctx) {
    const hits: Hit<'page' | 'image'>[] = []
    for (const { facts, at } of inspected(ctx)) {
      if (!facts.scan.readable) continue
      for (const page of facts.scan.pages) {
        const px = page.scanImage?.pixels
        if (px && (px.widthPx < MIN_MEASURED_PX || px.heightPx < MIN_MEASURED_PX)) continue
        if (!isBlank(page, ctx.policy.scans)) continue
        hits.push(isImageFile(facts) ? hitFor('image', facts, at, undefined, {}) : hitFor('page', facts, at, page.page, { page: page.page }))
      }
    }
    return hits
  },
})

export const scanExposure = defineRule({
  id: 'scan.exposure',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  policy: ['scans.dark_max_paper', 'scans.washed_out_max_contrast'],
  description: { zh: '扫描件过暗或过淡（字迹与纸色对比不足）', en: 'A page is too dark or washed out' },
  messages: {
    darkPage: { zh: '{file} 第 {page} 页过暗（纸面亮度 {paper}，应不低于 {min}）', en: '{file} page {page} is too dark (paper brightness {paper}, at least {min} expected)' },
    darkImage: { zh: '{file} 过暗（纸面亮度 {paper}，应不低于 {min}）', en: '{file} is too dark (paper brightness {paper}, at least {min} expected)' },
    washedPage: { zh: '{file} 第 {page} 页字迹过淡（与纸色对比 {contrast}，应不低于 {min}）', en: '{file} page {page} is washed out (ink contrast {contrast}, at least {min} expected)' },
    washedImage: { zh: '{file} 字迹过淡（与纸色对比 {contrast}，应不低于 {min}）', en: '{file} is washed out (ink contrast {contrast}, at least {min} expected)' },
  },
  fix: {
    zh: '在光线均匀处重新扫描，用“文档”或“黑白”模式，不要调高亮度',
    en: 'scan it again in even light, in document or black-and-white mode, without raising the brightness',
  },
  examples: {
    fail: { zh: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # 灯光昏暗下拍摄，纸面发灰', en: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # photographed in dim light, grey paper' },
    pass: { zh: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # 光线均匀，白纸黑字', en: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # even light, black on white' },
    fromFiles: true,
  },
  check(ctx) {
    const s = ctx.policy.scans
    return measuredPages(ctx).flatMap(({ file, page, px, at }): Hit<'darkPage' | 'darkImage' | 'washedPage' | 'washedImage'>[] => {
      if (px.widthPx < MIN_MEASURED_PX || px.heightPx < MIN_MEASURED_PX) return []
      const img = isImageFile(file)
      const onPage = { page: page.page }
      if (px.p90 < s.dark_max_paper) {
        const data = { paper: px.p90, min: s.dark_max_paper }
        return [img ? hitFor('darkImage', file, at, undefined, data) : hitFor('darkPage', file, at, page.page, { ...data, ...onPage })]
      }
      if (isBlank(page, s)) return [] // scan.blank-page's
      // Faintness needs something to judge: at least a line of text's worth of marks.
      if (px.ink < MIN_INK_FOR_CONTRAST) return []
      const contrast = Math.round((px.p90 - px.inkLuma) * 1000) / 1000
      if (contrast >= s.washed_out_max_contrast) return []
      const data = { contrast, min: s.washed_out_max_contrast }
      return [img ? hitFor('washedImage', file, at, undefined, data) : hitFor('washedPage', file, at, page.page, { ...data, ...onPage })]
    })
  },
})

export const scanTooLarge = defineRule({
  id: 'scan.too-large',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  policy: ['scans.max_file_bytes'],
  description: { zh: '文件超过平台上传上限', en: 'The file is larger than the platform accepts' },
  messages: {
    bytes: { zh: '{file} 有 {size}，超过平台单个文件上限 {max}', en: '{file} is {size}, over the platform limit of {max}' },
    pages: { zh: '{file} 有 {pages} 页，只检查了前 {checked} 页', en: '{file} has {pages} pages; only the first {checked} were checked' },
  },
  fix: {
    bytes: {
      zh: '降低扫描分辨率到 200–300 dpi、用 JPEG 压缩或黑白模式重新生成，或拆分为多个文件',
      en: 'scan again at 200–300 dpi with JPEG compression or in black and white, or split the file',
    },
    pages: { zh: '一个文件只放一份材料，拆分后分别上传', en: 'keep one document per file: split it' },
  },
  examples: {
    fail: { zh: 'achievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }   # 600 dpi 彩色扫描，25 MB', en: 'achievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }   # 600 dpi colour, 25 MB' },
    pass: { zh: 'achievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }   # 300 dpi，2 MB', en: 'achievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }   # 300 dpi, 2 MB' },
    fromFiles: true,
  },
  check(ctx) {
    const max = ctx.policy.scans.max_file_bytes
    const hits: Hit<'bytes' | 'pages'>[] = []
    for (const { facts, at } of inspected(ctx)) {
      const size = facts.sizeBytes ?? 0
      if (size > max) hits.push(hitFor('bytes', facts, at, undefined, { size: megabytes(size), max: megabytes(max) }))
      const s = facts.scan
      if (s.limit) {
        hits.push(hitFor('pages', facts, at, undefined, { pages: s.pageCount ?? 0, checked: s.pagesInspected ?? s.pages.length }))
      }
    }
    return hits
  },
})

export const scanDamaged = defineRule({
  id: 'scan.damaged',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  description: {
    zh: 'PDF 有损坏之处（结构要修复才能打开，或对象、字体、图像损坏）：平台的阅读器可能显示不全或显示错误',
    en: 'A PDF is damaged (its structure had to be repaired to open, or an object, font or image is broken): the platform’s viewer may show it wrong',
  },
  messages: {
    repaired: {
      zh: '{file} 的文件结构已损坏（对象索引缺失或错误），要修复后才能打开：平台的阅读器可能打不开或显示不全（{detail}）',
      en: '{file} has a damaged structure (a missing or broken object index) and opens only after repair: the platform’s viewer may not open it or show it in full ({detail})',
    },
    damaged: {
      zh: '{file} 有损坏的内容（{detail}）：平台的阅读器可能显示不全或显示错误',
      en: '{file} has damaged content ({detail}): the platform’s viewer may show it wrong or incompletely',
    },
  },
  fix: {
    zh: '用原来的软件重新导出（“另存为 PDF”），或重新扫描；导出后在电脑上完整打开，逐页看一遍再上传',
    en: 'export it again from the program that made it ("Save as PDF"), or scan it again; open the new file and look through every page before uploading',
  },
  examples: {
    fail: { zh: 'education:\n  diploma: files/学历证书.pdf   # 下载不完整后又被修复过的 PDF', en: 'education:\n  diploma: files/学历证书.pdf   # a PDF damaged in a broken download' },
    pass: { zh: 'education:\n  diploma: files/学历证书.pdf   # 扫描软件正常导出的 PDF', en: 'education:\n  diploma: files/学历证书.pdf   # exported normally by the scanner app' },
    fromFiles: true,
  },
  check(ctx) {
    return inspected(ctx).flatMap(({ facts, at }) => {
      const s = facts.scan
      if (s.kind !== 'pdf' || !s.readable || (!s.repaired && !s.damaged)) return []
      const detail = (s.damaged ?? []).join('; ') || 'pdf.js: Indexing all PDF objects'
      return [hitFor(s.repaired ? 'repaired' : 'damaged', facts, at, undefined, { detail })]
    })
  },
})

/** Page numbers as a reader writes them: "1–3, 5". */
export function pageList(pages: readonly number[]): string {
  const out: string[] = []
  for (let i = 0; i < pages.length; ) {
    let j = i
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++
    out.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]))
    i = j + 1
  }
  return out.join(', ')
}

export const scanOcrFailed = defineRule({
  id: 'scan.ocr-failed',
  area: 'scan',
  severity: 'warning',
  clause: '四（一）3',
  needsData: false,
  description: {
    zh: '扫描页的文字识别没有完成（超时、内存不足或识别出错）：这些页没有检查姓名和单位，盲评检查不完整',
    en: 'OCR could not read a scanned page (time, memory or a model failure): the page was not checked for the name or employer, so the blind-review check is incomplete',
  },
  messages: {
    pages: {
      zh: '{file} 第 {pages} 页的扫描图像没有识别完成（{detail}），这些页没有检查姓名和单位',
      en: '{file} page(s) {pages}: OCR could not read the scan ({detail}); not checked for the name or employer',
    },
    image: {
      zh: '{file} 的图像没有识别完成（{detail}），没有检查其中的姓名和单位',
      en: '{file}: OCR could not read the image ({detail}); not checked for the name or employer',
    },
  },
  fix: {
    zh: '再检查一次（机器繁忙时加 --jobs 1）；仍然读不出时，请自己逐页确认姓名、照片和单位都已遮盖，或重新扫描成清晰、大小适中的页面',
    en: 'check again (with --jobs 1 on a busy machine); if it still cannot be read, make sure yourself that name, photo and employer are covered on every page, or scan it again clearly at a normal size',
  },
  examples: {
    fail: { zh: 'education:\n  diploma: files/学历证书.pdf   # 识别超时的扫描页', en: 'education:\n  diploma: files/学历证书.pdf   # a scanned page OCR ran out of time on' },
    pass: { zh: 'education:\n  diploma: files/学历证书.pdf   # 每一页都识别完成', en: 'education:\n  diploma: files/学历证书.pdf   # every page read' },
    fromFiles: true,
  },
  check(ctx) {
    const hits: Hit<'pages' | 'image'>[] = []
    for (const { facts, at } of inspected(ctx)) {
      // Read without OCR (--no-ocr): the verdict says so; nothing failed.
      if (!facts.scan.readable || !facts.scan.ocr) continue
      const unread = facts.scan.pages.filter((p) => isImageOnlyPage(p) && p.ocr?.status !== 'read')
      if (unread.length === 0) continue
      const first = unread.map((p) => p.ocr).find((o) => o !== undefined)
      const detail = first?.status === 'timeout' || first?.status === 'failed' ? first.detail : 'not read'
      const pages = pageList(unread.map((p) => p.page))
      hits.push(hitFor(isImageFile(facts) ? 'image' : 'pages', facts, at, isImageFile(facts) ? undefined : unread[0]!.page, { pages, detail }))
    }
    return hits
  },
})

// Rules of this area, in RULES.md order.
export const scanRules: Rule[] = [
  scanUnreadable,
  scanTypeMismatch,
  scanEncrypted,
  scanRotated,
  scanLowResolution,
  scanBlurry,
  scanBlankPage,
  scanExposure,
  scanTooLarge,
  scanDamaged,
  scanOcrFailed,
]
