import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { DEFAULT_ZIP_LIMITS, extractZip, type ZipLimits } from '../fs/zip-package.js'
import { FactsCache } from '../inspect/cache.js'
import { SharedInspector } from '../inspect/inspect-package.js'
import { DEFAULT_LIMITS, type InspectLimits } from '../inspect/limits.js'
import { ocrEngineName } from '../inspect/ocr.js'
import { InspectPool } from '../inspect/pool.js'
import { loadPolicy, type Policy } from '../policy/load.js'
import type { Applicant, FileDigest } from '../report/batch.js'
import type { Finding, Report } from '../report/finding.js'
import { maskName } from '../identity/mask.js'
import type { Lang } from '../rules/define-rule.js'
import { identityTerms } from '../identity/match.js'
import { escapeControls } from '../report/sanitize.js'
import { UsageError, type UsageErrorCode } from '../usage-error.js'

export { findPackages, type FoundPackage }
import { checkPackage } from './check-package.js'
import { findPackages, hasManifest, type FoundPackage } from './find-packages.js'
import { fileDigests } from './digests.js'
import { showMasked } from './run-rules.js'
import { VERSION } from './version.js'

// `batch ROOT`: every package under ROOT, one worker pool and one cache for all of them. A
// package that cannot be checked is an entry with its error; the batch goes on. No console here:
// progress goes out through a callback, the CLI draws it.

/** Why a package could not be checked: worded by the CLI like its one-line errors. */
export type PackageError =
  | { kind: 'usage'; code: UsageErrorCode; data: Record<string, string | number> }
  | { kind: 'internal'; message: string; stack?: string }

export interface BatchItem {
  package: string
  kind: FoundPackage['kind']
  /** Manifest file name inside the package (positions in findings refer to it). */
  manifestFile?: string
  applicant?: Applicant
  report?: Report
  /** With `thumbnails`: a picture of the page each finding is about, by finding (see preview/). */
  thumbnails?: Map<Finding, string>
  error?: PackageError
  /** Each scan's sha256 and per-page picture hashes: what cross-applicant duplicates and --since compare. */
  files?: FileDigest[]
}

export interface BatchProgress {
  packagesDone: number
  packagesTotal: number
  filesDone: number
  /** The package that just finished. */
  last?: string
}

export interface BatchOptions {
  /** --policy: overrides every manifest's own `policy:`. */
  policy?: string
  today: string
  lang: Lang
  jobs: number
  /** OCR the image-only pages for leaks of the name or employer: on unless false (--no-ocr). */
  ocr?: boolean
  /** null: no cache (--no-cache). */
  cacheDir: string | null
  limits?: InspectLimits
  zipLimits?: ZipLimits
  /** Packages checked at once (default 3): enough to keep the pool busy between packages. */
  concurrency?: number
  onProgress?: (p: BatchProgress) => void
  /** Stops starting packages; in-flight ones finish, temp folders are removed, then it throws. */
  signal?: AbortSignal
  /** Where zips are extracted, each in a private folder removed after its check (default: the OS temp dir). */
  tempParent?: string
  /** What findPackages(root) returned, when the caller already asked. */
  packages?: FoundPackage[]
  /** --reports: draw each package's thumbnails while its files are at hand (a zip's are removed after). */
  thumbnails?: boolean
}

export interface BatchResult {
  root: string
  items: BatchItem[]
  /** Files sent to a worker (not found in the cache). Not part of any report: it differs cold and warm. */
  inspected: number
}

