import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ContentFacts } from './inspect-bytes.js'
import type { InspectLimits } from './limits.js'

/**
 * Bump when the facts an inspector produces change meaning or shape, so an old cache entry is
 * never read as a new one. The tool version is part of the key as well.
 */
export const FACTS_SCHEMA = 2

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

  /**
   * `ocrEngine`: the OCR engine's name and version when --deep reads the scans (its facts carry
   * OCR lines), null otherwise; the two kinds of facts never share an entry.
   */
  constructor(root: string, toolVersion: string, limits: InspectLimits, ocrEngine: string | null = null) {
    const limitsKey = createHash('sha256').update(JSON.stringify(limits)).digest('hex').slice(0, 8)
    const ocrKey = ocrEngine ? `-ocr${createHash('sha256').update(ocrEngine).digest('hex').slice(0, 8)}` : ''
    this.dir = join(root, 'facts', `${toolVersion}-s${FACTS_SCHEMA}-${limitsKey}${ocrKey}`)
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
    } catch {
      // a cache that cannot be written only costs time
    }
  }
}
