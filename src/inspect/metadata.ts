import exifr from 'exifr'
import type { MetadataField } from './facts.js'

// Metadata strings that can name a person or a unit, for redaction.metadata-leak: every string of
// the PDF Info dictionary and XMP packet, the outline and annotation authors; EXIF, XMP, IPTC, PNG
// text and JPEG comments of images. Applicant-independent facts: the rule does the matching.
// Values are kept as found (no judgement here); their number and length are bounded.

/** A file's metadata never needs more than this many fields to be judged. */
const MAX_FIELDS = 400
/** Longer values are cut: a name is near the start of any field that holds one. */
const MAX_VALUE_CHARS = 2000

export class FieldList {
  readonly fields: MetadataField[] = []
  private readonly seen = new Set<string>()

  add(field: string, value: unknown): void {
    if (this.fields.length >= MAX_FIELDS) return
    if (Array.isArray(value)) {
      for (const v of value) this.add(field, v)
      return
    }
    if (typeof value !== 'string') return
    // NUL padding and control characters say nothing and break JSON readers.
    const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, '').trim()
    if (clean === '') return
    const cut = clean.length > MAX_VALUE_CHARS ? clean.slice(0, MAX_VALUE_CHARS) : clean
    const key = `${field}\u0000${cut}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.fields.push({ field, value: cut })
  }
}

// ---------------------------------------------------------------------------------------------
// XMP: every text node and attribute value, named by its property (dc:creator, pdf:Author,
// xmpMM:History's stEvt:softwareAgent …). A small tolerant reader: XMP packets are often not
// well-formed enough for a strict parser, and all we need is the strings.

const XML_TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gu
const XML_ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu
/** Containers whose name says nothing: the property is the element around them. */
const XMP_CONTAINERS = new Set(['x:xmpmeta', 'x:xapmeta', 'rdf:RDF', 'rdf:Description', 'rdf:Bag', 'rdf:Seq', 'rdf:Alt', 'rdf:li', 'rdf:value'])

export function xmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/giu, (_, e: string) => {
    const l = e.toLowerCase()
    if (l === 'amp') return '&'
    if (l === 'lt') return '<'
    if (l === 'gt') return '>'
    if (l === 'quot') return '"'
    if (l === 'apos') return "'"
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10)
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

export function readXmp(xml: string, into: FieldList, prefix = 'XMP', suffix = ''): void {
  const stack: string[] = []
  const property = () => {
    for (let i = stack.length - 1; i >= 0; i--) if (!XMP_CONTAINERS.has(stack[i]!)) return stack[i]!
    return null
  }
  for (const m of xml.matchAll(XML_TOKEN)) {
    const [, cdata, close, name, attrs, selfClose, text] = m
    if (name) {
      if (close) {
        const at = stack.lastIndexOf(name)
        if (at >= 0) stack.length = at
        continue
      }
      for (const a of (attrs ?? '').matchAll(XML_ATTR)) {
        const key = a[1]!
        if (key.startsWith('xmlns') || key.startsWith('rdf:') || key.startsWith('xml:') || key === 'x:xmptk') continue
        into.add(`${prefix} ${key}${suffix}`, xmlEntities(a[2] ?? a[3] ?? ''))
      }
      if (!selfClose) stack.push(name)
      continue
    }
    const value = cdata ?? text
    if (value === undefined || value.trim() === '') continue
    const prop = property()
    if (prop) into.add(`${prefix} ${prop}${suffix}`, cdata ?? xmlEntities(value))
  }
}

// ---------------------------------------------------------------------------------------------
// PDF

interface PdfInfo {
  [key: string]: unknown
  Custom?: Record<string, unknown>
}

/** Info keys that hold format facts, not text a person wrote. */
const TECHNICAL_INFO = new Set(['PDFFormatVersion', 'Language', 'EncryptFilterName', 'IsLinearized', 'IsAcroFormPresent', 'IsXFAPresent', 'IsCollectionPresent', 'IsSignaturesPresent', 'CreationDate', 'ModDate', 'Trapped'])

export function pdfInfoFields(info: PdfInfo | undefined, xmpRaw: string | null, into: FieldList): void {
  for (const [key, value] of Object.entries(info ?? {})) {
    if (TECHNICAL_INFO.has(key)) continue
    if (key === 'Custom' && value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) into.add(`Info /${k}`, typeof v === 'object' && v && 'name' in v ? (v as { name: unknown }).name : v)
      continue
    }
    into.add(`Info /${key}`, value)
  }
  if (xmpRaw) readXmp(xmpRaw, into)
}

/** Outline (bookmark) titles, depth-first. */
export function outlineFields(items: ReadonlyArray<{ title?: string; items?: unknown[] }> | null | undefined, into: FieldList, depth = 0): void {
  if (!items || depth > 8) return
  for (const it of items) {
    into.add('Outline', it.title)
    outlineFields(it.items as typeof items, into, depth + 1)
  }
}

/**
 * Earlier revisions: a PDF saved with incremental updates still holds the Info strings and XMP
 * packets it had before (ExifTool's own PDF edits work this way: "deleted" tags stay in the file).
 * Only uncompressed objects can be read this way; values the current revision has are skipped.
 */
export function earlierRevisionFields(bytes: Uint8Array, current: FieldList, into: FieldList): void {
  // A copy of the bytes as a string costs their size again: very large files are not searched.
  if (bytes.length > MAX_REVISION_SCAN_BYTES) return
  const text = latin1(bytes)
  const eofs = text.match(/%%EOF/gu)?.length ?? 0
  const known = new Set(current.fields.map((f) => f.value))
  const add = (field: string, value: string) => {
    if (value.trim() !== '' && !known.has(value.trim())) into.add(`${field} (earlier revision)`, value)
  }
  const INFO_KEY = /\/(Title|Author|Subject|Keywords|Creator|Producer)\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/gu
  for (const m of text.matchAll(INFO_KEY)) {
    const value = decodePdfString(m[2]!)
    if (value !== null) add(`Info /${m[1]}`, value)
  }
  // XMP packets are UTF-8 in the file; a packet the current revision no longer points to is an old one.
  if (eofs > 1 || text.split('<x:xmpmeta').length > 2) {
    for (const m of text.matchAll(/<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/gu)) {
      const packet = new TextDecoder('utf-8', { fatal: false }).decode(latinBytes(m[0]))
      const old = new FieldList()
      readXmp(packet, old)
      for (const f of old.fields) add(f.field, f.value)
    }
  }
}

/** Upload limits are around 10 MB; a file many times that is left to the other checks. */
const MAX_REVISION_SCAN_BYTES = 64 * 1024 * 1024

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}

function latinBytes(s: string): Uint8Array {
  return Buffer.from(s, 'latin1')
}

/** A PDF string literal `(…)` or `<hex>`: UTF-16BE with its BOM, UTF-8 with its BOM, else PDFDocEncoding (as Latin-1). */
export function decodePdfString(token: string): string | null {
  let raw: number[] = []
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s/gu, '')
    for (let i = 0; i < hex.length; i += 2) raw.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16))
  } else {
    const body = token.slice(1, -1)
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!
      if (c !== '\\') {
        raw.push(c.charCodeAt(0) & 0xff)
        continue
      }
      const n = body[++i]
      if (n === undefined) break
      const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 }
      if (n in esc) raw.push(esc[n]!)
      else if (/[0-7]/u.test(n)) {
        let oct = n
        while (oct.length < 3 && /[0-7]/u.test(body[i + 1] ?? '')) oct += body[++i]
        raw.push(parseInt(oct, 8) & 0xff)
      } else if (n === '\r' || n === '\n') {
        if (n === '\r' && body[i + 1] === '\n') i++
      } else raw.push(n.charCodeAt(0) & 0xff)
    }
  }
  if (raw.length >= 2 && raw[0] === 0xfe && raw[1] === 0xff) {
    raw = raw.slice(2)
    let s = ''
    for (let i = 0; i + 1 < raw.length; i += 2) s += String.fromCharCode((raw[i]! << 8) | raw[i + 1]!)
    return s
  }
  if (raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return new TextDecoder().decode(Uint8Array.from(raw.slice(3)))
  return String.fromCharCode(...raw)
}

// ---------------------------------------------------------------------------------------------
// Images

/** EXIF tags written as UCS-2 little-endian bytes by Windows (文件属性 → 详细信息). */
const XP_TAGS = new Set(['XPTitle', 'XPComment', 'XPAuthor', 'XPKeywords', 'XPSubject'])
/** Tags that hold numbers or layout, never a person's words. */
const TECHNICAL_EXIF = /^(Orientation|[XY]Resolution|ResolutionUnit|YCbCr.*|ExifVersion|FlashpixVersion|ColorSpace|ComponentsConfiguration|Exif(Image)?(Width|Height)|ImageWidth|ImageHeight|BitsPerSample|Compression|PhotometricInterpretation|SamplesPerPixel|.*Offset.*|.*ByteCount.*|.*Date.*|.*Time.*)$/u

function decodeTagBytes(tag: string, v: Uint8Array): string | null {
  if (XP_TAGS.has(tag)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength - (v.byteLength % 2)).toString('utf16le')
  if (tag === 'UserComment' && v.byteLength > 8) {
    const charset = Buffer.from(v.subarray(0, 8)).toString('latin1').replace(/\0/gu, '')
    const body = Buffer.from(v.subarray(8))
    if (charset === 'UNICODE') return body.toString(body[0] === 0 ? 'utf16le' : 'utf16le')
    return body.toString('utf8')
  }
  return null
}

/**
 * EXIF (IFD0 and the Exif IFD), IPTC, XMP, PNG text chunks and JPEG comments of an image.
 * `xmp` and `comments` come from sharp's metadata (it reads XMP from JPEG APP1 and PNG iTXt).
 */
export async function imageMetadata(bytes: Uint8Array, kind: 'jpeg' | 'png', extra: { xmp?: Buffer; comments?: Array<{ keyword: string; text: string }> }): Promise<MetadataField[]> {
  const into = new FieldList()
  let parsed: Record<string, Record<string, unknown> | undefined> | undefined
  try {
    parsed = await exifr.parse(bytes, {
      tiff: true,
      ifd0: true,
      exif: true,
      iptc: true,
      xmp: false,
      icc: false,
      gps: false,
      interop: false,
      ifd1: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: true,
      translateKeys: true,
      translateValues: false,
      reviveValues: false,
      mergeOutput: false,
    } as never)
  } catch {
    parsed = undefined
  }
  for (const [block, tags] of Object.entries(parsed ?? {})) {
    if (!tags || typeof tags !== 'object') continue
    const label = block === 'ifd0' || block === 'exif' ? 'EXIF' : block.toUpperCase()
    for (const [tag, value] of Object.entries(tags)) {
      if (TECHNICAL_EXIF.test(tag)) continue
      const v = value instanceof Uint8Array ? decodeTagBytes(tag, value) : value
      into.add(`${label} ${tag}`, typeof v === 'string' ? redecode(v) : v)
    }
  }
  if (extra.xmp && extra.xmp.length > 0) readXmp(extra.xmp.toString('utf8'), into)
  for (const c of extra.comments ?? []) {
    // PNG iTXt XML:com.adobe.xmp is XMP (sharp also gives it as `xmp`); other keywords are text.
    if (c.keyword === 'XML:com.adobe.xmp') readXmp(c.text, into)
    else into.add(`PNG ${c.keyword}`, c.text)
  }
  if (kind === 'jpeg') for (const c of jpegComments(bytes)) into.add('JPEG comment', c)
  return into.fields
}

/**
 * exifr reads IPTC (and some EXIF strings) byte by byte as Latin-1; Chinese software writes UTF-8
 * or GBK there. A string of bytes only is read again as UTF-8, else as GB18030, when that is clean.
 */
export function redecode(s: string): string {
  if (!/[\u0080-\u00ff]/u.test(s) || /[^\u0000-\u00ff]/u.test(s)) return s
  const bytes = Buffer.from(s, 'latin1')
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes)
    } catch {
      // not this encoding
    }
  }
  return s
}

/** The COM segments of a JPEG, before the image data starts. */
function jpegComments(bytes: Uint8Array): string[] {
  const out: string[] = []
  let p = 2
  while (p + 4 <= bytes.length && bytes[p] === 0xff) {
    const marker = bytes[p + 1]!
    if (marker === 0xda || marker === 0xd9) break // start of scan, end of image
    const len = (bytes[p + 2]! << 8) | bytes[p + 3]!
    if (len < 2) break
    if (marker === 0xfe) out.push(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(p + 4, Math.min(bytes.length, p + 2 + len))))
    p += 2 + len
  }
  return out
}
