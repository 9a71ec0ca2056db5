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
  // Read before the inspector: pdf.js may take the buffer over.
  const polyglot = hasZipInside(bytes)
  try {
    const scan = kind === 'pdf' ? await inspectPdf(bytes, limits, options) : await inspectImage(bytes, kind, limits, options)
    return { sniffed, scan: polyglot ? { ...scan, polyglot: 'zip' } : scan }
  } catch (err) {
    // A reader that throws where it should have reported: the file is what it could not read.
    return { sniffed, scan: { kind, readable: false, unreadable: { reason: 'corrupt', detail: detailOf(err) }, pages: [] } }
  }
}

/**
 * A ZIP archive carried by the file (a PDF or image that is also a zip: "polyglot"): the zip's
 * end record in the last 64 KiB, its comment reaching the end of the file, and its central
 * directory where the record says (from the file's start, or from the zip's own start when the zip
 * was simply appended). A zip stored inside a PDF is compressed, so it does not show like this.
 */
export function hasZipInside(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const from = Math.max(0, bytes.length - 22 - 0xffff)
  for (let at = bytes.length - 22; at >= from; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue
    const cdSize = view.getUint32(at + 12, true)
    const cdOffset = view.getUint32(at + 16, true)
    if (at + 22 + view.getUint16(at + 20, true) !== bytes.length || cdSize === 0 || cdSize > at) continue
    const isCd = (o: number) => o >= 0 && o + 4 <= at && view.getUint32(o, true) === 0x02014b50
    if (isCd(cdOffset) || isCd(at - cdSize)) return true
  }
  return false
}
