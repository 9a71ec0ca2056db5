import sharp from 'sharp'
import type { Box } from '../inspect/facts.js'
import { fitToA4 } from '../inspect/geometry.js'
import type { FilePlan } from './plan.js'
import { MARGIN_PT, MAX_PIXELS, burn, boxesToPixels, grow, turn } from './pixels.js'

// An image of the copy: decoded and encoded again by sharp, which writes no EXIF, XMP, IPTC,
// comment or PNG text (nothing is asked to be kept). The EXIF orientation is applied to the
// pixels (the copy shows upright in every viewer, with no tag), a scan sideways in its pixels is
// turned, located names and faces are burned in, and a file over the size limit is encoded again
// with JPEG quality, then resolution, stepped down while the resolution rule still holds.

export interface ImageTarget {
  maxBytes: number
  /** The resolution rule's floor, in dpi on the A4 page the image is fitted to. */
  minDpi: number
  /** Types the platform takes (jpg, png, pdf). */
  accepted: readonly string[]
}

export interface ImageResult {
  bytes: Buffer
  /** Extension of what was written: jpg or png. */
  ext: 'jpg' | 'png'
  burned: number
  /** The scale applied to fit under the size limit (1 when none), and the JPEG quality used. */
  scale: number
  quality?: number
}

const QUALITIES = [90, 80, 70, 60]

export async function fixImage(bytes: Uint8Array, plan: FilePlan): Promise<{ png: Buffer; width: number; height: number; burned: number }> {
  // EXIF orientation applied (faces are located on the image as shown, turned by EXIF).
  const first = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'none' }).rotate().png().toBuffer({ resolveWithObject: true })
  let png = first.data
  let width = first.info.width
  let height = first.info.height
  const fitted = fitToA4(width, height)
  const dpi = fitted.dpiX
  const margin = (MARGIN_PT * dpi) / 72
  const turnDeg = plan.changes.find((c) => c.kind === 'rotate' && c.by === 'pixels')?.deg ?? 0
  const drawn: Box[] = []
  const upright: Box[] = []
  for (const c of plan.changes) if (c.kind === 'burn') (c.over === 'ocr' && turnDeg ? upright : drawn).push(...(c.boxes ?? []))
  const before = grow(boxesToPixels(drawn, dpi), margin, width, height)
  png = await burn(png, width, height, before)
  if (turnDeg) ({ png, width, height } = await turn(png, turnDeg))
  const after = grow(boxesToPixels(upright, dpi), margin, width, height)
  png = await burn(png, width, height, after)
  return { png, width, height, burned: before.length + after.length }
}

/** Encodes the fixed pixels: as the original's type (or JPEG for a converted one), under the size limit when asked. */
export async function encodeImage(px: { png: Buffer; width: number; height: number; burned: number }, ext: 'jpg' | 'png', shrink: boolean, target: ImageTarget): Promise<ImageResult> {
  const encode = (format: 'jpg' | 'png', scale: number, quality: number) => {
    let img = sharp(px.png, { limitInputPixels: MAX_PIXELS })
    if (scale < 1) img = img.resize(Math.max(1, Math.round(px.width * scale)), Math.max(1, Math.round(px.height * scale)), { fit: 'fill' })
    return format === 'jpg' ? img.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true }).toBuffer() : img.png({ compressionLevel: 9 }).toBuffer()
  }
  let out = await encode(ext, 1, QUALITIES[0]!)
  if (!shrink || out.length <= target.maxBytes) return { bytes: out, ext, burned: px.burned, scale: 1, ...(ext === 'jpg' ? { quality: QUALITIES[0]! } : {}) }
  // A PNG over the limit becomes a JPEG when the platform takes JPEG.
  const format: 'jpg' | 'png' = ext === 'png' && target.accepted.includes('jpg') ? 'jpg' : ext
  const dpi = fitToA4(px.width, px.height).dpiX
  // A little above the floor: the fitted resolution is rounded, and must not fall under the rule.
  const floor = Math.min(1, (target.minDpi + 1) / dpi)
  const scales = [1, 0.85, 0.7, 0.55, 0.4, 0.3].filter((s) => s >= floor)
  if (!scales.includes(floor) && floor < 1) scales.push(floor)
  for (const scale of scales) {
    for (const q of format === 'jpg' ? QUALITIES : [0]) {
      out = await encode(format, scale, q)
      if (out.length <= target.maxBytes) return { bytes: out, ext: format, burned: px.burned, scale, ...(format === 'jpg' ? { quality: q } : {}) }
    }
  }
  return { bytes: out, ext: format, burned: px.burned, scale: scales.at(-1) ?? 1, ...(format === 'jpg' ? { quality: QUALITIES.at(-1)! } : {}) }
}
