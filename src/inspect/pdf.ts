import { loadPdfJs, pdfDocumentDefaults, type PdfJs } from './pdfjs.js'
import sharp from 'sharp'
import { coveredText, toPageBox, type DecodedImage as PixelImage } from './covered-text.js'
import { isImageOnlyPage, type PageFacts, type PixelStats, type ScanFacts, type ScanImage, type TextRun } from './facts.js'
import { IDENTITY, clockwiseOf, dpi, multiply, normaliseRotate, overlapArea, placedBox, placedSize, round3, type Matrix, type RightAngle } from './geometry.js'
import { detailOf } from './image.js'
import type { InspectLimits } from './limits.js'
import { FieldList, earlierRevisionFields, outlineFields, pdfInfoFields } from './metadata.js'
import { OCR_DPI, OCR_PAGE_MS, OcrBudget, ocrEngineName, ocrImage, ocrScale, type OcrImage } from './ocr.js'
import { divertJpegs, jpegPipeline, jpegToRgb, oversizedImage, type DivertedJpegs } from './pdf-jpeg.js'
import { canHoldFace, facesOnPicture, markCovered, orderFaces } from './page-faces.js'
import { FACE_ENGINE } from './faces.js'
import { measureGrey, workingSize } from './pixels.js'

// Over 400 lines because one pdf.js document is walked once for everything a page tells (text layer,
// images and their placement, rotation, damage, the scan image OCR reads): split, each part would walk it again.

// pdf.js in Node: the legacy build (the modern one needs newer built-ins than Node 20 has), its
// own cmaps/, standard_fonts/ and wasm/ folders (never the network; CJK text needs the cmaps),
// no eval, no system fonts. It runs in-thread ("fake worker"): we are already in a pool worker.

/** An image covering at least this share of the page makes it a scanned page (strips add up). */
const SCAN_COVERAGE = 0.4
/** An image smaller than this share of the page is a logo or icon, never part of the scan. */
const PART_COVERAGE = 0.05

interface PlacedImage {
  /** Index in the operator list: what is drawn after it lies over it. */
  op: number
  id: string | null
  /** Decoded image for inline images (pdf.js passes them in the operator list). */
  inline: DecodedImage | null
  widthPx: number
  heightPx: number
  ctm: Matrix
}

interface DecodedImage extends PixelImage {
  /** pdf.js's name for the image's object. */
  ref?: string
  /** The JPEG data of a diverted image (pdf-jpeg.ts): decode this, not `data`. */
  jpeg?: Uint8Array
}

export interface PdfOptions {
  /** --deep: OCR the image-only pages. */
  ocr?: boolean
}

