import type { Lang } from '../rules/define-rule.js'
import { STATUS_RANK, statusOf, topReasons, type BatchReport } from './batch.js'
import { changesLine } from './batch-since.js'
import type { Catalogue } from './catalogue.js'
import { BATCH_WORDS } from './batch-words.js'

/** A cell of the tables; null is an empty cell (a package not checked has no counts, not 0). */
export type Cell = string | number | null

// The unit's table as CSV, for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK),
// CRLF line ends, every text field quoted (RFC 4180). One row per package.

/**
 * One row per package. The status cell starts with its rank (1 无法检查, 2 需修改, 3 通过), so
 * sorting the column in Excel, in any locale, puts the packages to deal with first. With --since,
 * a last column says what changed.
 */
export function batchTableRows(batch: BatchReport, lang: Lang, catalogue: Catalogue): { head: string[]; rows: Cell[][] } {
  const w = BATCH_WORDS[lang]
  const sep = lang === 'zh' ? '；' : '; '
  const head = [w.package, w.applicant, w.series, w.titleName, w.status, w.errors, w.warnings, w.infos, w.files, w.reasons, w.policy, w.asOf]
  if (batch.since) head.push(w.sinceColumn(batch.since.report))
  const rows = batch.packages.map((p) => {
    const status = statusOf(p)
    const count = (n: number) => (status === 'unreadable' ? null : n)
    const row: Cell[] = [
      p.package,
      p.applicant?.name || null,
      p.applicant?.series || null,
      p.applicant?.title || null,
      statusCell(status, lang),
      count(p.summary.errors),
      count(p.summary.warnings),
      count(p.summary.infos),
      count(p.summary.files),
      topReasons(p, catalogue).join(sep) || null,
      p.policy || null,
      p.today ?? batch.today,
    ]
    if (batch.since) row.push(changesLine(p.changes, lang) || null)
    return row
  })
  return { head, rows }
}

export function statusCell(status: keyof typeof STATUS_RANK, lang: Lang): string {
  return `${STATUS_RANK[status]} ${BATCH_WORDS[lang].statusText[status]}`
}

export function renderCsv(batch: BatchReport, lang: Lang, catalogue: Catalogue): string {
  const { head, rows } = batchTableRows(batch, lang, catalogue)
  return `\uFEFF${[head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}

function csvField(v: Cell): string {
  if (v === null) return ''
  if (typeof v === 'number') return String(v)
  // A cell starting with = + - @ would be run as a formula by Excel: a package folder named
  // "=HYPERLINK(…)" must stay text.
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return `"${text.replaceAll('"', '""')}"`
}
