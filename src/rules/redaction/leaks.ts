import { isImageFile, type Box, type MetadataField, type OcrLine } from '../../inspect/facts.js'
import { defineRule, type Hit, type Rule } from '../define-rule.js'
import { fileHit } from '../shared/file-hit.js'
import { firstOfEachKind, joined, leakOf, masked, pagesOf, partsOf, place, termsOf, union, type Leak } from './common.js'
import { findIdentity, isMaskOnly, maskIdentity, normalise, prepare, type IdentityHit, type IdentityTerm } from '../../identity/match.js'

// 四（一）3, blind review: where the applicant's name or employer hides in the files themselves
// (RULES.md, Blind review). Inspection stores what a matcher needs (file names, metadata strings,
// the text layer run by run, text under boxes, OCR lines); the matching of this applicant's name
// is done here (src/identity/match.ts), so facts stay applicant-independent and cacheable.
// No finding prints the name or employer: they go through secret() (欧**), file names through
// maskHits, and run-rules scrubs every text once more.

// ---------------------------------------------------------------------------------------------

export const redactionFilenameLeak = defineRule({
  id: 'redaction.filename-leak',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评：文件名含有申报人姓名或工作单位（含其他写法）',
    en: 'Blind review: a file name contains the applicant’s name or employer (or a variant)',
  },
  messages: {
    name: { zh: '{file} 的文件名含有申报人姓名（{masked}）', en: 'the file name of {file} contains the applicant’s name ({masked})' },
    employer: { zh: '{file} 的文件名含有工作单位（{masked}）', en: 'the file name of {file} contains the employer ({masked})' },
    personal: { zh: '{file} 的文件名含有申报人的{masked}', en: 'the file name of {file} contains the applicant’s {masked}' },
  },
  fix: {
    zh: '把文件改名为只说明材料内容的名称（如“学历证书.pdf”），并同步修改清单中的路径',
    en: 'rename the file after what it is (e.g. 学历证书.pdf) and change its path in the manifest',
  },
  examples: {
    fail: { zh: 'education:\n  diploma: files/欧阳明远学历证书.pdf   # 文件名含姓名', en: 'education:\n  diploma: files/欧阳明远学历证书.pdf   # the name is in the file name' },
    pass: 'education:\n  diploma: files/学历证书.pdf',
  },
  check(ctx) {
    const terms = termsOf(ctx)
    const hits: Hit<Leak>[] = []
    const seen = new Set<string>()
    for (const [pointer, rel] of ctx.resolved) {
      if (seen.has(rel)) continue
      seen.add(rel)
      // The platform receives the file, not its folders: only the file's own name travels with it.
      const base = rel.split('/').at(-1)!
      const found = firstOfEachKind(findIdentity(base, terms))
      const shown = maskIdentity(rel, terms)
      for (const h of found) hits.push(fileHit(leakOf(h), shown, pointer, undefined, { masked: masked(h) }))
    }
    return hits
  },
})

/** Fields that a person fills in on the page (comments, form fields), not document properties. */
const isAnnotationField = (f: MetadataField) => f.field.startsWith('Annotation ') || f.field.startsWith('Form field')

const PDF_CLEAN = 'exiftool -all:all= -overwrite_original <file>.pdf && qpdf --linearize <file>.pdf <new>.pdf'
const IMAGE_CLEAN = 'exiftool -all= -overwrite_original <file>'

const PDF_FIX = {
  zh: '清除 PDF 的元数据后再上传：{command}（ExifTool 改 PDF 只追加一次修订，旧值仍留在文件里，用 qpdf 重写后才真正去掉）；或在 Word/WPS 的“文件→属性”里删去作者、单位后重新导出 PDF',
  en: 'clear the PDF’s metadata before upload: {command} (ExifTool only appends a revision to a PDF and the old values stay in it; rewriting it with qpdf drops them); or delete the author and company in Word/WPS File → Properties and export the PDF again',
}
const IMAGE_FIX = {
  zh: '清除图片的元数据（EXIF、XMP、IPTC）后再上传：{command}；或用图片软件“另存为”新图片时不保留元数据（Windows：文件属性→详细信息→删除属性和个人信息）',
  en: 'clear the image’s metadata (EXIF, XMP, IPTC) before upload: {command}; or save a copy without metadata (Windows: Properties → Details → Remove Properties and Personal Information)',
}
const ANNOTATION_FIX = {
  zh: '删除该批注或清空该表单域后另存；或“打印为 PDF”得到不含批注和表单的文件',
  en: 'delete the annotation or clear the form field and save; or print to PDF to get a file without annotations and forms',
}

