import { createRequire, Module } from 'node:module'
import { dirname, join } from 'node:path'
import { speedUpConcat } from './tfjs-concat.js'

// Over 400 lines because the detector, the photo-like regions it is pointed at and the tests of what a
// box holds (detail, flat share, mask) are tuned together (bench/faces.mjs) and read best side by side.

// Faces on a page (redaction.photo-leak): page pixels in, face boxes out.
//
// The detector is face-api's Tiny Face Detector (@vladmandic/face-api 1.7.15, MIT: a 190 KB
// YOLO-style model shipped in the package's model/ folder) on TensorFlow.js's WASM backend (its
// .wasm files ship in @tensorflow/tfjs-backend-wasm): nothing is downloaded, no native build.
// Measured on this 2-core machine it takes ~55 ms for a 416 px input and ~20 ms for 224 px, where
// face-api's SSD MobileNet v1 takes ~270 ms (~630 ms a photo crop) and found 13/22 faces of the
// generated set where the tiny detector at 224 px found 11/22 (figures in the commit that added this).
//
// A whole A4 page at the detector's 416 px input shrinks a 2.5 × 3.5 cm ID photo's face to ~20 px,
// below what it finds. So the page is looked at twice:
// 1. whole, at 416 px: photos of people that fill a good part of the page;
// 2. photo-like rectangles first: cells of the page that are filled (far from the paper's colour)
//    are joined into regions, and each region of photo size is cropped with a margin and given to
//    the detector at 224 px, where the face of a small ID photo is 80–120 px.
// Faces narrower than MIN_FACE_MM on paper, or MIN_FACE_PX in the pixels, are not kept: too
// small to identify anyone.
//
// Masks: a solid box leaves no face; a strong mosaic or blur leaves a blob the detector scores
// low (at most 0.32 on the 66 masked twins of the generated set, against MIN_SCORE 0.4). A flat
// patch with no detail at all, or a drawn face of one flat colour (a cartoon), is not a photo.

/** A face narrower than this on the printed page is too small to identify (a 1-inch photo's face is ~15 mm). */
export const MIN_FACE_MM = 8
/** Nor one narrower than this in the scan's pixels. */
export const MIN_FACE_PX = 24
/** Detector score from which a box is a face (calibrated on the generated set, test/inspect/faces.test.ts). */
export const MIN_SCORE = 0.4
/** Input sizes the detector looks at a photo-like region with. */
const REGION_INPUTS = [224, 320]
/** Pixels per millimetre the page is looked at: 150 dpi. */
export const FACE_DPI = 150

/** What the detector is, as facts record it (cache entries of another engine are not reused). */
export const FACE_ENGINE = 'face-api tiny-face-detector 1.7.15 (tfjs-wasm 4.22)'

export interface RgbImage {
  data: Uint8Array
  width: number
  height: number
}

/** [left, top, right, bottom] in pixels of the image given. */
export type PxBox = [number, number, number, number]

export interface FoundFace {
  box: PxBox
  /** Detector score, 0–1. */
  score: number
}

interface FaceApi {
  tf: {
    setBackend(name: string): Promise<boolean>
    ready(): Promise<void>
    getBackend(): string
    tensor3d(data: Float32Array, shape: [number, number, number], dtype: 'float32'): { dispose(): void }
    engine(): { startScope(): void; endScope(): void }
    env(): { set(flag: string, value: unknown): void }
    getKernel(name: string, backend: string): unknown
  }
  nets: { tinyFaceDetector: { loadFromDisk(dir: string): Promise<void>; isLoaded: boolean } }
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => unknown
  detectAllFaces(input: unknown, options: unknown): Promise<Array<{ score: number; box: { x: number; y: number; width: number; height: number } }>>
}

let loading: Promise<FaceApi> | null = null

/** The detector, loaded once per worker (about 0.5 s: the WASM backend and the 190 KB model). */
export function loadDetector(): Promise<FaceApi> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url)
    const restore = quietConsole()
    try {
      slimTfjs(require)
      const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi
      const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void }
      wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/')
      await faceapi.tf.setBackend('wasm')
      await faceapi.tf.ready()
      if (faceapi.tf.getBackend() !== 'wasm') throw new Error('the tfjs WASM backend did not start')
      speedUpConcat(faceapi.tf.getKernel)
      await faceapi.nets.tinyFaceDetector.loadFromDisk(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'))
      return faceapi
    } finally {
      restore()
    }
  })()
  // A failed load is tried again by the next file, not remembered as failed for the worker's life.
  loading.catch(() => {
    loading = null
  })
  return loading
}

/**
 * face-api's bundle loads @tensorflow/tfjs, which loads layers, the converter, data and the CPU
 * and WebGL backends only to re-export them (and read their version strings): ~0.2 core-s a worker.
 * The detector uses tfjs-core's ops on the WASM backend's kernels, so in this worker those five
 * resolve to empty modules, unless something already loaded them: the same engine and kernels.
 */
