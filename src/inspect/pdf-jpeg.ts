import sharp from 'sharp'

/**
 * JPEG scans in a PDF, decoded by libjpeg-turbo (sharp) instead of pdf.js's JavaScript decoder.
 *
 * pdf.js decodes every image while it builds a page's operator list, whether anyone looks at the
 * pixels or not, and has no option to leave them be. Its JavaScript JPEG decoder was half of the
 * CPU of a cold check: a 1654×2339 grey scan costs it about 60 ms and 11 MB of RGB, sharp 15 ms.
 * So the copy of the file that pdf.js reads has the filter of each plain JPEG image renamed
 * (`/DCTDecode` → `/ZCTDecode`: same length, every offset holds). pdf.js skips an unknown filter
 * cheaply, still places the image in the operator list and still names its object (`ref`); the
 * original bytes of that object are then decoded by sharp, only when the pixels are wanted.
 *
 * "Plain" is what sharp decodes to the same picture pdf.js would draw: an image XObject in
 * DeviceGray or DeviceRGB, 8 bits, DCTDecode alone, with no /Decode array and no mask, in a file
 * that is not encrypted (its streams would need decrypting first). Anything else is left to pdf.js,
 * as is every image when the file is not laid out as expected.
 */
export interface DivertedJpegs {
  /** The bytes pdf.js reads: the file with the plain JPEG images' filter renamed. */
  pdf: Uint8Array
  /** The JPEG data of each renamed image, by pdf.js's name for its object ("12R", "12R1"). */
  byRef: Map<string, Uint8Array>
}

const FILTER = '/DCTDecode'
const HEADER = /(\d+)\s+(\d+)\s+obj\s*$/u

export function divertJpegs(bytes: Uint8Array): DivertedJpegs | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  if (!text.includes(FILTER) || /\/Encrypt\b/u.test(text)) return null
  const hits: Array<{ at: number; ref: string; data: Uint8Array }> = []
  for (let at = text.indexOf(FILTER); at >= 0; at = text.indexOf(FILTER, at + FILTER.length)) {
    const image = plainImageAt(text, bytes, at)
    if (image) hits.push({ at, ...image })
  }
  if (hits.length === 0) return null
  const pdf = bytes.slice()
  const byRef = new Map<string, Uint8Array>()
  for (const hit of hits) {
    pdf[hit.at + 1] = 0x5a // 'Z'
    byRef.set(hit.ref, hit.data)
  }
  return { pdf, byRef }
}

/** The object around a `/DCTDecode` at `at`, when it is a plain JPEG image: its ref and data. */
function plainImageAt(text: string, bytes: Uint8Array, at: number): { ref: string; data: Uint8Array } | null {
  const objAt = text.lastIndexOf('obj', at)
  if (objAt < 0) return null
  // In the dictionary of that object: no stream or object ended between its header and here.
  if (text.lastIndexOf('stream', at) > objAt || text.lastIndexOf('endobj', at) > objAt) return null
  const header = HEADER.exec(text.slice(Math.max(0, objAt - 24), objAt + 3))
  if (!header) return null
  const streamAt = text.indexOf('stream', at)
  if (streamAt < 0) return null
  const dict = text.slice(objAt + 3, streamAt)
  if (dict.includes('endobj') || dict.includes(' obj')) return null
  if (!/\/Subtype\s*\/Image\b/u.test(dict)) return null
  if (!/\/ColorSpace\s*\/Device(?:Gray|RGB)\b/u.test(dict)) return null
  if (!/\/BitsPerComponent\s+8\b/u.test(dict)) return null
  if (!/\/Filter\s*(?:\/DCTDecode|\[\s*\/DCTDecode\s*\])/u.test(dict)) return null
  if (/\/(?:Decode|SMask|Mask|ImageMask)(?![A-Za-z])/u.test(dict)) return null
  let start = streamAt + 'stream'.length
  if (text[start] === '\r') start++
  if (text[start] === '\n') start++
  if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) return null
  const end = streamEnd(text, dict, start)
  if (end === null) return null
  const [, num, gen] = header
  return { ref: gen === '0' ? `${num}R` : `${num}R${gen}`, data: bytes.subarray(start, end) }
}