export async function inspectPdf(bytes: Uint8Array, limits: InspectLimits, options: PdfOptions = {}): Promise<ScanFacts> {
  // Before any decoder sees it: an image whose own header is over the pixel bound (whatever its dictionary says).
  const oversized = oversizedImage(bytes, limits.maxPixels)
  if (oversized) return { kind: 'pdf', readable: false, unreadable: { reason: 'limit-pixels', detail: `an image of ${oversized}, over the ${limits.maxPixels / 1e6} MP bound` }, pages: [] }
  const pdfjs = await loadPdfJs()
  const warnings: string[] = []
  const restore = captureConsole(warnings)
  // pdf.js takes ownership of (and may detach) the buffer it is given; plain JPEG scans are
  // decoded by sharp, not by pdf.js (pdf-jpeg.ts).
  const diverted = divertJpegs(bytes)
  const open = (data: Uint8Array) => pdfjs.getDocument({ data, ...pdfDocumentDefaults(), disableFontFace: true, maxImageSize: limits.maxPixels, verbosity: 1 })
  const task = open(diverted?.pdf ?? bytes.slice())
  try {
    let doc: Awaited<typeof task.promise>
    try {
      doc = await task.promise
    } catch (err) {
      const name = (err as { name?: string })?.name
      if (name === 'PasswordException') {
        return { kind: 'pdf', readable: false, unreadable: { reason: 'password', detail: 'a password is needed to open it' }, encrypted: { needsPassword: true, filter: null }, pages: [] }
      }
      return { kind: 'pdf', readable: false, unreadable: { reason: 'corrupt', detail: detailOf(err) }, pages: [] }
    }
    const meta = await doc.getMetadata().catch(() => null)
    const filter = (meta?.info as { EncryptFilterName?: string | null } | undefined)?.EncryptFilterName ?? null
    const pageCount = doc.numPages
    const out: ScanFacts = { kind: 'pdf', readable: true, pageCount, pages: [] }
    if (filter !== null) out.encrypted = { needsPassword: false, filter }
    // Metadata that could name the applicant: read before the pages, so a time bound keeps it.
    const fields = new FieldList()
    pdfInfoFields(meta?.info as Record<string, unknown> | undefined, (meta?.metadata as { getRaw?: () => string } | null | undefined)?.getRaw?.() ?? null, fields)
    outlineFields(await doc.getOutline().catch(() => null), fields)
    const toRead = Math.min(pageCount, limits.maxPages)
    const ocrJpegs = new Map<number, OcrJpeg>()
    // What rendering a page for OCR would draw: a page past the bound is not rendered (see below).
    const drawing = new Map<number, { operators: number; images: number }>()
    // Bounded by work, not by the clock: the same file stops at the same page on every machine,
    // so the facts (and the report) never depend on how busy the machine was.
    const work = { operators: 0 }
    const facesFailed: string[] = []
    for (let n = 1; n <= toRead; n++) {
      if (work.operators > limits.maxOperators) {
        out.limit = { kind: 'work', max: limits.maxOperators }
        break
      }
      try {
        out.pages.push(await inspectPage(pdfjs, doc, n, fields, diverted, work, facesFailed, options.ocr ? { ocrJpegs, drawing } : undefined))
      } catch (err) {
        return { ...out, readable: false, unreadable: { reason: 'corrupt', detail: `page ${n}: ${detailOf(err)}` }, pages: out.pages }
      }
      if (warnings.some((w) => w.includes('exceeded maximum allowed size'))) {
        return { ...out, readable: false, unreadable: { reason: 'limit-pixels', detail: `page ${n}: an image over the ${limits.maxPixels / 1e6} MP bound` }, pages: out.pages }
      }
    }
    if (out.pages.length < pageCount) {
      out.pagesInspected = out.pages.length
      if (!out.limit) out.limit = { kind: 'pages', max: limits.maxPages }
    }
    // pdf.js rebuilds a broken cross-reference table by indexing every object: damaged, but it opens.
    if (warnings.some((w) => w.includes('Indexing all PDF objects'))) out.repaired = true
    const damaged = damageOf(warnings)
    if (damaged.length > 0) out.damaged = damaged
    out.faceCheck = facesFailed.length > 0 ? { engine: FACE_ENGINE, failed: facesFailed[0]! } : { engine: FACE_ENGINE }
    if (options.ocr) {
      // After the page loop, so reading scans never eats the time bound of the page inspection.
      out.ocr = { engine: ocrEngineName() }
      const budget = new OcrBudget()
      // Rendering draws every image: from the file as it is, not the copy with JPEGs set aside
      // (opened only when some page is more than one plain JPEG).
      const needsRendering = out.pages.some((p) => isImageOnlyPage(p) && !ocrJpegs.has(p.page))
      const original = diverted && needsRendering ? open(bytes.slice()) : null
      const renderDoc = !needsRendering ? null : original ? await original.promise.catch(() => null) : doc
      for (const facts of out.pages) {
        if (!isImageOnlyPage(facts)) continue
        if (budget.exhausted) {
          facts.ocr = { status: 'timeout', detail: 'the OCR time for this file was used up' }
          continue
        }
        const direct = ocrJpegs.get(facts.page)
        // Bounded by work, as the thumbnails are: a page that draws more than a scan needs (one
        // image drawn 20 000 times) is not rendered, and says so (scan.ocr-failed).
        const cost = drawing.get(facts.page)
        if (!direct && cost && (cost.operators > OCR_MAX_OPERATORS || cost.images > OCR_MAX_IMAGE_DRAWS)) {
          facts.ocr = { status: 'failed', detail: `too much drawing to read (${cost.operators} operators, ${cost.images} images)` }
          continue
        }
        const image = direct ? await jpegForOcr(direct).catch(() => null) : renderDoc ? await renderForOcr(renderDoc, facts).catch(() => null) : null
        facts.ocr = image ? await ocrImage(image, Math.min(OCR_PAGE_MS, budget.remainingMs)) : { status: 'failed', detail: 'the page could not be rendered' }
      }
      await original?.destroy().catch(() => {})
    }
    const earlier = new FieldList()
    earlierRevisionFields(bytes, fields, earlier)
    const metadata = [...fields.fields, ...earlier.fields]
    if (metadata.length > 0) out.metadata = metadata
    return orderKeys(out)
  } finally {
    restore()
    await task.destroy().catch(() => {})
  }
}

