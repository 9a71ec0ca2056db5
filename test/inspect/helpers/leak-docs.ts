import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, PDFHexString, PDFName, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import sharp from 'sharp'
import { TEST_FONT_FILE } from '../../helpers/fonts.js'

// Documents that hide (or properly mask) the applicant's name, for the blind-review leak tests:
// PDFs with a text layer drawn with a CJK font (the repository's WenQuanYi Micro Hei subset),
// boxes, images and annotations over the text, metadata in Info/XMP/earlier revisions; images
// with EXIF, XMP, IPTC and PNG text; certificate scans for OCR. Deterministic: fixed dates, no clock.

/** The repository's CJK font (WenQuanYi Micro Hei, subset to the characters the tests draw): no system font needed. */
export const CJK_FONT_FILE = TEST_FONT_FILE
const FIXED_DATE = new Date('2024-07-18T00:00:00Z')

export interface Sheet {
  doc: PDFDocument
  page: PDFPage
  font: PDFFont
  /** Text at (x, y) from the page's bottom left, in points. */
  text(s: string, x: number, y: number, size?: number, colour?: [number, number, number]): void
  /** A filled box (after whatever was drawn before it). */
  box(x: number, y: number, w: number, h: number, opts?: { colour?: [number, number, number]; opacity?: number }): void
  save(): Promise<Uint8Array>
}

/**
 * An A4 page with the CJK font embedded as a subset. Subsets of WQY may render garbled
 * (shared/PRIOR-ART.md) but extract correctly, and these tests read the text layer, not pixels.
 */
export async function sheet(): Promise<Sheet> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(fontkit)
  const font = await doc.embedFont(readFileSync(CJK_FONT_FILE), { subset: true })
  const page = doc.addPage([595.28, 841.89])
  doc.setCreationDate(FIXED_DATE)
  doc.setModificationDate(FIXED_DATE)
  doc.setProducer('zhicheng-check tests')
  return {
    doc,
    page,
    font,
    text(s, x, y, size = 14, colour = [0, 0, 0]) {
      page.drawText(s, { x, y, size, font, color: rgb(...colour) })
    },
    box(x, y, w, h, opts = {}) {
      const c = opts.colour ?? [0, 0, 0]
      page.drawRectangle({ x, y, width: w, height: h, color: rgb(c[0], c[1], c[2]), borderWidth: 0, ...(opts.opacity !== undefined ? { opacity: opts.opacity } : {}) })
    },
    save: () => doc.save({ useObjectStreams: false }),
  }
}

/** Width of a string in the sheet's font. */
export function widthOf(s: Sheet, text: string, size = 14): number {
  return s.font.widthOfTextAtSize(text, size)
}

/** An annotation of `subtype` over [x0, y0, x1, y1] (Highlight: yellow, multiplied by pdf.js; Redact: not applied). */
export function annotate(s: Sheet, subtype: 'Highlight' | 'Redact' | 'Text', rect: [number, number, number, number], extra: { author?: string; contents?: string } = {}): void {
  const [x0, y0, x1, y1] = rect
  const dict = s.doc.context.obj({
    Type: 'Annot',
    Subtype: subtype,
    Rect: [x0, y0, x1, y1],
    ...(subtype === 'Highlight' ? { QuadPoints: [x0, y1, x1, y1, x0, y0, x1, y0], C: [1, 1, 0] } : {}),
    ...(subtype === 'Redact' ? { OC: [0, 0, 0] } : {}),
    F: 4,
  })
  if (extra.author) dict.set(PDFName.of('T'), PDFHexString.fromText(extra.author))
  if (extra.contents) dict.set(PDFName.of('Contents'), PDFHexString.fromText(extra.contents))
  s.page.node.addAnnot(s.doc.context.register(dict))
}

/** Draws `png` over [x, y, w, h] (a pasted image). */
export async function pasteImage(s: Sheet, png: Uint8Array, x: number, y: number, w: number, h: number): Promise<void> {
  const img = await s.doc.embedPng(png)
  s.page.drawImage(img, { x, y, width: w, height: h })
}

/** A solid PNG (RGBA when `alpha` < 255). */
export function solidPng(colour: [number, number, number], alpha = 255, size = 16): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 4, background: { r: colour[0], g: colour[1], b: colour[2], alpha: alpha / 255 } } })
    .png()
    .toBuffer()
}

/** An XMP packet with dc:creator and pdf:Author, as Acrobat and Word write it. */
export function xmpPacket(creator: string, extra = ''): string {
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="Microsoft Word"${extra}>` +
    `<dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  )
}

export function setXmp(s: Sheet, xml: string): void {
  const stream = s.doc.context.stream(Buffer.from(xml, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })
  s.doc.catalog.set(PDFName.of('Metadata'), s.doc.context.register(stream))
}

/**
 * Appends an incremental update that gives the document a new Info dictionary, as ExifTool and
 * Acrobat's "Save" do: the old Info (and whatever it held) stays in the file.
 */
export function appendInfoRevision(pdf: Uint8Array, info: Record<string, string>): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1')
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(text)![1])
  const trailer = text.slice(text.lastIndexOf('trailer'))
  const size = Number(/\/Size\s+(\d+)/u.exec(trailer)![1])
  const root = /\/Root\s+(\d+\s+\d+\s+R)/u.exec(trailer)![1]!
  const entries = Object.entries(info)
    .map(([k, v]) => `/${k} <FEFF${Buffer.from(v, 'utf16le').swap16().toString('hex').toUpperCase()}>`)
    .join(' ')
  let body = `\n${size} 0 obj\n<< ${entries} >>\nendobj\n`
  const objOffset = pdf.length + 1
  const xrefOffset = pdf.length + Buffer.byteLength(body, 'latin1')
  body += `xref\n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${startxref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`
  return Buffer.concat([Buffer.from(pdf), Buffer.from(body, 'latin1')])
}

