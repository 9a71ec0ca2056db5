import type { Lang } from '../rules/define-rule.js'
import { statusOf, topReasons, type BatchReport } from './batch.js'
import { BATCH_WORDS } from './batch-words.js'

// The unit's table as CSV, for Excel: UTF-8 with a BOM (without it Excel reads Chinese as GBK),
// CRLF line ends, every text field quoted (RFC 4180). One row per package.

export function batchTableRows(batch: BatchReport, lang: Lang): { head: string[]; rows: Array<Array<string | number>> } {
  const w = BATCH_WORDS[lang]
  const sep = lang === 'zh' ? '；' : '; '
  const head = [w.package, w.applicant, w.series, w.titleName, w.status, w.errors, w.warnings, w.infos, w.files, w.reasons, w.policy, w.asOf]
  const rows = batch.packages.map((p) => {
    const status = statusOf(p)
    return [
      p.package,
      p.applicant?.name ?? '',
      p.applicant?.series ?? '',
      p.applicant?.title ?? '',
      w.statusText[status],
      p.summary.errors,
      p.summary.warnings,
      p.summary.infos,
      p.summary.files,
      topReasons(p).join(sep),
      p.policy ?? '',
      p.today ?? batch.today,
    ]
  })
  return { head, rows }
}

export function renderCsv(batch: BatchReport, lang: Lang): string {
  const { head, rows } = batchTableRows(batch, lang)
  return `\uFEFF${[head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}

function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v)
  // A cell starting with = + - @ would be run as a formula by Excel: a package folder named
  // "=HYPERLINK(…)" must stay text.
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return `"${text.replaceAll('"', '""')}"`
}
