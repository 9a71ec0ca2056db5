import type { Piscina } from 'piscina'
import sharp from 'sharp'
import type { PackageSource } from '../fs/package-source.js'
import type { Box, FileFacts } from '../inspect/facts.js'
import type { Finding } from '../report/finding.js'
import { findIdentity, type IdentityTerm } from '../identity/match.js'
import { TimeoutError, renderPdfPage } from './pdf.js'

// A small picture of the page each finding is about, for the HTML report: the sideways scan, the
// blurred certificate, the box with text under it (marked with a red rectangle). Drawn in the CLI
// process after the check, only for --format html, from the package's own file read through the
// package (fs/package-source.ts: a folder or a zip, read-only), never
// cached. PDF pages through pdf.js, images through sharp without applying EXIF orientation (a
// sideways photo looks sideways, as the platform may show it). The work is bounded: at most
// `max` pictures, each within `timeoutMs`, all within `totalMs`; a picture that cannot be had is
// simply left out. Pictures are drawn in a worker thread with the inspection's heap bound, stopped
// when its time is up (pdf.js drawing a page cannot be interrupted in the thread that runs it), and
// a page with more drawing than a picture needs is not drawn at all (preview/pdf.ts).

export interface ThumbnailOptions {
  /** The package the check read, still open (a folder or a zip alike). */
  pkg: PackageSource
  facts: ReadonlyMap<string, FileFacts>
  /** Width of a picture in pixels (about 300). */
  widthPx?: number
  /** Most pictures drawn. */
  max?: number
  /** Bound on drawing one picture. */
  timeoutMs?: number
  /** Bound on drawing them all: past it, the rest are left out. */
  totalMs?: number
  /** Files larger than this are not opened. */
  maxBytes?: number
  /** The applicant's name and employer as terms (identity/match.ts): where they are is marked. */
  terms?: readonly IdentityTerm[]
}

// A page draws in a fraction of a second; the bounds leave room for a slow, busy laptop.
export const THUMBNAIL_DEFAULTS = { widthPx: 300, max: 30, timeoutMs: 8000, totalMs: 60_000, maxBytes: 64 * 1024 * 1024 }

/** Decoding bound for images (the inspector's): a decompression bomb is refused before decoding. */
const MAX_PIXELS = 100_000_000

type Rect = [number, number, number, number]

/** A region to mark: a Box of the facts, points from the page's top left corner as drawn (before /Rotate). */
export interface Region {
  space: 'page'
  rect: Box
  /** Filled, not only framed: the name or employer in plain sight, which a shared report must not show. */
  hide?: boolean
}

/** Heap of the drawing worker: the inspection workers' bound (limits.ts). */
const WORKER_HEAP_MB = 1024

// From dist/ the worker is thumbnail-worker.js beside this file; from src/ (tests) a bootstrap that loads the .ts.
const WORKER_FILE = import.meta.url.endsWith('.ts') ? new URL('./dev-worker.mjs', import.meta.url).href : new URL('./thumbnail-worker.js', import.meta.url).href

/** What the worker draws: one page (or image) of one file, from its bytes. */
export interface DrawTask {
  bytes: Uint8Array
  kind: 'pdf' | 'image'
  page: number
  regions: Region[]
  widthPx: number
  /** Images: their resolution, to place the regions. */
  dpi?: number
  timeoutMs: number
}

