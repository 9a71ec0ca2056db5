import type { BatchProgress } from '../core/check-batch.js'
import { truncate, widthOf } from '../report/batch-cells.js'
import type { Lang } from '../rules/define-rule.js'
import type { Io } from './context.js'

// The batch's progress bar on stderr: packages done / total, files, elapsed, ETA. Redrawn in
// place at most 10 times a second, only on a terminal, never in CI or with --quiet, and erased
// before the results are printed, so stdout and logs never see it.

export interface Progress {
  update(p: BatchProgress): void
  /** Erases the bar. */
  stop(): void
}

const REDRAW_MS = 100

export function wantsProgress(io: Io, quiet: boolean | undefined): boolean {
  const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false' && io.env.CI !== '0'
  return Boolean(io.stderrIsTTY) && !ci && !quiet && io.env.TERM !== 'dumb'
}

export function progressBar(io: Io, lang: Lang, enabled: boolean, now: () => number = () => performance.now()): Progress {
  // At once, then at most every REDRAW_MS.
  return redrawnLine<BatchProgress>(io, enabled, now, { packagesDone: 0, packagesTotal: 0, filesDone: 0 }, 0, (p, elapsed, columns) => renderProgress(p, elapsed, lang, columns))
}

/**
 * A line on stderr redrawn in place from the latest state, at most every REDRAW_MS, once the run
 * has lasted `afterMs`; erased by stop(). The timer is unref'd: it never keeps the process alive.
 */
function redrawnLine<S>(io: Io, enabled: boolean, now: () => number, initial: S, afterMs: number, render: (state: S, elapsedMs: number, columns: number) => string): { update(p: S): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} }
  const start = now()
  let state = initial
  let lastDrawn = ''
  const draw = () => {
    const elapsed = now() - start
    if (elapsed < afterMs) return
    const line = render(state, elapsed, io.stderrColumns ?? 80)
    if (line === lastDrawn) return
    lastDrawn = line
    io.stderr(`\r${line}\x1b[K`)
  }
  const timer = setInterval(draw, REDRAW_MS)
  timer.unref()
  return {
    update(p) {
      state = p
      if (!lastDrawn) draw()
    },
    stop() {
      clearInterval(timer)
      if (lastDrawn) io.stderr('\r\x1b[K')
    },
  }
}

export function renderProgress(p: BatchProgress, elapsedMs: number, lang: Lang, columns: number): string {
  const zh = lang === 'zh'
  const total = Math.max(1, p.packagesTotal)
  const eta = p.packagesDone > 0 && p.packagesDone < p.packagesTotal ? (elapsedMs / p.packagesDone) * (p.packagesTotal - p.packagesDone) : undefined
  const parts = [
    `${p.packagesDone}/${p.packagesTotal} ${zh ? '个申报包' : 'packages'}`,
    `${p.filesDone} ${zh ? '个文件' : 'files'}`,
    `${zh ? '用时' : 'elapsed'} ${clock(elapsedMs)}`,
    eta !== undefined ? `${zh ? '剩余约' : 'ETA'} ${clock(eta)}` : '',
  ].filter(Boolean)
  const text = parts.join(' · ')
  const barWidth = Math.max(0, Math.min(30, columns - 1 - widthOf(text) - 3))
  const filled = Math.round((p.packagesDone / total) * barWidth)
  const bar = barWidth >= 5 ? `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ` : ''
  return truncate(bar + text, Math.max(10, columns - 1))
}

/** What `check` has done so far: files inspected of all, scanned pages OCR read. */
export interface CheckProgress {
  filesDone: number
  filesTotal: number
  pagesRead: number
}

/** A check's progress line, drawn only once the check has run SHOW_AFTER_MS (a cached check never shows one). */
const SHOW_AFTER_MS = 2000

export function checkProgressLine(io: Io, lang: Lang, enabled: boolean, now: () => number = () => performance.now()): { update(p: CheckProgress): void; stop(): void } {
  return redrawnLine<CheckProgress>(io, enabled, now, { filesDone: 0, filesTotal: 0, pagesRead: 0 }, SHOW_AFTER_MS, (p, elapsed, columns) => renderCheckProgress(p, elapsed, lang, columns))
}

export function renderCheckProgress(p: CheckProgress, elapsedMs: number, lang: Lang, columns: number): string {
  const zh = lang === 'zh'
  const eta = p.filesDone > 0 && p.filesDone < p.filesTotal ? (elapsedMs / p.filesDone) * (p.filesTotal - p.filesDone) : undefined
  const text = [
    `${zh ? '文件' : 'files'} ${p.filesDone}/${p.filesTotal}`,
    zh ? `已识别 ${p.pagesRead} 页扫描` : `${p.pagesRead} scanned page(s) read`,
    `${zh ? '用时' : 'elapsed'} ${clock(elapsedMs)}`,
    eta !== undefined ? `${zh ? '剩余约' : 'ETA'} ${clock(eta)}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return truncate(text, Math.max(10, columns - 1))
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}