/** Checks every package under root. Never throws for one package; throws UsageError when the batch cannot run. */
export async function checkBatch(root: string, opts: BatchOptions): Promise<BatchResult> {
  const found = opts.packages ?? findPackages(root)
  if (opts.policy) loadPolicy(opts.policy) // a bad --policy stops the batch before it starts
  const limits = opts.limits ?? DEFAULT_LIMITS
  const inspector = new SharedInspector(
    new InspectPool(Math.max(1, Math.floor(opts.jobs)), limits, { ocr: opts.ocr !== false }),
    opts.cacheDir ? new FactsCache(opts.cacheDir, VERSION, limits, opts.ocr !== false ? ocrEngineName() : null) : null,
  )
  const policies = new Map<string, Policy>()
  const policyOnce = (idOrFile: string | undefined): Policy => {
    const key = idOrFile ?? ''
    let p = policies.get(key)
    if (!p) policies.set(key, (p = loadPolicy(idOrFile)))
    return p
  }
  let tmpRoot: string | undefined
  const tempFolder = () => mkdtempSync(join((tmpRoot ??= mkdtempSync(join(opts.tempParent ?? tmpdir(), 'zc-batch-'))), 'zip-'))

  const items: BatchItem[] = new Array(found.length)
  let next = 0
  let done = 0
  let filesDone = 0
  const progress = (last?: string) =>
    opts.onProgress?.({ packagesDone: done, packagesTotal: found.length, filesDone, ...(last !== undefined ? { last } : {}) })
  const one = async (pkg: FoundPackage): Promise<BatchItem> => {
    // A folder or zip name may hold terminal escapes: every format shows it escaped.
    const base: BatchItem = { package: escapeControls(pkg.rel === '.' ? basename(root) || '.' : pkg.rel), kind: pkg.kind }
    if (pkg.skipped) return { ...base, error: { kind: 'usage', ...pkg.skipped } }
    let extracted: string | undefined
    try {
      let dir = pkg.abs
      if (pkg.kind === 'zip') {
        extracted = tempFolder()
        await extractZip(pkg.abs, base.package, extracted, opts.zipLimits ?? DEFAULT_ZIP_LIMITS)
        dir = packageDirInZip(extracted, base.package)
      }
      const { report, manifest, facts } = await checkPackage(dir, {
        ...(opts.policy ? { policy: opts.policy } : {}),
        today: opts.today,
        lang: opts.lang,
        cwd: dir,
        inspector,
        displayPath: base.package,
        loadPolicy: policyOnce,
        onFile: () => {
          filesDone++
          progress()
        },
      })
      const a = manifest.data?.applicant
      let thumbnails: Map<Finding, string> | undefined
      if (opts.thumbnails) {
        const { renderThumbnails } = await import('../preview/thumbnails.js')
        const drawn = await renderThumbnails(report.findings, { root: dir, facts, terms: identityTerms(a) })
        thumbnails = new Map([...drawn].map(([i, uri]) => [report.findings[i]!, uri]))
      }
      return {
        ...base,
        manifestFile: manifest.file,
        applicant: a ? { name: escapeControls(maskName(a.name)), series: escapeControls(a.series), title: escapeControls(a.title) } : {},
        report,
        files: fileDigests(facts, showMasked(manifest)),
        ...(thumbnails ? { thumbnails } : {}),
      }
    } catch (err) {
      // A system error names the file by its absolute path: show it under the package's own path.
      const places = [pkg.abs, ...(extracted ? [extracted] : [])]
      return { ...base, error: packageError(err, (m) => places.reduce((t, p) => t.split(p).join(base.package), m)) }
    } finally {
      if (extracted) rmSync(extracted, { recursive: true, force: true })
    }
  }
  const runner = async () => {
    while (next < found.length && !opts.signal?.aborted) {
      const i = next++
      items[i] = await one(found[i]!)
      done++
      progress(items[i]!.package)
    }
  }
  try {
    progress()
    const concurrency = Math.max(1, Math.min(found.length, opts.concurrency ?? 3))
    await Promise.all(Array.from({ length: concurrency }, runner))
    opts.signal?.throwIfAborted()
    return { root, items, inspected: inspector.inspected }
  } finally {
    await inspector.close()
    if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true })
  }
}

/** The manifest at the top of the extracted zip, or in its only top folder (a zipped package folder). */
function packageDirInZip(dir: string, shownAs: string): string {
  if (hasManifest(dir)) return dir
  const top = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'))
  if (top.length === 1 && top[0]!.isDirectory() && hasManifest(join(dir, top[0]!.name))) return join(dir, top[0]!.name)
  throw new UsageError('zip-no-manifest', { file: shownAs })
}

function packageError(err: unknown, relativise: (message: string) => string): PackageError {
  if (err instanceof UsageError) return { kind: 'usage', code: err.code, data: err.data }
  const e = err instanceof Error ? err : new Error(String(err))
  return { kind: 'internal', message: relativise(e.message.split('\n')[0]!).slice(0, 300), ...(e.stack ? { stack: e.stack } : {}) }
}
