import { basename } from 'node:path'
import { PackageFs } from '../fs/package-fs.js'
import type { PackageSource } from '../fs/package-source.js'
import { DEFAULT_ZIP_LIMITS, ZipPackage, type ZipLimits } from '../fs/zip-package.js'
import { MANIFEST_NAMES } from '../manifest/load.js'
import type { Applicant, FileDigest } from '../report/batch.js'
import type { Finding, Report } from '../report/finding.js'
import { maskName } from '../identity/mask.js'
import type { Lang } from '../rules/define-rule.js'
import { identityTerms } from '../identity/match.js'
import { escapeControls } from '../report/sanitize.js'
import { UsageError, type UsageErrorCode } from '../usage-error.js'

export { findPackages, type FoundPackage }
import { checkSource, locateManifest } from './check-package.js'
import { findPackages, type FoundPackage } from './find-packages.js'
import { fileDigests } from './digests.js'
import { showMasked } from './run-rules.js'
import { openSession, type Session, type SessionOptions } from './session.js'

// `batch ROOT`: every package under ROOT, one worker pool and one cache for all of them (the
// session's); a zip is read in place (fs/zip-package.ts), never extracted. A
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

/** One batch: what the session (check-package.ts) does not say. */
interface BatchRun {
  /** --policy: overrides every manifest's own `policy:`. */
  policy?: string
  zipLimits?: ZipLimits
  /** Packages checked at once (default 3): enough to keep the pool busy between packages. */
  concurrency?: number
  onProgress?: (p: BatchProgress) => void
  /** Stops starting packages; in-flight ones finish, zips are closed, then it throws. */
  signal?: AbortSignal
  /** What findPackages(root) returned, when the caller already asked. */
  packages?: FoundPackage[]
  /** --reports: draw each package's thumbnails while its package is open. */
  thumbnails?: boolean
}

/** A batch within a run's session (the CLI's, left open), or on its own (a session made for it, closed after). */
export type BatchOptions = BatchRun & ({ session: Session } | (Omit<SessionOptions, 'cwd'> & { cwd?: string }))

export interface BatchResult {
  root: string
  items: BatchItem[]
  /** Files sent to a worker (not found in the cache). Not part of any report: it differs cold and warm. */
  inspected: number
}

/** Checks every package under root. Never throws for one package; throws UsageError when the batch cannot run. */
export async function checkBatch(root: string, opts: BatchOptions): Promise<BatchResult> {
  const found = opts.packages ?? findPackages(root)
  const session = 'session' in opts ? opts.session : openSession({ ...opts, cwd: opts.cwd ?? process.cwd() })
  try {
    if (opts.policy) session.policy(opts.policy) // a bad --policy stops the batch before it starts
    return await checkAll(root, found, session, opts)
  } finally {
    if (!('session' in opts)) await session.close()
  }
}

async function checkAll(root: string, found: FoundPackage[], session: Session, opts: BatchRun): Promise<BatchResult> {
  const inspectedBefore = session.inspector.inspected
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
    let source: PackageSource | undefined
    try {
      let manifestName: string
      if (pkg.kind === 'zip') {
        source = await ZipPackage.open(pkg.abs, base.package, MANIFEST_NAMES, opts.zipLimits ?? DEFAULT_ZIP_LIMITS)
        manifestName = (await firstManifest(source)) ?? MANIFEST_NAMES[0]
      } else {
        const { root: dir, manifestFile } = locateManifest(pkg.abs)
        source = new PackageFs(dir)
        manifestName = basename(manifestFile)
      }
      const { report, manifest, facts } = await checkSource(source, manifestName, {
        session,
        ...(opts.policy ? { policy: opts.policy } : {}),
        displayPath: base.package,
        onFile: () => {
          filesDone++
          progress()
        },
      })
      const a = manifest.data?.applicant
      let thumbnails: Map<Finding, string> | undefined
      if (opts.thumbnails) {
        const { renderThumbnails } = await import('../preview/thumbnails.js')
        const drawn = await renderThumbnails(report.findings, { pkg: source, facts, terms: identityTerms(a) })
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
      return { ...base, error: packageError(err, (m) => m.split(pkg.abs).join(base.package)) }
    } finally {
      await source?.close()
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
  progress()
  const concurrency = Math.max(1, Math.min(found.length, opts.concurrency ?? 3))
  await Promise.all(Array.from({ length: concurrency }, runner))
  opts.signal?.throwIfAborted()
  return { root, items, inspected: session.inspector.inspected - inspectedBefore }
}

/** The manifest a zip's package holds (ZipPackage.open found one). */
async function firstManifest(source: PackageSource): Promise<string | undefined> {
  for (const name of MANIFEST_NAMES) if ((await source.stat(name)) !== undefined) return name
  return undefined
}

function packageError(err: unknown, relativise: (message: string) => string): PackageError {
  if (err instanceof UsageError) return { kind: 'usage', code: err.code, data: err.data }
  const e = err instanceof Error ? err : new Error(String(err))
  return { kind: 'internal', message: relativise(e.message.split('\n')[0]!).slice(0, 300), ...(e.stack ? { stack: e.stack } : {}) }
}
