import exifr from 'exifr'
import sharp from 'sharp'
import type { Box, ExifFacts, Face, OcrPage, PageFacts, ScanFacts, UnreadableReason } from './facts.js'
import { fitToA4, round1 } from './geometry.js'
import type { InspectLimits } from './limits.js'
import { imageMetadata } from './metadata.js'
import { ocrEngineName, ocrImage, ocrScale } from './ocr.js'
import { measureGrey, workingSize } from './pixels.js'
import { FACE_ENGINE } from './faces.js'
import { facesOnPicture } from './page-faces.js'

// sharp's own cache keeps decoded images for reuse; each file is seen once, so it only costs memory.
sharp.cache(false)
// One libvips thread per worker: the pool already runs one worker per core.
sharp.concurrency(1)

/** A JPEG or PNG scan: one page, fitted to A4, measured on a grey copy at about 100 dpi. */
export async function inspectImage(bytes: Uint8Array, kind: 'jpeg' | 'png', limits: InspectLimits, options: { ocr?: boolean } = {}): Promise<ScanFacts> {
  const exif = await readExif(bytes)
  let meta: sharp.Metadata
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch (err) {
    return unreadable(kind, 'corrupt', err, exif)
  }
  const w = meta.width ?? 0
  const h = meta.height ?? 0
  if (w <= 0 || h <= 0) return unreadable(kind, 'corrupt', new Error('no image size'), exif)
  // Before a byte of pixels is allocated: a decompression bomb declares its size in the header.
  if (w * h > limits.maxPixels) {
    return unreadable(kind, 'limit-pixels', new Error(`${w}×${h} pixels, over the ${limits.maxPixels / 1e6} MP bound`), exif)
  }
  const page = fitToA4(w, h)
  const work = workingSize(w, h, page.widthPt / 72, page.heightPt / 72)
  let grey: Buffer
  let info: sharp.OutputInfo
  try {
    // failOn 'truncated': an image that stops early shows a grey block in viewers, so it is not
    // readable; damaged data inside an image (a flipped byte) only shows as a smudge, as it does
    // in any viewer, and is left to the blur and exposure measures.
    ;({ data: grey, info } = await sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels })
      // Transparent areas show as white paper in viewers, not as the black their RGB holds.
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(work.width, work.height, { fit: 'fill', kernel: 'linear' })
      .raw()
      .toBuffer({ resolveWithObject: true }))
  } catch (err) {
    return unreadable(kind, classify(err), err, exif)
  }
  const pixels = measureGrey(new Uint8Array(grey.buffer, grey.byteOffset, grey.byteLength), info.width, info.height)
  const metadata = await imageMetadata(bytes, kind, { xmp: meta.xmp, comments: (meta as { comments?: Array<{ keyword: string; text: string }> }).comments })
  const only: PageFacts = {
    page: 1,
    widthPt: round1(page.widthPt),
    heightPt: round1(page.heightPt),
    rotateDeg: 0,
    textChars: 0,
    textRotationDeg: null,
    hasGraphics: true,
    scanImage: { widthPx: w, heightPx: h, dpiX: page.dpiX, dpiY: page.dpiY, placementDeg: 0, coverage: 1, pixels },
  }
  const faces = await facesOfImage(bytes, page, exif?.orientation ?? null)
  if ('faces' in faces && faces.faces.length > 0) only.faces = faces.faces
  if (options.ocr) only.ocr = await ocrOf(bytes, w, h, page.dpiX)
  return {
    kind,
    readable: true,
    pageCount: 1,
    ...(exif ? { exif } : {}),
    ...(metadata.length > 0 ? { metadata } : {}),
    ...(options.ocr ? { ocr: { engine: ocrEngineName() } } : {}),
    faceCheck: 'failed' in faces ? { engine: FACE_ENGINE, failed: faces.failed } : { engine: FACE_ENGINE },
    pages: [only],
  }
}

/** --deep: the image as shown (EXIF orientation applied, transparency on white) at about 150 dpi on its A4 page. */
async function ocrOf(bytes: Uint8Array, w: number, h: number, dpi: number): Promise<OcrPage> {
  const scale = ocrScale(w, h, dpi)
  let rgb: { data: Buffer; info: { width: number; height: number } }
  try {
    rgb = await sharp(bytes, { limitInputPixels: false })
      .rotate()
      .flatten({ background: '#ffffff' })
      // 'inside' a square: the same scale whichever way the EXIF orientation turned it.
      .resize(Math.max(1, Math.round(Math.max(w, h) * scale)), Math.max(1, Math.round(Math.max(w, h) * scale)), { fit: 'inside' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
  } catch (err) {
    return { status: 'failed', detail: detailOf(err) }
  }
  return ocrImage({ rgb: { data: rgb.data, width: rgb.info.width, height: rgb.info.height }, dpi: dpi * scale })
}

/** Faces on the image as shown (EXIF orientation applied), on its A4 page (turned with it). */
async function facesOfImage(bytes: Uint8Array, page: { widthPt: number; heightPt: number }, orientation: number | null): Promise<{ faces: Face[] } | { failed: string }> {
  // EXIF 5–8 turn the picture a quarter: the page it is shown on turns with it.
  const turned = orientation !== null && orientation >= 5 && orientation <= 8
  const placed: Box = [0, 0, round1(turned ? page.heightPt : page.widthPt), round1(turned ? page.widthPt : page.heightPt)]
  try {
    return { faces: await facesOnPicture(sharp(bytes, { failOn: 'none', limitInputPixels: false }).rotate(), placed) }
  } catch (err) {
    return { failed: detailOf(err) }
  }
}

function classify(err: unknown): UnreadableReason {
  const msg = String(err instanceof Error ? err.message : err)
  if (/premature end|truncat|unexpected end|end of (file|stream)|not enough data|short read/i.test(msg)) return 'truncated'
  if (/pixel limit|exceeds pixel/i.test(msg)) return 'limit-pixels'
  return 'corrupt'
}

function unreadable(kind: 'jpeg' | 'png', reason: UnreadableReason, err: unknown, exif: ExifFacts | undefined): ScanFacts {
  return { kind, readable: false, unreadable: { reason, detail: detailOf(err) }, ...(exif ? { exif } : {}), pages: [] }
}

export function detailOf(err: unknown): string {
  const msg = String(err instanceof Error ? err.message : err).split('\n')[0]!.trim()
  return msg.length > 200 ? `${msg.slice(0, 197)}…` : msg
}

/** EXIF orientation and resolution, centimetre units converted (ResolutionUnit 3: 200 → 508 dpi). */
async function readExif(bytes: Uint8Array): Promise<ExifFacts | undefined> {
  let tags: Record<string, unknown> | undefined
  try {
    tags = await exifr.parse(bytes, {
      tiff: true,
      ifd1: false,
      exif: false,
      gps: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
      translateValues: false,
      reviveValues: false,
      pick: ['Orientation', 'XResolution', 'YResolution', 'ResolutionUnit'],
    } as never)
  } catch {
    return undefined
  }
  if (!tags || typeof tags !== 'object') return undefined
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  const orientation = num(tags.Orientation)
  const unit = num(tags.ResolutionUnit)
  const perInch = unit === 3 ? 2.54 : unit === 1 ? null : 1 // 1 = no unit: aspect ratio only
  const res = (v: unknown) => {
    const n = num(v)
    return n === null || perInch === null || n <= 0 ? null : round1(n * perInch)
  }
  if (orientation === null && tags.XResolution === undefined) return undefined
  return { orientation, dpiX: res(tags.XResolution), dpiY: res(tags.YResolution) }
}
