import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { constants } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { writesInto } from '../../fs/inside.js'
import { checkBatch, findPackages, type BatchItem, type FoundPackage, type PackageError } from '../../core/check-batch.js'
import { inShard } from '../../core/find-packages.js'
import { VERSION } from '../../core/version.js'
import { batchExitCode, buildBatchReport, packageReport, unreadablePackageReport, type BatchReport, type PackageReport } from '../../report/batch.js'
import { renderPackageHtml } from '../../report/batch-html.js'
import { withoutElsewhere } from '../../report/batch-across.js'
import { finishBatch } from '../../report/batch-merge.js'
import { parseSinceReport, withChanges } from '../../report/batch-since.js'
import { compareCodePoints } from '../../fs/package-fs.js'
import type { Finding } from '../../report/finding.js'
import type { Lang } from '../../rules/define-rule.js'
import { UsageError } from '../../usage-error.js'
import { CATALOGUE } from '../catalogue.js'
import { makeContext, type Io } from '../context.js'
import { usageMessage } from '../messages.js'
import { progressBar, wantsProgress } from '../progress.js'
import { jobsFor, sessionFor, type RunFlags } from '../session.js'
import { requireXlsxOutput, writeBatchOutput } from './batch-output.js'
import { parseShard } from './shard.js'

import type { BatchFormat } from './batch-formats.js'

export interface BatchFlags extends RunFlags {
  format: BatchFormat
  output?: string
  reports?: string
  /** --shard i/N (or auto/N: the index from JOB_COMPLETION_INDEX). */
  shard?: string
  /** --since EARLIER.json: what changed per package since an earlier batch report. */
  since?: string
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

export async function runBatch(rootArg: string, flags: BatchFlags, io: Io): Promise<number> {
  const ctx = makeContext(io, { ...flags, format: flags.output ? 'file' : flags.format })
  jobsFor(flags) // a bad --jobs is said before anything is looked at
  requireXlsxOutput(flags.format, flags.output, ctx.lang)
  const shard = flags.shard !== undefined ? parseShard(flags.shard, io.env, ctx.lang) : undefined
  if (shard && flags.since !== undefined) {
    throw new UsageError('bad-option', { reason: ctx.lang === 'zh' ? '--since 要用在合并后的结果上：zhicheng-check merge 分片.json… --since 上一轮.json' : '--since applies to the whole batch: zhicheng-check merge SHARD.json… --since EARLIER.json' })
  }
  const earlier = flags.since !== undefined ? readSince(flags.since, ctx.cwd) : undefined
  const root = resolve(ctx.cwd, rootArg)
  const all = findPackagesShown(root, rootArg)
  const found = shard ? all.filter((p) => inShard(p.rel, shard.index, shard.total)) : all
  for (const out of [flags.output, flags.reports]) if (out) refuseInsidePackages(out, out, all, ctx.cwd)

  const progress = progressBar(io, ctx.lang, wantsProgress(io, flags.quiet))
  const abort = new AbortController()
  // Zips are read in place (nothing of them is written anywhere). On Ctrl-C (once or twice),
  // SIGTERM or a closed terminal the batch stops at once: a file in the middle of its inspection
  // is not waited for.
  const onSignal = (signal: NodeJS.Signals) => {
    abort.abort()
    progress.stop()
    io.stderr(`zhicheng-check: ${ctx.lang === 'zh' ? '已中断' : 'interrupted'}\n`)
    process.exit(128 + (constants.signals[signal] ?? 2))
  }
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal)
  let items: BatchItem[]
  const session = sessionFor(io, ctx, flags)
  try {
    ;({ items } = await checkBatch(root, {
      session,
      ...(flags.policy ? { policy: flags.policy } : {}),
      packages: found,
      ...(flags.reports ? { thumbnails: true } : {}),
      onProgress: (p) => progress.update(p),
      signal: abort.signal,
    }))
  } catch (err) {
    // Ctrl-C: the packages in hand were finished, the workers stopped and the temp folders removed.
    if (abort.signal.aborted) {
      progress.stop()
      io.stderr(`zhicheng-check: ${ctx.lang === 'zh' ? '已中断' : 'interrupted'}\n`)
      return 130
    }
    throw err
  } finally {
    progress.stop()
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal)
    await session.close()
  }

  const debug = io.env.ZHICHENG_DEBUG === '1'
  // In the order every report has them (by the path shown), which --reports' pictures follow too.
  items = [...items].sort((a, b) => compareCodePoints(a.package, b.package))
  const packages = items.map((item) => {
    if (item.error) {
      if (debug && item.error.kind === 'internal' && item.error.stack) io.stderr(`${item.package}: ${item.error.stack}\n`)
      return unreadablePackageReport(item.package, wordError(item.error, ctx.lang), VERSION, null, ctx.today)
    }
    const p = packageReport(item.report!, {
      ...(item.manifestFile ? { manifest: item.manifestFile } : {}),
      ...(item.applicant ? { applicant: item.applicant } : {}),
      ...(item.files ? { files: item.files } : {}),
    })
    return flags.quiet ? { ...p, findings: p.findings.filter((f) => f.severity === 'error') } : p
  })
  const policyFlag = flags.policy ? policyIdOf(packages, flags.policy) : undefined
  const quiet = flags.quiet === true
  let batch: BatchReport = shard
    ? // A shard does not see the other shards' packages: scans shared across applicants are merge's to find.
      {
        ...buildBatchReport([...packages].sort((a, b) => compareCodePoints(a.package, b.package)), VERSION, policyFlag, ctx.today),
        shard: { index: shard.index, total: shard.total, lang: ctx.lang, quiet },
      }
    : finishBatch(packages, { version: VERSION, lang: ctx.lang, quiet, today: ctx.today, ...(policyFlag ? { policy: policyFlag } : {}) })
  if (earlier) batch = withChanges(batch, earlier.report, earlier.name)

  if (flags.reports) {
    // By position: a package's shown path may be masked (a folder named after the applicant).
    const pictures = items.map((item) => item.thumbnails)
    writeReports(resolve(ctx.cwd, flags.reports), batch, ctx.lang, pictures, (file) => refuseInsidePackages(file, flags.reports!, found, ctx.cwd))
    if (!flags.quiet) io.stderr(`zhicheng-check: ${usageMessage('reports-written', { n: batch.packages.length, dir: flags.reports }, ctx.lang)}\n`)
  }
  await writeBatchOutput(batch, flags.format, flags.output, ctx)
  return batchExitCode(batch)
}

