import type { PixelStats } from './facts.js'
import { pictureHash } from './fingerprint.js'
import { round3 } from './geometry.js'

/**
 * Measures on a grey copy of a scanned page (8-bit, 0 = black), taken at about 100 dpi: the
 * scale a reviewer reads the page at, so a blur is judged by its size on paper, not in pixels.
 *
 * - blur: the Crété-Roffet "blur effect" (Crété-Roffet et al. 2007, as skimage.measure.blur_effect):
 *   blur the image again with an 11-pixel box and see how much of its edge energy survives. A
 *   sharp page loses most (≈0.1), a blurred one little (→1). Unlike the variance of the Laplacian
 *   it hardly depends on resolution, content or noise (PRIOR-ART: a clean page measures
 *   0.072–0.076 at 100, 150 and 300 dpi, while the Laplacian goes 3077 → 774).
 * - ink: share of pixels visibly darker than the paper (the 90th percentile): by 0.12 or more,
 *   about 30 grey levels. Text covers 2–15 % of a written page at 100 dpi, one line of text 0.3 %;
 *   scanner noise (σ up to 15 levels), paper grain and dust stay below 0.05 %.
 * - inkLuma: how dark those marks are, as the 10th percentile of their luminance (the paper's
 *   when there are none). Black text on white measures 0.05–0.25, grey text 0.45–0.6, faded
 *   text above 0.7 (calibration in test/inspect/pixels.test.ts).
 * - p50 / p90 / mean: the luminance histogram, for exposure: p90 is the paper.
 * - hash: the page's perceptual fingerprint (fingerprint.ts), to know the same picture saved again.
 *
 * A margin of 4 % on every side is left out: scanner lids, punched holes and page edges
 * throw shadows there that are no part of the document.
 */
export function measureGrey(grey: Uint8Array, width: number, height: number): PixelStats {
  const crop = cropMargins(grey, width, height, 0.04)
  const { data, w, h } = crop
  const hist = new Uint32Array(256)
  let sum = 0
  for (let i = 0; i < data.length; i++) {
    hist[data[i]!]!++
    sum += data[i]!
  }
  const n = data.length
  const pct = (q: number) => percentile(hist, n, q)
  const p90 = pct(0.9)
  // Visible marks: at least MARK_STEP grey levels darker than the paper.
  const markBelow = Math.max(0, p90 - MARK_STEP)
  let marks = 0
  for (let v = 0; v < markBelow; v++) marks += hist[v]!
  let inkLuma = p90
  if (marks > 0) {
    let acc = 0
    for (let v = 0; v < markBelow; v++) {
      acc += hist[v]!
      if (acc >= marks * 0.1) {
        inkLuma = v
        break
      }
    }
  }
  return {
    widthPx: width,
    heightPx: height,
    blur: round3(blurEffect(data, w, h)),
    ink: round4(n ? marks / n : 0),
    inkLuma: round3(inkLuma / 255),
    p50: round3(pct(0.5) / 255),
    p90: round3(p90 / 255),
    mean: round3(n ? sum / n / 255 : 0),
    hash: pictureHash(data, w, h),
  }
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000
}

function percentile(hist: Uint32Array, n: number, q: number): number {
  const target = q * n
  let acc = 0
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!
    if (acc >= target && acc > 0) return v
  }
  return 255
}

function cropMargins(grey: Uint8Array, width: number, height: number, frac: number): { data: Uint8Array; w: number; h: number } {
  const mx = Math.floor(width * frac)
  const my = Math.floor(height * frac)
  const w = width - 2 * mx
  const h = height - 2 * my
  if (w < 16 || h < 16) return { data: grey, w: width, h: height }
  const out = cropScratch.take(w * h)
  for (let y = 0; y < h; y++) out.set(grey.subarray((y + my) * width + mx, (y + my) * width + mx + w), y * w)
  return { data: out, w, h }
}

/**
 * Buffers kept for the worker's life, each fully written before it is read: a page's working
 * copies (1–4 MB each) are not allocated, faulted in and collected again for every page.
 */
class Scratch<T extends Uint8Array | Float32Array> {
  private buf: T
  constructor(private readonly make: (n: number) => T) {
    this.buf = make(0)
  }
  take(n: number): T {
    if (this.buf.length < n) this.buf = this.make(n)
    return this.buf.subarray(0, n) as T
  }
}
const cropScratch = new Scratch((n) => new Uint8Array(n))
const imgScratch = new Scratch((n) => new Float32Array(n))
const filtScratch = new Scratch((n) => new Float32Array(n))

