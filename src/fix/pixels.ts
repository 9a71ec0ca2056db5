import sharp from 'sharp'
import type { Box } from '../inspect/facts.js'

// Burning boxes into pixels: opaque black rectangles, a margin around each located box, composed
// into the picture itself (what is under them is gone from the bytes, not hidden by a layer).

/** Margin around a located box, in points (about 1.4 mm): OCR and face boxes hug what they found. */
export const MARGIN_PT = 4

/** Largest picture decoded (the inspector's bound). */
export const MAX_PIXELS = 100_000_000

type Rect = [number, number, number, number]

/** Pixel rectangles grown by `marginPx`, clipped to the picture; empty ones dropped. */
export function grow(rects: readonly Rect[], marginPx: number, width: number, height: number): Rect[] {
  return rects
    .map(([x0, y0, x1, y1]): Rect => [Math.max(0, Math.floor(x0 - marginPx)), Math.max(0, Math.floor(y0 - marginPx)), Math.min(width, Math.ceil(x1 + marginPx)), Math.min(height, Math.ceil(y1 + marginPx))])
    .filter(([x0, y0, x1, y1]) => x1 > x0 && y1 > y0)
}

/** The picture with the rectangles filled black, as a PNG (lossless: encoded once, at the end). */
export async function burn(picture: Buffer, width: number, height: number, rects: readonly Rect[]): Promise<Buffer> {
  if (rects.length === 0) return picture
  const body = rects.map(([x0, y0, x1, y1]) => `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="#000000"/>`).join('')
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" shape-rendering="crispEdges">${body}</svg>`)
  return sharp(picture, { limitInputPixels: MAX_PIXELS }).composite([{ input: svg, top: 0, left: 0 }]).png().toBuffer()
}

/** Boxes in points (from the top left) to pixels at `dpi`. */
export function boxesToPixels(boxes: readonly Box[], dpi: number): Rect[] {
  return boxes.map((b) => b.map((v) => (v * dpi) / 72) as Rect)
}

/** Turns a picture clockwise by a right angle, as PNG. */
export async function turn(picture: Buffer, deg: number): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(picture, { limitInputPixels: MAX_PIXELS }).rotate(deg).png().toBuffer({ resolveWithObject: true })
  return { png: data, width: info.width, height: info.height }
}
