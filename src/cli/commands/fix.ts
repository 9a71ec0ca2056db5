import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exitCodeFor } from '../../report/finding.js'
import { renderJson } from '../../report/json.js'
import { renderPretty } from '../../report/pretty.js'
import { maskName } from '../../identity/mask.js'
import { escapeControls } from '../../report/sanitize.js'
import { CATALOGUE } from '../catalogue.js'
import { makeContext, type Io } from '../context.js'
import { sessionFor, type RunFlags } from '../session.js'
import { fixPackage } from '../../fix/run.js'
import { HTML_LOG_FILE } from '../../fix/log.js'
import { planText, summaryText } from '../../fix/summary.js'

export interface FixFlags extends RunFlags {
  out: string
  dryRun?: boolean
  force?: boolean
  format?: 'pretty' | 'json'
}

/** `fix PKG --out OUT`: exit code of the copy's check (0 nothing left to do); --dry-run: 0. */
export async function runFix(target: string, flags: FixFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'pretty'
  const ctx = makeContext(io, { ...flags, format })
  const session = sessionFor(io, ctx, flags)
  let done: Awaited<ReturnType<typeof fixPackage>>
  try {
    done = await fixPackage(target, { session, out: flags.out, dryRun: flags.dryRun === true, force: flags.force === true, ...(flags.policy !== undefined ? { policy: flags.policy } : {}) })
  } finally {
    await session.close()
  }
  if (!done.after || !done.log) {
    ctx.stdout(planText(done.plan, ctx.lang))
    return 0
  }
  const html = await (await import('../../fix/html.js')).renderFixHtml(done, ctx.lang)
  writeFileSync(join(done.outAbs, HTML_LOG_FILE), html)
  const report = done.after.report
  if (format === 'json') {
    ctx.stdout(renderJson(report))
  } else {
    const applicant = done.after.manifest.data?.applicant
    const header = { manifestFile: done.after.manifest.file, applicant: applicant && escapeControls(maskName(applicant.name)), series: applicant && escapeControls(applicant.series), title: applicant && escapeControls(applicant.title) }
    ctx.stdout(summaryText(done.log, flags.out, ctx.lang))
    ctx.stdout(renderPretty(report, header, ctx.lang, ctx.chalk, { columns: ctx.columns, catalogue: CATALOGUE }))
  }
  return exitCodeFor(report.summary)
}