type MetadataMessage = `${'pdf' | 'image' | 'annotation'}${'Name' | 'Employer' | 'Personal'}`

export const redactionMetadataLeak = defineRule({
  id: 'redaction.metadata-leak',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评：PDF 属性（Info/XMP，含旧修订）、批注，或图片 EXIF/XMP/IPTC 含有申报人姓名或工作单位',
    en: 'Blind review: PDF Info/XMP (earlier revisions too), annotations, or image EXIF/XMP/IPTC contain the applicant’s name or employer',
  },
  messages: {
    pdfName: { zh: '{file} 的元数据 {field} 含有申报人姓名（{masked}）', en: 'the metadata field {field} of {file} contains the applicant’s name ({masked})' },
    pdfEmployer: { zh: '{file} 的元数据 {field} 含有工作单位（{masked}）', en: 'the metadata field {field} of {file} contains the employer ({masked})' },
    imageName: { zh: '{file} 的元数据 {field} 含有申报人姓名（{masked}）', en: 'the metadata field {field} of {file} contains the applicant’s name ({masked})' },
    imageEmployer: { zh: '{file} 的元数据 {field} 含有工作单位（{masked}）', en: 'the metadata field {field} of {file} contains the employer ({masked})' },
    annotationName: { zh: '{file} 的批注或表单域 {field} 含有申报人姓名（{masked}）', en: 'the annotation or form field {field} of {file} contains the applicant’s name ({masked})' },
    annotationEmployer: { zh: '{file} 的批注或表单域 {field} 含有工作单位（{masked}）', en: 'the annotation or form field {field} of {file} contains the employer ({masked})' },
    pdfPersonal: { zh: '{file} 的元数据 {field} 含有申报人的{masked}', en: 'the metadata field {field} of {file} contains the applicant’s {masked}' },
    imagePersonal: { zh: '{file} 的元数据 {field} 含有申报人的{masked}', en: 'the metadata field {field} of {file} contains the applicant’s {masked}' },
    annotationPersonal: { zh: '{file} 的批注或表单域 {field} 含有申报人的{masked}', en: 'the annotation or form field {field} of {file} contains the applicant’s {masked}' },
  },
  fix: {
    pdfName: PDF_FIX,
    pdfEmployer: PDF_FIX,
    imageName: IMAGE_FIX,
    imageEmployer: IMAGE_FIX,
    annotationName: ANNOTATION_FIX,
    annotationEmployer: ANNOTATION_FIX,
    pdfPersonal: PDF_FIX,
    imagePersonal: IMAGE_FIX,
    annotationPersonal: ANNOTATION_FIX,
  },
  examples: {
    fail: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 照片的 EXIF Artist 写着申报人姓名', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # the photo’s EXIF Artist holds the applicant’s name' },
    pass: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 元数据已清除', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # metadata cleared' },
    fromFiles: true,
  },
  check(ctx) {
    const terms = termsOf(ctx)
    const hits: Hit<MetadataMessage>[] = []
    for (const { facts, at } of ctx.files()) {
      const fields = facts.scan.metadata ?? []
      const file = maskIdentity(facts.path, terms)
      const image = isImageFile(facts)
      const command = image ? `${IMAGE_CLEAN}.${facts.declaredExt || 'jpg'}` : PDF_CLEAN
      for (const f of fields) {
        for (const h of firstOfEachKind(findIdentity(f.value, terms))) {
          const where = isAnnotationField(f) ? 'annotation' : image ? 'image' : 'pdf'
          const id = `${where}${h.kind === 'name' ? 'Name' : h.kind === 'employer' ? 'Employer' : 'Personal'}` as MetadataMessage
          hits.push(fileHit(id, file, at, undefined, { field: f.field, masked: masked(h), command }))
        }
      }
    }
    return hits
  },
})

