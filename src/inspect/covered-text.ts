import type { CoveredText } from './facts.js'
import { IDENTITY, multiply, overlapArea, placedBox, type Matrix } from './geometry.js'

// Over 400 lines because the operator-list walk (graphics state, clipping, boxes, images, glyphs) and the
// rule of what a box hides are one algorithm; its parts mean nothing apart.

// Bad redactions (redaction.covered-text): text that a filled box or an image painted over it
// hides from the eye, while the text itself is still in the page and can be selected and copied.
//
// The method follows freelawproject/x-ray (filled opaque boxes; a character is hidden when a box
// drawn after it, or in its own colour, covers most of it), on pdf.js's operator list instead of
// PyMuPDF, and decides by drawing order alone, which removes x-ray's last step (render the box
// and keep it only if it is one flat colour) and the false negatives that step causes
// (cross-hatched boxes, x-ray #169). Its known false positives are handled here or in the rule:
// - a box drawn before the text (table cell shading, a header bar) never hides it (z-order);
// - a box clipped away, translucent (ca < 1), under a soft mask, or blended (a highlight
//   annotation multiplies: dark text stays readable) does not hide, unless it is black enough
//   to hide text even when multiplied;
// - text drawn again on top of the box is visible;
// - white and pale boxes are recorded with `dark: false`: forms and tables are drawn with them,
//   so the rule reports them only when the name or employer is under one (x-ray #196);
// - an image covers only where its pixels under the text are one flat, opaque colour (a stamp
//   with a transparent background does not).
// Spaces, and boxes with nothing under them, are no finding; masks under boxes are the rule's.

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
type OpsTable = PdfJs['OPS']
type Aabb = [number, number, number, number]

/** A character must be at least this much under the box to count as hidden (x-ray: 80 %). */
const MIN_COVER = 0.8
/** Thinner boxes are rules and underlines, not redactions (x-ray: 4 pt). */
const MIN_BOX_SIDE_PT = 4
/** Luminance below this reads as a redaction box (black, dark grey, dark blue …). */
const DARK_LUMINANCE = 0.5
/** Under a multiply blend only a near-black box hides dark text. */
const MULTIPLY_HIDES_BELOW = 0.2

interface FontInfo {
  fontMatrix?: number[]
  ascent?: number
  descent?: number
  vertical?: boolean
  isType3Font?: boolean
}

interface State {
  ctm: Matrix
  fill: string | null
  stroke: string | null
  alpha: number
  blend: string
  softMask: boolean
  clip: Aabb | null
  font: FontInfo | null
  fontSize: number
  fontDirection: 1 | -1
  charSpacing: number
  wordSpacing: number
  hScale: number
  leading: number
  rise: number
  mode: number
  tm: Matrix
  x: number
  y: number
  lineX: number
  lineY: number
}

interface Glyph {
  ch: string
  box: Aabb
  op: number
  /** Colour it shows in; null when invisible (render mode 3/7) or unknown. */
  colour: string | null
  invisible: boolean
  /** A space glyph (not kept itself) came right before it. */
  spaceBefore: boolean
}

interface Cover {
  box: Aabb
  op: number
  colour: string
  luminance: number
  multiply: boolean
  kind: 'rect' | 'image'
  image?: { id: string | null; inline: DecodedImage | null; ctm: Matrix }
}

export interface DecodedImage {
  width: number
  height: number
  kind?: number
  data?: Uint8Array | Uint8ClampedArray
}

export interface CoveredInput {
  OPS: OpsTable
  ops: { fnArray: number[]; argsArray: unknown[] }
  /** Fonts by their loaded name (page.commonObjs.get). */
  font(name: string): FontInfo | null
  /** A decoded image by id, for images painted over text. */
  image(id: string): Promise<DecodedImage | null>
  /** Redact annotations' rectangles (user space). */
  redactRects: Aabb[]
  /** The page's view box [x0, y0, x1, y1] in user space. */
  view: Aabb
}

function initialState(): State {
  return {
    ctm: IDENTITY,
    fill: '#000000',
    stroke: '#000000',
    alpha: 1,
    blend: 'source-over',
    softMask: false,
    clip: null,
    font: null,
    fontSize: 0,
    fontDirection: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    mode: 0,
    tm: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
  }
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
}

