import { loadPdfJs, pdfDocumentDefaults, type PdfJs } from '../inspect/pdfjs.js'

// pdf.js for what a person sees: a page drawn small (HTML thumbnails) and the words of a text
// layer (init's guesses). Same set-up as the inspector (src/inspect/pdf.ts): the legacy build, its
// own cmaps and fonts, never the network, no eval. Pages are drawn with @napi-rs/canvas, which
// pdf.js loads by itself in Node. Everything here is bounded in time and gives up quietly.

type Doc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>


/** Largest image pdf.js decodes while drawing (the inspector's bound). */
const MAX_IMAGE_PIXELS = 100_000_000

/** Drawing operators and image draws on a page drawn as a picture: scans have a handful, text pages thousands. */
const MAX_OPERATORS = 100_000
const MAX_IMAGE_DRAWS = 200

/** pdf.js's operators that paint an image. */
function imageOps(OPS: PdfJs['OPS']): Set<number> {
  const o = OPS as Record<string, number | undefined>
  return new Set(['paintImageXObject', 'paintInlineImageXObject', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup', 'paintImageMaskXObject', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat', 'paintSolidColorImageMask'].map((k) => o[k]).filter((n): n is number => typeof n === 'number'))
}

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`not done within ${ms} ms`)
  }
}

/** Runs `work` with the document open; the document is destroyed after, or when `ms` runs out. */
async function withDocument<T>(bytes: Uint8Array, ms: number, work: (doc: Doc, signal: { expired: boolean }) => Promise<T>): Promise<T> {
  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({ data: bytes.slice(), ...pdfDocumentDefaults(), maxImageSize: MAX_IMAGE_PIXELS, verbosity: 0 })
  const signal = { expired: false }
  const restore = silenceConsole()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      signal.expired = true
      reject(new TimeoutError(ms))
    }, ms)
  })
  try {
    return await Promise.race([task.promise.then((doc) => work(doc, signal)), deadline])
  } finally {
    clearTimeout(timer)
    await task.destroy().catch(() => {})
    restore()
  }
}

/** pdf.js reports through console; in the CLI that would land in the report on stdout. */
function silenceConsole(): () => void {
  const { log, warn, info } = console
  const quiet = () => {}
  console.log = quiet
  console.warn = quiet
  console.info = quiet
  return () => {
    Object.assign(console, { log, warn, info })
  }
}

export interface RenderedPage {
  /** PNG of the page as it shows (its /Rotate applied). */
  png: Buffer
  width: number
  height: number
  /**
   * Maps a box of the facts — [left, top, right, bottom] in points from the page's top left corner
   * as drawn, before /Rotate — to pixels of `png`, the page's rotation applied.
   */
  toPixels(box: [number, number, number, number]): [number, number, number, number]
}

/** Draws one page about `widthPx` wide. Throws when it cannot (the caller shows no picture). */
export async function renderPdfPage(bytes: Uint8Array, pageNumber: number, widthPx: number, ms: number): Promise<RenderedPage> {
  return withDocument(bytes, ms, async (doc, signal) => {
    const page = await doc.getPage(Math.min(Math.max(1, pageNumber), doc.numPages))
    const base = page.getViewport({ scale: 1 })
    const viewport = page.getViewport({ scale: widthPx / Math.max(1, base.width) })
    const width = Math.max(1, Math.round(viewport.width))
    const height = Math.max(1, Math.round(viewport.height))
    // Far from A4 (a strip 300 px wide and 20000 px high): not worth a picture.
    if (height > widthPx * 8) throw new Error(`page ${pageNumber} is ${width}×${height}`)
    // Bounded by work before any drawing: a page that repeats an image thousands of times (or draws
    // a million paths) is not worth a 300-pixel picture, and drawing it would take minutes.
    const ops = await page.getOperatorList()
    const paints = imageOps((await loadPdfJs()).OPS)
    const images = ops.fnArray.filter((fn) => paints.has(fn)).length
    if (ops.fnArray.length > MAX_OPERATORS || images > MAX_IMAGE_DRAWS) throw new Error(`page ${pageNumber}: ${ops.fnArray.length} operators, ${images} images`)
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: unknown } }
    const { canvas, context } = factory.create(width, height)
    const ctx = context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void }
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, width, height)
    const task = page.render({ canvasContext: context as never, viewport, canvas: canvas as never })
    const cancel = setInterval(() => signal.expired && task.cancel(), 50)
    try {
      await task.promise
    } finally {
      clearInterval(cancel)
    }
    const png = (canvas as { toBuffer(mime: 'image/png'): Buffer }).toBuffer('image/png')
    return {
      png,
      width,
      height,
      toPixels: ([left, top, right, bottom]) => {
        // Back to user space (y up, from the view box's corner), then through the viewport.
        const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number]
        const ox = Math.min(vx0, vx1)
        const oy = Math.max(vy0, vy1)
        const unit = page.userUnit || 1
        const user = [ox + left / unit, oy - top / unit, ox + right / unit, oy - bottom / unit]
        const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(user) as [number, number, number, number]
        return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]
      },
    }
  })
}

/** The text layer of the first pages, as one string ('' when there is none or it cannot be read). */
export async function readPdfText(bytes: Uint8Array, maxPages: number, ms: number): Promise<string> {
  try {
    return await withDocument(bytes, ms, async (doc) => {
      const parts: string[] = []
      for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
        const page = await doc.getPage(n)
        const tc = await page.getTextContent()
        for (const item of tc.items) if ('str' in item) parts.push(item.str, item.hasEOL ? '\n' : '')
        parts.push('\n')
        page.cleanup()
      }
      return parts.join('')
    })
  } catch {
    return ''
  }
}
