import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { compareCodePoints } from '../fs/package-fs.js'
import { MANIFEST_NAMES } from '../manifest/load.js'
import { UsageError, type UsageErrorCode } from '../usage-error.js'

// What `batch ROOT` finds under ROOT: packages (a folder holding a manifest, a .zip), and what
// looks like an applicant's but cannot be checked (a folder of scans without a manifest, an
// archive the batch cannot open). Those are rows too, counted as not checked: nobody is skipped
// without a word.

export interface FoundPackage {
  /** Path relative to ROOT, `/`-separated ('.' when ROOT is the package); a zip's own path. */
  rel: string
  abs: string
  kind: 'folder' | 'zip' | 'skipped'
  /** kind 'skipped': why it is not checked, worded by the CLI like its one-line errors. */
  skipped?: { code: UsageErrorCode; data: Record<string, string | number> }
}

const SKIPPED_DIRS = new Set(['node_modules'])
const MAX_DEPTH = 32

/** Files an applicant's folder is made of: a folder holding some and no manifest is an applicant without one. */
const SCAN_EXTS = new Set(['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'bmp', 'gif', 'webp', 'heic', 'heif', 'ofd'])

/** Archives the batch does not open (only .zip is read), with the name it shows. */
const ARCHIVES: ReadonlyArray<[RegExp, string]> = [
  [/\.rar$/iu, 'RAR'],
  [/\.7z$/iu, '7z'],
  [/\.(tar\.gz|tgz)$/iu, 'tar.gz'],
  [/\.(tar\.bz2|tbz2?)$/iu, 'tar.bz2'],
  [/\.(tar\.xz|txz)$/iu, 'tar.xz'],
  [/\.tar$/iu, 'tar'],
  [/\.zipx$/iu, 'zipx'],
  [/\.cab$/iu, 'CAB'],
  [/\.arj$/iu, 'ARJ'],
  [/\.lzh$/iu, 'LZH'],
]

function archiveFormat(name: string): string | undefined {
  return ARCHIVES.find(([re]) => re.test(name))?.[1]
}

/**
 * Every package under `root`, sorted by path (code point): each folder holding a manifest (not
 * searched further) and each .zip file; and, as `skipped` rows, each archive of another format and
 * each top folder of scans without a manifest (the highest folder with no package in it, below a
 * folder that has one or below ROOT). Hidden folders, node_modules and symlinked folders are not
 * entered. Throws UsageError when root does not exist or holds nothing to report.
 */
export function findPackages(root: string): FoundPackage[] {
  if (!existsSync(root)) throw new UsageError('no-target', { target: root })
  const st = statSync(root)
  if (st.isFile()) {
    if (isZipName(root)) return [{ rel: basename(root), abs: root, kind: 'zip' }]
    throw new UsageError('batch-not-a-folder', { target: root })
  }
  const found: FoundPackage[] = []
  /**
   * Returns whether the folder holds a package (or an archive row), how many scans it holds, and
   * `only`: the folder that holds them all when they are not directly here and in one sub-folder
   * only (科室/张三/… with no manifest is 张三's row, not 科室's).
   */
  const walk = (dir: string, rel: string, depth: number): { rows: boolean; scans: number; only?: { rel: string; abs: string } } => {
    if (hasManifest(dir)) {
      found.push({ rel: rel || '.', abs: dir, kind: 'folder' })
      return { rows: true, scans: 0 }
    }
    if (depth > MAX_DEPTH) return { rows: false, scans: 0 }
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return { rows: false, scans: 0 }
    }
    let rows = false
    let scans = 0
    let direct = 0
    const withScans: Array<{ rel: string; abs: string }> = []
    const orphans: Array<{ rel: string; abs: string; scans: number }> = []
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      const abs = join(dir, e.name)
      const childRel = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name)) continue
        const sub = walk(abs, childRel, depth + 1)
        if (sub.rows) rows = true
        else if (sub.scans > 0) {
          orphans.push({ ...(sub.only ?? { rel: childRel, abs }), scans: sub.scans })
          withScans.push(sub.only ?? { rel: childRel, abs })
        }
        scans += sub.scans
        continue
      }
      const isFileEntry = e.isFile() || (e.isSymbolicLink() && isFile(abs))
      if (!isFileEntry) continue
      const format = archiveFormat(e.name)
      const disguised = isZipName(e.name) ? archiveBySignature(abs) : undefined
      if (disguised) {
        // A RAR or 7z renamed .zip: said as what it is, not as a broken zip.
        found.push({ rel: childRel, abs, kind: 'skipped', skipped: { code: 'archive-unsupported', data: { file: childRel, format: disguised } } })
        rows = true
      } else if (isZipName(e.name)) {
        found.push({ rel: childRel, abs, kind: 'zip' })
        rows = true
      } else if (format) {
        found.push({ rel: childRel, abs, kind: 'skipped', skipped: { code: 'archive-unsupported', data: { file: childRel, format } } })
        rows = true
      } else if (SCAN_EXTS.has(extOf(e.name))) {
        scans++
        direct++
      }
    }
    // A folder of scans with no package in it is one applicant without a manifest when its parent
    // holds packages (or is ROOT); deeper, it is a part of that applicant's folder.
    if (rows || depth === 0) {
      for (const o of orphans) found.push({ rel: o.rel, abs: o.abs, kind: 'skipped', skipped: { code: 'folder-no-manifest', data: { folder: o.rel, n: o.scans } } })
      if (depth === 0 && !rows && orphans.length > 0) rows = true
    }
    return { rows, scans, ...(!rows && direct === 0 && withScans.length === 1 ? { only: withScans[0]! } : {}) }
  }
  walk(root, '', 0)
  if (found.length === 0) throw new UsageError('no-packages', { root })
  return found.sort((a, b) => compareCodePoints(a.rel, b.rel))
}

/**
 * Shard `index` of `total` (1-based, as Playwright's --shard): the packages whose path under ROOT
 * hashes to it. The hash of the path alone decides, so adding a package moves no other.
 */
export function inShard(rel: string, index: number, total: number): boolean {
  return shardOf(rel, total) === index
}

export function shardOf(rel: string, total: number): number {
  const h = createHash('sha256').update(rel, 'utf8').digest()
  return (h.readUInt32BE(0) % total) + 1
}

/** A manifest of any kind (even a folder by that name: the package's check then fails, and says so). */
export function hasManifest(dir: string): boolean {
  return MANIFEST_NAMES.some((name) => existsSync(join(dir, name)))
}

/** RAR and 7z by their first bytes. */
function archiveBySignature(abs: string): string | undefined {
  let head: Buffer
  try {
    const fd = openSync(abs, 'r')
    try {
      head = Buffer.alloc(6)
      readSync(fd, head, 0, 6, 0)
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
  if (head.subarray(0, 4).toString('latin1') === 'Rar!') return 'RAR'
  if (head.equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return '7z'
  return undefined
}

function isZipName(name: string): boolean {
  return name.toLowerCase().endsWith('.zip')
}

function extOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile()
  } catch {
    return false
  }
}
