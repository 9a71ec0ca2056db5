import { deflateSync } from 'node:zlib'
import sharp from 'sharp'

// Crafted PDFs, built at run time: small files that make a reader do a lot.

/** A PDF of the given objects (1: catalog, 2: pages …), with a correct cross-reference table. */
export function pdfOf(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let at = parts[0]!.length
  objects.forEach((o, i) => {
    offsets.push(at)
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n')])
    parts.push(b)
    at += b.length
  })
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('')
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`))
  return Buffer.concat(parts)
}

export function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')])
}

/** Pages, each drawing `content` (its own operators) with image Im0 available. */
export function pdfWithPages(pages: number, content: string, image?: { jpeg: Buffer; width: number; height: number }): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ')
  const contentRef = 4 + pages
  const imageRef = contentRef + 1
  const resources = image ? `/Resources << /XObject << /Im0 ${imageRef} 0 R >> >>` : ''
  const objs: Array<string | Buffer> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Producer (craft) >>',
    ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${resources} /Contents ${contentRef} 0 R >>`),
    stream('/Filter /FlateDecode', deflateSync(Buffer.from(content, 'latin1'))),
  ]
  if (image) objs.push(stream(`/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`, image.jpeg))
  return pdfOf(objs)
}

/** A small real grey JPEG whose SOF header then says `width`×`height`. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888888' } }).greyscale().jpeg().toBuffer()
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]))
  jpeg.writeUInt16BE(height, sof + 5)
  jpeg.writeUInt16BE(width, sof + 7)
  return jpeg
}
