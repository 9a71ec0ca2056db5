import { Chalk, type ChalkInstance } from 'chalk'
import { isIsoDate } from '../policy/dates.js'
import type { Lang } from '../rules/define-rule.js'
import { UsageError } from '../usage-error.js'
import type { Asker } from '../init/questions.js'

/** What the CLI decides once and passes down: the only place that reads env, TTY and clock. */
export interface RunContext {
  lang: Lang
  today: string
  cwd: string
  chalk: ChalkInstance
  stdout: (s: string) => void
  stderr: (s: string) => void
  /** Columns to wrap text to: the terminal's, or undefined (no wrapping) off a terminal. */
  columns?: number
}

export interface Io {
  stdout: (s: string) => void
  stderr: (s: string) => void
  /** A failure of stdout other than a closed pipe (its error code), once one happened. */
  stdoutFailure?: () => string | undefined
  isTTY: boolean
  env: NodeJS.ProcessEnv
  cwd: string
  now: Date
  /** Terminal width in columns, when stdout is a terminal that says; text is wrapped to it. */
  columns?: number
  /** A person at a terminal can answer questions (stdin and stderr are terminals). */
  interactive?: boolean
  /** Who answers init's questions when not the terminal (tests). */
  prompts?: Asker
  /** stderr is a terminal (batch draws its progress bar there, and only there). */
  stderrIsTTY?: boolean
  /** Width of the stderr terminal, for the progress bar. */
  stderrColumns?: number
}

export function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'zh' || value === 'zh-CN') return 'zh'
  if (value === 'en') return 'en'
  throw new UsageError('bad-option', { reason: `--lang ${value}: zh | en` })
}

export function parseToday(value: string | undefined, now: Date): string {
  if (value === undefined) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  }
  if (!isIsoDate(value)) throw new UsageError('bad-date', { value })
  return value
}

/** Colours only on a terminal, never with NO_COLOR, never in a machine format. */
export function colourLevel(io: Io, format: string): 0 | 1 | 2 | 3 {
  if (format !== 'pretty' || !io.isTTY) return 0
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return 0
  if (io.env.TERM === 'dumb') return 0
  return 1
}

export function makeContext(io: Io, opts: { lang?: string; today?: string; format?: string }): RunContext {
  const format = opts.format ?? 'pretty'
  return {
    lang: parseLang(opts.lang),
    today: parseToday(opts.today, io.now),
    cwd: io.cwd,
    chalk: new Chalk({ level: colourLevel(io, format) }),
    stdout: io.stdout,
    stderr: io.stderr,
    columns: format === 'pretty' && io.isTTY && io.columns && io.columns >= 40 ? io.columns : undefined,
  }
}
