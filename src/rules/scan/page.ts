import { isImageFile, type PageFacts } from '../../inspect/facts.js'
import { defineRule, type Hit, type Rule } from '../define-rule.js'
import { MIN_INK_FOR_CONTRAST, MIN_MEASURED_PX, hitFor, isBlank, measuredPages } from './common.js'

// Scans as pages (RULES.md, 四（一）1: 正向、清晰的原件扫描件): upright, sharp, not blank, well
// exposed, of enough resolution. Every rule reads only the FileFacts of the
// inspection (src/inspect) and the policy's `scans:` values; the measures and why each threshold
// is what it is are in src/inspect/pixels.ts and the policy file.

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
    for (const { facts, at } of ctx.files()) {
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
    for (const { facts, at } of ctx.files()) {
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
    for (const { facts, at } of ctx.files()) {
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

export const scanPageRules: Rule[] = [scanRotated, scanLowResolution, scanBlurry, scanBlankPage, scanExposure]
