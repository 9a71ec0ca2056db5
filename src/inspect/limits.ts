/**
 * Bounds on inspecting one file. A file that exceeds one is reported (a fact, then a finding),
 * never a hang or an out-of-memory. They are tool settings, not policy: the platform's own
 * limits (max_file_bytes, min_dpi …) are in the policy's `scans:` section.
 */
export interface InspectLimits {
  /** Files larger than this are not read at all. 256 MB is 25× the largest upload a platform takes. */
  maxBytes: number
  /**
   * Largest image decoded, in pixels. An A4 page at 600 dpi is 35 MP, A3 at 600 dpi 70 MP; 100 MP
   * leaves room for that and refuses decompression bombs (a 40000×40000 PNG is 1600 MP) before
   * a byte of pixels is allocated.
   */
  maxPixels: number
  /** Pages inspected per PDF. A title package's documents run to tens of pages; 500 is plenty. */
  maxPages: number
  /**
   * Drawing operators read per PDF (all pages): past it, the remaining pages are not inspected and
   * the file is judged on the pages read. A page of text has a few thousand, a scan a handful; a
   * file that repeats one drawing a million times is an attack. Counted, not timed, so the facts
   * are the same on every machine (and cached).
   */
  maxOperators: number
  /**
   * Hard bound: the worker inspecting the file is stopped and the file is reported unreadable
   * (timeout). pdf.js and sharp take well under a second per page on a 2-core laptop.
   */
  hardTimeMs: number
  /** Heap of each inspection worker; above it the worker is stopped and the file reported. */
  workerHeapMb: number
}

export const DEFAULT_LIMITS: InspectLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxPixels: 100_000_000,
  maxPages: 500,
  maxOperators: 2_000_000,
  hardTimeMs: 60_000,
  workerHeapMb: 1024,
}