/** The same key order whatever path built the facts, so cached and fresh JSON are byte-identical. */
export function orderKeys(f: ScanFacts): ScanFacts {
  const { kind, readable, unreadable, repaired, damaged, encrypted, pageCount, pagesInspected, limit, exif, metadata, ocr, faceCheck, pages } = f
  return JSON.parse(JSON.stringify({ kind, readable, unreadable, repaired, damaged, encrypted, pageCount, pagesInspected, limit, exif, metadata, ocr, faceCheck, pages }))
}

type Doc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>
type Page = Awaited<ReturnType<Doc['getPage']>>

interface CanvasContextLike {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number }
}

/** A page that is one plain JPEG (pdf-jpeg.ts) and nothing else, and the JPEG's resolution as placed. */
interface OcrJpeg {
  jpeg: Uint8Array
  dpi: number
}

/** A page drawing more than this is not rendered for OCR (the thumbnails' bound, src/preview/pdf.ts). */
const OCR_MAX_OPERATORS = 100_000
const OCR_MAX_IMAGE_DRAWS = 200

/** A page that is all one JPEG covers at least this much of it: what the reader sees is that image. */
const DIRECT_COVERAGE = 0.95

/**
 * A one-JPEG page for OCR without rendering it: the JPEG decoded by libjpeg-turbo at the OCR
 * size (shrink-on-load), as stored (the rendering turns the page so the image is upright, and a
 * PDF viewer ignores a JPEG's EXIF orientation, so do we). Same pixels as the rendering, at a
 * fraction of pdf.js's JavaScript decoding and canvas drawing.
 */
async function jpegForOcr(page: OcrJpeg): Promise<OcrImage> {
  const meta = await sharp(page.jpeg, { limitInputPixels: false }).metadata()
  const w = meta.width ?? 0
  const h = meta.height ?? 0
  const scale = ocrScale(w, h, page.dpi)
  const { data, info } = await jpegPipeline(page.jpeg)
    .resize(Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale)), { fit: 'fill' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { rgb: { data, width: info.width, height: info.height }, dpi: page.dpi * (info.width / Math.max(1, w)) }
}