/** 0.12 of the grey scale: twice the noise of a poor scanner, half the contrast of faded text. */
const MARK_STEP = 31

const BOX = 11

/**
 * Crété-Roffet blur effect, max over the two axes, 0 … 1. 1 also for a flat image (nothing to
 * blur): callers test blankness first.
 */
export function blurEffect(data: Uint8Array, w: number, h: number): number {
  if (w < 8 || h < 8) return 1
  const img = imgScratch.take(w * h)
  for (let i = 0; i < img.length; i++) img[i] = data[i]! / 255
  const filt = filtScratch.take(w * h)
  let worst = 0
  for (const axis of [0, 1] as const) {
    boxFilter1d(img, filt, w, h, axis)
    // skimage sums over [2, s-1) on each axis. The Sobel derivative along `axis`, smoothed 1-2-1
    // across it, written out in the loop: this is the hottest loop of a cold check.
    const m = axis === 0 ? sobelSums(img, filt, w, h, 1, w) : sobelSums(img, filt, w, h, w, 1)
    const b = m.m1 > 0 ? Math.abs(m.m1 - m.m2) / m.m1 : 1
    if (b > worst) worst = b
  }
  return worst
}

/**
 * Σ|∂img| and Σ max(0, |∂img| − |∂filt|) over the interior, the derivative taken with step `d`
 * (1 = along x, w = along y) and smoothed with step `s` across it.
 */
function sobelSums(img: Float32Array, filt: Float32Array, w: number, h: number, d: number, s: number): { m1: number; m2: number } {
  let m1 = 0
  let m2 = 0
  for (let y = 2; y < h - 1; y++) {
    for (let p = y * w + 2, end = y * w + w - 1; p < end; p++) {
      const sharp = Math.abs(img[p - s + d]! - img[p - s - d]! + 2 * (img[p + d]! - img[p - d]!) + img[p + s + d]! - img[p + s - d]!)
      const blurred = Math.abs(filt[p - s + d]! - filt[p - s - d]! + 2 * (filt[p + d]! - filt[p - d]!) + filt[p + s + d]! - filt[p + s - d]!)
      m1 += sharp
      if (sharp > blurred) m2 += sharp - blurred
    }
  }
  return { m1, m2 }
}

/** Mean over BOX pixels along `axis` (0 = along rows, i.e. x; 1 = along columns, y), edges clamped, into `out`. */
function boxFilter1d(img: Float32Array, out: Float32Array, w: number, h: number, axis: 0 | 1): void {
  const r = BOX >> 1
  if (axis === 0) {
    for (let base = 0; base < w * h; base += w) {
      let acc = 0
      for (let k = -r; k <= r; k++) acc += img[base + clamp(k, w)]!
      for (let i = 0; i < w; i++) {
        out[base + i] = acc / BOX
        acc += img[base + (i + r + 1 < w ? i + r + 1 : w - 1)]! - img[base + (i - r > 0 ? i - r : 0)]!
      }
    }
    return
  }
  // Down the columns, a row at a time (all columns' sums at once), so memory is read in order.
  const acc = new Float64Array(w)
  for (let k = -r; k <= r; k++) {
    const row = clamp(k, h) * w
    for (let x = 0; x < w; x++) acc[x]! += img[row + x]!
  }
  for (let y = 0; y < h; y++) {
    const at = y * w
    const add = (y + r + 1 < h ? y + r + 1 : h - 1) * w
    const drop = (y - r > 0 ? y - r : 0) * w
    for (let x = 0; x < w; x++) {
      out[at + x] = acc[x]! / BOX
      acc[x]! += img[add + x]! - img[drop + x]!
    }
  }
}

function clamp(i: number, len: number): number {
  return i < 0 ? 0 : i >= len ? len - 1 : i
}

/** Working size for the grey copy: about `dpi` at the placed size, never larger than the image. */
export function workingSize(widthPx: number, heightPx: number, widthIn: number, heightIn: number, dpi = 100): { width: number; height: number } {
  const scale = Math.min(1, (widthIn * dpi) / widthPx, (heightIn * dpi) / heightPx)
  return { width: Math.max(1, Math.round(widthPx * scale)), height: Math.max(1, Math.round(heightPx * scale)) }
}
