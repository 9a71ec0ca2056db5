import sharp from 'sharp'
import type { Box, PageFacts } from '../inspect/facts.js'
import { renderPdfPage } from '../preview/pdf.js'
import { MARGIN_PT, MAX_PIXELS, burn, boxesToPixels, grow, turn } from './pixels.js'

// A PDF page redrawn as a picture: what pdf.js shows (its /Rotate applied), at `dpi`, with the
// located boxes burned in, turned upright when its scan was sideways, encoded as JPEG. The page
// that results has no text layer, no annotations, no hidden text under boxes: only pixels.

/** Drawing bound for one page (a dense page at 200 dpi takes a few seconds on a slow laptop). */
const RENDER_MS = 120_000

export interface RasterRequest {
  page: PageFacts
  dpi: number
  quality: number
  /** Boxes in the page's drawn frame (text runs, covered boxes, faces; OCR lines when not turned). */
  burnDrawn: Box[]
  /** OCR boxes on a turned page: in the upright frame, burned after turning. */
  burnUpright: Box[]
  /** Turn the pixels clockwise by this much (a scan sideways in its pixels). */
  turnDeg: number
}

export interface RasterPage {
  jpeg: Buffer
  /** Size of the new page in points (as it shows). */
  widthPt: number
  heightPt: number
  widthPx: number
  heightPx: number
  /** Pixel rectangles burned (for the log). */
  burned: number
}

export async function rasterisePage(bytes: Uint8Array, r: RasterRequest): Promise<RasterPage> {
  const sideways = r.page.rotateDeg === 90 || r.page.rotateDeg === 270
  const shownWidthPt = sideways ? r.page.heightPt : r.page.widthPt
  const widthPx = Math.max(1, Math.round((shownWidthPt * r.dpi) / 72))
  const shown = await renderPdfPage(bytes, r.page.page, widthPx, RENDER_MS)
  const margin = (MARGIN_PT * r.dpi) / 72
  const drawn = grow(r.burnDrawn.map((b) => shown.toPixels(b)), margin, shown.width, shown.height)
  let png = await burn(shown.png, shown.width, shown.height, drawn)
  let width = shown.width
  let height = shown.height
  if (r.turnDeg % 360 !== 0) ({ png, width, height } = await turn(png, r.turnDeg))
  const upright = grow(boxesToPixels(r.burnUpright, r.dpi), margin, width, height)
  png = await burn(png, width, height, upright)
  const jpeg = await sharp(png, { limitInputPixels: MAX_PIXELS }).flatten({ background: '#ffffff' }).jpeg({ quality: r.quality, mozjpeg: true }).toBuffer()
  return { jpeg, widthPt: (width * 72) / r.dpi, heightPt: (height * 72) / r.dpi, widthPx: width, heightPx: height, burned: drawn.length + upright.length }
}
