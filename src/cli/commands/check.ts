import { resolve } from 'node:path'
import { writesInto } from '../../fs/inside.js'
import { writeFileSync } from 'node:fs'
import { checkPackage, locateManifest } from '../../core/check-package.js'
import { exitCodeFor } from '../../report/finding.js'
import { renderJson } from '../../report/json.js'
import { maskName } from '../../identity/mask.js'
import { escapeControls } from '../../report/sanitize.js'
import { renderPretty } from '../../report/pretty.js'
import { renderHtml } from '../../report/html.js'
import { packageReport } from '../../report/batch.js'
import { renderJunit } from '../../report/junit.js'
import { renderSarif } from '../../report/sarif.js'
import { VERSION } from '../../core/version.js'
import { identityTerms } from '../../identity/match.js'
import { CATALOGUE } from '../catalogue.js'
import { makeContext, type Io } from '../context.js'
import { jobsFor, parseJobs, sessionFor, type RunFlags } from '../session.js'
import { checkProgressLine, wantsProgress } from '../progress.js'
import type { FileFacts } from '../../inspect/facts.js'
import { UsageError } from '../../usage-error.js'
import { outsideSuggestion, reportWrittenLine } from '../output-path.js'

export interface CheckFlags extends RunFlags {
  format: 'pretty' | 'json' | 'html' | 'junit' | 'sarif'
  output?: string
}

export { jobsFor, parseJobs }

export async function runCheck(target: string, flags: CheckFlags, io: Io): Promise<number> {
  const ctx = makeContext(io, { ...flags, format: flags.output ? 'file' : flags.format })
  if (flags.output) refuseOutputInside(flags.output, target, ctx.cwd)
  // On a terminal, a line on stderr while a slow check runs (OCR of many scans): files, pages read, time.
  const progress = checkProgressLine(io, ctx.lang, wantsProgress(io, flags.quiet))
  const seen = { filesDone: 0, filesTotal: 0, pagesRead: 0 }
  const onFile = (f: FileFacts, total: number) => {
    seen.filesDone++
    seen.filesTotal = total
    seen.pagesRead += f.scan?.pages.filter((p) => p.ocr?.status === 'read').length ?? 0
    progress.update({ ...seen })
  }
  const session = sessionFor(io, ctx, flags)
  let checked: Awaited<ReturnType<typeof checkPackage>>
  try {
    checked = await checkPackage(target, { session, ...(flags.policy !== undefined ? { policy: flags.policy } : {}), onFile })
  } finally {
    progress.stop()
    await session.close()
  }
  const { report, manifest, pkg, facts } = checked
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
        ? renderHtml(shown, { lang: ctx.lang, header, catalogue: CATALOGUE, thumbnails: await (await import('../../preview/thumbnails.js')).renderThumbnails(shown.findings, { pkg, facts, terms: identityTerms(applicant) }) })
        : renderPretty(shown, header, ctx.lang, ctx.chalk, { columns: ctx.columns, catalogue: CATALOGUE })
  if (flags.output) {
    writeFileSync(resolve(ctx.cwd, flags.output), text)
    if (!flags.quiet) ctx.stderr(reportWrittenLine(flags.output, ctx, ctx.lang))
  } else ctx.stdout(text)
  return exitCodeFor(report.summary)
}

/** The package is read-only: a report written into it would be uploaded with it. */
function refuseOutputInside(output: string, target: string, cwd: string): void {
  const { root } = locateManifest(target, cwd)
  if (writesInto(output, root, cwd)) throw new UsageError('output-inside-package', { output, suggestion: outsideSuggestion(output, root, cwd) ?? '' })
}
