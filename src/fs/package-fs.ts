import { lstatSync, readdirSync, realpathSync, statSync, openSync, readSync, closeSync } from 'node:fs'
import { isAbsolute, join, posix, resolve as resolvePath, sep } from 'node:path'

// The only way the checker reaches a package's files. Every path is relative to the package
// folder and confined to it: absolute paths, `..` escapes and symlinks that resolve outside
// are refused before anything is opened. Nothing here writes.

export type Resolved =
  | { ok: true; rel: string; abs: string }
  | { ok: false; rel: string; reason: 'absolute' | 'escapes' | 'symlink-outside' | 'bad-path'; inside?: string }

/** Files that are never part of an upload, so never "unreferenced". */
// fix-log.json and 修改记录.html: what `fix` writes beside its copy (src/fix/log.ts), not for upload.
const IGNORED_NAMES = new Set(['manifest.yaml', '申报.yaml', 'expected.yaml', 'Thumbs.db', 'desktop.ini', 'fix-log.json', '修改记录.html'])
const MAX_LISTED_FILES = 10_000

/**
 * A report this tool wrote, recognised by its first bytes (never by name alone: an applicant's own
 * 报告.pdf is theirs): JSON and SARIF name the tool, JUnit's root is named after it, HTML carries
 * its generator tag (or, from before it did, its title), pretty text starts with its header line.
 * `zhicheng-check --format json > 报告.json` run inside the package leaves one at the top; it is
 * not an upload the manifest forgot, so it is never "unreferenced". Only the top level is looked
 * at (where a redirect from inside the package lands), only small text files, 1 KB of each.
 */
const OWN_REPORT_EXT = /\.(json|sarif|html?|xml|txt)$/iu
const OWN_REPORT_HEAD_BYTES = 1024
const OWN_REPORT_MAX_BYTES = 50 * 1024 * 1024
const OWN_REPORT_HEADS: RegExp[] = [
  /^\s*\{\s*"tool":\s*"zhicheng-check"/u,
  /^\s*\{\s*"\$schema":\s*"[^"]*sarif[^"]*"[\s\S]*?"driver":\s*\{\s*"name":\s*"zhicheng-check"/u,
  /^(?:<\?xml[^>]*\?>\s*)?<testsuites name="zhicheng-check"/u,
  /^<!doctype html>[\s\S]*?(?:<meta name="generator" content="zhicheng-check"|<title>(?:职称申报材料检查报告|Application package check) · )/iu,
  /^(?:申报包 .+ {2}政策 .+ {2}判断日期 |[Pp]ackage .+ {2}policy .+ {2}as of )/u,
]

export function isOwnReport(head: string): boolean {
  return OWN_REPORT_HEADS.some((re) => re.test(head.replace(/^\uFEFF/u, '')))
}

export class PackageFs {
  readonly rootReal: string

  constructor(readonly root: string) {
    this.rootReal = realpathSync(root)
  }

  resolve(path: string): Resolved {
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

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
