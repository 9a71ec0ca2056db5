import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, degrees } from 'pdf-lib'
import type { Box, PageFacts } from '../inspect/facts.js'
import { findIdentity, type IdentityTerm } from '../identity/match.js'
import type { Change, FilePlan } from './plan.js'
import { rasterisePage } from './raster.js'

// A PDF of the copy: always a full rewrite (pages copied into a fresh document, saved whole), so
// the Info dictionary, XMP, document JavaScript, attachments, outlines, forms and every earlier
// revision stay behind; page-level metadata and annotation authors are dropped. Pages with text
// to remove (a leak in the text layer, text under a box) or pixels to cover are redrawn as
// pictures with the boxes burned in. Deleting the text operators under a box instead would have
// to split runs that hold more than the name, catch glyphs reaching past the box, and clean the
// fonts' character maps; a picture at 200 dpi keeps the page legible, holds nothing but pixels,
// and the copy's check reads it with OCR to confirm.

export interface PdfTarget {
  /** Resolution of redrawn pages. */
  dpi: number
  /** The resolution rule's floor: a page is never redrawn below it. */
  minDpi: number
  /** The platform's size limit (bytes). */
  maxBytes: number
  terms: readonly IdentityTerm[]
}

export interface PdfResult {
  bytes: Uint8Array
  /** Pages redrawn as pictures, with the dpi and JPEG quality used. */
  rasterised: Array<{ page: number; dpi: number; quality: number; burned: number }>
}

/** JPEG quality then resolution, stepped down while the file is over the limit. */
const QUALITIES = [85, 70, 55]

export async function fixPdf(bytes: Uint8Array, plan: FilePlan, target: PdfTarget): Promise<PdfResult> {
  const pages = plan.facts?.scan?.pages ?? []
  // An encrypted file is never copied object for object: pdf-lib does not decrypt, its streams would stay ciphered.
  const all = plan.changes.some((c) => c.kind === 'decrypt') || Boolean(plan.facts?.scan?.encrypted)
  const wanted = new Set(all ? pages.map((p) => p.page) : plan.changes.filter((c) => c.kind === 'rasterise' && c.page).map((c) => c.page!))
  let result = await write(bytes, plan, pages, wanted, target.dpi, QUALITIES[0]!, target.terms)
  if (plan.changes.some((c) => c.kind === 'shrink') && result.bytes.length > target.maxBytes) {
    // Over the limit: every page redrawn, quality first, then resolution, never below the floor.
    const everyPage = new Set(pages.map((p) => p.page))
    const steps = dpiSteps(target.dpi, target.minDpi)
    outer: for (const dpi of steps) {
      for (const q of QUALITIES) {
        result = await write(bytes, plan, pages, everyPage, dpi, q, target.terms)
        if (result.bytes.length <= target.maxBytes) break outer
      }
    }
  }
  return result
}

export function dpiSteps(from: number, floor: number): number[] {
  const out: number[] = []
  for (let d = from; d > floor; d -= 25) out.push(d)
  out.push(floor)
  return out
}

async function write(bytes: Uint8Array, plan: FilePlan, pages: PageFacts[], raster: Set<number>, dpi: number, quality: number, terms: readonly IdentityTerm[]): Promise<PdfResult> {
  const out = await PDFDocument.create({ updateMetadata: false })
  const needSource = pages.some((p) => !raster.has(p.page)) || pages.length === 0
  const src = needSource ? await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false }) : null
  const count = src ? src.getPageCount() : pages.length
  const redraw = (n: number) => raster.has(n) && pages.some((p) => p.page === n)
  // Copied in one go: what pages share (fonts, images) is copied once, not once a page.
  const kept = src ? await out.copyPages(src, [...Array(count).keys()].filter((i) => !redraw(i + 1))) : []
  const rasterised: PdfResult['rasterised'] = []
  for (let n = 1; n <= count; n++) {
    const facts = pages.find((p) => p.page === n)
    if (redraw(n) && facts) {
      const r = await rasterisePage(bytes, { page: facts, dpi, quality, ...burnsOf(plan.changes, n, facts), turnDeg: pixelTurn(plan.changes, n) })
      const image = await out.embedJpg(r.jpeg)
      const page = out.addPage([r.widthPt, r.heightPt])
      page.drawImage(image, { x: 0, y: 0, width: r.widthPt, height: r.heightPt })
      rasterised.push({ page: n, dpi, quality, burned: r.burned })
      continue
    }
    const page = kept.shift()!
    out.addPage(page)
    const turn = plan.changes.find((c) => c.kind === 'rotate' && c.by === 'rotate-entry' && c.page === n)
    if (turn?.deg !== undefined) page.setRotation(degrees(turn.deg))
  }
  scrubObjects(out, terms)
  return { bytes: await out.save({ useObjectStreams: false }), rasterised }
}

function burnsOf(changes: readonly Change[], n: number, page: PageFacts): { burnDrawn: Box[]; burnUpright: Box[] } {
  const turned = page.ocr?.status === 'read' && page.ocr.turnedDeg !== undefined
  const burnDrawn: Box[] = []
  const burnUpright: Box[] = []
  for (const c of changes) {
    if (c.kind !== 'burn' || c.page !== n) continue
    ;(c.over === 'ocr' && turned ? burnUpright : burnDrawn).push(...(c.boxes ?? []))
  }
  return { burnDrawn, burnUpright }
}

function pixelTurn(changes: readonly Change[], n: number): number {
  return changes.find((c) => c.kind === 'rotate' && c.by === 'pixels' && c.page === n)?.deg ?? 0
}

/** Keys that carry metadata or behaviour, dropped wherever they are (pages, images, forms). */
const DROPPED_KEYS = ['Metadata', 'PieceInfo', 'Thumb', 'AA', 'LastModified'].map((k) => PDFName.of(k))
/** Annotation keys naming who made it and when. */
const ANNOT_KEYS = ['T', 'M', 'NM', 'CreationDate', 'RC', 'Popup', 'P', 'IRT'].map((k) => PDFName.of(k))

/**
 * Every object of the new document: metadata keys dropped; annotations keep what a viewer needs
 * (links, stamps), lose their author, dates and replies; comment text holding the name, and
 * unapplied Redact annotations and popups, are removed.
 */
function scrubObjects(doc: PDFDocument, terms: readonly IdentityTerm[]): void {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFRawStream || obj instanceof PDFStream ? obj.dict : null
    if (!dict) continue
    for (const k of DROPPED_KEYS) dict.delete(k)
  }
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    if (!annots) continue
    const kept = PDFArray.withContext(doc.context)
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i)
      const a = annots.lookupMaybe(i, PDFDict)
      if (!a) continue
      const subtype = a.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText()
      if (subtype === 'Redact' || subtype === 'Popup') continue
      for (const k of ANNOT_KEYS) a.delete(k)
      const contents = a.get(PDFName.of('Contents'))
      const text = contents && 'decodeText' in contents ? String((contents as { decodeText(): string }).decodeText()) : ''
      if (text && findIdentity(text, terms).length > 0) a.delete(PDFName.of('Contents'))
      if (subtype === 'Widget') a.delete(PDFName.of('V'))
      kept.push(ref)
    }
    page.node.set(PDFName.of('Annots'), kept)
  }
}