const UNUSED_TFJS = ['@tensorflow/tfjs-layers', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-data', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl']

function slimTfjs(require: NodeJS.Require): void {
  const tfjs = createRequire(require.resolve('@tensorflow/tfjs'))
  if (require.cache[tfjs.resolve('@tensorflow/tfjs')]) return
  for (const name of UNUSED_TFJS) {
    const path = tfjs.resolve(name)
    if (require.cache[path]) continue
    const stub = new Module(path)
    stub.filename = path
    stub.loaded = true
    require.cache[path] = stub
  }
}

/** tfjs greets and warns through console; inside inspection that is noise on stderr. */
function quietConsole(): () => void {
  const { log, warn, info } = console
  console.log = () => {}
  console.warn = () => {}
  console.info = () => {}
  return () => {
    Object.assign(console, { log, warn, info })
  }
}

/**
 * Faces in an RGB image (3 bytes a pixel, no padding) of a page or of a picture placed on one,
 * looked at `pxPerMm` pixels a millimetre of paper. Boxes in the image's pixels, sorted.
 */
export async function detectFaces(img: RgbImage, pxPerMm: number): Promise<FoundFace[]> {
  const minPx = Math.max(MIN_FACE_PX, MIN_FACE_MM * pxPerMm)
  return (await faceCandidates(img, pxPerMm))
    .filter((f) => f.box[2] - f.box[0] >= minPx && f.score >= MIN_SCORE && f.detail >= MIN_DETAIL && f.flat < MAX_FLAT)
    .map(({ box, score }) => ({ box, score }))
}

/** Every box the detector gives (one per face), with the detail in it, before the thresholds. */
export async function faceCandidates(img: RgbImage, pxPerMm: number): Promise<Array<FoundFace & { detail: number; flat: number }>> {
  if (img.width < MIN_FACE_PX || img.height < MIN_FACE_PX || img.data.length < img.width * img.height * 3) return []
  const api = await loadDetector()
  const found: FoundFace[] = []
  const whole = Math.max(img.width, img.height)
  found.push(...(await run(api, img, [0, 0, img.width, img.height], [inputSizeFor(whole, 416)])))
  // Two input sizes: the tiny detector finds some faces at one and not the other (bench/faces.mjs).
  for (const region of photoRegions(img, pxPerMm)) found.push(...(await run(api, img, region, REGION_INPUTS)))
  return suppress(found)
    .map((f) => ({ ...f, detail: detail(img, f.box), flat: flatShare(img, f.box) }))
    .sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0])
}

/** Multiple of 32 that face-api takes, no larger than needed for a small picture. */
function inputSizeFor(longSide: number, max: number): number {
  return Math.max(128, Math.min(max, Math.ceil(longSide / 32) * 32))
}

/**
 * The detector on a region of the image, at each input size. The pixels go in as float32, the
 * type face-api casts them to before padding and resizing (0–255 are exact in both), so there is
 * no int32 copy to cast; the whole image converts natively, a region row by row, into one buffer.
 */
async function run(api: FaceApi, img: RgbImage, region: PxBox, inputSizes: readonly number[]): Promise<FoundFace[]> {
  const [x0, y0, x1, y1] = region
  const w = x1 - x0
  const h = y1 - y0
  if (w < MIN_FACE_PX || h < MIN_FACE_PX) return []
  const pixels = floats(w * h * 3)
  if (w === img.width && h === img.height) pixels.set(img.data.subarray(0, w * h * 3))
  else {
    for (let y = 0; y < h; y++) {
      const src = ((y + y0) * img.width + x0) * 3
      for (let k = 0, at = y * w * 3; k < w * 3; k++) pixels[at + k] = img.data[src + k]!
    }
  }
  const tensor = api.tf.tensor3d(pixels, [h, w, 3], 'float32')
  try {
    const out: FoundFace[] = []
    for (const inputSize of inputSizes) {
      const options = new api.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.2 })
      const hits = await api.detectAllFaces(tensor, options)
      for (const d of hits) {
        out.push({
          score: d.score,
          box: [
            clampTo(x0 + d.box.x, x0, x1),
            clampTo(y0 + d.box.y, y0, y1),
            clampTo(x0 + d.box.x + d.box.width, x0, x1),
            clampTo(y0 + d.box.y + d.box.height, y0, y1),
          ] as PxBox,
        })
      }
    }
    return out
  } finally {
    tensor.dispose()
  }
}

/** One buffer a worker for the detector's input (tfjs copies it into its own memory): a page's
 * 25 MB are not allocated, faulted in and collected again for every picture. */
let scratch = new Float32Array(0)

