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