/** Where the stream's data ends: its direct /Length when `endstream` follows it, else before `endstream`. */
function streamEnd(text: string, dict: string, start: number): number | null {
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/u.exec(dict)
  if (length) {
    const end = start + Number(length[1])
    if (/^\s*endstream/u.test(text.slice(end, end + 16))) return end
  }
  const endstream = text.indexOf('endstream', start)
  if (endstream < 0) return null
  let end = endstream
  if (text[end - 1] === '\n') end--
  if (text[end - 1] === '\r') end--
  return end
}

/** sharp reading a JPEG as leniently as pdf.js does: a damaged tail still gives a picture. */
export function jpegPipeline(jpeg: Uint8Array): sharp.Sharp {
  return sharp(jpeg, { failOn: 'none', limitInputPixels: false })
}

/** The whole picture as 8-bit RGB, for code that reads single pixels (pdf.js ImageKind 2). */
export async function jpegToRgb(jpeg: Uint8Array): Promise<{ width: number; height: number; kind: 2; data: Uint8Array }> {
  const { data, info } = await jpegPipeline(jpeg).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, kind: 2, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }
}

/**
 * The largest image a PDF's streams hold, by each codec's own header (JPEG SOF, JPEG 2000 SIZ), when
 * it is over `maxPixels`: "30000×30000 (JPEG)". The dictionary's /Width and /Height are only what
 * the file claims; a decoder allocates what the codestream says. Streams stored raw are looked at
 * (a JPEG inside a Flate stream is bounded by the worker's memory bound instead).
 */
export function oversizedImage(bytes: Uint8Array, maxPixels: number): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = buf.indexOf('stream'); at >= 0; at = buf.indexOf('stream', at + 6)) {
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue
    let start = at + 6
    if (buf[start] === 0x0d) start++
    if (buf[start] === 0x0a) start++
    const size = buf[start] === 0xff && buf[start + 1] === 0xd8 ? jpegSize(buf, start) : jpxSize(buf, start)
    if (size && size.width * size.height > maxPixels) return `${size.width}×${size.height} (${size.codec})`
  }
  return null
}

type CodecSize = { width: number; height: number; codec: string }

/** Width and height from a JPEG's SOF marker (any SOFn), walking the marker segments from SOI. */
function jpegSize(b: Buffer, start: number): CodecSize | null {
  let i = start + 2
  const end = Math.min(b.length, start + 1024 * 1024)
  while (i + 9 < end) {
    if (b[i] !== 0xff) return null
    const m = b[i + 1]!
    if (m === 0xff || m === 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      i += m === 0xff ? 1 : 2
      continue
    }
    if (m === 0xd9 || m === 0xda) return null
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), codec: 'JPEG' }
    }
    i += 2 + b.readUInt16BE(i + 2)
  }
  return null
}

/** Width and height from a JPEG 2000 codestream's SIZ marker (raw, or inside a JP2 file's first 4 KiB). */
function jpxSize(b: Buffer, start: number): CodecSize | null {
  const isJp2 = b.readUInt32BE(start) === 0x0000000c && b.readUInt32BE(start + 4) === 0x6a502020
  const soc = isJp2 ? b.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]), start) : b[start] === 0xff && b[start + 1] === 0x4f && b[start + 2] === 0xff && b[start + 3] === 0x51 ? start : -1
  if (soc < 0 || soc > start + 4096 || soc + 24 > b.length) return null
  const x = b.readUInt32BE(soc + 8) - b.readUInt32BE(soc + 16)
  const y = b.readUInt32BE(soc + 12) - b.readUInt32BE(soc + 20)
  return x > 0 && y > 0 ? { width: x, height: y, codec: 'JPEG 2000' } : null
}