export const redactionTextLeak = defineRule({
  id: 'redaction.text-leak',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评：PDF 文字层含有申报人姓名或工作单位（忽略空格、换行、全角半角和繁简差别）',
    en: 'Blind review: a PDF’s text layer contains the applicant’s name or employer (spaces, line breaks, full/half width and Traditional forms ignored)',
  },
  messages: {
    name: { zh: '{file} 第 {page} 页的文字层含有申报人姓名（{masked}），共 {count} 处，可被选中复制', en: '{file} page {page}: the text layer contains the applicant’s name ({masked}), {count} time(s), and can be selected and copied' },
    employer: { zh: '{file} 第 {page} 页的文字层含有工作单位（{masked}），共 {count} 处，可被选中复制', en: '{file} page {page}: the text layer contains the employer ({masked}), {count} time(s), and can be selected and copied' },
    personal: { zh: '{file} 第 {page} 页的文字层含有申报人的{masked}，共 {count} 处，可被选中复制', en: '{file} page {page}: the text layer contains the applicant’s {masked}, {count} time(s), and can be selected and copied' },
  },
  fix: {
    zh: '在原文件中把第 {page} 页的姓名、单位改为已遮盖的写法（如“欧**”“████”）后重新导出 PDF；或用 PDF 软件的“涂黑/密文（Redact）”功能并“应用”，真正删除这些文字（只画黑框不能删除文字）；或把该页“打印为图像 PDF”（扁平化）',
    en: 'change the name and employer on page {page} to their masked form (欧**, ████) in the original and export the PDF again; or use the PDF editor’s Redact tool and apply it, which deletes the text (a drawn box does not); or print the page to an image PDF (flatten it)',
  },
  examples: {
    fail: { zh: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # Word 导出的 PDF，落款写着全名', en: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # exported from Word, signed with the full name' },
    pass: { zh: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # 落款为“欧**”', en: 'attachments:\n  commitment: files/附件/个人承诺书.pdf   # signed 欧**' },
    fromFiles: true,
  },
  check(ctx) {
    const terms = termsOf(ctx)
    const hits: Hit<Leak>[] = []
    for (const { at, file, page } of pagesOf(ctx, terms)) {
      if (!page.text || page.text.length === 0) continue
      const all = findIdentity(prepare(joined(page.text.map((r) => r.s)).text), terms)
      for (const h of firstOfEachKind(all)) {
        const count = all.filter((x) => x.kind === h.kind).length
        hits.push(fileHit(leakOf(h), file, at, page.page, { page: page.page, masked: masked(h), count }))
      }
    }
    return hits
  },
})

/** More boxes with text under them on one page are reported as one finding. */
const MAX_BOXES_LISTED = 3

/** Text under a box that hides nothing worth hiding: spaces, a mask (████, XXXX), one repeated character, no letter or digit. */
function isEmptyCover(text: string): boolean {
  const t = text.replace(/\s+/gu, '')
  if (t === '' || isMaskOnly(t)) return true
  if ([...t].length > 1 && new Set([...t]).size === 1) return true // x-ray: XXXXXX, ------
  return !/[\p{L}\p{N}]/u.test(t)
}

export const redactionCoveredText = defineRule({
  id: 'redaction.covered-text',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评：遮盖框画在文字上面，框下的文字仍可选中复制（遮盖无效）',
    en: 'Blind review: a box is drawn over text that can still be selected and copied (a failed redaction)',
  },
  messages: {
    covered: {
      zh: '{file} 第 {page} 页的遮盖框下仍有可复制的文字（{count} 个字符，含“{first}”），位置：距页面左上角 {x}×{y} mm，框宽 {w} mm',
      en: '{file} page {page}: text can still be copied from under a box ({count} characters, “{first}” among them), {x}×{y} mm from the top left, {w} mm wide',
    },
    name: {
      zh: '{file} 第 {page} 页的遮盖框下仍有可复制的申报人姓名（{masked}），位置：距页面左上角 {x}×{y} mm',
      en: '{file} page {page}: the applicant’s name ({masked}) can still be copied from under a box, {x}×{y} mm from the top left',
    },
    employer: {
      zh: '{file} 第 {page} 页的遮盖框下仍有可复制的工作单位（{masked}），位置：距页面左上角 {x}×{y} mm',
      en: '{file} page {page}: the employer ({masked}) can still be copied from under a box, {x}×{y} mm from the top left',
    },
    personal: {
      zh: '{file} 第 {page} 页的遮盖框下仍有可复制的申报人{masked}，位置：距页面左上角 {x}×{y} mm',
      en: '{file} page {page}: the applicant’s {masked} can still be copied from under a box, {x}×{y} mm from the top left',
    },
    many: {
      zh: '{file} 第 {page} 页有 {boxes} 个遮盖框下仍有可复制的文字（共 {count} 个字符），最上面一个在距页面左上角 {x}×{y} mm 处',
      en: '{file} page {page}: text can still be copied from under {boxes} boxes ({count} characters in all), the topmost {x}×{y} mm from the top left',
    },
    redactAnnotation: {
      zh: '{file} 第 {page} 页有未应用的“密文/涂黑”标记，标记下的文字（{count} 个字符）没有删除，位置：距页面左上角 {x}×{y} mm',
      en: '{file} page {page}: a Redact annotation was never applied; the {count} characters under it are still there, {x}×{y} mm from the top left',
    },
  },
  fix: {
    zh: '用 PDF 软件的“涂黑/密文（Redact）”功能标记后点“应用”，它会删除框下的文字；或把第 {page} 页“打印为图像 PDF”（扁平化）后再上传。只画黑框、白框或贴图都不能删除下面的文字',
    en: 'mark it with the PDF editor’s Redact tool and apply it, which deletes the text under the box; or print page {page} to an image PDF (flatten it). A drawn box or pasted image leaves the text underneath',
  },
  examples: {
    fail: { zh: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # 姓名上只画了黑框，框下文字仍可复制', en: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # a black box drawn over the name; the text under it copies' },
    pass: { zh: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # 用“密文”功能真正删除了姓名', en: 'attachments:\n  recommendation: files/附件/单位推荐意见.pdf   # the name removed with a real redaction' },
    fromFiles: true,
  },
  check(ctx) {
    const terms = termsOf(ctx)
    const hits: Hit<'covered' | 'many' | Leak | 'redactAnnotation'>[] = []
    for (const { at, file, page } of pagesOf(ctx, terms)) {
      const plain: Array<{ box: Box; chars: string[] }> = []
      for (const c of page.covered ?? []) {
        if (isEmptyCover(c.text)) continue
        const where = place(c.box)
        const found = firstOfEachKind(findIdentity(c.text, terms))
        const chars = [...c.text.replace(/\s+/gu, '')]
        if (found.length > 0) {
          for (const h of found) hits.push(fileHit(leakOf(h), file, at, page.page, { page: page.page, masked: masked(h), ...where }))
          continue
        }
        // White and pale boxes are also how forms and tables are drawn, and a scanner app's OCR layer
        // under a patch burned into the scan is its reading of the patch: only the name or employer counts.
        if (!c.dark || c.ocrLayer) continue
        if (c.by === 'redact-annotation') hits.push(fileHit('redactAnnotation', file, at, page.page, { page: page.page, count: chars.length, ...where }))
        else plain.push({ box: c.box, chars })
      }
      // A page blacked out box by box is one finding, not twenty.
      if (plain.length > MAX_BOXES_LISTED) {
        const top = [...plain].sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0])[0]!
        const count = plain.reduce((n, p) => n + p.chars.length, 0)
        hits.push(fileHit('many', file, at, page.page, { page: page.page, boxes: plain.length, count, ...place(top.box) }))
        continue
      }
      for (const p of plain) {
        // The first letter or digit: a quote mark says nothing about what is hidden.
        const first = p.chars.find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? p.chars[0]!
        hits.push(fileHit('covered', file, at, page.page, { page: page.page, first, count: p.chars.length, ...place(p.box) }))
      }
    }
    return hits
  },
})