function floats(n: number): Float32Array {
  if (scratch.length < n) scratch = new Float32Array(n)
  return scratch.subarray(0, n)
}

function clampTo(v: number, lo: number, hi: number): number {
  return Math.round(Math.min(hi, Math.max(lo, v)))
}

/** Boxes that overlap by more than this share of the smaller one are the same face. */
const SAME_FACE = 0.4

/** One box per face: the best scored where boxes overlap. */
function suppress(list: FoundFace[]): FoundFace[] {
  const sorted = [...list].sort((a, b) => b.score - a.score || a.box[0] - b.box[0] || a.box[1] - b.box[1])
  const kept: FoundFace[] = []
  for (const f of sorted) {
    if (kept.some((k) => overlapShare(k.box, f.box) > SAME_FACE)) continue
    kept.push(f)
  }
  return kept
}

function overlapShare(a: PxBox, b: PxBox): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0])
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1])
  if (w <= 0 || h <= 0) return 0
  const smaller = Math.min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
  return smaller > 0 ? (w * h) / smaller : 0
}

// ---------------------------------------------------------------------------------------------
// Photo-like regions

/** Cell side in millimetres: 2 mm, a tenth of an ID photo's width. */
const CELL_MM = 2
/** A pixel this far (RGB distance) from the paper's colour is filled. */
const FILLED_DISTANCE = 60
/** A cell this much filled is part of a picture (text fills 10–35 % of its cells, a bold heading ~50 %). */
const FILLED_CELL = 0.6
/** Regions smaller than this (mm) cannot hold a face of MIN_FACE_MM. */
const MIN_REGION_MM = 10
/** At most this many regions a page are looked at, largest first (the time bound). */
const MAX_REGIONS = 6

/** Rectangles of the image that look like pictures (filled, of photo size and shape), with a margin. */
export function photoRegions(img: RgbImage, pxPerMm: number): PxBox[] {
  const cell = Math.max(4, Math.round(CELL_MM * pxPerMm))
  const cw = Math.floor(img.width / cell)
  const ch = Math.floor(img.height / cell)
  if (cw < 3 || ch < 3) return []
  const paper = paperColour(img)
  const filled = new Uint8Array(cw * ch)
  const limit = FILLED_DISTANCE * FILLED_DISTANCE
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let n = 0
      let total = 0
      // Every other pixel both ways: a quarter of the work, the same share.
      for (let y = cy * cell; y < (cy + 1) * cell; y += 2) {
        for (let x = cx * cell; x < (cx + 1) * cell; x += 2) {
          const p = (y * img.width + x) * 3
          const dr = img.data[p]! - paper[0]
          const dg = img.data[p + 1]! - paper[1]
          const db = img.data[p + 2]! - paper[2]
          if (dr * dr + dg * dg + db * db >= limit) n++
          total++
        }
      }
      filled[cy * cw + cx] = n >= FILLED_CELL * total ? 1 : 0
    }
  }
  const minCells = Math.ceil(MIN_REGION_MM / CELL_MM)
  const regions: Array<{ box: PxBox; area: number }> = []
  for (const c of components(filled, cw, ch)) {
    const [a, b, c2, d] = c.cells
    const wc = c2 - a + 1
    const hc = d - b + 1
    if (wc < minCells || hc < minCells) continue
    // Too thin to be a photo: a heading, a rule, a table border.
    if (wc > 3 * hc || hc > 3 * wc) continue
    // Filled regions that are most of the page are the page itself: the whole-page look covers them.
    if (wc * hc > 0.5 * cw * ch) continue
    // Solid: a photo fills most of its box; a ring of a seal or a frame of a table does not.
    if (c.count < 0.5 * wc * hc) continue
    const m = Math.round(Math.max(wc, hc) * 0.15)
    const box: PxBox = [Math.max(0, (a - m) * cell), Math.max(0, (b - m) * cell), Math.min(img.width, (c2 + 1 + m) * cell), Math.min(img.height, (d + 1 + m) * cell)]
    regions.push({ box, area: wc * hc })
  }
  return regions
    .sort((x, y) => y.area - x.area || x.box[1] - y.box[1] || x.box[0] - y.box[0])
    .slice(0, MAX_REGIONS)
    .map((r) => r.box)
}

