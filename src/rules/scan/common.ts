import { isImageFile, type FileFacts, type PageFacts, type PixelStats } from '../../inspect/facts.js'
import type { PolicyValues } from '../../policy/schema.js'
import { type Hit, type RuleContext } from '../define-rule.js'
import { fileHit } from '../shared/file-hit.js'

// What the scan rules share: the files inspected, the pages measured, and how a hit names its place.

export type Scans = PolicyValues['scans']

/** Extension as the platform understands it: .jpeg and .jpe are .jpg. */
export function normalExt(ext: string): string {
  return ext === 'jpeg' || ext === 'jpe' ? 'jpg' : ext
}

export function typeLabel(ext: string): string {
  const names: Record<string, string> = { jpg: 'JPEG', docx: 'Word (DOCX)', doc: 'Word (DOC)', cfb: 'Office (DOC/XLS)', xlsx: 'Excel (XLSX)', heic: 'HEIC', webp: 'WebP', tif: 'TIFF' }
  return names[ext] ?? ext.toUpperCase()
}

export function megabytes(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`
}

/** Pages whose pixels were measured, with the file they are in. */
export function measuredPages(ctx: RuleContext): Array<{ file: FileFacts; page: PageFacts; px: PixelStats; at: string | undefined }> {
  const out = []
  for (const { facts, at, page } of ctx.pages()) {
    const px = page.scanImage?.pixels
    if (facts.scan.readable && px) out.push({ file: facts, page, px, at })
  }
  return out
}

/** Nothing on it: no text, and either nothing painted or a scan with no ink darker than the paper. */
export function isBlank(page: PageFacts, scans: Scans): boolean {
  if (page.textChars > 0) return false
  const px = page.scanImage?.pixels
  if (px) return px.ink < scans.blank_max_ink
  return !page.hasGraphics && page.scanImage === null
}

/** One line of text on an A4 page is 0.3 % of its pixels; below 0.2 % a page is a mark or two. */
export const MIN_INK_FOR_CONTRAST = 0.002

/** Pixels too small to measure anything on (icons, 1×1 PNGs): resolution says enough. */
export const MIN_MEASURED_PX = 64

/** An image file is one page: its findings name no page. */
export function hitFor<M extends string>(messageId: M, file: FileFacts, at: string | undefined, page: number | undefined, data: Hit['data']): Hit<M> {
  return fileHit(messageId, file.path, at, isImageFile(file) ? undefined : page, data ?? {})
}