export const redactionOcrLeak = defineRule({
  id: 'redaction.ocr-leak',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评（--deep）：文字识别在扫描页上读出了申报人姓名或工作单位',
    en: 'Blind review (--deep): OCR reads the applicant’s name or employer on a scanned page',
  },
  messages: {
    name: {
      zh: '{file} 第 {page} 页的扫描图像上能读出申报人姓名（{masked}），位置：距页面左上角约 {x}×{y} mm，宽约 {w} mm',
      en: '{file} page {page}: the applicant’s name ({masked}) can be read on the scan, about {x}×{y} mm from the top left, about {w} mm wide',
    },
    employer: {
      zh: '{file} 第 {page} 页的扫描图像上能读出工作单位（{masked}），位置：距页面左上角约 {x}×{y} mm，宽约 {w} mm',
      en: '{file} page {page}: the employer ({masked}) can be read on the scan, about {x}×{y} mm from the top left, about {w} mm wide',
    },
    personal: {
      zh: '{file} 第 {page} 页的扫描图像上能读出申报人的{masked}，位置：距页面左上角约 {x}×{y} mm，宽约 {w} mm',
      en: '{file} page {page}: the applicant’s {masked} can be read on the scan, about {x}×{y} mm from the top left, about {w} mm wide',
    },
  },
  fix: {
    zh: '在原件复印件的该位置贴纸或涂黑后重新扫描；或用图片软件在该位置画不透明色块后“合并图层/另存为”新图片（只加批注或透明框不行）',
    en: 'cover that spot on a copy of the original and scan it again; or paint an opaque block over it in an image editor and save a new, flattened image (an annotation or a translucent box is not enough)',
  },
  examples: {
    fail: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 证书照片上的姓名没有遮盖', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # the name on the certificate photo is not covered' },
    pass: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 姓名已遮盖为“欧**”', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # the name covered as 欧**' },
    fromFiles: true,
  },
  check(ctx) {
    const terms = termsOf(ctx)
    const hits: Hit<Leak>[] = []
    for (const { facts, at, file, page } of pagesOf(ctx, terms)) {
      const ocr = page.ocr
      if (ocr?.status !== 'read' || ocr.lines.length === 0) continue
      const texts = ocr.lines.map((l) => l.text)
      const { starts, hits: all } = findInOcrLines(ocr.lines, terms)
      for (const h of firstOfEachKind(all)) {
        const parts = partsOf(starts, texts.map((t) => t.length), h.start, h.end)
        const where = place(union(parts.map((i) => ocr.lines[i]!.box)))
        hits.push(fileHit(leakOf(h), file, at, isImageFile(facts) ? undefined : page.page, { page: page.page, masked: masked(h), ...where }))
      }
    }
    return hits
  },
})

