import { resolve } from 'node:path'
import { writesInto } from '../../fs/inside.js'
import { writeFileSync } from 'node:fs'
import { availableParallelism, homedir, totalmem } from 'node:os'
import { checkPackage, locateManifest } from '../../core/check-package.js'
import { exitCodeFor } from '../../report/finding.js'
import { renderJson } from '../../report/json.js'
import { maskName } from '../../report/mask.js'
import { escapeControls } from '../../report/sanitize.js'
import { renderPretty } from '../../report/pretty.js'
import { renderHtml } from '../../report/html.js'
import { packageReport } from '../../report/batch.js'
import { renderJunit } from '../../report/junit.js'
import { renderSarif } from '../../report/sarif.js'
import { VERSION } from '../../core/version.js'
import { identityTerms } from '../../rules/identity-match.js'
import { defaultCacheDir } from '../../inspect/cache.js'
import { OCR_WORKER_BYTES } from '../../inspect/ocr.js'
import { CATALOGUE } from '../catalogue.js'
import { makeContext, type Io } from '../context.js'
import { checkProgressLine, wantsProgress } from '../progress.js'
import type { FileFacts } from '../../inspect/facts.js'
import { UsageError } from '../../usage-error.js'
import { outsideSuggestion, reportWrittenLine } from '../output-path.js'

export interface CheckFlags {
  format: 'pretty' | 'json' | 'html' | 'junit' | 'sarif'
  output?: string
  policy?: string
  today?: string
  lang?: string
  quiet?: boolean
  /** --jobs N (a string from the command line). */
  jobs?: string
  /** false with --no-cache. */
  cache?: boolean
  /** false with --no-ocr: the scanned pages are not read. */
  ocr?: boolean
  /** --deep: what the default does now (kept for scripts). */
  deep?: boolean
}

/** --jobs: a whole number from 1 to 64; default the number of cores. */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism()
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError('bad-option', { reason: `--jobs ${value}: 1–64` })
  }
  return n
}

/** --jobs, or by default the cores; with OCR no more workers than the memory holds. */
export function jobsFor(flags: { jobs?: string; ocr?: boolean }): number {
  if (flags.ocr !== false && flags.jobs === undefined) return Math.max(1, Math.min(availableParallelism(), Math.floor(totalmem() / OCR_WORKER_BYTES)))
  return parseJobs(flags.jobs)
}

export async function runCheck(target: string, flags: CheckFlags, io: Io): Promise<number> {
  const ctx = makeContext(io, { ...flags, format: flags.output ? 'file' : flags.format })
  if (flags.output) refuseOutputInside(flags.output, target, ctx.cwd)
  const jobs = jobsFor(flags)
  const cacheDir = flags.cache === false ? null : defaultCacheDir(io.env, process.platform, homedir())
  // On a terminal, a line on stderr while a slow check runs (OCR of many scans): files, pages read, time.
  const progress = checkProgressLine(io, ctx.lang, wantsProgress(io, flags.quiet))
  const seen = { filesDone: 0, filesTotal: 0, pagesRead: 0 }
  const onFile = (f: FileFacts, total: number) => {
    seen.filesDone++
    seen.filesTotal = total
    seen.pagesRead += f.scan?.pages.filter((p) => p.ocr?.status === 'read').length ?? 0
    progress.update({ ...seen })
  }
  let checked: Awaited<ReturnType<typeof checkPackage>>
  try {
    checked = await checkPackage(target, { policy: flags.policy, today: ctx.today, lang: ctx.lang, cwd: ctx.cwd, jobs, cacheDir, ocr: flags.ocr !== false, onFile })
  } finally {
    progress.stop()
  }
  const { report, manifest, root, facts } = checked
  const shown = flags.quiet ? { ...report, findings: report.findings.filter((f) => f.severity === 'error') } : report
  const applicant = manifest.data?.applicant
  const header = { manifestFile: manifest.file, applicant: applicant && escapeControls(maskName(applicant.name)), series: applicant && escapeControls(applicant.series), title: applicant && escapeControls(applicant.title) }
  const entry = () => packageReport(shown, { manifest: manifest.file, applicant: { name: header.applicant, series: header.series, title: header.title } })
  const text =
    flags.format === 'junit'
      ? renderJunit([entry()], ctx.lang, CATALOGUE)
      : flags.format === 'sarif'
        ? renderSarif([entry()], { lang: ctx.lang, version: VERSION, catalogue: CATALOGUE })
        : flags.format === 'json'
      ? renderJson(shown)
      : flags.format === 'html'
        ? renderHtml(shown, { lang: ctx.lang, header, catalogue: CATALOGUE, thumbnails: await (await import('../../preview/thumbnails.js')).renderThumbnails(shown.findings, { root, facts, terms: identityTerms(applicant) }) })
        : renderPretty(shown, header, ctx.lang, ctx.chalk, { columns: ctx.columns, catalogue: CATALOGUE })
  if (flags.output) {
    writeFileSync(resolve(ctx.cwd, flags.output), text)
    if (!flags.quiet) ctx.stderr(reportWrittenLine(flags.output, ctx, ctx.lang))
  } else ctx.stdout(text)
  return exitCodeFor(report.summary)
}

/** The package is read-only: a report written into it would be uploaded with it. */
function refuseOutputInside(output: string, target: string, cwd: string): void {
  const root = resolve(cwd, locateManifest(resolve(cwd, target)).root)
  if (writesInto(output, root, cwd)) throw new UsageError('output-inside-package', { output, suggestion: outsideSuggestion(output, root, cwd) ?? '' })
}