/** --since FILE: the earlier batch report, read and checked. */
export function readSince(file: string, cwd: string): { report: BatchReport; name: string } {
  let text: string
  try {
    text = readFileSync(resolve(cwd, file), 'utf8')
  } catch {
    throw new UsageError('no-target', { target: file })
  }
  return { report: parseSinceReport(text, file), name: basename(file) }
}

/** --policy names a file or an id; the batch reports the id the packages were checked with. */
function policyIdOf(packages: PackageReport[], fallback: string): string {
  return packages.find((p) => p.policy !== null)?.policy ?? fallback
}

/** One line, worded like the CLI's own errors (messages.ts). */
export function wordError(e: PackageError, lang: Lang): string {
  if (e.kind === 'usage') return usageMessage(e.code, e.data, lang)
  return usageMessage('package-crashed', { reason: e.message }, lang)
}

/**
 * --reports DIR: for each package, NAME.html and NAME.json, NAME being its path under ROOT
 * (folders kept; a zip without its .zip). Two packages that would get one name (a folder and a
 * zip of it) are told apart by a number, in path order.
 */
export function reportNames(packages: readonly PackageReport[]): string[] {
  const used = new Set<string>()
  return packages.map((p) => {
    const base = p.package.replace(/\.zip$/i, '') || 'package'
    let name = base
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}`
    used.add(name.toLowerCase())
    return name
  })
}

/** `pictures`: each package's thumbnails by finding, drawn while its files were at hand. */
function writeReports(dir: string, batch: BatchReport, lang: Lang, pictures: ReadonlyArray<ReadonlyMap<Finding, string> | undefined>, guard: (file: string) => void): void {
  const names = reportNames(batch.packages)
  batch.packages.forEach((whole, i) => {
    const p = withoutElsewhere(whole)
    const file = join(dir, ...names[i]!.split('/'))
    // A folder of the reports may be a link into a package (made before the run, or by a package's name).
    guard(`${file}.json`)
    guard(`${file}.html`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(`${file}.json`, `${JSON.stringify(p, null, 2)}\n`)
    const drawn = pictures[i]
    const thumbnails = drawn && new Map(p.findings.flatMap((f, k): Array<[number, string]> => (drawn.has(f) ? [[k, drawn.get(f)!]] : [])))
    writeFileSync(`${file}.html`, renderPackageHtml(p, lang, CATALOGUE, thumbnails))
  })
}

/** Packages are read-only: a report written into one (or over a package's zip) would be uploaded with it. */
function refuseInsidePackages(path: string, shown: string, found: readonly FoundPackage[], cwd: string): void {
  for (const pkg of found) {
    if (writesInto(path, pkg.abs, cwd)) throw new UsageError('output-inside-package', { output: shown })
  }
}


/** findPackages, with errors naming ROOT as the user wrote it (not an absolute path). */
function findPackagesShown(root: string, rootArg: string): FoundPackage[] {
  try {
    return findPackages(root)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    const data = Object.fromEntries(Object.entries(err.data).map(([k, v]) => [k, v === root ? rootArg : v]))
    throw new UsageError(err.code, data)
  }
}