/**
 * The identity in a page's OCR lines, read in order as one text (a name can be cut between two
 * lines), with the readings of doubtful characters (doubtfulHits) after the plain ones.
 */
export function findInOcrLines(lines: readonly OcrLine[], terms: readonly IdentityTerm[]): { text: string; starts: number[]; hits: IdentityHit[] } {
  const { text, starts } = joined(lines.map((l) => l.text))
  return { text, starts, hits: [...findIdentity(text, terms), ...doubtfulHits(lines, text, starts, terms), ...doubledOnce(lines, text, starts, terms)] }
}

/**
 * A line read squeezed can show a doubled character once (买买提建华 read 买提建华): there, a term
 * with a doubled character is also looked for with it written once, whole, within squeezed lines.
 */
function doubledOnce(lines: readonly OcrLine[], text: string, starts: readonly number[], terms: readonly IdentityTerm[]): IdentityHit[] {
  if (!lines.some((l) => l.squeezed)) return []
  const once = terms.filter((t) => /(.)\1/u.test(t.needle)).map((t) => ({ ...t, needle: t.needle.replace(/(.)\1+/gu, '$1') }))
  const usable = once.filter((t) => [...t.needle].length >= 2)
  if (usable.length === 0) return []
  const lengths = lines.map((l) => l.text.length)
  return findIdentity(text, usable).filter((h) => partsOf(starts, lengths, h.start, h.end).every((i) => lines[i]!.squeezed))
}

/**
 * Hits that show when one character read with doubt is read as the model's runner-up there (a
 * seal over the name: 林红霞 read 林纹霞 with 红 second, 黄洋 read 黄鲜 with 洋 third). One
 * character at a time, and only hits that take in that character: a name of which the reader
 * sees all but one character clearly, and the model saw the last one too. Another person's name
 * sharing characters is still not the applicant's: the other characters must all be read as they are.
 */
function doubtfulHits(lines: readonly OcrLine[], text: string, starts: readonly number[], terms: readonly IdentityTerm[]): IdentityHit[] {
  const out: IdentityHit[] = []
  // Only a runner-up that some term holds can complete it (most doubts are about other words).
  const inTerms = new Set(terms.flatMap((t) => [...t.needle]))
  lines.forEach((line, i) => {
    if (!line.alt) return
    const chars = [...line.text]
    for (const [index, alternatives] of line.alt) {
      const ch = chars[index]
      if (ch === undefined || ch.length !== 1) continue
      const at = starts[i]! + chars.slice(0, index).join('').length
      for (const alt of alternatives) {
        if (alt.length !== 1 || !inTerms.has(normalise(alt).text)) continue
        const variant = text.slice(0, at) + alt + text.slice(at + 1)
        for (const h of findIdentity(variant, terms)) if (h.start <= at && at < h.end) out.push({ ...h, matched: text.slice(h.start, h.end) })
      }
    }
  })
  return out
}

/** The leak detectors, in RULES.md order. */
export const redactionLeakRules: Rule[] = [redactionFilenameLeak, redactionMetadataLeak, redactionTextLeak, redactionCoveredText, redactionOcrLeak]
