/**
 * A perceptual fingerprint of a scanned page, to know the same picture saved again: another JPEG
 * quality, another resolution, greyscale, a PNG, wrapped in a PDF, or a PDF's page saved as a JPEG.
 * Another certificate printed from the same template is NOT the same picture: the lines that
 * differ (a name, even one masked as 欧**, a number, a date) change the cells they stand in.
 *
 * The fingerprint is a GRID × GRID grid of cell means of the grey copy measured at about 100 dpi
 * (pixels.ts, margins already left out), scaled so the paper (90th percentile of the cells) is 255,
 * one byte a cell, base64url. Two pages are compared cell by cell: saving again moves a cell's
 * mean by a few levels everywhere (noise and JPEG ringing average out over the ~1 000 pixels of a
 * cell); a changed word moves the cells it stands in by tens of levels. This is a block-mean hash
 * compared by its largest differences rather than by a Hamming distance: difference and DCT
 * hashes (dHash, pHash) describe the template, and a certificate and its twin with another name
 * come out nearly equal in them (measured: see test/inspect/fingerprint.test.ts).
 *
 * Measured on 16 varied generated certificates (bench/certificates.mjs): saved again at JPEG
 * quality 40, at half the resolution, or in grey, no cell moved by more than 5.5 levels; the same
 * page with the name masked (欧**), boxed, or another name, moved at least three cells by 10 or more.
 */

export const GRID = 24
/** A cell that moved by more than this many grey levels (of 255) shows a different picture. */
const CELL_MOVED = 8
/** Cells that may move by more than CELL_MOVED in the same picture saved again (one: a JPEG block on an edge). */
const CELLS_MOVED_MAX = 1
/** A page with fewer cells darker than the paper by INK levels holds nothing to compare (blank, a ruled sheet). */
const MIN_INKED_CELLS = 8
const INK = 16

/** The fingerprint of a grey image (8-bit, row-major); '' when it is too small to hold the grid. */
export function pictureHash(grey: Uint8Array, width: number, height: number): string {
  if (width < GRID || height < GRID) return ''
  const means = new Float64Array(GRID * GRID)
  const xs = edges(width, GRID)
  const ys = edges(height, GRID)
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      let sum = 0
      for (let y = ys[gy]!; y < ys[gy + 1]!; y++) {
        const row = y * width
        for (let x = xs[gx]!; x < xs[gx + 1]!; x++) sum += grey[row + x]!
      }
      means[gy * GRID + gx] = sum / ((xs[gx + 1]! - xs[gx]!) * (ys[gy + 1]! - ys[gy]!))
    }
  }
  const paper = Math.max(1, [...means].sort((a, b) => a - b)[Math.floor(means.length * 0.9)]!)
  const cells = Buffer.alloc(means.length)
  for (let i = 0; i < means.length; i++) cells[i] = Math.min(255, Math.round((means[i]! * 255) / paper))
  return cells.toString('base64url')
}

/** Cell boundaries: `n` cells over `len` pixels. */
function edges(len: number, n: number): number[] {
  const out: number[] = []
  for (let i = 0; i <= n; i++) out.push(Math.round((i * len) / n))
  return out
}

interface Cells {
  cells: Buffer
  /** Cells darker than the paper by INK or more. */
  inked: number
}

/**
 * Decoded fingerprints, kept for the pairs still to come: a batch compares each page of a form
 * template with many others (issue 18: 5 000 such pages took 243 s decoding the same strings).
 * Bounded: emptied when it holds DECODED_MAX.
 */
const decoded = new Map<string, Cells | null>()
const DECODED_MAX = 100_000

function cellsOf(hash: string | undefined): Cells | null {
  if (!hash) return null
  let out = decoded.get(hash)
  if (out !== undefined) return out
  const cells = Buffer.from(hash, 'base64url')
  if (cells.length === GRID * GRID) {
    let inked = 0
    for (const v of cells) if (v < 255 - INK) inked++
    out = { cells, inked }
  } else {
    out = null
  }
  if (decoded.size >= DECODED_MAX) decoded.clear()
  decoded.set(hash, out)
  return out
}

/** The same picture, saved again or not: both pages hold enough to compare, and no more than one cell moved. */
export function samePicture(a: string | undefined, b: string | undefined): boolean {
  const p = cellsOf(a)
  const q = cellsOf(b)
  if (!p || !q || p.inked < MIN_INKED_CELLS || q.inked < MIN_INKED_CELLS) return false
  const x = p.cells
  const y = q.cells
  let moved = 0
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]! - y[i]!) > CELL_MOVED && ++moved > CELLS_MOVED_MAX) return false
  }
  return true
}

/**
 * A coarse sketch for grouping many pages before comparing them: the mean level of each quarter
 * of the page, rounded down to SKETCH_STEP. The same picture saved again moves a quarter's mean by
 * well under one step (at most 5.5 levels in one cell of 144), so its sketch equals the original's
 * or differs by one step in some quarters: callers compare pages whose sketches are within one
 * step in every quarter (neighbouring buckets), not every pair.
 */
export const SKETCH_STEP = 2
export function pictureSketch(hash: string | undefined): [number, number, number, number] | null {
  const cells = cellsOf(hash)?.cells
  if (!cells) return null
  const half = GRID / 2
  const sums = [0, 0, 0, 0]
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) sums[(gy < half ? 0 : 2) + (gx < half ? 0 : 1)]! += cells[gy * GRID + gx]!
  }
  const n = half * half
  return sums.map((s) => Math.floor(s / n / SKETCH_STEP)) as [number, number, number, number]
}
