import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readRegularFile } from '../util/safe-read.js'
import { contentFactsSchema } from './facts-schema.js'
import type { ContentFacts } from './inspect-bytes.js'
import type { InspectLimits } from './limits.js'

/**
 * Bump when the facts an inspector produces change meaning or shape, so an old cache entry is
 * never read as a new one. The tool version is part of the key as well. 3: PDF JPEG scans are
 * measured from sharp's decoding (pdf-jpeg.ts), a few thousandths off pdf.js's. 4: faces (faces.ts).
 * 7: pixels.hash, the perceptual fingerprint (fingerprint.ts). 8: OCR lines keep doubtful characters' runner-ups (alt), strokes under a seal.
 * 9: long lines read squeezed first (ocr-engine.ts recogniseLines).
 */
export const FACTS_SCHEMA = 9

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
 *
 * The cache folder may be shared, restored in CI from another branch's run, or edited: an entry is
 * only believed when its HMAC, under a random per-user key kept outside the cache folder
 * (`<cache folder>.key`, made on first use, mode 600), matches its place and content, and when it
 * has the shape of facts. Anything else is a miss, and the file is inspected again.
 */
export class FactsCache {
  readonly dir: string
  /** Entries this process wrote: prune() has nothing to do after a run that wrote none. */
  written = 0
  private readonly root: string
  private readonly versionPrefix: string
  private readonly keyFile: string
  private key: Buffer | null | undefined

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
    this.keyFile = `${root.replace(/[\\/]+$/u, '')}.key`
  }

  private file(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.json`)
  }

  /** The per-user key: read, or made once (exclusive create, so two runs agree). null: no cache. */
  private macKey(): Buffer | null {
    if (this.key !== undefined) return this.key
    const read = () => {
      const r = readRegularFile(this.keyFile, 256)
      return r.ok && r.bytes.length >= 32 ? Buffer.from(r.bytes) : null
    }
    let key = read()
    if (!key) {
      try {
        mkdirSync(dirname(this.keyFile), { recursive: true, mode: 0o700 })
        writeFileSync(this.keyFile, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 })
      } catch {
        // made by another run meanwhile, or no place for it: read what is there
      }
      key = read()
    }
    this.key = key
    return key
  }

  /** The entry's MAC binds its content to its place: the bytes' hash and the version, bounds and OCR engine of its folder. */
  private mac(key: Buffer, sha256: string, factsJson: string): string {
    return createHmac('sha256', key).update(`${this.dir}\0${sha256}\0${factsJson}`).digest('hex')
  }

  get(sha256: string): ContentFacts | undefined {
    try {
      const key = this.macKey()
      if (!key) return undefined
      const read = readRegularFile(this.file(sha256), MAX_ENTRY_BYTES)
      if (!read.ok || read.sizeBytes > MAX_ENTRY_BYTES) return undefined
      const entry = JSON.parse(new TextDecoder().decode(read.bytes)) as { mac?: unknown; facts?: unknown }
      if (typeof entry?.mac !== 'string' || typeof entry.facts !== 'string') return undefined
      const want = Buffer.from(this.mac(key, sha256, entry.facts), 'hex')
      const got = Buffer.from(entry.mac, 'hex')
      if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined
      const facts: unknown = JSON.parse(entry.facts)
      return contentFactsSchema.safeParse(facts).success ? (facts as ContentFacts) : undefined
    } catch {
      return undefined
    }
  }

  set(sha256: string, facts: ContentFacts): void {
    const file = this.file(sha256)
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    try {
      const key = this.macKey()
      if (!key) return
      const json = JSON.stringify(facts)
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true })
      writeFileSync(tmp, JSON.stringify({ mac: this.mac(key, sha256, json), facts: json }))
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

/** An entry is the facts of one file: text layers of 500 pages stay well under this. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024

/** The facts of about 50,000 scans: far more than a unit checks in a season. */
export const DEFAULT_MAX_CACHE_BYTES = 512 * 1024 * 1024
