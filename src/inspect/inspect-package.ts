import { createHash } from 'node:crypto'
import { readRegularFile, type ReadResult } from '../util/safe-read.js'
import { extname } from 'node:path'
import type { FactsCache } from './cache.js'
import type { FileFacts } from './facts.js'
import type { ContentFacts } from './inspect-bytes.js'
import { DEFAULT_LIMITS, type InspectLimits } from './limits.js'
import { InspectPool, type PoolResult } from './pool.js'

export interface InspectOptions {
  /** Workers; 1 still uses one (a crash or hang stays out of the main thread). */
  jobs: number
  /** null: neither read nor write the cache (--no-cache). */
  cache: FactsCache | null
  limits?: InspectLimits
  /** A pool (and cache) shared by many packages (batch); it is left open. Its cache and limits win. */
  shared?: SharedInspector
  /** Called as each file's facts are ready (progress). */
  onFile?: (facts: FileFacts) => void
  /** --deep: OCR the image-only pages (give the cache the OCR engine too: see FactsCache). */
  ocr?: boolean
}

/**
 * One worker pool and cache for every package of a batch, closed by its owner at the end. Bytes
 * that two packages share (a unit's publicity scan) are inspected once, even at the same time.
 */
export class SharedInspector {
  /** Files sent to a worker (cache misses): what a re-run after one fixed file should make 1. */
  inspected = 0
  private readonly inflight = new Map<string, Promise<PoolResult>>()

  constructor(
    readonly pool: InspectPool,
    readonly cache: FactsCache | null,
  ) {}

  get limits(): InspectLimits {
    return this.pool.limits
  }

  async inspect(bytes: Uint8Array, sizeBytes: number, sha256: string | undefined): Promise<PoolResult> {
    const pending = sha256 ? this.inflight.get(sha256) : undefined
    if (pending) return pending
    this.inspected++
    const run = this.pool.inspect(bytes, sizeBytes)
    if (!sha256) return run
    this.inflight.set(sha256, run)
    try {
      return await run
    } finally {
      this.inflight.delete(sha256)
    }
  }

  close(): Promise<void> {
    this.cache?.prune()
    return this.pool.close()
  }
}

/**
 * A file to inspect: its path in the package (the key of the facts) and how to read it. The
 * checker reads through the package (fs/package-source.ts, confined, a folder or a zip alike) and
 * gives the workers bytes: a worker never opens a file. `abs` reads a file on disk as it is, for
 * callers with no package around it (tests, benches).
 */
export type FileToInspect = { rel: string } & ({ read: (maxBytes: number, headBytes: number) => Promise<ReadResult> } | { abs: string })

/** Bytes read of a file over the size bound: enough to say what it is. */
const HEAD_BYTES = 64 * 1024

/**
 * Facts for each file, keyed and ordered by path as given, whatever order the workers finish
 * in. Files are opened read-only; nothing in the package is written.
 */
export async function inspectFiles(files: readonly FileToInspect[], opts: InspectOptions): Promise<Map<string, FileFacts>> {
  const inspector = opts.shared ?? new SharedInspector(new InspectPool(Math.max(1, Math.floor(opts.jobs)), opts.limits ?? DEFAULT_LIMITS, { ocr: opts.ocr === true }), opts.cache)
  const pool = inspector.pool
  const unique = [...new Map(files.map((f) => [f.rel, f])).values()]
  try {
    // A few more files in hand than workers, so cache hits and hashing overlap the inspection,
    // but a package of large scans is never all in memory at once.
    const results: FileFacts[] = new Array(unique.length)
    let next = 0
    const runner = async () => {
      while (next < unique.length) {
        const i = next++
        results[i] = await inspectOne(unique[i]!, inspector)
        opts.onFile?.(results[i]!)
      }
    }
    await Promise.all(Array.from({ length: Math.min(unique.length, pool.jobs + 2) }, runner))
    // A wall-clock bound that fired while OCR read a file (a loaded machine, other files in the
    // pool): once more, one file at a time after the rest, before a page is declared unread.
    if (opts.ocr) {
      for (let i = 0; i < unique.length; i++) if (ranOutOfTime(results[i]!)) results[i] = await inspectOne(unique[i]!, inspector)
    }
    return new Map(results.map((f) => [f.path, f]))
  } finally {
    if (!opts.shared) await inspector.close()
  }
}

/** A file whose inspection, or the OCR of one of its pages, stopped at a time bound. */
function ranOutOfTime(f: FileFacts): boolean {
  return f.scan?.unreadable?.reason === 'timeout' || (f.scan?.pages.some((p) => p.ocr?.status === 'timeout') ?? false)
}

async function inspectOne(file: FileToInspect, inspector: SharedInspector): Promise<FileFacts> {
  const { cache, limits } = inspector
  const declaredExt = extname(file.rel).slice(1).toLowerCase()
  const read = 'read' in file ? await file.read(limits.maxBytes, HEAD_BYTES) : readRegularFile(file.abs, limits.maxBytes, HEAD_BYTES)
  if (!read.ok) {
    if (read.why === 'missing') return { path: file.rel, exists: false, declaredExt }
    // There, but not a file to read (a FIFO, a device, no read permission): a finding on that file.
    return { path: file.rel, exists: true, declaredExt, sniffed: null, scan: { kind: 'other', readable: false, unreadable: { reason: read.why, detail: read.detail }, pages: [] } }
  }
  const { bytes, sizeBytes } = read
  const sha256 = bytes.length === sizeBytes ? createHash('sha256').update(bytes).digest('hex') : undefined
  let content: ContentFacts | undefined = sha256 ? cache?.get(sha256) : undefined
  if (!content) {
    const r = await inspector.inspect(bytes, sizeBytes, sha256)
    content = r.facts
    if (sha256 && r.cacheable) cache?.set(sha256, content)
  }
  return {
    path: file.rel,
    exists: true,
    sizeBytes,
    declaredExt,
    sniffed: content.sniffed,
    ...(sha256 ? { sha256 } : {}),
    scan: content.scan,
  }
}
