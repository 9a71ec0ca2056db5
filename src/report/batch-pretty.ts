import type { ChalkInstance } from 'chalk'
import type { Lang } from '../rules/define-rule.js'
import type { Catalogue } from './catalogue.js'
import { statusOf, topReasons, type BatchReport } from './batch.js'
import { BATCH_WORDS } from './batch-words.js'
import { pad, truncate, widthOf } from './batch-cells.js'
import { changesLine } from './batch-since.js'

export interface BatchPrettyOptions {
  lang: Lang
  chalk: ChalkInstance
  /** Terminal width; the reasons column is cut to fit. Undefined: not a terminal, nothing is cut. */
  columns?: number
  /** Rules listed under "most frequent". */
  topRules?: number
  /** The rules' meta: each frequent rule's description, the order of a package's reasons. */
  catalogue: Catalogue
}

/** The unit's table: one row per package, then totals and the most frequent errors and warnings. */
export function renderBatchPretty(batch: BatchReport, opts: BatchPrettyOptions): string {
  const w = BATCH_WORDS[opts.lang]
  const c = opts.chalk
  const rows = batch.packages.map((p) => {
    const status = statusOf(p)
    const who = p.applicant
    return {
      status,
      cells: [
        p.package,
        who?.name || '—',
        [who?.series, who?.title].filter(Boolean).join(' / ') || '—',
        status === 'unreadable' ? '—' : String(p.summary.errors),
        status === 'unreadable' ? '—' : String(p.summary.warnings),
        status === 'unreadable' ? `${w.cannotCheck}：${p.error}` : topReasons(p, opts.catalogue).join(opts.lang === 'zh' ? '；' : '; ') || '—',
      ],
    }
  })
  const head = [w.package, w.applicant, w.seriesTitle, w.errors, w.warnings, w.reasons]
  const caps = [48, 12, 24, 6, 6, Infinity]
  const widths = head.map((h, i) => Math.min(caps[i]!, Math.max(widthOf(h), ...rows.map((r) => widthOf(r.cells[i]!)))))
  const fixed = widths.slice(0, 5).reduce((a, b) => a + b, 0) + 2 * 5
  if (opts.columns !== undefined) widths[5] = Math.max(12, Math.min(widths[5]!, opts.columns - fixed - 1))
  const align = (i: number) => (i === 3 || i === 4 ? 'right' : 'left')
  const line = (cells: string[], colour: Array<(s: string) => string>) =>
    cells
      .map((cell, i) => colour[i]!(pad(truncate(cell, widths[i]!), i === 5 ? 0 : widths[i]!, align(i))))
      .join('  ')
      .trimEnd()

  const out: string[] = []
  const id = (s: string) => s
  out.push(c.bold(w.title) + c.dim(`  ${w.policy} ${batch.policy}  ${w.asOf} ${batch.today}`))
  out.push('')
  out.push(line(head, head.map(() => (s: string) => c.bold(s))))
  out.push(c.dim('─'.repeat(Math.min(fixed + widths[5]!, opts.columns ?? Infinity, 160))))
  for (const r of rows) {
    const mark = r.status === 'pass' ? c.green : r.status === 'fail' ? c.red : c.magenta
    out.push(
      line(r.cells, [
        mark,
        id,
        id,
        (s) => (r.status === 'fail' ? c.red(s) : c.dim(s)),
        (s) => (r.cells[4] !== '0' && r.cells[4] !== '—' ? c.yellow(s) : c.dim(s)),
        r.status === 'unreadable' ? c.magenta : id,
      ]),
    )
  }
  out.push('')
  const s = batch.summary
  out.push(c.bold(w.totals(s)))
  out.push(w.counts(s))
  const frequent = s.rules.filter((r) => r.severity !== 'info').slice(0, opts.topRules ?? 5)
  out.push('')
  out.push(c.bold(`${w.frequent}${opts.lang === 'zh' ? '：' : ':'}`) + (frequent.length === 0 ? ` ${w.noneFrequent}` : ''))
  const ruleWidth = Math.max(0, ...frequent.map((r) => widthOf(r.rule)))
  const countWidth = Math.max(0, ...frequent.map((r) => widthOf(w.inPackages(r.packages))))
  for (const r of frequent) {
    const desc = opts.catalogue.get(r.rule)?.description[opts.lang] ?? ''
    const text = `  ${pad(w.inPackages(r.packages), countWidth, 'right')}  ${pad(r.rule, ruleWidth)}  ${desc}`
    const sev = r.severity === 'error' ? c.red : c.yellow
    out.push(sev(truncate(text, opts.columns !== undefined ? opts.columns - 1 : Infinity)))
  }
  if (batch.since) {
    // --since: what changed per package, and who is no longer there.
    out.push('')
    out.push(c.bold(`${w.sinceColumn(batch.since.report)}${opts.lang === 'zh' ? '：' : ':'}`))
    const nameWidth = Math.min(48, Math.max(0, ...batch.packages.map((p) => widthOf(p.package))))
    for (const p of batch.packages) out.push(`  ${pad(truncate(p.package, nameWidth), nameWidth)}  ${changesLine(p.changes, opts.lang)}`)
    for (const gone of batch.since.gone) out.push(c.dim(`  ${pad(truncate(gone, nameWidth), nameWidth)}  ${w.gone}`))
  }
  out.push('')
  out.push(s.failed + s.unreadable > 0 ? c.red.bold(`✖ ${w.verdict(s)}`) : c.green.bold(`✔ ${w.verdict(s)}`))
  return `${out.join('\n')}\n`
}