/** The page rendered as the reader sees it, turned upright when the scan is placed sideways, at about 150 dpi. */
async function renderForOcr(doc: Doc, facts: PageFacts): Promise<OcrImage> {
  const page = await doc.getPage(facts.page)
  try {
    const placement = facts.scanImage?.placementDeg ?? 0
    const rotation = (360 - placement) % 360
    const scale = ocrScale((facts.widthPt / 72) * OCR_DPI, (facts.heightPt / 72) * OCR_DPI, OCR_DPI) * (OCR_DPI / 72)
    const viewport = page.getViewport({ scale, rotation })
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: unknown } } }).canvasFactory
    const w = Math.ceil(viewport.width)
    const h = Math.ceil(viewport.height)
    const { canvas, context } = factory.create(w, h)
    // pdf.js paints on a transparent canvas: white first, as a viewer shows the page.
    const ctx = context as CanvasContextLike & { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void }
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, w, h)
    await page.render({ canvasContext: context, canvas, viewport, background: '#ffffff' } as unknown as Parameters<Page['render']>[0]).promise
    const rgba = ctx.getImageData(0, 0, w, h).data
    const rgb = new Uint8Array(w * h * 3)
    for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
      rgb[j] = rgba[i]!
      rgb[j + 1] = rgba[i + 1]!
      rgb[j + 2] = rgba[i + 2]!
    }
    return { rgb: { data: rgb, width: w, height: h }, dpi: scale * 72 }
  } finally {
    page.cleanup()
  }
}

async function inspectPage(pdfjs: PdfJs, doc: Doc, n: number, fields: FieldList, diverted: DivertedJpegs | null, work: { operators: number }, facesFailed: string[], forOcr?: { ocrJpegs: Map<number, OcrJpeg>; drawing: Map<number, { operators: number; images: number }> }): Promise<PageFacts> {
  const page = await doc.getPage(n)
  try {
    const [x0, y0, x1, y1] = page.view as [number, number, number, number]
    const unit = page.userUnit || 1
    const box: [number, number, number, number] = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]
    const widthPt = (box[2] - box[0]) * unit
    const heightPt = (box[3] - box[1]) * unit
    const text = await readText(page, box)
    const ops = await page.getOperatorList()
    work.operators += ops.fnArray.length
    const { images, fills, hasGraphics, paintsBesidesImages } = walkOperators(pdfjs.OPS, ops)
    const image = (id: string) => getObject(page, id, diverted)
    const { scan: scanImage, jpeg } = await scanImageOf(images, box, unit, image)
    // The page is this one JPEG and nothing else: OCR can read the JPEG itself instead of a rendering.
    if (jpeg && images.length === 1 && !paintsBesidesImages && text.chars === 0 && scanImage) forOcr?.ocrJpegs.set(n, { jpeg, dpi: scanImage.dpiX })
    forOcr?.drawing.set(n, { operators: ops.fnArray.length, images: images.length })
    const annotations = await annotationsOf(page, n, fields)
    const covered =
      text.chars > 0
        ? await coveredText({
            OPS: pdfjs.OPS,
            ops,
            font: (name) => fontOf(page, name),
            image: (id) => image(id).then((img): DecodedImage | null | Promise<DecodedImage> => (img?.jpeg ? jpegToRgb(img.jpeg) : img)),
            redactRects: annotations.redact,
            view: box,
          })
        : []
    const facts: PageFacts = {
      page: n,
      widthPt: round3(widthPt),
      heightPt: round3(heightPt),
      rotateDeg: normaliseRotate(page.rotate),
      textChars: text.chars,
      textRotationDeg: text.rotation,
      hasGraphics,
      scanImage,
    }
    if (text.runs.length > 0) facts.text = text.runs
    if (covered.length > 0) facts.covered = covered
    const faces = await facesOfPage(images, fills, box, image).catch((err: unknown) => {
      facesFailed.push(`page ${n}: ${detailOf(err)}`)
      return []
    })
    if (faces.length > 0) facts.faces = faces
    return facts
  } finally {
    page.cleanup()
  }
}

/** A page's text layer beyond this many characters is not kept run by run (a name is found long before). */
const MAX_TEXT_CHARS = 50_000

