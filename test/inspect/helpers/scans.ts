import sharp from 'sharp'
import { PDFDocument, degrees, StandardFonts } from 'pdf-lib'

// Generated scans for the inspector and rule tests: a page of pseudo-text (strokes, no font
// needed, so the same on every machine), made worse on purpose (blur, darkness, fading) and
// wrapped as JPEG, PNG or PDF. Deterministic: a seeded generator, no clock.

export const A4_IN = { width: 8.27, height: 11.69 }

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

export interface PageSpec {
  dpi?: number
  /** Pseudo-text lines; 0 = a blank page. */
  lines?: number
  /** Character height in points (五号字 10.5 pt). */
  charPt?: number
  /** Ink and paper grey, 0–255. */
  ink?: number
  paper?: number
  landscape?: boolean
  seed?: number
}

/** SVG of an A4 page of pseudo-text at `dpi`. */
export function textPageSvg(spec: PageSpec = {}): { svg: string; width: number; height: number } {
  const dpi = spec.dpi ?? 150
  const width = Math.round((spec.landscape ? A4_IN.height : A4_IN.width) * dpi)
  const height = Math.round((spec.landscape ? A4_IN.width : A4_IN.height) * dpi)
  const rand = rng(spec.seed ?? 7)
  const ch = ((spec.charPt ?? 10.5) / 72) * dpi
  const stroke = Math.max(1, ch * 0.09)
  const ink = spec.ink ?? 20
  const paper = spec.paper ?? 250
  const lines = spec.lines ?? 30
  const parts: string[] = []
  const margin = width * 0.12
  for (let l = 0; l < lines; l++) {
    const y = height * 0.1 + l * ch * 1.8
    if (y + ch > height * 0.92) break
    const lineEnd = width - margin - rand() * width * 0.2
    for (let x = margin; x + ch < lineEnd; x += ch * 1.1) {
      if (rand() < 0.08) continue // a space
      const n = 2 + Math.floor(rand() * 3)
      for (let k = 0; k < n; k++) {
        const horizontal = rand() < 0.5
        const ox = x + rand() * ch * 0.6
        const oy = y + rand() * ch * 0.6
        const len = ch * (0.4 + rand() * 0.5)
        parts.push(
          horizontal
            ? `<rect x="${ox.toFixed(1)}" y="${oy.toFixed(1)}" width="${len.toFixed(1)}" height="${stroke.toFixed(1)}"/>`
            : `<rect x="${ox.toFixed(1)}" y="${oy.toFixed(1)}" width="${stroke.toFixed(1)}" height="${len.toFixed(1)}"/>`,
        )
      }
    }
  }
  const g = (v: number) => `rgb(${v},${v},${v})`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${g(paper)}"/><g fill="${g(ink)}">${parts.join('')}</g></svg>`
  return { svg, width, height }
}

export interface ScanSpec extends PageSpec {
  /** Gaussian blur, sigma in millimetres on paper. */
  blurMm?: number
  /** Scanner noise, standard deviation in grey levels. */
  noise?: number
  format?: 'jpeg' | 'png'
  quality?: number
  /** Pixels turned this many degrees clockwise (no EXIF: the content itself is rotated). */
  turnDeg?: 0 | 90 | 180 | 270
  /** EXIF Orientation to write (JPEG). */
  exifOrientation?: number
}

/** A scan as an encoded JPEG/PNG. */
export async function makeScan(spec: ScanSpec = {}): Promise<Buffer> {
  const dpi = spec.dpi ?? 150
  const { svg } = textPageSvg(spec)
  let img = sharp(Buffer.from(svg), { density: 72 }).greyscale()
  if (spec.blurMm) img = sharp(await img.png().toBuffer()).blur(Math.max(0.3, (spec.blurMm / 25.4) * dpi))
  if (spec.noise) {
    const raw = await img.raw().toBuffer({ resolveWithObject: true })
    const rand = rng((spec.seed ?? 7) + 99)
    const d = raw.data
    for (let i = 0; i < d.length; i++) {
      const gauss = (rand() + rand() + rand() + rand() - 2) * 1.73 * spec.noise
      d[i] = Math.max(0, Math.min(255, Math.round(d[i]! + gauss)))
    }
    img = sharp(d, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } })
  }
  if (spec.turnDeg) img = sharp(await img.png().toBuffer()).rotate(spec.turnDeg)
  if ((spec.format ?? 'jpeg') === 'png') return img.png().toBuffer()
  let out = img.jpeg({ quality: spec.quality ?? 85 })
  if (spec.exifOrientation) out = out.withMetadata({ orientation: spec.exifOrientation })
  return out.toBuffer()
}

export interface PdfPageSpec {
  /** JPEG or PNG bytes to place; none = a text page. */
  image?: Buffer
  /** Page size in points; default A4 portrait. */
  widthPt?: number
  heightPt?: number
  /** /Rotate on the page. */
  rotate?: 0 | 90 | 180 | 270
  /** The image drawn turned this many degrees clockwise on the page. */
  imageTurnDeg?: 0 | 90 | 180 | 270
  /** Text drawn in Helvetica (a text layer). */
  text?: string
  /** Text drawn turned this many degrees clockwise. */
  textTurnDeg?: 0 | 90 | 180 | 270
}

/** A PDF made with pdf-lib: scanned pages, text pages, /Rotate, rotated placement. */
export async function makePdf(pages: PdfPageSpec[], opts: { encryptNote?: never } = {}): Promise<Buffer> {
  void opts
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const p of pages) {
    const w = p.widthPt ?? 595.28
    const h = p.heightPt ?? 841.89
    const page = doc.addPage([w, h])
    if (p.rotate) page.setRotation(degrees(p.rotate))
    if (p.image) {
      const isPng = p.image[0] === 0x89
      const img = isPng ? await doc.embedPng(p.image) : await doc.embedJpg(p.image)
      const turn = p.imageTurnDeg ?? 0
      // pdf-lib rotates counter-clockwise about the lower-left corner of the placed image.
      const sideways = turn === 90 || turn === 270
      const iw = sideways ? h : w
      const ih = sideways ? w : h
      const at = { 0: { x: 0, y: 0 }, 90: { x: 0, y: h }, 180: { x: w, y: h }, 270: { x: w, y: 0 } }[turn]
      page.drawImage(img, { x: at.x, y: at.y, width: iw, height: ih, rotate: degrees(-turn) })
    }
    if (p.text) {
      const turn = p.textTurnDeg ?? 0
      const at = { 0: { x: 72, y: h - 100 }, 90: { x: 100, y: h - 72 }, 180: { x: w - 72, y: 100 }, 270: { x: w - 100, y: 72 } }[turn]
      page.drawText(p.text, { x: at.x, y: at.y, size: 12, font, rotate: degrees(-turn) })
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }))
}
