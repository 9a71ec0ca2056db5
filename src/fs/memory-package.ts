import type { ReadResult } from '../util/safe-read.js'
import { listUploads, resolveFlat, type PackageSource, type Resolved } from './package-source.js'

/** A package held in memory (tests): file paths relative and `/`-separated, bytes or UTF-8 text. */
export class MemoryPackage implements PackageSource {
  readonly #files = new Map<string, Uint8Array>()

  constructor(files: Record<string, Uint8Array | string>) {
    for (const [rel, data] of Object.entries(files)) this.#files.set(rel, typeof data === 'string' ? new TextEncoder().encode(data) : data)
  }

  resolve(path: string): Resolved {
    return resolveFlat(path)
  }

  list(): Promise<string[]> {
    return listUploads(this.#files.keys(), this)
  }

  async stat(rel: string): Promise<number | undefined> {
    return this.#files.get(rel)?.length
  }

  async read(rel: string, maxBytes: number, headBytes = 0): Promise<ReadResult> {
    const data = this.#files.get(rel)
    if (!data) return { ok: false, why: 'missing', detail: 'ENOENT' }
    // A copy in its own ArrayBuffer, as from disk: the caller may transfer it to a worker.
    const bytes = data.slice(0, data.length > maxBytes ? Math.min(headBytes, data.length) : data.length)
    return { ok: true, bytes, sizeBytes: data.length }
  }

  async close(): Promise<void> {}
}
