import { mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve, sep } from 'node:path'
import { checkBatch, findPackages, type BatchItem, type FoundPackage, type PackageError } from '../../core/check-batch.js'
import { VERSION } from '../../core/version.js'
import { defaultCacheDir } from '../../inspect/cache.js'
import { batchExitCode, buildBatchReport, packageReport, renderBatchJson, unreadablePackageReport, type BatchReport, type PackageReport } from '../../report/batch.js'
import { renderBatchHtml, renderPackageHtml } from '../../report/batch-html.js'
import { renderBatchPretty } from '../../report/batch-pretty.js'
import { renderCsv } from '../../report/csv.js'
import { renderJunit } from '../../report/junit.js'
import { renderSarif } from '../../report/sarif.js'
import { renderXlsx } from '../../report/xlsx.js'
import type { Finding } from '../../report/finding.js'
import type { Lang } from '../../rules/define-rule.js'
import { UsageError } from '../../usage-error.js'
import { makeContext, type Io } from '../context.js'
import { usageMessage } from '../messages.js'
import { progressBar, wantsProgress } from '../progress.js'
import { jobsFor } from './check.js'

import type { BatchFormat } from './batch-formats.js'

export interface BatchFlags {
  format: BatchFormat
  output?: string
  reports?: string
  policy?: string
  today?: string
  lang?: string
  quiet?: boolean
  jobs?: string
  cache?: boolean
  deep?: boolean
}

export async function runBatch(rootArg: string, flags: BatchFlags, io: Io): Promise<number> {
  const ctx = makeContext(io, { ...flags, format: flags.output ? 'file' : flags.format })
  const jobs = jobsFor(flags)
  if (flags.format === 'xlsx' && !flags.output) {
    throw new UsageError('bad-option', { reason: ctx.lang === 'zh' ? '--format xlsx 生成的是 Excel 文件，请用 --output 指定文件名（如 汇总.xlsx）' : '--format xlsx writes an Excel file: give it --output FILE.xlsx' })
  }
  const root = resolve(ctx.cwd, rootArg)
  const found = findPackagesShown(root, rootArg)
  for (const out of [flags.output, flags.reports]) if (out) refuseInsidePackages(resolve(ctx.cwd, out), out, found)

  const cacheDir = flags.cache === false ? null : defaultCacheDir(io.env, process.platform, homedir())
  const progress = progressBar(io, ctx.lang, wantsProgress(io, flags.quiet))
  const abort = new AbortController()
  const onSigint = () => abort.abort()
  process.once('SIGINT', onSigint)
  let items: BatchItem[]
  try {
    ;({ items } = await checkBatch(root, {
      ...(flags.policy ? { policy: flags.policy } : {}),
      today: ctx.today,
      lang: ctx.lang,
      jobs,
      ...(flags.deep ? { deep: true } : {}),
      cacheDir,
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
    process.off('SIGINT', onSigint)
  }

  const debug = io.env.ZHICHENG_DEBUG === '1'
  const packages = items.map((item) => {
    if (item.error) {
      if (debug && item.error.kind === 'internal' && item.error.stack) io.stderr(`${item.package}: ${item.error.stack}\n`)
      return unreadablePackageReport(item.package, wordError(item.error, ctx.lang), VERSION, null, ctx.today)
    }
    const p = packageReport(item.report!, { ...(item.manifestFile ? { manifest: item.manifestFile } : {}), ...(item.applicant ? { applicant: item.applicant } : {}) })
    return flags.quiet ? { ...p, findings: p.findings.filter((f) => f.severity === 'error') } : p
  })
  const batch = buildBatchReport(packages, VERSION, flags.policy ? policyIdOf(packages, flags.policy) : undefined, ctx.today)

  if (flags.reports) {
    const pictures = new Map(items.map((item) => [item.package, item.thumbnails]))
    writeReports(resolve(ctx.cwd, flags.reports), batch, ctx.lang, pictures)
    if (!flags.quiet) io.stderr(`zhicheng-check: ${usageMessage('reports-written', { n: batch.packages.length, dir: flags.reports }, ctx.lang)}\n`)
  }
  if (flags.format === 'xlsx') {
    writeFileSync(flags.output!, await renderXlsx(batch, { lang: ctx.lang, today: ctx.today }))
  } else {
    const text = render(batch, flags.format, ctx)
    if (flags.output) writeFileSync(flags.output, text)
    else ctx.stdout(text)
  }
  return batchExitCode(batch)
}

function render(batch: BatchReport, format: Exclude<BatchFormat, 'xlsx'>, ctx: ReturnType<typeof makeContext>): string {
  switch (format) {
    case 'json':
      return renderBatchJson(batch)
    case 'csv':
      return renderCsv(batch, ctx.lang)
    case 'junit':
      return renderJunit(batch.packages, ctx.lang)
    case 'sarif':
      return renderSarif(batch.packages, { lang: ctx.lang, version: VERSION })
    case 'html':
      return renderBatchHtml(batch, ctx.lang)
    case 'pretty':
      return renderBatchPretty(batch, { lang: ctx.lang, chalk: ctx.chalk, ...(ctx.columns !== undefined ? { columns: ctx.columns } : {}) })
  }
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
function writeReports(dir: string, batch: BatchReport, lang: Lang, pictures: ReadonlyMap<string, ReadonlyMap<Finding, string> | undefined>): void {
  const names = reportNames(batch.packages)
  batch.packages.forEach((p, i) => {
    const file = join(dir, ...names[i]!.split('/'))
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(`${file}.json`, `${JSON.stringify(p, null, 2)}\n`)
    const drawn = pictures.get(p.package)
    const thumbnails = drawn && new Map(p.findings.flatMap((f, k): Array<[number, string]> => (drawn.has(f) ? [[k, drawn.get(f)!]] : [])))
    writeFileSync(`${file}.html`, renderPackageHtml(p, lang, thumbnails))
  })
}

/** Packages are read-only: a report written into one would be uploaded with it. */
function refuseInsidePackages(abs: string, shown: string, found: readonly FoundPackage[]): void {
  for (const pkg of found) {
    if (pkg.kind !== 'folder') continue
    const root = resolve(pkg.abs)
    if (abs === root || abs.startsWith(root + sep)) throw new UsageError('output-inside-package', { output: shown })
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
