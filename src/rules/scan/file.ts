import { isImageFile, isImageOnlyPage } from '../../inspect/facts.js'
import { defineRule, type Hit, type Rule } from '../define-rule.js'
import { hitFor, megabytes, normalExt, typeLabel } from './common.js'

// Scans as files (RULES.md, 四（一）1): readable, of an accepted type, not encrypted, not too large,
// not damaged, read by OCR. Every rule reads only the FileFacts of the inspection (src/inspect) and
// the policy's `scans:` values.

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
    return ctx.files().flatMap(({ facts, at }) => {
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
    return ctx.files().flatMap(({ facts, at }): Hit<'mismatch' | 'unsupported' | 'unknown' | 'polyglot'>[] => {
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
    return ctx.files().flatMap(({ facts, at }): Hit<'password' | 'encrypted'>[] => {
      const e = facts.scan.encrypted
      if (!e) return []
      return [e.needsPassword ? hitFor('password', facts, at, undefined, {}) : hitFor('encrypted', facts, at, undefined, { filter: e.filter ?? 'Standard' })]
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
    for (const { facts, at } of ctx.files()) {
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
    return ctx.files().flatMap(({ facts, at }) => {
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
    for (const { facts, at } of ctx.files()) {
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

export const scanFileRules: Rule[] = [scanUnreadable, scanTypeMismatch, scanEncrypted, scanTooLarge, scanDamaged, scanOcrFailed]
