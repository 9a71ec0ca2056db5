import { existsSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { runPolicyDiff } from '../../kit/diff.js'
import { createPolicyFrom } from '../../kit/new.js'
import { type KitRunOptions } from '../../kit/packages.js'
import { runPolicyTest } from '../../kit/test.js'
import { openSession } from '../../core/session.js'
import { VERSION } from '../../core/version.js'
import { defaultCacheDir } from '../../inspect/cache.js'
import { outsideSuggestion, reportWrittenLine } from '../output-path.js'
import { policyFilePath } from '../../policy/load.js'
import { lintPolicyFile } from '../../kit/lint.js'
import { DEFAULT_POLICY_ID } from '../../policy/load.js'
import {
  renderDiffJson,
  renderDiffJunit,
  renderDiffPretty,
  renderLintJson,
  renderLintJunit,
  renderLintPretty,
  renderNewJson,
  renderNewPretty,
  renderTestJson,
  renderTestJunit,
  renderTestPretty,
  type WordUsage,
} from '../../kit/words.js'
import { MANIFEST_NAMES } from '../../manifest/load.js'
import { UsageError, type UsageErrorCode } from '../../usage-error.js'
import { makeContext, type Io, type RunContext } from '../context.js'
import { usageMessage } from '../messages.js'
import { parseJobs } from '../session.js'

// `zhicheng-check policy test|diff|new|lint`: the policy regression kit (issue 8). The work is in
// src/kit/ and src/policy/diff.ts; this file parses, renders and returns the exit
// code: 0 everything matches (no change, no lint error), 1 a difference, 2 could not run.

type Format = 'pretty' | 'json' | 'junit'

interface CommonFlags {
  format: Format
  output?: string
  lang?: string
}

interface RunFlags extends CommonFlags {
  jobs?: string
  cache?: boolean
}

const wordUsage: WordUsage = (code, data, lang) => usageMessage(code as UsageErrorCode, data, lang)

/** Shown paths: relative to the working folder when inside it, else as they are. */
function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs)
  if (rel === '') return '.'
  if (rel.startsWith('..') || isAbsolute(rel)) return abs
  return rel.split(sep).join('/')
}

function emit(ctx: RunContext, flags: CommonFlags, text: string): void {
  if (flags.output) {
    writeFileSync(resolve(ctx.cwd, flags.output), text)
    ctx.stderr(reportWrittenLine(flags.output, ctx, ctx.lang))
  } else ctx.stdout(text)
}

/** Packages are read-only: a report written into one (a folder holding a manifest) would be uploaded. */
function refuseOutputInPackage(output: string | undefined, cwd: string): void {
  if (!output) return
  for (let dir = dirname(resolve(cwd, output)); ; dir = dirname(dir)) {
    if (MANIFEST_NAMES.some((n) => existsSync(join(dir, n)))) throw new UsageError('output-inside-package', { output, suggestion: outsideSuggestion(output, dir, cwd) ?? '' })
    if (dirname(dir) === dir) return
  }
}

function context(io: Io, flags: CommonFlags & { today?: string }): RunContext {
  const ctx = makeContext(io, { lang: flags.lang, today: flags.today, format: flags.output ? 'file' : flags.format })
  refuseOutputInPackage(flags.output, ctx.cwd)
  return ctx
}

/** The kit's run in a session of its own (one pool and cache for every example package), closed after. */
async function withSession<T>(io: Io, flags: RunFlags, ctx: RunContext, run: (opts: KitRunOptions) => Promise<T>): Promise<T> {
  const cacheDir = flags.cache === false ? null : defaultCacheDir(io.env, process.platform, homedir())
  const session = openSession({ cwd: ctx.cwd, today: ctx.today, lang: ctx.lang, jobs: parseJobs(flags.jobs), cacheDir })
  try {
    return await run({ cwd: ctx.cwd, session })
  } finally {
    await session.close()
  }
}