/** Characters of the text layer, the right angle most of them run at, and the runs with their boxes. */
async function readText(page: Page, view: [number, number, number, number]): Promise<{ chars: number; rotation: RightAngle | null; runs: TextRun[] }> {
  const tc = await page.getTextContent({ disableNormalization: true })
  const byAngle = new Map<RightAngle, number>()
  const runs: TextRun[] = []
  let kept = 0
  let chars = 0
  for (const item of tc.items) {
    if (!('str' in item)) continue
    const n = item.str.replace(/\s+/gu, '').length
    if (n === 0) continue
    chars += n
    if (kept < MAX_TEXT_CHARS) {
      kept += item.str.length
      runs.push({ s: item.str, box: runBox(item.transform as number[], item.width, item.height, view) })
    }
    const angle = clockwiseOf(item.transform[0], item.transform[1])
    if (angle !== null) byAngle.set(angle, (byAngle.get(angle) ?? 0) + n)
  }
  let rotation: RightAngle | null = null
  let best = 0
  for (const angle of [0, 90, 180, 270] as const) {
    const count = byAngle.get(angle) ?? 0
    if (count > best) {
      best = count
      rotation = angle
    }
  }
  return { chars, rotation, runs }
}

/** The box of a text run: its baseline along the run's direction, a fifth of the height below it. */
function runBox(t: number[], width: number, height: number, view: [number, number, number, number]): [number, number, number, number] {
  const [a = 1, b = 0, , , e = 0, f = 0] = t
  const len = Math.hypot(a, b) || 1
  const ux = a / len
  const uy = b / len
  const h = height || len
  const pts = [-0.2, 0.8].flatMap((k) => [0, width].map((w) => [e + ux * w - uy * h * k, f + uy * w + ux * h * k] as const))
  const xs = pts.map((p) => p[0])
  const ys = pts.map((p) => p[1])
  return toPageBox([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], view)
}

interface FontLike {
  fontMatrix?: number[]
  ascent?: number
  descent?: number
  vertical?: boolean
  isType3Font?: boolean
}

function fontOf(page: Page, name: string): FontLike | null {
  try {
    const objs = page.commonObjs as unknown as { has(id: string): boolean; get(id: string): unknown }
    return objs.has(name) ? (objs.get(name) as FontLike) : null
  } catch {
    return null
  }
}

interface AnnotationLike {
  subtype?: string
  rect?: number[]
  titleObj?: { str?: string }
  contentsObj?: { str?: string }
  fieldName?: string
  fieldValue?: unknown
}

/** Annotation authors, comments and form values go to the metadata; unapplied Redact annotations are kept for covered text. */
async function annotationsOf(page: Page, n: number, fields: FieldList): Promise<{ redact: Array<[number, number, number, number]> }> {
  const redact: Array<[number, number, number, number]> = []
  const list = ((await page.getAnnotations().catch(() => [])) ?? []) as AnnotationLike[]
  for (const a of list) {
    fields.add(`Annotation /T (page ${n})`, a.titleObj?.str)
    fields.add(`Annotation /Contents (page ${n})`, a.contentsObj?.str)
    if (a.subtype === 'Widget' && a.fieldValue !== undefined) fields.add(`Form field ${a.fieldName ?? ''} (page ${n})`.replace('  ', ' '), a.fieldValue)
    if (a.subtype === 'Redact' && Array.isArray(a.rect) && a.rect.length === 4) {
      const [x0, y0, x1, y1] = a.rect as [number, number, number, number]
      redact.push([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)])
    }
  }
  return { redact }
}

