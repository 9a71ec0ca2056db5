import { lstatSync, readdirSync, realpathSync, statSync, openSync, readSync, closeSync } from 'node:fs'
import { isAbsolute, join, posix, resolve as resolvePath, sep } from 'node:path'
import { readRegularFile, type ReadResult } from '../util/safe-read.js'
import {
  IGNORED_NAMES,
  MAX_LISTED_FILES,
  OWN_REPORT_EXT,
  OWN_REPORT_HEAD_BYTES,
  OWN_REPORT_MAX_BYTES,
  compareCodePoints,
  isOwnReport,
  type PackageSource,
  type Resolved,
} from './package-source.js'

export { compareCodePoints, isOwnReport, type Resolved }

// A package that is a folder on disk (package-source.ts: the one way into a package). Every path
// is relative to the package folder and confined to it: absolute paths, `..` escapes and symlinks
// that resolve outside are refused before anything is opened. Nothing here writes.

export type FolderResolved = { ok: true; rel: string; abs: string } | Extract<Resolved, { ok: false }>

export class PackageFs implements PackageSource {
  readonly rootReal: string

  constructor(readonly root: string) {
    this.rootReal = realpathSync(root)
  }

  resolve(path: string): FolderResolved {
    // Windows users write `files\学历.pdf`; the manifest format says `/`. Accept both.
    const p = path.replaceAll('\\', '/')
    if (p.includes('\0') || p.trim() === '') return { ok: false, rel: path, reason: 'bad-path' }
    if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) {
      // An absolute path to a file that is in the package after all: say which relative path to write.
      const inside = isAbsolute(path) ? this.#relativeInside(realOfNearestExisting(resolvePath(path))) : undefined
      return inside ? { ok: false, rel: path, reason: 'absolute', inside } : { ok: false, rel: path, reason: 'absolute' }
    }
    const rel = posix.normalize(p)
    if (rel === '..' || rel.startsWith('../')) return { ok: false, rel: path, reason: 'escapes' }
    const abs = join(this.rootReal, ...rel.split('/'))
    const real = realOfNearestExisting(abs)
    if (real !== this.rootReal && !real.startsWith(this.rootReal + sep)) {
      return { ok: false, rel: path, reason: 'symlink-outside' }
    }
    return { ok: true, rel, abs }
  }

  #relativeInside(real: string): string | undefined {
    if (!real.startsWith(this.rootReal + sep)) return undefined
    return real.slice(this.rootReal.length + 1).split(sep).join('/')
  }

  /** Size of a regular file, or undefined when there is none at that path. */
  size(abs: string): number | undefined {
    try {
      const st = statSync(abs)
      return st.isFile() ? st.size : undefined
    } catch {
      return undefined
    }
  }

  /** The first `n` bytes of a file (for sniffing its type). */
  head(abs: string, n: number): Uint8Array {
    const fd = openSync(abs, 'r')
    try {
      const buf = Buffer.alloc(n)
      const read = readSync(fd, buf, 0, n, 0)
      return buf.subarray(0, read)
    } finally {
      closeSync(fd)
    }
  }

  #isOwnReportFile(abs: string): boolean {
    const size = this.size(abs)
    if (size === undefined || size > OWN_REPORT_MAX_BYTES) return false
    try {
      return isOwnReport(Buffer.from(this.head(abs, OWN_REPORT_HEAD_BYTES)).toString('utf8'))
    } catch {
      return false // unreadable: listed, and the user sees it
    }
  }

  /** Every file in the package (relative, `/`-separated, sorted), hidden ones, known non-uploads and the tool's own reports left out. */
  listFiles(): string[] {
    const out: string[] = []
    const walk = (dirAbs: string, dirRel: string) => {
      let entries
      try {
        entries = readdirSync(dirAbs, { withFileTypes: true })
      } catch {
        return
      }
      for (const e of entries) {
        if (out.length >= MAX_LISTED_FILES) return
        if (e.name.startsWith('.')) continue
        const rel = dirRel ? `${dirRel}/${e.name}` : e.name
        if (!dirRel && IGNORED_NAMES.has(e.name)) continue
        if (!dirRel && e.isFile() && OWN_REPORT_EXT.test(e.name) && this.#isOwnReportFile(join(dirAbs, e.name))) continue
        if (e.name === 'Thumbs.db' || e.name === 'desktop.ini') continue
        // Symlinked folders are not followed: a link may lead out of the package, or in a loop.
        if (e.isDirectory()) walk(join(dirAbs, e.name), rel)
        else if (e.isFile() || (e.isSymbolicLink() && !isDirectory(join(dirAbs, e.name)))) out.push(rel)
      }
    }
    walk(this.rootReal, '')
    return out.sort(compareCodePoints)
  }

  async list(): Promise<string[]> {
    return this.listFiles()
  }

  async stat(rel: string): Promise<number | undefined> {
    const r = this.resolve(rel)
    return r.ok ? this.size(r.abs) : undefined
  }

  /** Confined like every path (a link out is refused, not followed), never blocking (safe-read.ts). */
  async read(rel: string, maxBytes: number, headBytes = 0): Promise<ReadResult> {
    const r = this.resolve(rel)
    if (!r.ok) return { ok: false, why: 'not-a-file', detail: `outside the package (${r.reason})` }
    return readRegularFile(r.abs, maxBytes, headBytes)
  }

  async close(): Promise<void> {}
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory()
  } catch {
    return false // a dangling link is listed: the user should see it
  }
}

function realOfNearestExisting(abs: string): string {
  let p = abs
  const rest: string[] = []
  for (;;) {
    try {
      lstatSync(p)
      return join(realpathSync(p), ...rest.reverse())
    } catch {
      const parent = join(p, '..')
      if (parent === p) return abs
      rest.push(p.slice(parent.length + 1))
      p = parent
    }
  }
}
