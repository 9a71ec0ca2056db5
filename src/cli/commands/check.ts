import { resolve, sep } from 'node:path'
import { writeFileSync } from 'node:fs'
import { availableParallelism, homedir } from 'node:os'
import { checkPackage, locateManifest } from '../../core/check-package.js'
import { exitCodeFor } from '../../report/finding.js'
import { renderJson } from '../../report/json.js'
import { maskName } from '../../report/mask.js'
import { renderPretty } from '../../report/pretty.js'
import { renderHtml } from '../../report/html.js'
import { defaultCacheDir } from '../../inspect/cache.js'
import { makeContext, type Io } from '../context.js'
import { UsageError } from '../../usage-error.js'

export interface CheckFlags {
  format: 'pretty' | 'json' | 'html'
  output?: string
  policy?: string
  today?: string
  lang?: string
  quiet?: boolean
  /** --jobs N (a string from the command line). */
  jobs?: string
  /** false with --no-cache. */
  cache?: boolean
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

export async function runCheck(target: string, flags: CheckFlags, io: Io): Promise<number> {
  const ctx = makeContext(io, { ...flags, format: flags.output ? 'file' : flags.format })
  if (flags.output) refuseOutputInside(flags.output, target, ctx.cwd)
  const jobs = parseJobs(flags.jobs)
  const cacheDir = flags.cache === false ? null : defaultCacheDir(io.env, process.platform, homedir())
  const { report, manifest } = await checkPackage(target, { policy: flags.policy, today: ctx.today, lang: ctx.lang, cwd: ctx.cwd, jobs, cacheDir })
  const shown = flags.quiet ? { ...report, findings: report.findings.filter((f) => f.severity === 'error') } : report
  const applicant = manifest.data?.applicant
  const header = { manifestFile: manifest.file, applicant: applicant && maskName(applicant.name), series: applicant?.series, title: applicant?.title }
  const text =
    flags.format === 'json'
      ? renderJson(shown)
      : flags.format === 'html'
        ? renderHtml(shown, { lang: ctx.lang, header })
        : renderPretty(shown, header, ctx.lang, ctx.chalk)
  if (flags.output) writeFileSync(flags.output, text)
  else ctx.stdout(text)
  return exitCodeFor(report.summary)
}

/** The package is read-only: a report written into it would be uploaded with it. */
function refuseOutputInside(output: string, target: string, cwd: string): void {
  const root = resolve(cwd, locateManifest(resolve(cwd, target)).root)
  const out = resolve(cwd, output)
  if (out === root || out.startsWith(root + sep)) throw new UsageError('output-inside-package', { output })
}
