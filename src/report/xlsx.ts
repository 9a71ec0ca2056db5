import type ExcelJS from 'exceljs'
import type { Lang } from '../rules/define-rule.js'
import type { BatchReport } from './batch.js'
import { BATCH_WORDS } from './batch-words.js'
import { batchTableRows } from './csv.js'

// The batch as an Excel workbook: a summary sheet (one row per package) and a findings sheet
// (one row per finding), each with filters on its header row and the header frozen.

export interface XlsxOptions {
  lang: Lang
  /** --today, as the workbook's created/modified date (no clock time in reports). */
  today: string
}

export async function renderXlsx(batch: BatchReport, opts: XlsxOptions): Promise<Buffer> {
  const w = BATCH_WORDS[opts.lang]
  // Loaded here, not at start-up: every other command would pay for it.
  const { default: Excel } = await import('exceljs')
  const wb = new Excel.Workbook()
  wb.creator = 'zhicheng-check'
  wb.created = wb.modified = new Date(`${opts.today}T00:00:00Z`)

  const { head, rows } = batchTableRows(batch, opts.lang)
  addSheet(wb, w.summarySheet, head, rows, [28, 10, 10, 14, 10, 8, 8, 8, 8, 80, 14, 12])

  const findingsHead = [w.package, w.applicant, w.severityLabel, w.rule, w.message, w.fix, w.clause, w.file, w.page, w.line, w.column]
  const findingRows: Array<Array<string | number>> = []
  for (const p of batch.packages) {
    if (p.error !== undefined) {
      findingRows.push([p.package, p.applicant?.name ?? '', w.severity.error, '—', `${w.cannotCheck}：${p.error}`, '', '', '', '', '', ''])
      continue
    }
    for (const f of p.findings) {
      findingRows.push([
        p.package,
        p.applicant?.name ?? '',
        w.severity[f.severity],
        f.rule,
        f.message,
        f.fix,
        f.clause ?? '',
        f.file ?? (f.line !== undefined ? (p.manifest ?? '') : ''),
        f.page ?? '',
        f.line ?? '',
        f.column ?? '',
      ])
    }
  }
  addSheet(wb, w.findingsSheet, findingsHead, findingRows, [28, 10, 8, 26, 60, 60, 12, 36, 6, 6, 6])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function addSheet(wb: ExcelJS.Workbook, name: string, head: string[], rows: Array<Array<string | number>>, widths: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
  ws.columns = head.map((header, i) => ({ header, width: widths[i] ?? 12 }))
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: head.length } }
  for (const col of [head.length - 1]) ws.getColumn(col).alignment = { wrapText: true, vertical: 'top' }
}
