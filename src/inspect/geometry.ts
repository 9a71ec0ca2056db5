// Orientation and resolution from PDF geometry: /Rotate, text matrices, image placement (CTM).
// Angles are clockwise degrees, as /Rotate is; PDF user space has y up, so a matrix whose
// x axis points along (a, b) is turned atan2(b, a) counter-clockwise.

export type RightAngle = 0 | 90 | 180 | 270
/** [a, b, c, d, e, f] as in PDF's cm operator. */
export type Matrix = [number, number, number, number, number, number]

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

/** m then n: the matrix of drawing with `n` inside a state whose CTM is `m` (PDF's `n m` product). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ]
}

/** /Rotate as written (any multiple of 90, negative, 360 …) to 0/90/180/270; pdf.js keeps -90 as -90. */
export function normaliseRotate(deg: number): RightAngle {
  if (!Number.isFinite(deg) || deg % 90 !== 0) return 0 // not a multiple of 90: readers ignore it
  return ((((deg % 360) + 360) % 360) as RightAngle)
}

/** Clockwise angle of a direction vector in user space, snapped to a right angle; null when not near one (skewed text). */
export function clockwiseOf(dx: number, dy: number, toleranceDeg = 10): RightAngle | null {
  if (dx === 0 && dy === 0) return null
  const ccw = (Math.atan2(dy, dx) * 180) / Math.PI
  const cw = (((-ccw % 360) + 360) % 360)
  const snapped = Math.round(cw / 90) * 90
  if (Math.abs(cw - snapped) > toleranceDeg) return null
  return ((snapped % 360) as RightAngle)
}

/** Placed size in points of an image drawn with CTM `m` (the unit square). */
export function placedSize(m: Matrix): { widthPt: number; heightPt: number } {
  return { widthPt: Math.hypot(m[0], m[1]), heightPt: Math.hypot(m[2], m[3]) }
}

/** Bounding box of the unit square under `m`. */
export function placedBox(m: Matrix): [number, number, number, number] {
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]]
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]]
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/** Area of the intersection of two boxes [x0, y0, x1, y1]. */
export function overlapArea(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!)
  const h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!)
  return w > 0 && h > 0 ? w * h : 0
}

/** Pixels per inch of `px` pixels across `pt` points. */
export function dpi(px: number, pt: number): number {
  return pt > 0 ? round1((px * 72) / pt) : 0
}

export const A4_PT = { widthPt: 595.28, heightPt: 841.89 }

/**
 * A stand-alone image has no placed size: it is shown as a page, so A4 is assumed, in the
 * orientation of the image, and the image fitted inside it keeping its aspect ratio.
 * DPI tags are not used: phones and scanners write 72 or 96 whatever the size.
 */
export function fitToA4(widthPx: number, heightPx: number): { widthPt: number; heightPt: number; dpiX: number; dpiY: number } {
  const landscape = widthPx > heightPx
  const pageW = landscape ? A4_PT.heightPt : A4_PT.widthPt
  const pageH = landscape ? A4_PT.widthPt : A4_PT.heightPt
  const scale = Math.min(pageW / widthPx, pageH / heightPx) // points per pixel
  const d = round1(72 / scale)
  return { widthPt: pageW, heightPt: pageH, dpiX: d, dpiY: d }
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}