// ---------------------------------------------------------------------------------------------
// Images

/** An EXIF APP1 segment with IFD0 entries (little-endian TIFF). Type 2 = ASCII (UTF-8 bytes), 1 = BYTE. */
export function exifSegment(entries: Array<{ tag: number; type: 1 | 2; bytes: Buffer }>): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag)
  const ifdSize = 2 + sorted.length * 12 + 4
  const head = Buffer.alloc(8 + ifdSize)
  head.write('II', 0, 'latin1')
  head.writeUInt16LE(42, 2)
  head.writeUInt32LE(8, 4)
  head.writeUInt16LE(sorted.length, 8)
  const data: Buffer[] = []
  let off = 8 + ifdSize
  sorted.forEach((e, i) => {
    const p = 10 + i * 12
    head.writeUInt16LE(e.tag, p)
    head.writeUInt16LE(e.type, p + 2)
    head.writeUInt32LE(e.bytes.length, p + 4)
    if (e.bytes.length <= 4) e.bytes.copy(head, p + 8)
    else {
      head.writeUInt32LE(off, p + 8)
      const padded = e.bytes.length % 2 ? Buffer.concat([e.bytes, Buffer.alloc(1)]) : e.bytes
      data.push(padded)
      off += padded.length
    }
  })
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), head, ...data])
  return segment(0xe1, body)
}

export const asciiTag = (s: string) => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.alloc(1)])
/** Windows' XP* tags: UCS-2 little-endian, NUL-terminated. */
export const ucs2Tag = (s: string) => Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(2)])
export const TAG = { ImageDescription: 0x010e, Artist: 0x013b, Copyright: 0x8298, XPAuthor: 0x9c9d, XPComment: 0x9c9c }

/** An APP13 Photoshop segment holding IPTC By-line (2:80), UTF-8 declared (1:90). */
export function iptcSegment(byline: string): Buffer {
  const rec = (r: number, d: number, v: Buffer) => {
    const h = Buffer.from([0x1c, r, d, 0, 0])
    h.writeUInt16BE(v.length, 3)
    return Buffer.concat([h, v])
  }
  const iptc = Buffer.concat([rec(1, 90, Buffer.from([0x1b, 0x25, 0x47])), rec(2, 80, Buffer.from(byline, 'utf8'))])
  const len = Buffer.alloc(4)
  len.writeUInt32BE(iptc.length)
  const block = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), len, iptc, Buffer.alloc(iptc.length % 2)])
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), block]))
}

function segment(marker: number, body: Buffer): Buffer {
  const h = Buffer.from([0xff, marker, 0, 0])
  h.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([h, body])
}

/** JPEG with the given segments right after SOI. */
export function withSegments(jpeg: Buffer, ...segments: Buffer[]): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)])
}

/** PNG with an iTXt chunk (UTF-8 text) after IHDR. */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')])
  const type = Buffer.from('iTXt', 'latin1')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0)
  const ihdrEnd = 8 + 8 + 13 + 4
  return Buffer.concat([png.subarray(0, ihdrEnd), len, type, data, crc, png.subarray(ihdrEnd)])
}

/** A small plain page (what the metadata is attached to). */
export function plainJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 452, channels: 3, background: '#f4f2ee' } }).jpeg({ quality: 80 }).toBuffer()
}

export function plainPng(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 452, channels: 3, background: '#f4f2ee' } }).png().toBuffer()
}

/**
 * A certificate photographed or scanned at about 150 dpi (A4), rendered by librsvg with the CJK
 * font: title, the holder's name (or its masked form), the issuing unit, a grade and a number.
 */
export async function certificateScan(holder: string, unit: string): Promise<Buffer> {
  const w = 1240
  const h = 1754
  const lines = [
    ['普通话水平测试等级证书', 72, 300, 'middle'],
    [`姓名：${holder}`, 44, 520, 'start'],
    ['性别：男', 44, 600, 'start'],
    ['等级：二级甲等', 44, 680, 'start'],
    ['证书编号：65291510001234', 44, 760, 'start'],
    [`工作单位：${unit}`, 44, 840, 'start'],
    ['自治区语言文字工作委员会', 40, 1200, 'end'],
    ['二〇一五年六月', 40, 1270, 'end'],
  ] as const
  const text = lines
    .map(([s, size, y, anchor]) => {
      const x = anchor === 'middle' ? w / 2 : anchor === 'end' ? w - 160 : 160
      return `<text x="${x}" y="${y}" font-family="WenQuanYi Micro Hei" font-size="${size}" text-anchor="${anchor}" fill="#1f1f1f">${s}</text>`
    })
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#f3efe6"/><rect x="60" y="60" width="${w - 120}" height="${h - 120}" fill="none" stroke="#b0463b" stroke-width="6"/>${text}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

/** An image-only PDF page: the scan placed on A4, no text layer. */
export async function scanPdf(jpeg: Buffer): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const img = await doc.embedJpg(jpeg)
  doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 })
  doc.setCreationDate(FIXED_DATE)
  doc.setModificationDate(FIXED_DATE)
  return doc.save({ useObjectStreams: false })
}