/** Follows the graphics state through the operator list: where each image lands, and whether anything is painted. */
function walkOperators(OPS: PdfJs['OPS'], ops: { fnArray: number[]; argsArray: unknown[] }): { images: PlacedImage[]; fills: Fill[]; hasGraphics: boolean; paintsBesidesImages: boolean } {
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke])
  const paints = new Set<number>([
    OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke,
    OPS.closeEOFillStroke, OPS.shadingFill, OPS.paintSolidColorImageMask, OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat,
    OPS.paintInlineImageXObjectGroup,
  ])
  const images: PlacedImage[] = []
  const fills: Fill[] = []
  let hasGraphics = false
  // Anything painted that is not an image (a box drawn over a scan, a path, a shading, a mask).
  let paintsBesidesImages = false
  let ctm: Matrix = IDENTITY
  const stack: Matrix[] = []
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!
    const args = ops.argsArray[i] as unknown[] | null
    switch (fn) {
      case OPS.save:
        stack.push(ctm)
        break
      case OPS.restore:
        ctm = stack.pop() ?? ctm
        break
      case OPS.transform:
        ctm = multiply(ctm, args as Matrix)
        break
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm)
        const m = args?.[0]
        if (Array.isArray(m) && m.length === 6) ctm = multiply(ctm, m as Matrix)
        break
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm
        break
      case OPS.paintImageXObject: {
        hasGraphics = true
        const [id, w, h] = (args ?? []) as [string, number, number]
        if (typeof id === 'string' && w > 0 && h > 0) images.push({ op: i, id, inline: null, widthPx: w, heightPx: h, ctm })
        break
      }
      case OPS.paintInlineImageXObject: {
        hasGraphics = true
        const img = args?.[0] as DecodedImage | undefined
        if (img && img.width > 0 && img.height > 0) images.push({ op: i, id: null, inline: img, widthPx: img.width, heightPx: img.height, ctm })
        break
      }
      case OPS.constructPath: {
        // pdf.js 5 folds the painting operator into constructPath's first argument.
        const op = args?.[0]
        if (typeof op === 'number' && paints.has(op)) hasGraphics = paintsBesidesImages = true
        const minMax = args?.[2] as ArrayLike<number> | null | undefined
        if (typeof op === 'number' && fillOps.has(op) && minMax && minMax.length >= 4 && Number.isFinite(minMax[0])) {
          fills.push({ op: i, box: transformBox(ctm, [minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!]) })
        }
        break
      }
      default:
        if (paints.has(fn)) hasGraphics = paintsBesidesImages = true
    }
  }
  return { images, fills, hasGraphics, paintsBesidesImages }
}

/** The image (or strips) that make this a scanned page, with its resolution at the placed size. */
async function scanImageOf(
  images: PlacedImage[],
  box: [number, number, number, number],
  unit: number,
  image: (id: string) => Promise<DecodedImage | null>,
): Promise<{ scan: ScanImage | null; jpeg?: Uint8Array }> {
  const pageArea = (box[2] - box[0]) * (box[3] - box[1])
  if (pageArea <= 0 || images.length === 0) return { scan: null }
  let coverage = 0
  let main: { img: PlacedImage; area: number } | null = null
  for (const img of images) {
    const area = overlapArea(placedBox(img.ctm), box)
    if (area < PART_COVERAGE * pageArea) continue
    coverage += area
    if (!main || area > main.area) main = { img, area }
  }
  coverage = Math.min(1, coverage / pageArea)
  if (!main || coverage < SCAN_COVERAGE) return { scan: null }
  const { img } = main
  const size = placedSize(img.ctm)
  const widthPt = size.widthPt * unit
  const heightPt = size.heightPt * unit
  const placement = clockwiseOf(img.ctm[0], img.ctm[1]) ?? 0
  let pixels: PixelStats | null = null
  let jpeg: Uint8Array | undefined
  try {
    const decoded = img.inline ?? (await image(img.id!))
    if (decoded) pixels = await measureDecoded(decoded, widthPt / 72, heightPt / 72)
    // Placed upright or turned, never mirrored (a positive determinant), and covering the page.
    const [a, b, c, d] = img.ctm
    if (decoded?.jpeg && a * d - b * c > 0 && coverage >= DIRECT_COVERAGE) jpeg = decoded.jpeg
  } catch {
    pixels = null
  }
  const scan: ScanImage = {
    widthPx: img.widthPx,
    heightPx: img.heightPx,
    dpiX: dpi(img.widthPx, widthPt),
    dpiY: dpi(img.heightPx, heightPt),
    placementDeg: placement,
    coverage: round3(coverage),
    pixels,
  }
  return jpeg ? { scan, jpeg } : { scan }
}

