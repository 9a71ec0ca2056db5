import type ExcelJS from 'exceljs'
import type { Lang } from '../rules/define-rule.js'
import type { BatchReport } from './batch.js'
import { BATCH_WORDS } from './batch-words.js'
import type { Catalogue } from './catalogue.js'
import { batchTableRows, type Cell } from './csv.js'

// The batch as an Excel workbook: a summary sheet (one row per package) and a findings sheet
// (one row per finding), each with filters on its header row and the header frozen.

export interface XlsxOptions {
  lang: Lang
  /** --today, as the workbook's created/modified date (no clock time in reports). */
  today: string
  /** The rules' meta: the order of a package's reasons. */
  catalogue: Catalogue
}

export async function renderXlsx(batch: BatchReport, opts: XlsxOptions): Promise<Buffer> {
  const w = BATCH_WORDS[opts.lang]
  // Loaded here, not at start-up: every other command would pay for it.
  const { default: Excel } = await import('exceljs')
  const wb = new Excel.Workbook()
  wb.creator = 'zhicheng-check'
  wb.created = wb.modified = new Date(`${opts.today}T00:00:00Z`)

  const { head, rows } = batchTableRows(batch, opts.lang, opts.catalogue)
  // Wrapped: the reasons, and what changed since the earlier report.
  addSheet(wb, w.summarySheet, head, rows, [28, 10, 10, 14, 12, 8, 8, 8, 8, 80, 14, 12, 40], batch.since ? [10, 13] : [10])

  const findingsHead = [w.package, w.applicant, w.severityLabel, w.rule, w.message, w.fix, w.clause, w.file, w.page, w.line, w.column]
  const findingRows: Cell[][] = []
  for (const p of batch.packages) {
    if (p.error !== undefined) {
      findingRows.push([p.package, p.applicant?.name || null, w.severity.error, null, `${w.cannotCheck}${opts.lang === 'zh' ? '：' : ': '}${p.error}`, null, null, null, null, null, null])
      continue
    }
    for (const f of p.findings) {
      findingRows.push([
        p.package,
        p.applicant?.name || null,
        w.severity[f.severity],
        f.rule,
        f.message,
        f.fix || null,
        f.clause ?? null,
        f.file ?? (f.line !== undefined ? (p.manifest ?? null) : null),
        f.page ?? null,
        f.line ?? null,
        f.column ?? null,
      ])
    }
  }
  // Wrapped: 问题 and 如何修改 (not the line and column numbers).
  addSheet(wb, w.findingsSheet, findingsHead, findingRows, [28, 10, 8, 26, 60, 60, 12, 36, 6, 6, 6], [5, 6])
  // JSZip (inside exceljs) stamps every entry with the clock: the same batch gave other bytes.
  return fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), opts.today)
}

/**
 * Sets the modification time of every entry of a zip to `day` 00:00, in the central directory and
 * in each local header, so a workbook's bytes depend on its content and --today only.
 */
export function fixZipTimes(zip: Buffer, day: string): Buffer {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const dosDate = ((Math.max(1980, y) - 1980) << 9) | (m << 5) | d
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) return zip
  const entries = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  for (let i = 0; i < entries && zip.readUInt32LE(at) === 0x02014b50; i++) {
    zip.writeUInt16LE(0, at + 12)
    zip.writeUInt16LE(dosDate, at + 14)
    const local = zip.readUInt32LE(at + 42)
    if (zip.readUInt32LE(local) === 0x04034b50) {
      zip.writeUInt16LE(0, local + 10)
      zip.writeUInt16LE(dosDate, local + 12)
    }
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return zip
}

/** `wrap`: 1-based columns whose text wraps in its cell. A null cell is left empty (no value at all). */
function addSheet(wb: ExcelJS.Workbook, name: string, head: string[], rows: Cell[][], widths: number[], wrap: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
  ws.columns = head.map((header, i) => ({ header, width: widths[i] ?? 12 }))
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(r.map((v) => (v === null || v === '' ? undefined : v)))
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: head.length } }
  for (const col of wrap) ws.getColumn(col).alignment = { wrapText: true, vertical: 'top' }
}