/** The paper: the most common colour, in steps of 8 levels (the page is mostly paper). */
function paperColour(img: RgbImage): [number, number, number] {
  const counts = new Map<number, number>()
  const n = img.width * img.height
  const step = Math.max(1, Math.floor(n / 40_000))
  for (let i = 0; i < n; i += step) {
    const p = i * 3
    const key = ((img.data[p]! >> 3) << 10) | ((img.data[p + 1]! >> 3) << 5) | (img.data[p + 2]! >> 3)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  let best = 0
  let key = (31 << 10) | (31 << 5) | 31
  for (const [k, c] of counts) {
    if (c > best || (c === best && k < key)) {
      best = c
      key = k
    }
  }
  return [((key >> 10) & 31) * 8 + 4, ((key >> 5) & 31) * 8 + 4, (key & 31) * 8 + 4]
}

/** 8-connected components of set cells, after closing one-cell gaps: bounding box in cells and count. */
function components(grid: Uint8Array, w: number, h: number): Array<{ cells: [number, number, number, number]; count: number }> {
  // Close gaps of one cell (a photo's white collar or background against white paper).
  const closed = new Uint8Array(grid)
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      if (grid[y * w + x]) continue
      const horiz = grid[y * w + x - 1] && grid[y * w + x + 1]
      const vert = grid[(y - 1) * w + x] && grid[(y + 1) * w + x]
      if (horiz || vert) closed[y * w + x] = 1
    }
  }
  // Then erode by one cell: a line of writing or a rule that touches the photo falls away, the photo stays.
  const core = new Uint8Array(w * h)
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x
      core[i] = closed[i] && closed[i - 1] && closed[i + 1] && closed[i - w] && closed[i + w] ? 1 : 0
    }
  }
  const seen = new Uint8Array(w * h)
  const out: Array<{ cells: [number, number, number, number]; count: number }> = []
  const stack: number[] = []
  for (let i = 0; i < w * h; i++) {
    if (!core[i] || seen[i]) continue
    let minX = w
    let minY = h
    let maxX = -1
    let maxY = -1
    let count = 0
    stack.push(i)
    seen[i] = 1
    while (stack.length > 0) {
      const j = stack.pop()!
      const x = j % w
      const y = (j - x) / w
      count++
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const ny = y + dy
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue
          const k = ny * w + nx
          if (core[k] && !seen[k]) {
            seen[k] = 1
            stack.push(k)
          }
        }
      }
    }
    // Grown back by the cell the erosion took.
    out.push({ cells: [Math.max(0, minX - 1), Math.max(0, minY - 1), Math.min(w - 1, maxX + 1), Math.min(h - 1, maxY + 1)], count })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Detail left in a face box

/** The middle of a face box (a fifth in from each side): the face, without the hair and background round it. */
function middleOf(box: PxBox): PxBox {
  const w = box[2] - box[0]
  const h = box[3] - box[1]
  return [Math.round(box[0] + w * 0.2), Math.round(box[1] + h * 0.2), Math.round(box[2] - w * 0.2), Math.round(box[3] - h * 0.2)]
}

/** Neighbouring pixels differing by more than this (grey levels) are detail, not JPEG noise. */
const DETAIL_STEP = 10
/** A box with fewer detail pairs than this share is a flat patch, not a face. */
export const MIN_DETAIL = 0.03

/**
 * Share of horizontally and vertically neighbouring pixel pairs, inside the middle of the box,
 * whose grey levels differ by more than DETAIL_STEP. Real faces of the generated set measure
 * 0.04–0.3 (smooth skin at 150 dpi differs little pixel to pixel), so this only drops a flat patch;
 * the detector's score is what tells a mosaic or blur from a face.
 */
export function detail(img: RgbImage, box: PxBox): number {
  const [x0, y0, x1, y1] = middleOf(box)
  if (x1 - x0 < 3 || y1 - y0 < 3) return 0
  const grey = (x: number, y: number) => {
    const p = (y * img.width + x) * 3
    return (img.data[p]! * 299 + img.data[p + 1]! * 587 + img.data[p + 2]! * 114) / 1000
  }
  let pairs = 0
  let differ = 0
  for (let y = y0; y < y1 - 1; y++) {
    for (let x = x0; x < x1 - 1; x++) {
      const g = grey(x, y)
      pairs += 2
      if (Math.abs(g - grey(x + 1, y)) > DETAIL_STEP) differ++
      if (Math.abs(g - grey(x, y + 1)) > DETAIL_STEP) differ++
    }
  }
  return pairs > 0 ? differ / pairs : 0
}

/** A drawn face (a cartoon, an emoji) is mostly one flat colour; skin on a photo never is. */
export const MAX_FLAT = 0.3

/** Share of the middle of the box taken by its most common colour, in steps of 16 levels a channel. */
export function flatShare(img: RgbImage, box: PxBox): number {
  const [x0, y0, x1, y1] = middleOf(box)
  const counts = new Map<number, number>()
  let n = 0
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = (y * img.width + x) * 3
      const key = ((img.data[p]! >> 4) << 8) | ((img.data[p + 1]! >> 4) << 4) | (img.data[p + 2]! >> 4)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      n++
    }
  }
  let best = 0
  for (const c of counts.values()) if (c > best) best = c
  return n > 0 ? best / n : 1
}
