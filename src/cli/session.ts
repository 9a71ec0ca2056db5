import { availableParallelism, homedir, totalmem } from 'node:os'
import { openSession, type Session } from '../core/session.js'
import { defaultCacheDir } from '../inspect/cache.js'
import { OCR_WORKER_BYTES } from '../inspect/ocr.js'
import { UsageError } from '../usage-error.js'
import type { Io, RunContext } from './context.js'

// The session (core/session.ts) a checking command builds once, from its flags and the context:
// check, batch and fix share these flags and this one way of making it.

/** The flags of every command that checks packages. */
export interface RunFlags {
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

/** The run's session: the context's folder, date and language; the pool, cache and OCR the flags ask for. The caller closes it. */
export function sessionFor(io: Io, ctx: RunContext, flags: RunFlags): Session {
  const cacheDir = flags.cache === false ? null : defaultCacheDir(io.env, process.platform, homedir())
  return openSession({ cwd: ctx.cwd, today: ctx.today, lang: ctx.lang, jobs: jobsFor(flags), cacheDir, ocr: flags.ocr !== false })
}