export async function runPolicyTestCommand(dirs: string[], flags: RunFlags & { policy?: string; update?: boolean }, io: Io): Promise<number> {
  const ctx = context(io, flags)
  const policyFile = policyFilePath(flags.policy ?? DEFAULT_POLICY_ID, ctx.cwd)
  const result = await withSession(io, flags, ctx, (run) =>
    runPolicyTest({ ...run, policyFile, dirs: dirs.map((d) => resolve(ctx.cwd, d)), update: flags.update === true }),
  )
  const text =
    flags.format === 'json'
      ? renderTestJson(result, ctx.lang, VERSION, wordUsage)
      : flags.format === 'junit'
        ? renderTestJunit(result, ctx.lang, wordUsage)
        : renderTestPretty(result, ctx.lang, ctx.chalk, wordUsage, rerunCommand(dirs, flags.policy))
  emit(ctx, flags, text)
  return result.summary.passed === result.summary.packages ? 0 : 1
}

/** `policy test` as it was run, with --update: the same folders and policy, as typed. */
function rerunCommand(dirs: string[], policy: string | undefined): string {
  const quote = (a: string) => (/^[\w./@%+=:,-]+$/u.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)
  return ['zhicheng-check policy test', ...(policy ? ['--policy', quote(policy)] : []), ...dirs.map(quote), '--update'].join(' ')
}

export async function runPolicyDiffCommand(
  oldPolicy: string,
  newPolicy: string,
  dirs: string[],
  flags: RunFlags & { today?: string },
  io: Io,
): Promise<number> {
  const ctx = context(io, flags)
  parseJobs(flags.jobs) // a bad --jobs is said first, as before the policies are looked up
  const oldFile = policyFilePath(oldPolicy, ctx.cwd)
  const newFile = policyFilePath(newPolicy, ctx.cwd)
  const result = await withSession(io, flags, ctx, (run) => runPolicyDiff({ ...run, oldFile, newFile, dirs: dirs.map((d) => resolve(ctx.cwd, d)), today: ctx.today }))
  const text =
    flags.format === 'json'
      ? renderDiffJson(result, ctx.lang, VERSION, wordUsage)
      : flags.format === 'junit'
        ? renderDiffJunit(result, ctx.lang, wordUsage)
        : renderDiffPretty(result, ctx.lang, ctx.chalk, wordUsage)
  emit(ctx, flags, text)
  const errors = result.packages.some((p) => p.error)
  return result.changed > 0 || errors ? 1 : 0
}

export function runPolicyLintCommand(file: string, flags: CommonFlags, io: Io): number {
  const ctx = context(io, flags)
  const abs = policyFilePath(file, ctx.cwd)
  const result = lintPolicyFile(abs)
  const shown = shownPath(abs, ctx.cwd)
  const text =
    flags.format === 'json'
      ? renderLintJson(result, shown, ctx.lang, VERSION)
      : flags.format === 'junit'
        ? renderLintJunit(result, shown, ctx.lang)
        : renderLintPretty(result, shown, ctx.lang, ctx.chalk)
  emit(ctx, flags, text)
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0
}

export function runPolicyNewCommand(
  from: string,
  flags: { id: string; out?: string; examplesOut?: string; format: 'pretty' | 'json'; lang?: string },
  io: Io,
): number {
  const ctx = makeContext(io, { lang: flags.lang, format: flags.format })
  const outDir = resolve(ctx.cwd, flags.out ?? flags.id)
  const result = createPolicyFrom({
    fromFile: policyFilePath(from, ctx.cwd),
    id: flags.id,
    outDir,
    examplesDir: flags.examplesOut ? resolve(ctx.cwd, flags.examplesOut) : resolve(outDir, 'examples'),
  })
  const shown = (abs: string) => shownPath(abs, ctx.cwd)
  ctx.stdout(flags.format === 'json' ? renderNewJson(result, shown, VERSION) : renderNewPretty(result, shown, ctx.lang))
  return 0
}
