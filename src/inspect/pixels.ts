import type { PixelStats } from './facts.js'
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
  const out = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) out.set(grey.subarray((y + my) * width + mx, (y + my) * width + mx + w), y * w)
  return { data: out, w, h }
}

/** 0.12 of the grey scale: twice the noise of a poor scanner, half the contrast of faded text. */
const MARK_STEP = 31

const BOX = 11

/**
 * Crété-Roffet blur effect, max over the two axes, 0 … 1. 1 also for a flat image (nothing to
 * blur): callers test blankness first.
 */
export function blurEffect(data: Uint8Array, w: number, h: number): number {
  if (w < 8 || h < 8) return 1
  const img = new Float32Array(w * h)
  for (let i = 0; i < img.length; i++) img[i] = data[i]! / 255
  let worst = 0
  for (const axis of [0, 1] as const) {
    const filt = boxFilter1d(img, w, h, axis)
    let m1 = 0
    let m2 = 0
    // skimage sums over [2, s-1) on each axis
    for (let y = 2; y < h - 1; y++) {
      for (let x = 2; x < w - 1; x++) {
        const sharp = Math.abs(sobel(img, w, h, x, y, axis))
        const blurred = Math.abs(sobel(filt, w, h, x, y, axis))
        m1 += sharp
        m2 += Math.max(0, sharp - blurred)
      }
    }
    const b = m1 > 0 ? Math.abs(m1 - m2) / m1 : 1
    if (b > worst) worst = b
  }
  return worst
}

/** Mean over BOX pixels along `axis` (0 = along rows, i.e. x; 1 = along columns, y), edges clamped. */
function boxFilter1d(img: Float32Array, w: number, h: number, axis: 0 | 1): Float32Array {
  const out = new Float32Array(w * h)
  const r = BOX >> 1
  const len = axis === 0 ? w : h
  const lines = axis === 0 ? h : w
  const at = (line: number, i: number) => (axis === 0 ? line * w + i : i * w + line)
  for (let line = 0; line < lines; line++) {
    let acc = 0
    for (let k = -r; k <= r; k++) acc += img[at(line, clamp(k, len))]!
    for (let i = 0; i < len; i++) {
      out[at(line, i)] = acc / BOX
      acc += img[at(line, clamp(i + r + 1, len))]! - img[at(line, clamp(i - r, len))]!
    }
  }
  return out
}

function clamp(i: number, len: number): number {
  return i < 0 ? 0 : i >= len ? len - 1 : i
}

/** Sobel derivative along `axis` at (x, y), smoothed 1-2-1 across it. Interior points only. */
function sobel(img: Float32Array, w: number, _h: number, x: number, y: number, axis: 0 | 1): number {
  const p = y * w + x
  if (axis === 0) {
    return (
      img[p - w + 1]! - img[p - w - 1]! + 2 * (img[p + 1]! - img[p - 1]!) + img[p + w + 1]! - img[p + w - 1]!
    )
  }
  return img[p + w - 1]! - img[p - w - 1]! + 2 * (img[p + w]! - img[p - w]!) + img[p + w + 1]! - img[p - w + 1]!
}

/** Working size for the grey copy: about `dpi` at the placed size, never larger than the image. */
export function workingSize(widthPx: number, heightPx: number, widthIn: number, heightIn: number, dpi = 100): { width: number; height: number } {
  const scale = Math.min(1, (widthIn * dpi) / widthPx, (heightIn * dpi) / heightPx)
  return { width: Math.max(1, Math.round(widthPx * scale)), height: Math.max(1, Math.round(heightPx * scale)) }
}
