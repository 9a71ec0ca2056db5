import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { homedir } from 'node:os'
import { exitCodeFor } from '../../report/finding.js'
import { renderJson } from '../../report/json.js'
import { renderPretty } from '../../report/pretty.js'
import { maskName } from '../../report/mask.js'
import { escapeControls } from '../../report/sanitize.js'
import { defaultCacheDir } from '../../inspect/cache.js'
import { CATALOGUE } from '../catalogue.js'
import { makeContext, type Io } from '../context.js'
import { jobsFor } from './check.js'
import { fixPackage } from '../../fix/run.js'
import { HTML_LOG_FILE } from '../../fix/log.js'
import { planText, summaryText } from '../../fix/summary.js'

export interface FixFlags {
  out: string
  dryRun?: boolean
  force?: boolean
  format?: 'pretty' | 'json'
  policy?: string
  today?: string
  lang?: string
  jobs?: string
  cache?: boolean
  ocr?: boolean
}

/** `fix PKG --out OUT`: exit code of the copy's check (0 nothing left to do); --dry-run: 0. */
export async function runFix(target: string, flags: FixFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'pretty'
  const ctx = makeContext(io, { ...flags, format })
  const cacheDir = flags.cache === false ? null : defaultCacheDir(io.env, process.platform, homedir())
  const done = await fixPackage(target, {
    out: flags.out,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    policy: flags.policy,
    today: ctx.today,
    lang: ctx.lang,
    cwd: ctx.cwd,
    jobs: jobsFor(flags),
    cacheDir,
    ocr: flags.ocr !== false,
  })
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