/** Draws in the calling thread (the worker's body): a data: URL of a small JPEG. */
export async function drawPicture(t: DrawTask): Promise<string> {
  const jpeg = t.kind === 'pdf' ? await drawPdf(t.bytes, t.page, t.regions, t.widthPx, t.timeoutMs) : await withTimeout(drawImage(t.bytes, t.regions, t.widthPx, t.dpi), t.timeoutMs)
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`
}

/** Thumbnails keyed by the finding's index in `findings`, as data: URLs (JPEG). */
export async function renderThumbnails(findings: readonly Finding[], opts: ThumbnailOptions): Promise<Map<number, string>> {
  const o = { ...THUMBNAIL_DEFAULTS, ...dropUndefined(opts) }
  const fs = opts.pkg
  let pool: Piscina | undefined
  const worker = async () =>
    (pool ??= new (await import('piscina')).Piscina({ filename: WORKER_FILE, minThreads: 0, maxThreads: 1, idleTimeout: 500, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }))
  try {
    return await renderAll(findings, opts, o, fs, worker)
  } finally {
    await (pool as Piscina | undefined)?.destroy()
  }
}

async function renderAll(findings: readonly Finding[], opts: ThumbnailOptions, o: typeof THUMBNAIL_DEFAULTS, fs: PackageSource, worker: () => Promise<Piscina>): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  // Findings on the same page with the same regions share one picture.
  const drawn = new Map<string, Promise<string | null>>()
  const started = Date.now()
  for (const [i, f] of findings.entries()) {
    if (!f.file) continue
    const facts = opts.facts.get(f.file)
    if (!isDrawable(facts, o.maxBytes)) continue
    const regions = regionsFor(f, facts, opts.terms ?? [])
    const key = JSON.stringify([f.file, f.page ?? 1, regions])
    let picture = drawn.get(key)
    if (!picture) {
      if (drawn.size >= o.max || Date.now() - started > o.totalMs) continue
      picture = draw(fs, f.file, f.page ?? 1, facts, regions, o, worker).catch(() => null)
      drawn.set(key, picture)
    }
    const url = await picture
    if (url) out.set(i, url)
  }
  return out
}

/** Only files the inspection could read: no password, no unknown type, within the bounds. */
function isDrawable(facts: FileFacts | undefined, maxBytes: number): facts is FileFacts & { scan: NonNullable<FileFacts['scan']> } {
  const s = facts?.scan
  if (!facts?.exists || !s || !s.readable || s.kind === 'other') return false
  if ((facts.sizeBytes ?? 0) > maxBytes || s.encrypted?.needsPassword) return false
  return true
}

async function draw(
  fs: PackageSource,
  file: string,
  page: number,
  facts: FileFacts & { scan: NonNullable<FileFacts['scan']> },
  regions: Region[],
  o: typeof THUMBNAIL_DEFAULTS,
  worker: () => Promise<Piscina>,
): Promise<string | null> {
  const r = fs.resolve(file)
  if (!r.ok) return null
  const read = await fs.read(r.rel, o.maxBytes)
  if (!read.ok || read.sizeBytes > o.maxBytes) return null
  const task: DrawTask = { bytes: read.bytes, kind: facts.scan.kind === 'pdf' ? 'pdf' : 'image', page, regions, widthPx: o.widthPx, timeoutMs: o.timeoutMs }
  const dpi = facts.scan.pages[0]?.scanImage?.dpiX
  if (dpi !== undefined) task.dpi = dpi
  // The worker is stopped when the time is up (and replaced for the next picture); a little more
  // than the drawing's own bound, which starts once pdf.js is loaded.
  const pool = await worker()
  return (await pool.run(task, { transferList: [read.bytes.buffer as ArrayBuffer], signal: AbortSignal.timeout(o.timeoutMs * 2) })) as string
}

async function drawPdf(bytes: Uint8Array, page: number, regions: Region[], widthPx: number, ms: number): Promise<Buffer> {
  const shown = await renderPdfPage(bytes, page, widthPx, ms)
  const marks = regions.map((g) => ({ rect: shown.toPixels(g.rect), hide: g.hide === true }))
  return finish(sharp(shown.png), shown.width, shown.height, marks)
}

/** An image: its boxes are in points on the A4 page it is fitted to (`dpi` pixels an inch, from the top left). */
async function drawImage(bytes: Uint8Array, regions: Region[], widthPx: number, dpi: number | undefined): Promise<Buffer> {
  const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata()
  const w = meta.width ?? 0
  const h = meta.height ?? 0
  if (w <= 0 || h <= 0) throw new Error('no image size')
  const width = Math.min(widthPx, w)
  const height = Math.max(1, Math.round((h * width) / w))
  const scale = width / w
  const marks = dpi ? regions.map((g) => ({ rect: g.rect.map((v) => ((v * dpi) / 72) * scale) as Rect, hide: g.hide === true })) : []
  // No .rotate(): the pixels as stored, so a photo whose EXIF says "turn me" shows unturned.
  const img = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'none' }).flatten({ background: '#ffffff' }).resize(width, height, { fit: 'fill' })
  return finish(sharp(await img.png().toBuffer()), width, height, marks)
}

/** Marks the regions with a red frame (filled where it must hide what is under it) and encodes a small JPEG. */
async function finish(img: sharp.Sharp, width: number, height: number, marks: Array<{ rect: Rect; hide: boolean }>): Promise<Buffer> {
  const frames = marks
    .map(({ rect: [x0, y0, x1, y1], hide }) => {
      const pad = 3
      const x = Math.max(0, x0 - pad)
      const y = Math.max(0, y0 - pad)
      const fill = hide ? '#e11d48' : 'none'
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(4, x1 - x0 + 2 * pad).toFixed(1)}" height="${Math.max(4, y1 - y0 + 2 * pad).toFixed(1)}" fill="${fill}" fill-opacity="0.9" stroke="#e11d48" stroke-width="3"/>`
    })
    .join('')
  if (frames) {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${frames}</svg>`)
    img = img.composite([{ input: svg, top: 0, left: 0 }])
  }
  return img.jpeg({ quality: 70, mozjpeg: true }).toBuffer()
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

// --- Regions -------------------------------------------------------------------------------------

/**
 * Where on the page a blind-review finding is, from the facts: the boxes with text under them
 * (redaction.covered-text), the runs of the text layer (redaction.text-leak) and the OCR lines
 * (redaction.ocr-leak) that hold the name or employer, the faces (redaction.photo-leak). Other findings are about the whole page
 * (turned, blurred, blank) and are shown unmarked.
 */
export function regionsFor(finding: Finding, facts: FileFacts, terms: readonly IdentityTerm[]): Region[] {
  const page = facts.scan?.pages.find((p) => p.page === (finding.page ?? 1))
  if (!page) return []
  let boxes: Box[] = []
  if (finding.rule === 'redaction.covered-text') boxes = (page.covered ?? []).map((c) => c.box)
  else if (finding.rule === 'redaction.text-leak') boxes = matching((page.text ?? []).map((r) => ({ text: r.s, box: r.box })), terms)
  else if (finding.rule === 'redaction.ocr-leak' && page.ocr?.status === 'read') boxes = matching(page.ocr.lines, terms)
  else if (finding.rule === 'redaction.photo-leak') boxes = (page.faces ?? []).filter((f) => !f.covered).map((f) => f.box)
  // A box drawn over text already hides it; a leak in the text or the picture is in plain sight.
  const hide = finding.rule !== 'redaction.covered-text'
  return boxes.slice(0, 20).map((box) => ({ space: 'page', rect: box, ...(hide ? { hide } : {}) }))
}

/** Boxes of the pieces of text where a term is found, a name split across pieces included. */
function matching(pieces: ReadonlyArray<{ text: string; box: Box }>, terms: readonly IdentityTerm[]): Box[] {
  if (terms.length === 0 || pieces.length === 0) return []
  const starts: number[] = []
  let text = ''
  for (const p of pieces) {
    if (text !== '') text += ' '
    starts.push(text.length)
    text += p.text
  }
  const out: Box[] = []
  for (const hit of findIdentity(text, terms)) {
    pieces.forEach((p, i) => {
      const s = starts[i]!
      if (s < hit.end && s + p.text.length > hit.start && !out.includes(p.box)) out.push(p.box)
    })
  }
  return out
}