/** An image of the page as pdf.js decoded it, or, for a diverted JPEG, its size and JPEG data. */
async function getObject(page: Page, id: string, diverted: DivertedJpegs | null): Promise<DecodedImage | null> {
  // Images used on several pages live in commonObjs (ids starting with g_).
  const objs = (id.startsWith('g_') ? page.commonObjs : page.objs) as unknown as { get(id: string, cb: (v: unknown) => void): void }
  const img = await new Promise<DecodedImage | null>((resolve) => objs.get(id, (v) => resolve((v as DecodedImage | null) ?? null)))
  const jpeg = img?.ref ? diverted?.byRef.get(img.ref) : undefined
  return img && jpeg ? { width: img.width, height: img.height, ref: img.ref, jpeg } : img
}

// pdf.js ImageKind: 1 = 1 bit grey packed (1 = white), 2 = RGB, 3 = RGBA.
async function measureDecoded(img: DecodedImage, widthIn: number, heightIn: number): Promise<PixelStats | null> {
  const { width, height, kind, data } = img
  if (img.jpeg) {
    const work = workingSize(width, height, widthIn, heightIn)
    const { data: grey, info } = await jpegPipeline(img.jpeg)
      .greyscale()
      .resize(work.width, work.height, { fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false })
      .raw()
      .toBuffer({ resolveWithObject: true })
    return measureGrey(new Uint8Array(grey.buffer, grey.byteOffset, info.width * info.height), info.width, info.height)
  }
  if (!data || !kind) return null
  let raw: Uint8Array
  let channels: 1 | 3 | 4
  if (kind === 1) {
    raw = unpackBits(data, width, height)
    channels = 1
  } else if (kind === 2 || kind === 3) {
    raw = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    channels = kind === 2 ? 3 : 4
  } else return null
  if (raw.length < width * height * channels) return null
  const work = workingSize(width, height, widthIn, heightIn)
  const { data: grey, info } = await sharp(raw, { raw: { width, height, channels }, limitInputPixels: false })
    // Transparent areas (a soft mask) show as white paper in viewers, not as the black their RGB holds.
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(work.width, work.height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return measureGrey(new Uint8Array(grey.buffer, grey.byteOffset, info.width * info.height), info.width, info.height)
}

/** 1 bit a pixel (1 = white) to 8; a whole byte (8 pixels) at a time, the row's last bits one by one. */
export function unpackBits(data: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height)
  const rowBytes = (width + 7) >> 3
  const whole = width >> 3
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes
    let o = y * width
    for (let b = 0; b < whole; b++, o += 8) {
      const v = data[row + b]!
      if (v === 0) continue
      out[o] = v & 0x80 ? 255 : 0
      out[o + 1] = v & 0x40 ? 255 : 0
      out[o + 2] = v & 0x20 ? 255 : 0
      out[o + 3] = v & 0x10 ? 255 : 0
      out[o + 4] = v & 0x08 ? 255 : 0
      out[o + 5] = v & 0x04 ? 255 : 0
      out[o + 6] = v & 0x02 ? 255 : 0
      out[o + 7] = v & 0x01 ? 255 : 0
    }
    for (let x = whole * 8; x < width; x++) out[y * width + x] = data[row + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0
  }
  return out
}

/** pdf.js reports through console; inside the inspection those lines are facts, not output. */
/** pdf.js's warnings that say nothing about damage: a value of the wrong type in Info, an unused feature. */
const HARMLESS = [
  /Bad value,? for key/i,
  /^Indexing all PDF objects$/, // said as `repaired`
  /Unimplemented|not implemented|TT: undefined function/i,
  /Filter "ZCTDecode" is not supported/, // our own: the JPEGs set aside for sharp (pdf-jpeg.ts)
]
/** At most this many distinct messages are kept, each cut to DAMAGE_CHARS. */
const MAX_DAMAGE = 3
const DAMAGE_CHARS = 160

/**
 * What pdf.js had to work around while reading the file: a rebuilt object index (missing endobj,
 * a broken xref), a bad /Pages count, a font or an image it could not decode. Every such warning
 * is damage a stricter viewer (the platform's) may show wrong or refuse; the valid files of the
 * corpus give none.
 */
