import { compareCodePoints } from '../fs/package-fs.js'
import { isImageOnlyPage, type FileFacts } from '../inspect/facts.js'
import type { OcrCoverage, OcrPages } from '../report/finding.js'

/**
 * What OCR had to read in a package and what it did not. A page is unread on purpose when its
 * file was inspected without OCR (--no-ocr), and failed when OCR ran on the file but the page has
 * no reading (time, memory, a model failure, or the file's OCR time used up).
 */
export function ocrCoverage(facts: Iterable<FileFacts>): OcrCoverage {
  let pages = 0
  let read = 0
  const notRead: OcrPages[] = []
  const failed: OcrPages[] = []
  const files = [...facts].filter((f) => f.exists && f.scan?.readable).sort((a, b) => compareCodePoints(a.path, b.path))
  for (const f of files) {
    const skipped: number[] = []
    const unread: number[] = []
    for (const page of f.scan!.pages) {
      if (!isImageOnlyPage(page)) continue
      pages++
      if (page.ocr?.status === 'read') read++
      else if (page.ocr || f.scan!.ocr) unread.push(page.page)
      else skipped.push(page.page)
    }
    if (skipped.length > 0) notRead.push({ file: f.path, pages: skipped })
    if (unread.length > 0) failed.push({ file: f.path, pages: unread })
  }
  return { pages, read, notRead, failed }
}
