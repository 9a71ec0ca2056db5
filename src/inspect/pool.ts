import type { Piscina } from 'piscina'
import type { ContentFacts, InspectTask } from './inspect-bytes.js'
import type { UnreadableReason } from './facts.js'
import type { InspectLimits } from './limits.js'
import { OCR_FILE_MS, ocrTimedOut } from './ocr.js'

// From dist/ the worker is worker.js beside this file. From src/ (tests run the TypeScript) it is
// a bootstrap that teaches the worker thread to load .ts first.
const WORKER_FILE = import.meta.url.endsWith('.ts')
  ? new URL('./dev-worker.mjs', import.meta.url).href
  : new URL('./worker.js', import.meta.url).href

export interface PoolResult {
  facts: ContentFacts
  /** False when the result depends on the machine (time, memory): never cached. */
  cacheable: boolean
}

/**
 * Inspection workers (piscina), started on first use so a fully cached check starts none.
 * Each file runs under a hard time bound; a worker that times out, runs out of memory or dies is
 * replaced, and the file gets facts saying so. Nothing a file does reaches the main thread.
 */
export class InspectPool {
  private pool: Promise<Piscina> | undefined
  private running = 0
  private readonly waiting: Array<() => void> = []

  constructor(
    readonly jobs: number,
    readonly limits: InspectLimits,
    /** --deep: workers OCR the image-only pages (each loads the model once, on its first such page). */
    readonly options: { ocr?: boolean } = {},
  ) {}

  /** The pool, made on the first cache miss: a warm check never loads piscina or starts a worker. */
  private start(): Promise<Piscina> {
    this.pool ??= import('piscina').then(({ Piscina: P }) => {
      const pool = new P({
        filename: WORKER_FILE,
        minThreads: 0,
        maxThreads: this.jobs,
        idleTimeout: 1000,
        concurrentTasksPerWorker: 1,
        resourceLimits: { maxOldGenerationSizeMb: this.limits.workerHeapMb },
      })
      // A worker that dies between tasks must not take the process down.
      pool.on('error', () => {})
      return pool
    })
    return this.pool
  }

  /** Inspects one file's bytes (transferred: the caller must not use them afterwards). */
  async inspect(bytes: Uint8Array, sizeBytes: number): Promise<PoolResult> {
    // At most `jobs` tasks at once, so the time bound starts when the work does, not in a queue.
    if (this.running >= this.jobs) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.running++
    try {
      const pool = await this.start()
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
      const ocr = this.options.ocr === true
      const task: InspectTask = { bytes: own, sizeBytes, limits: this.limits, ...(ocr ? { ocr } : {}) }
      // OCR has its own time bounds (per page, per file) on top of the inspection's.
      const hardTimeMs = this.limits.hardTimeMs + (ocr ? OCR_FILE_MS : 0)
      const facts = (await pool.run(task, {
        transferList: [own.buffer as ArrayBuffer],
        signal: AbortSignal.timeout(hardTimeMs),
      })) as ContentFacts
      return { facts, cacheable: facts.scan.limit?.kind !== 'time' && !ocrTimedOut(facts.scan.pages) }
    } catch (err) {
      return { facts: failed(err, this.limits, this.options.ocr === true), cacheable: false }
    } finally {
      this.running--
      this.waiting.shift()?.()
    }
  }

  async close(): Promise<void> {
    const pool = this.pool
    this.pool = undefined
    if (pool) await (await pool).destroy()
  }
}

function failed(err: unknown, limits: InspectLimits, ocr: boolean): ContentFacts {
  const e = err as { name?: string; code?: string; message?: string }
  let reason: UnreadableReason = 'crashed'
  let detail = String(e?.message ?? err).split('\n')[0]!.slice(0, 200)
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    reason = 'timeout'
    detail = `not done in ${(limits.hardTimeMs + (ocr ? OCR_FILE_MS : 0)) / 1000} s`
  } else if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    detail = `out of memory (${limits.workerHeapMb} MB)`
  }
  return { sniffed: null, scan: { kind: 'other', readable: false, unreadable: { reason, detail }, pages: [] } }
}