export function damageOf(warnings: readonly string[]): string[] {
  const out: string[] = []
  for (const w of warnings) {
    const text = w.replace(/^Warning:\s*/u, '').replace(/\s+/gu, ' ').trim()
    if (text === '' || HARMLESS.some((re) => re.test(text))) continue
    const short = text.length > DAMAGE_CHARS ? `${text.slice(0, DAMAGE_CHARS - 1)}…` : text
    if (!out.includes(short)) out.push(short)
    if (out.length >= MAX_DAMAGE) break
  }
  return out
}

function captureConsole(into: string[]): () => void {
  const { log, warn, info, error } = console
  const keep = (...args: unknown[]) => {
    if (into.length < 200) into.push(args.map(String).join(' '))
  }
  console.log = keep
  console.warn = keep
  console.info = keep
  console.error = keep
  return () => {
    Object.assign(console, { log, warn, info, error })
  }
}

/** Distinct pictures looked at for faces on one page (a certificate has one photo, a photo page a few). */
const MAX_PICTURES = 50

/** A filled path: its box in user space and where it is drawn. */
interface Fill {
  op: number
  box: [number, number, number, number]
}

function transformBox(m: Matrix, b: [number, number, number, number]): [number, number, number, number] {
  const pts = [[b[0], b[1]], [b[2], b[1]], [b[0], b[3]], [b[2], b[3]]].map(([x, y]) => [m[0] * x! + m[2] * y! + m[4], m[1] * x! + m[3] * y! + m[5]] as const)
  const xs = pts.map((p) => p[0])
  const ys = pts.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/**
 * Faces on the page's pictures (redaction.photo-leak): each picture placed large enough to hold
 * one, turned upright as placed, at 150 dpi of its placed size; a face under a filled box drawn
 * after the picture is marked covered (a box drawn in a PDF editor over the photo).
 */
async function facesOfPage(images: PlacedImage[], fills: Fill[], view: [number, number, number, number], image: (id: string) => Promise<DecodedImage | null>) {
  const faces = []
  // Bounded by work: one picture drawn again at the same place is looked at once, and a page
  // with more distinct pictures than a document holds is not looked at (it says so).
  const seen = new Set<string>()
  let looked = 0
  for (const img of images) {
    const placed = toPageBox(placedBox(img.ctm), view)
    if (!canHoldFace(placed)) continue
    const key = `${img.id ?? `inline ${img.op}`} ${placed.map((v) => Math.round(v)).join(',')}`
    if (seen.has(key)) continue
    seen.add(key)
    if (++looked > MAX_PICTURES) throw new Error(`more than ${MAX_PICTURES} pictures on the page: not looked at for faces`)
    const decoded = img.inline ?? (await image(img.id!))
    if (!decoded) continue
    const pipeline = picturePipeline(decoded)
    if (!pipeline) continue
    const turn = clockwiseOf(img.ctm[0], img.ctm[1]) ?? 0
    const found = await facesOnPicture(turn === 0 ? pipeline : sharp(await pipeline.png({ compressionLevel: 0 }).toBuffer()).rotate(turn), placed)
    const covers = fills.filter((f) => f.op > img.op).map((f) => toPageBox(f.box, view))
    faces.push(...markCovered(found, covers))
  }
  return orderFaces(faces)
}

/** A decoded picture as a sharp pipeline: JPEG data as it is, RGB/RGBA pixels raw; 1-bit images hold no photo. */
function picturePipeline(img: DecodedImage): sharp.Sharp | null {
  if (img.jpeg) return jpegPipeline(img.jpeg)
  const { width, height, kind, data } = img
  if (!data || (kind !== 2 && kind !== 3)) return null
  const channels = kind === 2 ? 3 : 4
  const raw = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (raw.length < width * height * channels) return null
  return sharp(raw, { raw: { width, height, channels }, limitInputPixels: false })
}
