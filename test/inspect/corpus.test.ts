import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { FileFacts } from '../../src/inspect/facts.js'
import { inspectFiles } from '../../src/inspect/inspect-package.js'
import { CORPUS_DIR, GROUND_TRUTH_GROUPS, readSources, type SourceRow } from './helpers/corpus.js'
import { requires } from '../helpers/requires.js'

// Every file of the ground-truth groups, inspected through the worker pool, against the columns
// of SOURCES.tsv (poppler 22.12 / qpdf 11.3 / exiftool / Pillow / ImageMagick). Where our reader
// and poppler legitimately differ, the row's ground_truth column decides, and the case says so.

const rows = readSources().filter((r) => GROUND_TRUTH_GROUPS.includes(r.group))

/** ground_truth says pdf.js-style recovery is right where poppler gives up. */
const RECOVERED_BEYOND_POPPLER = new Set(['pdf-malformed/pdfjs_poppler-67295-0.pdf'])

/** Damage qpdf --check does not look for: fonts pdf.js cannot load (its issue 12823: a descendant font that is not a dictionary). */
const DAMAGED_BEYOND_QPDF = new Set(['pdf-cjk/pdfjs_issue12823.pdf'])

/** scan.damaged's ground truth: qpdf calls the file damaged, or poppler cannot open what pdf.js recovers. */
function expectedDamaged(r: SourceRow): boolean {
  return /file is damaged/.test(r.qpdf_check) || r.poppler_open.startsWith('FAIL') || DAMAGED_BEYOND_QPDF.has(r.local_path)
}

function expectedReadable(r: SourceRow): boolean {
  if (r.group.startsWith('pdf')) {
    if (r.sniffed_mime !== 'application/pdf') return false // not a PDF at all: never parsed
    if (RECOVERED_BEYOND_POPPLER.has(r.local_path)) return true
    return r.poppler_open === 'yes'
  }
  if (r.img_format === 'HEIC') return false // not opened: scan.type-mismatch
  // Readable when a tolerant decoder shows the whole image: ImageMagick ok without a
  // premature-end warning (a truncated JPEG shows a grey block).
  return /imagemagick: ok/.test(r.decode) && !/Premature end/.test(r.decode)
}

describe.skipIf(!requires('corpus'))(`corpus ground truth (${rows.length} files)`, () => {
  let facts: Map<string, FileFacts>
  const get = (r: SourceRow) => facts.get(r.local_path)!

  test('inspect every file through the pool', { timeout: 120_000 }, async () => {
    facts = await inspectFiles(
      rows.map((r) => ({ rel: r.local_path, abs: join(CORPUS_DIR, r.local_path) })),
      { jobs: 2, cache: null },
    )
    expect([...facts.keys()]).toEqual(rows.map((r) => r.local_path))
  })

  test.for(rows.map((r) => [r.local_path, r] as const))('%s', ([, r]) => {
    const f = get(r)
    expect(f.exists).toBe(true)
    expect(f.sizeBytes).toBe(Number(r.bytes))
    expect(f.scan, 'always reported').toBeDefined()
    const scan = f.scan!
    const readable = expectedReadable(r)
    if (r.password) {
      expect(scan.encrypted).toEqual({ needsPassword: true, filter: null })
      expect(scan.unreadable?.reason).toBe('password')
      return
    }
    expect(scan.readable, `readable (${r.poppler_open || r.decode})`).toBe(readable)
    if (!readable) {
      if (scan.kind !== 'other') expect(scan.unreadable?.reason).toMatch(/corrupt|truncated/)
      return
    }
    if (r.group.startsWith('pdf')) checkPdf(r, f)
    else checkImage(r, f)
  })
})

function checkPdf(r: SourceRow, f: FileFacts): void {
  const scan = f.scan!
  expect(f.sniffed?.ext).toBe('pdf')
  // Opens, but repaired or with damaged parts (scan.damaged): exactly where qpdf/poppler say so.
  expect(Boolean(scan.repaired || scan.damaged), `damaged (${r.qpdf_check}; ${JSON.stringify(scan.damaged)})`).toBe(expectedDamaged(r))
  if (RECOVERED_BEYOND_POPPLER.has(r.local_path)) {
    // poppler has no columns for it; ground_truth: "true page count 1 (one page object)"
    expect(scan.pageCount).toBe(Number(/true page count (\d+)/.exec(r.ground_truth)![1]))
    return
  }
  expect(scan.pageCount).toBe(Number(r.pages))
  // encryption: "poppler: yes (…)" / "poppler: no"
  if (r.encryption.startsWith('poppler: yes')) expect(scan.encrypted).toEqual({ needsPassword: false, filter: 'Standard' })
  else expect(scan.encrypted).toBeUndefined()
  expect(scan.pages.map((p) => p.rotateDeg).join(',')).toBe(r.page_rotation)
  const chars = scan.pages.reduce((n, p) => n + p.textChars, 0)
  expect(chars > 0, `text layer (${r.text_chars} chars by pdftotext, ${chars} by pdf.js)`).toBe(Number(r.text_chars) > 0)
  // image_ppi: p1:2550x3300@300x300ppi,…: the page scans (not icons) with their resolution
  const scans = r.image_ppi === 'none' ? [] : r.image_ppi.split(',').filter((s) => s.startsWith('p'))
  const listsAll = !/more$/.test(r.image_ppi) // "…,+1 more": the column was cut short
  const byPage = new Map<number, RegExpExecArray>()
  for (const s of scans) {
    const m = /^p(\d+):(\d+)x(\d+)@(\d+)x(\d+)ppi$/.exec(s)
    if (m && !byPage.has(Number(m[1]))) byPage.set(Number(m[1]), m)
  }
  for (const page of scan.pages) {
    const m = byPage.get(page.page)
    if (!m) {
      if (!listsAll) continue
      expect(page.scanImage, `page ${page.page}: no scan image`).toBeNull()
      continue
    }
    const s = page.scanImage!
    expect([s.widthPx, s.heightPx]).toEqual([Number(m[2]), Number(m[3])])
    expect(Math.abs(s.dpiX - Number(m[4])), `page ${page.page} x ppi ${s.dpiX}`).toBeLessThan(1)
    expect(Math.abs(s.dpiY - Number(m[5])), `page ${page.page} y ppi ${s.dpiY}`).toBeLessThan(1)
  }
}

function checkImage(r: SourceRow, f: FileFacts): void {
  const scan = f.scan!
  expect(f.sniffed?.ext).toBe(r.img_format === 'JPEG' ? 'jpg' : r.img_format.toLowerCase())
  const [w, h] = r.img_size.split(' ')[0]!.split('x').map(Number)
  const s = scan.pages[0]!.scanImage!
  expect([s.widthPx, s.heightPx]).toEqual([w, h])
  const o = /EXIF=(\d+)/.exec(r.exif_orientation)
  if (o) expect(scan.exif?.orientation).toBe(Number(o[1]))
  else expect(scan.exif?.orientation ?? null).toBeNull()
  // dpi column: "EXIF 200x200 per cm" → 508 dpi; "EXIF 72x72 per inch" → 72
  const d = /EXIF (\d+)x(\d+) per (inch|cm)/.exec(r.dpi)
  if (d) expect(scan.exif?.dpiX).toBeCloseTo(Number(d[1]) * (d[3] === 'cm' ? 2.54 : 1), 0)
}
