import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ContentFacts } from './inspect-bytes.js'
import type { InspectLimits } from './limits.js'

/**
 * Bump when the facts an inspector produces change meaning or shape, so an old cache entry is
 * never read as a new one. The tool version is part of the key as well. 3: PDF JPEG scans are
 * measured from sharp's decoding (pdf-jpeg.ts), a few thousandths off pdf.js's. 4: faces (faces.ts).
 */
export const FACTS_SCHEMA = 4

/**
 * `$XDG_CACHE_HOME/zhicheng-check`, else the OS cache folder: ~/.cache on Linux,
 * ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. The CLI calls this with process.env.
 */
export function defaultCacheDir(env: Record<string, string | undefined>, platform: string, home: string): string {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'zhicheng-check')
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'zhicheng-check', 'Cache')
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'zhicheng-check')
  return join(home, '.cache', 'zhicheng-check')
}

/**
 * Content facts on disk, keyed by the sha256 of the bytes, the tool version, the facts schema and
 * the inspection bounds. Facts never depend on a file's name or place, so a renamed or moved scan
 * is a hit. Every failure (read-only home, a torn entry) is a miss, never an error.
 */
export class FactsCache {
  readonly dir: string
  /** Entries this process wrote: prune() has nothing to do after a run that wrote none. */
  written = 0
  private readonly root: string
  private readonly versionPrefix: string

  /**
   * `ocrEngine`: the OCR engine's name and version when --deep reads the scans (its facts carry
   * OCR lines), null otherwise; the two kinds of facts never share an entry.
   */
  constructor(root: string, toolVersion: string, limits: InspectLimits, ocrEngine: string | null = null) {
    const limitsKey = createHash('sha256').update(JSON.stringify(limits)).digest('hex').slice(0, 8)
    const ocrKey = ocrEngine ? `-ocr${createHash('sha256').update(ocrEngine).digest('hex').slice(0, 8)}` : ''
    this.root = join(root, 'facts')
    this.versionPrefix = `${toolVersion}-s${FACTS_SCHEMA}-`
    this.dir = join(this.root, `${this.versionPrefix}${limitsKey}${ocrKey}`)
  }

  private file(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.json`)
  }

  get(sha256: string): ContentFacts | undefined {
    try {
      const v = JSON.parse(readFileSync(this.file(sha256), 'utf8')) as ContentFacts
      return v && typeof v === 'object' && v.scan && typeof v.scan.kind === 'string' ? v : undefined
    } catch {
      return undefined
    }
  }

  set(sha256: string, facts: ContentFacts): void {
    const file = this.file(sha256)
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    try {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true })
      writeFileSync(tmp, JSON.stringify(facts))
      renameSync(tmp, file) // readers see the whole entry or none
      this.written++
    } catch {
      // a cache that cannot be written only costs time
    }
  }

  /**
   * Keeps the cache from growing without end, after a run that wrote to it: entries of other tool
   * versions or facts schemas are never read again and go; entries of this version are removed
   * oldest first (by when they were written) once they pass `maxBytes`, down to 80 % of it. A
   * failure only leaves more on disk.
   */
  prune(maxBytes = DEFAULT_MAX_CACHE_BYTES): void {
    if (this.written === 0) return
    try {
      for (const name of readdirSync(this.root)) {
        if (!name.startsWith(this.versionPrefix)) rmSync(join(this.root, name), { recursive: true, force: true })
      }
      const entries: Array<{ file: string; bytes: number; mtimeMs: number }> = []
      let total = 0
      const dirs = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name))
      for (const shard of dirs(this.root).flatMap(dirs)) {
        for (const entry of readdirSync(shard, { withFileTypes: true })) {
          if (!entry.isFile()) continue
          const file = join(shard, entry.name)
          const st = statSync(file)
          entries.push({ file, bytes: st.size, mtimeMs: st.mtimeMs })
          total += st.size
        }
      }
      if (total <= maxBytes) return
      entries.sort((a, b) => a.mtimeMs - b.mtimeMs)
      for (const e of entries) {
        if (total <= maxBytes * 0.8) break
        unlinkSync(e.file)
        total -= e.bytes
      }
    } catch {
      // a cache that cannot be pruned only costs disk space
    }
  }
}

/** The facts of about 50,000 scans: far more than a unit checks in a season. */
export const DEFAULT_MAX_CACHE_BYTES = 512 * 1024 * 1024
