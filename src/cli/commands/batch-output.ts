import { writeFileSync } from 'node:fs'
import { VERSION } from '../../core/version.js'
import { renderBatchJson, type BatchReport } from '../../report/batch.js'
import { renderBatchHtml } from '../../report/batch-html.js'
import { renderBatchPretty } from '../../report/batch-pretty.js'
import { renderCsv } from '../../report/csv.js'
import { renderJunit } from '../../report/junit.js'
import { renderSarif } from '../../report/sarif.js'
import { renderXlsx } from '../../report/xlsx.js'
import { UsageError } from '../../usage-error.js'
import type { RunContext } from '../context.js'
import { CATALOGUE } from '../catalogue.js'
import type { BatchFormat } from './batch-formats.js'

// The batch table in each format, to stdout or --output: shared by `batch` and `merge`.

export function requireXlsxOutput(format: BatchFormat, output: string | undefined, lang: RunContext['lang']): void {
  if (format === 'xlsx' && !output) {
    throw new UsageError('bad-option', { reason: lang === 'zh' ? '--format xlsx 生成的是 Excel 文件，请用 --output 指定文件名（如 汇总.xlsx）' : '--format xlsx writes an Excel file: give it --output FILE.xlsx' })
  }
}

export async function writeBatchOutput(batch: BatchReport, format: BatchFormat, output: string | undefined, ctx: RunContext): Promise<void> {
  if (format === 'xlsx') {
    writeFileSync(output!, await renderXlsx(batch, { lang: ctx.lang, today: ctx.today, catalogue: CATALOGUE }))
    return
  }
  const text = renderBatch(batch, format, ctx)
  if (output) writeFileSync(output, text)
  else ctx.stdout(text)
}

export function renderBatch(batch: BatchReport, format: Exclude<BatchFormat, 'xlsx'>, ctx: RunContext): string {
  switch (format) {
    case 'json':
      return renderBatchJson(batch)
    case 'csv':
      return renderCsv(batch, ctx.lang, CATALOGUE)
    case 'junit':
      return renderJunit(batch.packages, ctx.lang, CATALOGUE)
    case 'sarif':
      return renderSarif(batch.packages, { lang: ctx.lang, version: VERSION, catalogue: CATALOGUE })
    case 'html':
      return renderBatchHtml(batch, ctx.lang, CATALOGUE)
    case 'pretty':
      return renderBatchPretty(batch, { lang: ctx.lang, chalk: ctx.chalk, catalogue: CATALOGUE, ...(ctx.columns !== undefined ? { columns: ctx.columns } : {}) })
  }
}
