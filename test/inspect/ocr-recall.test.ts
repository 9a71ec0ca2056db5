// The default check's OCR on generated certificates that differ from each other (font, layout,
// type size, a sentence or a field, stamp, noise, blur, skew, 150–300 dpi, JPEG quality: see
// bench/certificates.mjs): the name and employer are found on every page that shows them, as a
// JPEG and as an image-only PDF page, and never on the masked twins (欧**, ████, a black box,
// another person sharing the surname). `npm run bench` measures the same on 100 of each.
import { PDFDocument } from 'pdf-lib'
import { describe, expect, test } from 'vitest'
import { prefers } from '../helpers/requires.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { identityTerms } from '../../src/identity/match.js'
import { findInOcrLines } from '../../src/rules/redaction/leaks.js'
// A plain ES module shared with the bench (bench/certificates.mjs).
import { certificate } from '../../bench/certificates.mjs'

interface Doc {
  jpeg: Buffer
  dpi: number
  name: string
  employer: string
  font: string
}

async function asPdf(doc: Doc): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const img = await pdf.embedJpg(doc.jpeg)
  const page = pdf.addPage([(img.width * 72) / doc.dpi, (img.height * 72) / doc.dpi])
  page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() })
  return new Uint8Array(await pdf.save())
}

/** What OCR finds of the document's own applicant on its page. */
async function found(doc: Doc, pdf: boolean): Promise<string[]> {
  const bytes = pdf ? await asPdf(doc) : new Uint8Array(doc.jpeg)
  const { scan } = await inspectBytes({ bytes, sizeBytes: bytes.length, limits: DEFAULT_LIMITS, ocr: true })
  const ocr = scan.pages[0]?.ocr
  expect(ocr?.status).toBe('read')
  // As redaction.ocr-leak reads the page: its lines in order, doubtful characters' runner-ups included.
  const lines = ocr?.status === 'read' ? ocr.lines : []
  return [...new Set(findInOcrLines(lines, identityTerms({ name: doc.name, employer: doc.employer })).hits.map((h) => h.kind))].sort()
}

// 81: a red seal's star over the line with the name, which cut it in two for the detector until
// stamp ink was taken out and the page detected again (ocr-engine.ts withoutStampInk).
// 28, 57, 77, 84: a dense seal's star over one character of the name (林红霞 read 林纹霞, 黄洋 黄鲜,
// 何海燕 海燕, 赵婷 赵婧) until strokes under the seal were kept (ocr-engine.ts sample) and a
// doubtful character's runner-up was read too (rules/redaction/leaks.ts doubtfulHits).
// 33: 买买提建华 inside a long sentence, read squeezed as 买提建华 (rules/redaction/leaks.ts doubledOnce).
const SEEDS = [11, 12, 13, 14, 15, 16, 81, 28, 57, 77, 84, 33]
const TWINS = ['stars', 'blocks', 'box', 'other'] as const

// The scans vary between every CJK family the machine has; the repository's own font is always
// one of them (test/helpers/fonts.ts). The system's families are wanted, required under CI=true.
prefers('cjk-fonts')

describe('OCR recall on varied generated certificates', () => {
  test.for(SEEDS)('seed %i: name and employer found where they show; nothing on the masked twin', { timeout: 120_000 }, async (seed) => {
    const pdf = seed % 2 === 0
    const leak = (await certificate(seed, null)) as Doc
    expect(await found(leak, pdf), `${leak.font}, ${leak.dpi} dpi`).toEqual(['employer', 'name'])
    const twin = (await certificate(seed, TWINS[seed % TWINS.length])) as Doc
    expect(await found(twin, pdf), `${twin.font}, ${TWINS[seed % TWINS.length]}`).toEqual([])
  })
})
