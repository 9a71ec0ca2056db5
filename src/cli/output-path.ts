import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Lang } from '../rules/define-rule.js'
import { usageMessage } from './messages.js'
import type { RunContext } from './context.js'

// Where a report written with --output goes, as the user is told it: a path they can type from
// where they stand. Shared by `check` and the `policy` commands.

/** A path as shown: relative to cwd when that is at most one `..` away, else absolute; / separators. */
export function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs)
  if (rel === '' || isAbsolute(rel) || rel.startsWith(`..${sep}..`)) return abs.split(sep).join('/')
  return rel.split(sep).join('/')
}

/**
 * Where the refused report could go instead: the same file name beside the package folder (the
 * package's parent), as typed from cwd (`../报告.html` from inside the package). Undefined when the
 * package has no parent to write to.
 */
export function outsideSuggestion(output: string, packageRoot: string, cwd: string): string | undefined {
  const parent = dirname(resolve(cwd, packageRoot))
  if (parent === resolve(cwd, packageRoot)) return undefined
  return shownPath(join(parent, basename(output)), cwd)
}

/** The one line on stderr after a report was written to a file (not with --quiet). */
export function reportWrittenLine(output: string, ctx: RunContext, lang: Lang): string {
  return `zhicheng-check: ${usageMessage('report-written', { path: shownPath(resolve(ctx.cwd, output), ctx.cwd) }, lang)}\n`
}