function aabbOf(m: Matrix, box: Aabb): Aabb {
  const pts = [apply(m, box[0], box[1]), apply(m, box[2], box[1]), apply(m, box[0], box[3]), apply(m, box[2], box[3])]
  const xs = pts.map((p) => p[0])
  const ys = pts.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

function intersect(a: Aabb, b: Aabb | null): Aabb | null {
  if (!b) return a
  const r: Aabb = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
  return r[2] > r[0] && r[3] > r[1] ? r : null
}

const area = (b: Aabb) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1])

export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/iu.exec(hex)
  if (!m) return 0.5
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16) / 255) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function hexOf(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`
}

/**
 * Axis-aligned rectangles among the subpaths of a pdf.js 5 path (DrawOPS: 0 moveTo, 1 lineTo,
 * 2 curveTo, 3 quadraticCurveTo, 4 closePath), in user space under `ctm`.
 */
function rectanglesOf(path: ArrayLike<number>, ctm: Matrix): Aabb[] {
  const out: Aabb[] = []
  let pts: Array<[number, number]> = []
  let curved = false
  const flush = () => {
    if (!curved && pts.length >= 4 && pts.length <= 5) {
      const xs = pts.map((p) => p[0])
      const ys = pts.map((p) => p[1])
      const x0 = Math.min(...xs)
      const x1 = Math.max(...xs)
      const y0 = Math.min(...ys)
      const y1 = Math.max(...ys)
      const eps = 0.01 * Math.max(1, x1 - x0, y1 - y0)
      const onCorner = pts.every(([x, y]) => (Math.abs(x - x0) < eps || Math.abs(x - x1) < eps) && (Math.abs(y - y0) < eps || Math.abs(y - y1) < eps))
      // Consecutive points must differ in one coordinate only (no diagonal: a bow tie is not a box).
      const axisSteps = pts.every(([x, y], i) => {
        const [px, py] = pts[(i + 1) % pts.length]!
        return Math.abs(px - x) < eps || Math.abs(py - y) < eps
      })
      if (onCorner && axisSteps && x1 - x0 > 0 && y1 - y0 > 0) out.push([x0, y0, x1, y1])
    }
    pts = []
    curved = false
  }
  let i = 0
  while (i < path.length) {
    const op = path[i++]!
    if (op === 0) {
      flush()
      pts.push(apply(ctm, path[i]!, path[i + 1]!))
      i += 2
    } else if (op === 1) {
      const p = apply(ctm, path[i]!, path[i + 1]!)
      const last = pts.at(-1)
      if (!last || Math.abs(last[0] - p[0]) > 1e-6 || Math.abs(last[1] - p[1]) > 1e-6) pts.push(p)
      i += 2
    } else if (op === 2) {
      curved = true
      i += 6
    } else if (op === 3) {
      curved = true
      i += 4
    } else if (op === 4) {
      // A closing point equal to the first is not a fifth corner.
      const first = pts[0]
      const last = pts.at(-1)
      if (first && last && pts.length > 1 && Math.abs(first[0] - last[0]) < 1e-6 && Math.abs(first[1] - last[1]) < 1e-6) pts.pop()
      flush()
    } else break
  }
  if (pts.length > 1) {
    const first = pts[0]!
    const last = pts.at(-1)!
    if (Math.abs(first[0] - last[0]) < 1e-6 && Math.abs(first[1] - last[1]) < 1e-6) pts.pop()
  }
  flush()
  return out
}

/** Walks the operator list: every glyph with its box and drawing order, every opaque box or image. */
function walk(input: CoveredInput): { glyphs: Glyph[]; covers: Cover[] } {
  const { OPS, ops } = input
  const glyphs: Glyph[] = []
  const covers: Cover[] = []
  let st = initialState()
  const stack: State[] = []
  let pendingClip = false
  const fillOps = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke])
  const push = () => stack.push({ ...st })
  const pop = () => {
    st = stack.pop() ?? st
  }
  const opaqueFill = (): { colour: string; luminance: number; multiply: boolean } | null => {
    if (!st.fill || st.softMask || st.alpha < 0.99) return null
    const lum = luminance(st.fill)
    if (st.blend === 'source-over' || st.blend === 'normal') return { colour: st.fill, luminance: lum, multiply: false }
    if ((st.blend === 'multiply' || st.blend === 'darken') && lum < MULTIPLY_HIDES_BELOW) return { colour: st.fill, luminance: lum, multiply: true }
    return null
  }
  const addCover = (box: Aabb, op: number, kind: Cover['kind'], image?: Cover['image']) => {
    const shown = intersect(box, st.clip)
    if (!shown || shown[2] - shown[0] <= MIN_BOX_SIDE_PT || shown[3] - shown[1] <= MIN_BOX_SIDE_PT) return
    if (kind === 'image') {
      if (st.softMask || st.alpha < 0.99) return
      covers.push({ box: shown, op, colour: '#000000', luminance: 0, multiply: false, kind, image: image! })
      return
    }
    const fill = opaqueFill()
    if (fill) covers.push({ box: shown, op, colour: fill.colour, luminance: fill.luminance, multiply: fill.multiply, kind })
  }

  for (let op = 0; op < ops.fnArray.length; op++) {
    const fn = ops.fnArray[op]!
    const args = (ops.argsArray[op] ?? []) as unknown[]
    switch (fn) {
      case OPS.save:
        push()
        break
      case OPS.restore:
        pop()
        break
      case OPS.transform:
        st.ctm = multiply(st.ctm, args as Matrix)
        break
      case OPS.paintFormXObjectBegin: {
        push()
        const m = args[0]
        if (Array.isArray(m) || ArrayBuffer.isView(m)) st.ctm = multiply(st.ctm, Array.from(m as ArrayLike<number>) as Matrix)
        const bbox = args[1]
        if (bbox && (Array.isArray(bbox) || ArrayBuffer.isView(bbox))) st.clip = intersect(aabbOf(st.ctm, Array.from(bbox as ArrayLike<number>) as Aabb), st.clip) ?? [0, 0, 0, 0]
        break
      }
      case OPS.paintFormXObjectEnd:
        pop()
        break
      case OPS.beginGroup: {
        push()
        const g = args[0] as { smask?: unknown } | undefined
        if (g?.smask) st.softMask = true
        break
      }
      case OPS.endGroup:
        pop()
        break
      case OPS.beginAnnotation: {
        // pdf.js draws an annotation from a fresh state: its rectangle clips, its matrices place it.
        push()
        const [, rect, transform, matrix] = args as [string, number[] | null, number[], number[]]
        const base = st
        st = initialState()
        st.ctm = multiply(multiply(base.ctm, Array.from(transform) as Matrix), Array.from(matrix) as Matrix)
        if (rect) st.clip = [Math.min(rect[0]!, rect[2]!), Math.min(rect[1]!, rect[3]!), Math.max(rect[0]!, rect[2]!), Math.max(rect[1]!, rect[3]!)]
        break
      }
      case OPS.endAnnotation:
        pop()
        break
      case OPS.setGState: {
        for (const pair of (args[0] ?? []) as Array<[string, unknown]>) {
          const [key, value] = pair
          if (key === 'ca' && typeof value === 'number') st.alpha = value
          else if (key === 'BM' && typeof value === 'string') st.blend = value.toLowerCase()
          else if (key === 'SMask') st.softMask = Boolean(value)
        }
        break
      }
      case OPS.setFillRGBColor:
        st.fill = typeof args[0] === 'string' ? args[0] : Array.isArray(args) && args.length >= 3 ? hexOf(Number(args[0]) * 255, Number(args[1]) * 255, Number(args[2]) * 255) : null
        break
      case OPS.setStrokeRGBColor:
        st.stroke = typeof args[0] === 'string' ? args[0] : null
        break
      case OPS.setFillColorN:
      case OPS.setFillTransparent:
        // A pattern or a transparent fill: no flat colour that could hide text.
        st.fill = null
        break
      case OPS.setStrokeColorN:
      case OPS.setStrokeTransparent:
        st.stroke = null
        break
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true
        break
      case OPS.constructPath: {
        const paint = args[0] as number
        const data = args[1] as unknown[] | undefined
        const minMax = args[2] as ArrayLike<number> | null | undefined
        if (pendingClip) {
          pendingClip = false
          if (minMax && minMax.length >= 4 && Number.isFinite(minMax[0])) {
            st.clip = intersect(aabbOf(st.ctm, [minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!]), st.clip) ?? [0, 0, 0, 0]
          }
        }
        if (fillOps.has(paint) && data && data[0]) {
          for (const r of rectanglesOf(data[0] as ArrayLike<number>, st.ctm)) addCover(r, op, 'rect')
        }
        break
      }
      case OPS.paintSolidColorImageMask:
        // A 1×1 stencil mask pdf.js paints as a filled unit square.
        addCover(placedBox(st.ctm), op, 'rect')
        break
      case OPS.paintImageXObject: {
        const [id, w, h] = args as [string, number, number]
        if (typeof id === 'string' && w > 0 && h > 0) addCover(placedBox(st.ctm), op, 'image', { id, inline: null, ctm: st.ctm })
        break
      }
      case OPS.paintInlineImageXObject: {
        const img = args[0] as DecodedImage | undefined
        if (img && img.width > 0 && img.height > 0) addCover(placedBox(st.ctm), op, 'image', { id: null, inline: img, ctm: st.ctm })
        break
      }
      case OPS.beginText:
        st.tm = IDENTITY
        st.x = st.y = st.lineX = st.lineY = 0
        break
      case OPS.setFont: {
        const [name, size] = args as [string, number]
        st.font = typeof name === 'string' ? input.font(name) : null
        st.fontDirection = size < 0 ? -1 : 1
        st.fontSize = Math.abs(size)
        break
      }
      case OPS.setCharSpacing:
        st.charSpacing = Number(args[0]) || 0
        break
      case OPS.setWordSpacing:
        st.wordSpacing = Number(args[0]) || 0
        break
      case OPS.setHScale:
        st.hScale = (Number(args[0]) || 100) / 100
        break
      case OPS.setLeading:
        st.leading = -(Number(args[0]) || 0)
        break
      case OPS.setTextRise:
        st.rise = Number(args[0]) || 0
        break
      case OPS.setTextRenderingMode:
        st.mode = Number(args[0]) || 0
        break
      case OPS.moveText:
        st.x = st.lineX += Number(args[0]) || 0
        st.y = st.lineY += Number(args[1]) || 0
        break
      case OPS.setLeadingMoveText:
        st.leading = Number(args[1]) || 0
        st.x = st.lineX += Number(args[0]) || 0
        st.y = st.lineY += Number(args[1]) || 0
        break
      case OPS.setTextMatrix: {
        const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? args[0] : args) as ArrayLike<number>
        st.tm = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!]
        st.x = st.y = st.lineX = st.lineY = 0
        break
      }
      case OPS.nextLine:
        st.x = st.lineX += 0
        st.y = st.lineY += st.leading
        break
      case OPS.showText:
      case OPS.showSpacedText:
        showText(st, args[0] as unknown[], op, glyphs)
        break
      case OPS.nextLineShowText:
        st.y = st.lineY += st.leading
        st.x = st.lineX
        showText(st, args[0] as unknown[], op, glyphs)
        break
      case OPS.nextLineSetSpacingShowText:
        st.wordSpacing = Number(args[0]) || 0
        st.charSpacing = Number(args[1]) || 0
        st.y = st.lineY += st.leading
        st.x = st.lineX
        showText(st, args[2] as unknown[], op, glyphs)
        break
      default:
        break
    }
  }
  return { glyphs, covers }
}

interface PdfGlyph {
  unicode?: string
  width?: number
  isSpace?: boolean
  vmetric?: number[] | null
}

/** pdf.js's canvas showText, positions only: each glyph's box in user space. */
function showText(st: State, items: unknown[] | undefined, op: number, out: Glyph[]): void {
  if (!Array.isArray(items) || st.fontSize === 0) return
  const font = st.font ?? {}
  const fontMatrix = font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0]
  const size = st.fontSize
  const vertical = Boolean(font.vertical)
  const widthScale = size * (fontMatrix[0] ?? 0.001)
  const hScale = st.hScale * st.fontDirection
  // Glyph space → user space: CTM · Tm · translate(x, y + rise) · scale(hScale, 1).
  const base = multiply(multiply(st.ctm, st.tm), [hScale, 0, 0, 1, st.x, st.y + st.rise])
  const ascent = font.isType3Font ? 0.8 : Math.min(1.2, Math.max(0.5, font.ascent ?? 0.8))
  const descent = font.isType3Font ? -0.2 : Math.max(-0.5, Math.min(0, font.descent ?? -0.2))
  const invisible = (st.mode & 3) === 3
  const colour = invisible ? null : (st.mode & 3) === 1 ? st.stroke : st.fill
  let x = 0
  let space = true
  for (const item of items) {
    if (typeof item === 'number') {
      x += ((vertical ? 1 : -1) * item * size) / 1000
      continue
    }
    const g = item as PdfGlyph
    const width = g.width ?? 0
    const spacing = (g.isSpace ? st.wordSpacing : 0) + st.charSpacing
    const ch = g.unicode ?? ''
    let advance: number
    if (vertical) {
      const w = g.vmetric ? -(g.vmetric[0] ?? 0) : width
      advance = w * widthScale - spacing * st.fontDirection
      if (ch.trim() !== '') {
        const box = aabbOf(base, [-size / 2, -x - Math.abs(advance), size / 2, -x])
        out.push({ ch, box, op, colour, invisible, spaceBefore: space })
        space = false
      } else space = true
      x += advance
    } else {
      advance = width * widthScale + spacing * st.fontDirection
      const w = width * widthScale
      if (ch.trim() !== '' && w > 0) {
        const box = aabbOf(base, [x, descent * size, x + w, ascent * size])
        out.push({ ch, box, op, colour, invisible, spaceBefore: space })
        space = false
      } else if (ch.trim() === '') space = true
      x += advance
    }
  }
  if (vertical) st.y -= x
  else st.x += x * hScale
}

/** Is the image one flat, opaque colour under this box? Returns that colour, or null. */
function flatColourUnder(img: DecodedImage, ctm: Matrix, box: Aabb): string | null {
  const { width, height, kind, data } = img
  if (!data || !kind || width <= 0 || height <= 0) return null
  const det = ctm[0] * ctm[3] - ctm[1] * ctm[2]
  if (Math.abs(det) < 1e-9) return null
  // Inverse CTM: user space → the image's unit square (row 0 at the top, v = 1).
  const inv: Matrix = [ctm[3] / det, -ctm[1] / det, -ctm[2] / det, ctm[0] / det, (ctm[2] * ctm[5] - ctm[3] * ctm[4]) / det, (ctm[1] * ctm[4] - ctm[0] * ctm[5]) / det]
  const channels = kind === 1 ? 0 : kind === 2 ? 3 : kind === 3 ? 4 : -1
  if (channels < 0) return null
  const rowBytes = kind === 1 ? (width + 7) >> 3 : width * channels
  let n = 0
  let min = [255, 255, 255]
  let max = [0, 0, 0]
  const sum = [0, 0, 0]
  const steps = 8
  for (let sy = 0; sy < steps; sy++) {
    for (let sx = 0; sx < steps; sx++) {
      const ux = box[0] + ((box[2] - box[0]) * (sx + 0.5)) / steps
      const uy = box[1] + ((box[3] - box[1]) * (sy + 0.5)) / steps
      const [u, v] = apply(inv, ux, uy)
      if (u < 0 || u > 1 || v < 0 || v > 1) return null
      const px = Math.min(width - 1, Math.floor(u * width))
      const py = Math.min(height - 1, Math.floor((1 - v) * height))
      let rgb: [number, number, number]
      if (kind === 1) {
        const bit = data[py * rowBytes + (px >> 3)]! & (0x80 >> (px & 7))
        const g = bit ? 255 : 0
        rgb = [g, g, g]
      } else {
        const p = py * rowBytes + px * channels
        if (channels === 4 && data[p + 3]! < 250) return null // transparent: whatever is below shows
        rgb = [data[p]!, data[p + 1]!, data[p + 2]!]
      }
      for (let k = 0; k < 3; k++) {
        min[k] = Math.min(min[k]!, rgb[k]!)
        max[k] = Math.max(max[k]!, rgb[k]!)
        sum[k]! += rgb[k]!
      }
      n++
    }
  }
  if (n === 0 || max.some((m, k) => m - min[k]! > 24)) return null
  return hexOf(sum[0]! / n, sum[1]! / n, sum[2]! / n)
}

const sameColour = (a: string | null, b: string) => {
  if (!a) return false
  const pa = /^#(..)(..)(..)/u.exec(a)
  const pb = /^#(..)(..)(..)/u.exec(b)
  if (!pa || !pb) return false
  return [1, 2, 3].every((k) => Math.abs(parseInt(pa[k]!, 16) - parseInt(pb[k]!, 16)) <= 8)
}

/** Text hidden under boxes, one entry per box, in drawing order of the boxes. */
export async function coveredText(input: CoveredInput): Promise<CoveredText[]> {
  const { glyphs, covers } = walk(input)
  // Glyphs by what hides them: a box, or one colour of an image (a scan's paper and a black patch
  // burned into it are two different covers).
  const hiddenBy = new Map<string, { cover: Cover; list: Array<{ g: Glyph; colour: string; by: CoveredText['by'] }> }>()
  const images = new Map<string, Promise<DecodedImage | null>>()
  const imageOf = (c: Cover) => {
    if (c.image!.inline) return Promise.resolve(c.image!.inline)
    const id = c.image!.id!
    if (!images.has(id)) images.set(id, input.image(id).catch(() => null))
    return images.get(id)!
  }
  // Visible glyphs by character, for the "drawn again on top" test.
  const visibleByChar = new Map<string, Glyph[]>()
  for (const o of glyphs) {
    if (o.invisible) continue
    const list = visibleByChar.get(o.ch) ?? []
    list.push(o)
    visibleByChar.set(o.ch, list)
  }
  if (covers.length > 0 && glyphs.length > 0) {
    for (const g of glyphs) {
      const gArea = area(g.box)
      if (gArea <= 0) continue
      // The topmost box that hides it: drawn later, or (text in the box's colour, or invisible text) drawn before.
      let best: { cover: Cover; colour: string; by: CoveredText['by'] } | null = null
      for (const c of covers) {
        if (overlapArea(g.box, c.box) / gArea < MIN_COVER) continue
        let colour = c.colour
        if (c.kind === 'image') {
          if (c.op < g.op) continue // a scan under its own text layer
          const img = await imageOf(c)
          const flat = img ? flatColourUnder(img, c.image!.ctm, g.box) : null
          if (!flat) continue
          colour = flat
        }
        const after = c.op > g.op
        const hides = after || (!g.invisible && !c.multiply && sameColour(g.colour, colour))
        if (!hides) continue
        if (!best || c.op > best.cover.op) best = { cover: c, colour, by: after ? c.kind : 'same-colour' }
      }
      if (!best) continue
      // Drawn again on top of the box (the same character, visible, later): the reader sees it.
      const cover = best.cover
      const redrawn = (visibleByChar.get(g.ch) ?? []).some((o) => o.op > cover.op && !sameColour(o.colour, best!.colour) && overlapArea(o.box, g.box) >= 0.5 * gArea)
      if (redrawn) continue
      const key = cover.kind === 'image' ? `${covers.indexOf(cover)} ${best.colour}` : String(covers.indexOf(cover))
      const entry = hiddenBy.get(key) ?? { cover, list: [] }
      entry.list.push({ g, colour: best.colour, by: best.by })
      hiddenBy.set(key, entry)
    }
  }
  const out: CoveredText[] = []
  // In drawing order of the covers, then of the first glyph each hides.
  const groups = [...hiddenBy.values()].sort((a, b) => covers.indexOf(a.cover) - covers.indexOf(b.cover) || a.list[0]!.g.op - b.list[0]!.g.op)
  for (const { cover, list } of groups) {
    const colour = list[0]!.colour
    const ocrLayer = cover.kind === 'image' && list.every((h) => h.g.invisible)
    out.push({ box: toPageBox(cover.box, input.view), text: joinGlyphs(list.map((h) => h.g)), by: list[0]!.by, colour, dark: luminance(colour) < DARK_LUMINANCE, ...(ocrLayer ? { ocrLayer: true as const } : {}) })
  }
  for (const r of input.redactRects) {
    const under = glyphs.filter((g) => area(g.box) > 0 && overlapArea(g.box, r) / area(g.box) >= 0.5)
    if (under.length > 0) out.push({ box: toPageBox(r, input.view), text: joinGlyphs(under), by: 'redact-annotation', colour: '#000000', dark: true })
  }
  return out
}

/** Characters in drawing order; a space where the text had one, or where glyphs are far apart or on another line. */
function joinGlyphs(list: Glyph[]): string {
  let s = ''
  let prev: Glyph | null = null
  for (const g of list) {
    if (prev) {
      const h = Math.max(prev.box[3] - prev.box[1], 1)
      const gap = g.box[0] - prev.box[2]
      const newLine = Math.abs((g.box[1] + g.box[3]) / 2 - (prev.box[1] + prev.box[3]) / 2) > h * 0.5
      if (newLine || gap > h * 0.3 || (g.spaceBefore && gap > h * 0.05)) s += ' '
    }
    s += g.ch
    prev = g
  }
  return s
}

/** User space (y up) → points from the page's top left, rounded to 0.1 pt. */
export function toPageBox(b: Aabb, view: Aabb): [number, number, number, number] {
  const r = (v: number) => Math.round(v * 10) / 10
  return [r(b[0] - view[0]), r(view[3] - b[3]), r(b[2] - view[0]), r(view[3] - b[1])]
}
