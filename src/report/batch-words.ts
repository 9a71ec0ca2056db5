import type { Lang } from '../rules/define-rule.js'
import type { BatchSummary } from './batch.js'
import TEXT from './batch-words.json' with { type: 'json' }
import { fill } from './render-message.js'

// Words of the batch reports (terminal table, CSV, XLSX, HTML). The words are data
// (batch-words.json, one table per language, templates with {placeholders}); here the templates
// that take a count or a summary become functions.

type Templates = 'inPackages' | 'totals' | 'counts' | 'verdictFail' | 'verdictPass' | 'sinceColumn'

export type BatchWords = Omit<(typeof TEXT)['zh'], Templates> & {
  inPackages: (n: number) => string
  totals: (s: BatchSummary) => string
  counts: (s: BatchSummary) => string
  verdict: (s: BatchSummary) => string
  /** --since: the column (and section) of what changed since that report. */
  sinceColumn: (report: string) => string
}

function wordsOf(lang: Lang): BatchWords {
  const { inPackages, totals, counts, verdictFail, verdictPass, sinceColumn, ...words } = TEXT[lang]
  // The summary's counts fill the templates (its list of rules is no placeholder).
  const counted = (s: BatchSummary) => ({ ...s, rules: [] })
  return {
    ...words,
    inPackages: (n) => fill(inPackages, { n }, lang),
    totals: (s) => fill(totals, counted(s), lang),
    counts: (s) => fill(counts, counted(s), lang),
    verdict: (s) => (s.failed + s.unreadable > 0 ? fill(verdictFail, { n: s.failed + s.unreadable }, lang) : verdictPass),
    sinceColumn: (report) => fill(sinceColumn, { report }, lang),
  }
}

export const BATCH_WORDS: Record<Lang, BatchWords> = { zh: wordsOf('zh'), en: wordsOf('en') }
