import type { ScanFacts } from './facts.js'
import { scanKind, sniffType, type Sniffed } from './file-type.js'
import { detailOf, inspectImage } from './image.js'
import type { InspectLimits } from './limits.js'
import { inspectPdf } from './pdf.js'

/** One file's bytes in, its content facts out. Runs in a pool worker (worker.ts) or in-process. */
export interface InspectTask {
  bytes: Uint8Array
  /** The whole file's size; more than bytes.length when only its head was read (over maxBytes). */
  sizeBytes: number
  limits: InspectLimits
  /** --deep: OCR the image-only pages (the cache keeps these facts apart). */
  ocr?: boolean
}

/** Everything here depends only on the bytes and the limits: that is what the cache relies on. */
export interface ContentFacts {
  sniffed: Sniffed | null
  scan: ScanFacts
}

export async function inspectBytes(task: InspectTask): Promise<ContentFacts> {
  const { bytes, sizeBytes, limits } = task
  const options = { ocr: task.ocr === true }
  if (sizeBytes === 0) {
    return { sniffed: null, scan: { kind: 'other', readable: false, unreadable: { reason: 'empty', detail: '0 bytes' }, pages: [] } }
  }
  const sniffed = await sniffType(bytes)
  const kind = scanKind(sniffed)
  if (sizeBytes > bytes.length || sizeBytes > limits.maxBytes) {
    const detail = `${sizeBytes} bytes, over the ${limits.maxBytes} byte bound`
    return { sniffed, scan: { kind, readable: false, unreadable: { reason: 'limit-bytes', detail }, pages: [] } }
  }
  // Not a format the platform takes: named by scan.type-mismatch, never parsed.
  if (kind === 'other') return { sniffed, scan: { kind, readable: false, pages: [] } }
  try {
    const scan = kind === 'pdf' ? await inspectPdf(bytes, limits, options) : await inspectImage(bytes, kind, limits, options)
    return { sniffed, scan }
  } catch (err) {
    // A reader that throws where it should have reported: the file is what it could not read.
    return { sniffed, scan: { kind, readable: false, unreadable: { reason: 'corrupt', detail: detailOf(err) }, pages: [] } }
  }
}
