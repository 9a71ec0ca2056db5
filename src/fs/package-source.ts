import type { ReadResult } from '../util/safe-read.js'

// The one way the checker reaches a package's files, whatever holds them: a folder on disk
// (package-fs.ts), a zip read in place (zip-package.ts), or bytes in memory (memory-package.ts,
// for tests). Read-only by construction: there is no method that writes. Paths are relative and
// `/`-separated; `resolve` confines a path as the manifest writes it before anything is read.

/** Why a path the manifest names is not read: it would leave the package. */
export type OutsideWhy = 'absolute' | 'escapes' | 'symlink-outside' | 'bad-path'

export type Resolved = { ok: true; rel: string } | { ok: false; rel: string; reason: OutsideWhy; inside?: string }

export interface PackageSource {
  /** A path as the manifest writes it (`\` accepted), confined to the package. */
  resolve(path: string): Resolved
  /** Every upload in the package (relative, sorted by code point): hidden files, known non-uploads and the tool's own reports left out. */
  list(): Promise<string[]>
  /** Size of the regular file at `rel`, or undefined when there is none. */
  stat(rel: string): Promise<number | undefined>
  /** The whole file when it has at most `maxBytes`, else its first `headBytes` (sizeBytes says the whole size). */
  read(rel: string, maxBytes: number, headBytes?: number): Promise<ReadResult>
  /** Lets go of what the source holds open (a zip's file). */
  close(): Promise<void>
}

/** Files that are never part of an upload, so never "unreferenced". */
// fix-log.json and 修改记录.html: what `fix` writes beside its copy (src/fix/log.ts), not for upload.
export const IGNORED_NAMES = new Set(['manifest.yaml', '申报.yaml', 'expected.yaml', 'Thumbs.db', 'desktop.ini', 'fix-log.json', '修改记录.html'])
export const MAX_LISTED_FILES = 10_000

/**
 * A report this tool wrote, recognised by its first bytes (never by name alone: an applicant's own
 * 报告.pdf is theirs): JSON and SARIF name the tool, JUnit's root is named after it, HTML carries
 * its generator tag (or, from before it did, its title), pretty text starts with its header line.
 * `zhicheng-check --format json > 报告.json` run inside the package leaves one at the top; it is
 * not an upload the manifest forgot, so it is never "unreferenced". Only the top level is looked
 * at (where a redirect from inside the package lands), only small text files, 1 KB of each.
 */
export const OWN_REPORT_EXT = /\.(json|sarif|html?|xml|txt)$/iu
export const OWN_REPORT_HEAD_BYTES = 1024
export const OWN_REPORT_MAX_BYTES = 50 * 1024 * 1024
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

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A path as the manifest writes it, for a source with no folders of links (a zip, memory): `\` is
 * `/`, absolute paths and `..` escapes are refused.
 */
export function resolveFlat(path: string): Resolved {
  const p = path.replaceAll('\\', '/')
  if (p.includes('\0') || p.trim() === '') return { ok: false, rel: path, reason: 'bad-path' }
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return { ok: false, rel: path, reason: 'absolute' }
  const parts: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return { ok: false, rel: path, reason: 'escapes' }
      parts.pop()
    } else parts.push(part)
  }
  return { ok: true, rel: parts.join('/') || '.' }
}

/**
 * The uploads among the files of a source with no folders of links (a zip, memory), by the rules
 * a folder is walked with (package-fs.ts): what lies in a hidden folder or is hidden, the known
 * non-uploads at the top, and the tool's own reports at the top are left out.
 */
export async function listUploads(files: Iterable<string>, source: Pick<PackageSource, 'stat' | 'read'>): Promise<string[]> {
  const out: string[] = []
  for (const rel of [...files].sort(compareCodePoints)) {
    if (out.length >= MAX_LISTED_FILES) break
    const parts = rel.split('/')
    const name = parts.at(-1)!
    if (parts.some((p) => p.startsWith('.'))) continue
    if (parts.length === 1 && IGNORED_NAMES.has(name)) continue
    if (name === 'Thumbs.db' || name === 'desktop.ini') continue
    if (parts.length === 1 && OWN_REPORT_EXT.test(name) && (await isOwnReportIn(source, rel))) continue
    out.push(rel)
  }
  return out
}

async function isOwnReportIn(source: Pick<PackageSource, 'stat' | 'read'>, rel: string): Promise<boolean> {
  const size = await source.stat(rel)
  if (size === undefined || size > OWN_REPORT_MAX_BYTES) return false
  const r = await source.read(rel, 0, OWN_REPORT_HEAD_BYTES)
  return r.ok && isOwnReport(Buffer.from(r.bytes).toString('utf8'))
}
