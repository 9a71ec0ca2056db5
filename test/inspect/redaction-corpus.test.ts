// The real redaction files of the shared corpus (freelawproject/x-ray's test PDFs, court filings):
// SOURCES.tsv says which have bad redactions (text still under the boxes) and which do not; every
// one must be judged so by redaction.covered-text. x-ray itself misses the cross-hatched one (#169).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { redactionCoveredText } from '../../src/rules/redaction/leaks.js'
import { runRule } from '../helpers/rule-cases.js'
import { CORPUS_DIR, HAS_CORPUS, readSources } from './helpers/corpus.js'
import { requires } from '../helpers/requires.js'

const rows = HAS_CORPUS ? readSources().filter((r) => r.group === 'pdf-redaction') : []
const PDF = 'files/学历证书.pdf'

describe.skipIf(!requires('corpus'))('pdf-redaction corpus', () => {
  test('the corpus has its six redaction files, both kinds', () => {
    expect(rows.length).toBe(6)
    expect(rows.filter((r) => /^BAD REDACTION/u.test(r.ground_truth)).length).toBe(2)
  })

  test.for(rows.map((r) => [r.local_path, r] as const))('%s is judged as SOURCES.tsv says', async ([path, row]) => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, path)))
    const { scan } = await inspectBytes({ bytes, sizeBytes: bytes.length, limits: DEFAULT_LIMITS })
    const hits = runRule(redactionCoveredText, { scans: { [PDF]: scan } })
    const bad = /^BAD REDACTION/u.test(row.ground_truth)
    expect(hits.length > 0, `${row.ground_truth}: ${hits.length} finding(s)`).toBe(bad)
    for (const h of hits) expect(h.page).toBe(1)
  })

  test('rectangles_yes: the three boxes x-ray finds, with what is under them', async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, 'pdf-redaction/xray_rectangles_yes.pdf')))
    const { scan } = await inspectBytes({ bytes, sizeBytes: bytes.length, limits: DEFAULT_LIMITS })
    expect(scan.pages[0]!.covered?.map((c) => c.text)).toEqual(['“No”', '“Yes”, but did not disclose all relevant medical history', '“No”'])
  })
})
