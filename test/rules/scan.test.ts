import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import sharp from 'sharp'
import { crc32, deflateSync } from 'node:zlib'
import type { FileFacts, PageFacts, ScanFacts } from '../../src/inspect/facts.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { fileRefs } from '../../src/manifest/file-refs.js'
import { loadManifestText } from '../../src/manifest/load.js'
import { loadPolicy, type Policy } from '../../src/policy/load.js'
import { renderHit, unfilledPlaceholders } from '../../src/report/render-message.js'
import { ruleContext } from '../../src/rules/context.js'
import type { Hit, Rule } from '../../src/rules/define-rule.js'
import { RULES } from '../../src/rules/index.js'
import { scanDamaged, scanEncrypted, scanTooLarge, scanTypeMismatch, scanUnreadable } from '../../src/rules/scan/file.js'
import { scanBlankPage, scanBlurry, scanExposure, scanLowResolution, scanRotated } from '../../src/rules/scan/page.js'
import { BASE_TODAY, baseManifest } from '../helpers/base-manifest.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { CORPUS_DIR } from '../inspect/helpers/corpus.js'
import { fixture, requires } from '../helpers/requires.js'
import { makePdf, makeScan } from '../inspect/helpers/scans.js'
import { makeZip } from '../helpers/zip.js'

// Some messages (a corrupt PDF, …) are produced by real files of the shared corpus only; every
// rule has a firing case without it (the encrypted PDFs of test/fixtures/pdf stand in for the corpus's).
const HAS_CORPUS = requires('corpus')
// scan.ocr-failed is produced by test/inspect/leaks.test.ts (facts of pages OCR left unread).
// (scan.same-elsewhere is covered by test/batch/across.test.ts.)
coverMessages([scanUnreadable, scanTypeMismatch, scanEncrypted, scanRotated, scanLowResolution, scanBlurry, scanBlankPage, scanExposure, scanTooLarge, scanDamaged], { complete: HAS_CORPUS })

// Each scan rule: fires / silent / edge, on facts of generated files (pdf-lib, sharp), on real
// files of the shared corpus, and on hand-written facts where no file can show the case (a
// timeout, a 5000-page PDF). The base package's own files are clean scans.

type Source = () => Promise<FileFacts>
interface Case {
  name: string
  /** The files under test, by package path. */
  files: Record<string, Source>
  policy?: (p: Policy) => void
  corpus?: boolean
}
interface Expected {
  messageId: string
  file?: string
  page?: number
  data?: Record<string, unknown>
}

async function fromBytes(path: string, bytes: Uint8Array): Promise<FileFacts> {
  const r = await inspectBytes({ bytes: new Uint8Array(bytes), sizeBytes: bytes.length, limits: DEFAULT_LIMITS })
  return { path, exists: true, sizeBytes: bytes.length, declaredExt: path.split('.').at(-1)!.toLowerCase(), sniffed: r.sniffed, scan: r.scan }
}
const gen = (make: () => Promise<Uint8Array>) => (path: string) => async () => fromBytes(path, await make())
const shipped = (rel: string) => (path: string) => async () => fromBytes(path, readFileSync(fixture(rel)))
const corpus = (rel: string) => (path: string) => async () => fromBytes(path, readFileSync(join(CORPUS_DIR, rel)))
const facts = (f: Partial<FileFacts> & { scan?: ScanFacts }) => (path: string) => async (): Promise<FileFacts> => ({
  path, exists: true, sizeBytes: 50_000, declaredExt: path.split('.').at(-1)!, sniffed: { ext: 'pdf', mime: 'application/pdf' }, ...f,
})

/** One clean scan for every file the base manifest names. */
let cleanPdf: Promise<FileFacts> | undefined
const clean = () => (cleanPdf ??= (async () => fromBytes('x.pdf', await makePdf([{ image: await makeScan({ dpi: 300, seed: 5 }) }])))())

async function run(rule: Rule, c: Case): Promise<Hit[]> {
  const data = baseManifest()
  const paths = Object.keys(c.files)
  data.achievements = [...data.achievements, ...paths.map((file, i) => ({ title: `材料${i + 1}`, file }))]
  const manifest = loadManifestText(stringify(data))
  expect(manifest.problems).toEqual([])
  const policy = loadPolicy()
  c.policy?.(policy)
  const refs = fileRefs(manifest.data)
  const resolved = new Map(refs.map((r) => [r.pointer, r.path]))
  const all = new Map<string, FileFacts>()
  const base = await clean()
  for (const r of refs) all.set(r.path, { ...base, path: r.path })
  for (const [path, make] of Object.entries(c.files)) all.set(path, await make())
  const ctx = ruleContext({ manifest, policy, today: BASE_TODAY, fileRefs: refs, facts: all, packageFiles: [...all.keys()].sort(), resolved })
  const hits = rule.check(ctx)
  for (const hit of hits) {
    for (const lang of ['zh', 'en'] as const) {
      const { message, fix } = renderHit(rule, hit, lang)
      expect(unfilledPlaceholders(message + fix), `${hit.messageId} (${lang})`).toEqual([])
    }
    expect(hit.at, 'a file finding points at the manifest field naming the file').toBeDefined()
  }
  return hits
}

function scanCases(rule: Rule, cases: { fires: Array<Case & { expect: Expected[] }>; silent: Case[]; edge: Array<Case & { expect: Expected[] }> }): void {
  for (const c of [...cases.fires, ...cases.edge]) for (const e of c.expect) if (!(e.messageId in rule.messages)) throw new Error(`${rule.id}: unknown messageId ${e.messageId}`)
  const check = async (c: Case, expected: Expected[]) => {
    const hits = await run(rule, c)
    expect(hits.map((h) => `${h.messageId}@${h.file}${h.page ? `#${h.page}` : ''}`)).toEqual(
      expected.map((e) => `${e.messageId}@${e.file ?? Object.keys(c.files)[0]}${e.page ? `#${e.page}` : ''}`),
    )
    expected.forEach((e, i) => e.data && expect(hits[i]!.data).toMatchObject(e.data))
  }
  const when = (c: Case) => (c.corpus && !HAS_CORPUS ? test.skip : test)
  describe(rule.id, () => {
    for (const c of cases.fires) when(c)(`fires: ${c.name}`, () => check(c, c.expect))
    for (const c of cases.silent) when(c)(`silent: ${c.name}`, () => check(c, []))
    for (const c of cases.edge) when(c)(`edge: ${c.name}`, () => check(c, c.expect))
  })
}

/** A PNG whose header declares width × height, with one row of data: decoding it would need gigabytes. */
function pngBomb(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit grey
  const idat = deflateSync(Buffer.alloc(width + 1, 0))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

const F = 'files/材料.pdf'
const J = 'files/材料.jpg'
const P = 'files/材料.png'

test('every scan rule is in area scan, in RULES.md order', () => {
  const scanRules = RULES.filter((r) => r.area === 'scan' && r.id !== 'scan.same-elsewhere')
  expect(scanRules.map((r) => r.id)).toEqual([
    'scan.unreadable', 'scan.type-mismatch', 'scan.encrypted', 'scan.rotated', 'scan.low-resolution', 'scan.blurry', 'scan.blank-page', 'scan.exposure', 'scan.too-large',
    'scan.damaged', 'scan.ocr-failed',
  ])
  for (const r of scanRules) expect(r.area).toBe('scan')
})

scanCases(scanUnreadable, {
  fires: [
    { name: 'a JPEG cut short', files: { [J]: gen(async () => (await makeScan()).subarray(0, 4000))(J) }, expect: [{ messageId: 'truncated' }] },
    { name: 'an empty file', files: { [F]: gen(async () => new Uint8Array(0))(F) }, expect: [{ messageId: 'empty' }] },
    { name: 'a PDF header and nothing else (corpus ocrmypdf_invalid)', corpus: true, files: { [F]: corpus('pdf-malformed/ocrmypdf_invalid.pdf')(F) }, expect: [{ messageId: 'corrupt' }] },
    { name: 'a PNG signature then garbage (corpus pillow_broken)', corpus: true, files: { [P]: corpus('img-misc/pillow_broken.png')(P) }, expect: [{ messageId: 'corrupt' }] },
    { name: 'the inspection timed out', files: { [F]: facts({ scan: { kind: 'other', readable: false, unreadable: { reason: 'timeout', detail: 'not done in 60 s' }, pages: [] } })(F) }, expect: [{ messageId: 'timeout' }] },
    // Made on disk by test/hostile (a FIFO, a mode-000 file, run as another user); here as their facts.
    { name: 'a FIFO named as a scan', files: { [F]: facts({ scan: { kind: 'other', readable: false, unreadable: { reason: 'not-a-file', detail: 'a FIFO' }, pages: [] } })(F) }, expect: [{ messageId: 'notAFile' }] },
    { name: 'a file without read permission', files: { [F]: facts({ scan: { kind: 'other', readable: false, unreadable: { reason: 'permission', detail: 'EACCES' }, pages: [] } })(F) }, expect: [{ messageId: 'permission' }] },
    {
      name: 'over the size bound: never opened',
      files: { [F]: facts({ sizeBytes: 300 * 1024 * 1024, scan: { kind: 'other', readable: false, unreadable: { reason: 'limit-bytes', detail: '300 MB' }, pages: [] } })(F) },
      expect: [{ messageId: 'notOpened', data: { size: '300.0 MB' } }],
    },
    { name: 'the reader crashed on it', files: { [F]: facts({ scan: { kind: 'other', readable: false, unreadable: { reason: 'crashed', detail: 'RangeError' }, pages: [] } })(F) }, expect: [{ messageId: 'crashed', data: { detail: 'RangeError' } }] },
  ],
  silent: [
    { name: 'a clean scan', files: { [F]: gen(async () => makePdf([{ image: await makeScan() }]))(F) } },
    { name: 'a password is scan.encrypted, not this', corpus: true, files: { [F]: corpus('pdf-encrypted/pypdf_r3-user-password.pdf')(F) } },
    { name: 'a HEIC is scan.type-mismatch, not this', corpus: true, files: { 'files/a.heif': corpus('img-misc/exifsamples_samplefilehub.heif')('files/a.heif') } },
  ],
  edge: [
    { name: 'a PDF pdf.js repairs (no startxref, corpus qpdf_bad2) is readable', corpus: true, files: { [F]: corpus('pdf-malformed/qpdf_bad2.pdf')(F) }, expect: [] },
    { name: 'scanner junk after %%EOF (corpus pdfjs_scan-bad) is readable', corpus: true, files: { [F]: corpus('pdf-malformed/pdfjs_scan-bad.pdf')(F) }, expect: [] },
    { name: '/Count 9999999999 with one page (corpus poppler-67295) is readable', corpus: true, files: { [F]: corpus('pdf-malformed/pdfjs_poppler-67295-0.pdf')(F) }, expect: [] },
    {
      name: 'a decompression bomb is refused from its header',
      files: { [P]: gen(async () => pngBomb(40_000, 40_000))(P) },
      expect: [{ messageId: 'tooManyPixels' }],
    },
  ],
})

scanCases(scanDamaged, {
  fires: [
    { name: 'missing endobj: the object index rebuilt (corpus qpdf_bad2)', corpus: true, files: { [F]: corpus('pdf-malformed/qpdf_bad2.pdf')(F) }, expect: [{ messageId: 'repaired', data: { detail: expect.stringContaining('endobj') } }] },
    { name: 'no xref command (corpus pdfjs_xref_command_missing)', corpus: true, files: { [F]: corpus('pdf-malformed/pdfjs_xref_command_missing.pdf')(F) }, expect: [{ messageId: 'repaired' }] },
    { name: 'a /Pages /Count of 9999999999 with one page (corpus poppler-67295)', corpus: true, files: { [F]: corpus('pdf-malformed/pdfjs_poppler-67295-0.pdf')(F) }, expect: [{ messageId: 'damaged', data: { detail: expect.stringContaining('/Count') } }] },
    { name: 'fonts pdf.js cannot load (corpus pdfjs_issue12823)', corpus: true, files: { [F]: corpus('pdf-cjk/pdfjs_issue12823.pdf')(F) }, expect: [{ messageId: 'damaged', data: { detail: expect.stringContaining('Descendant font') } }] },
    {
      name: 'a cross-reference table pointing nowhere (generated)',
      files: { [F]: gen(async () => { const b = Buffer.from(await makePdf([{ text: 'x' }])); const t = b.toString('latin1'); const at = t.lastIndexOf('startxref'); return Buffer.from(t.slice(0, at) + 'startxref\n999999\n%%EOF\n', 'latin1') })(F) },
      expect: [{ messageId: 'repaired' }],
    },
  ],
  silent: [
    { name: 'a clean generated scan', files: { [F]: gen(async () => makePdf([{ image: await makeScan() }]))(F) } },
    { name: 'a valid real PDF (corpus ocrmypdf_linn)', corpus: true, files: { [F]: corpus('pdf-valid/ocrmypdf_linn.pdf')(F) } },
    { name: 'a JPEG is not a PDF', files: { [J]: gen(() => makeScan())(J) } },
  ],
  edge: [
    { name: 'a PDF that does not open at all is scan.unreadable, not this (corpus ocrmypdf_invalid)', corpus: true, files: { [F]: corpus('pdf-malformed/ocrmypdf_invalid.pdf')(F) }, expect: [] },
  ],
})

scanCases(scanTypeMismatch, {
  fires: [
    { name: 'a PNG named .jpg', files: { [J]: gen(() => makeScan({ format: 'png' }))(J) }, expect: [{ messageId: 'mismatch', data: { declared: 'jpg', actual: 'PNG', real: 'png' } }] },
    { name: 'a PDF that is also a ZIP (a polyglot)', files: { [F]: gen(async () => Buffer.concat([Buffer.from(await makePdf([{ text: 'x' }])), makeZip([{ name: 'payload.exe', data: 'MZ' }])]))(F) }, expect: [{ messageId: 'polyglot' }] },
    { name: 'a WEBP named .jpg', files: { [J]: gen(async () => sharp(await makeScan()).webp().toBuffer())(J) }, expect: [{ messageId: 'unsupported', data: { actual: 'WebP' } }] },
    { name: 'a HEIC photo (corpus)', corpus: true, files: { 'files/a.heif': corpus('img-misc/exifsamples_samplefilehub.heif')('files/a.heif') }, expect: [{ messageId: 'unsupported', file: 'files/a.heif', data: { actual: 'HEIC' } }] },
    { name: "'oops' named .pdf (corpus qpdf_bad1)", corpus: true, files: { [F]: corpus('pdf-malformed/qpdf_bad1.pdf')(F) }, expect: [{ messageId: 'unknown' }] },
    { name: 'a Word document named .pdf', files: { [F]: facts({ sniffed: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, scan: { kind: 'other', readable: false, pages: [] } })(F) }, expect: [{ messageId: 'unsupported', data: { actual: 'Word (DOCX)' } }] },
  ],
  silent: [
    { name: 'a JPEG named .jpg', files: { [J]: gen(() => makeScan())(J) } },
    { name: 'a PDF named .pdf', files: { [F]: gen(() => makePdf([{ text: 'hello' }]))(F) } },
  ],
  edge: [
    { name: 'a JPEG named .JPEG (case and the long form)', files: { 'files/a.JPEG': gen(() => makeScan())('files/a.JPEG') }, expect: [] },
    { name: 'an empty file is scan.unreadable, not this', files: { [F]: gen(async () => new Uint8Array(0))(F) }, expect: [] },
    { name: 'a PDF with junk before %PDF is still a PDF', files: { [F]: gen(async () => Buffer.concat([Buffer.from('\r\n\r\nscanner v1\r\n'), await makePdf([{ text: 'x' }])]))(F) }, expect: [] },
  ],
})

scanCases(scanEncrypted, {
  fires: [
    { name: 'needs a password (test/fixtures AES-256)', files: { [F]: shipped('pdf/encrypted-user-password.pdf')(F) }, expect: [{ messageId: 'password' }] },
    { name: 'empty user password (test/fixtures AES-128)', files: { [F]: shipped('pdf/encrypted-empty-password.pdf')(F) }, expect: [{ messageId: 'encrypted', data: { filter: 'Standard' } }] },
    ...['pypdf_r3-user-password.pdf', 'pypdf_r4-aes-user-password.pdf', 'pdfminer_aes-256-m.pdf', 'qpdf_enc-XI-R6_V5_U-view_O-master.pdf'].map((f) => ({
      name: `needs a password (corpus ${f})`, corpus: true, files: { [F]: corpus(`pdf-encrypted/${f}`)(F) }, expect: [{ messageId: 'password' }],
    })),
    ...['pypdf_r2-empty-password.pdf', 'pypdf_r6-empty-password.pdf'].map((f) => ({
      name: `empty user password (corpus ${f})`, corpus: true, files: { [F]: corpus(`pdf-encrypted/${f}`)(F) }, expect: [{ messageId: 'encrypted', data: { filter: 'Standard' } }],
    })),
  ],
  silent: [{ name: 'a plain PDF', files: { [F]: gen(() => makePdf([{ text: 'x' }]))(F) } }],
  edge: [{ name: 'owner password only, all permissions (corpus pypdf_r6-owner-password)', corpus: true, files: { [F]: corpus('pdf-encrypted/pypdf_r6-owner-password.pdf')(F) }, expect: [{ messageId: 'encrypted' }] }],
})

const scan150 = () => makeScan({ dpi: 150 })
/** Facts of a scanned page that --deep read: `turnedDeg` when its text read only turned (see ocr.ts). */
const ocrPage = (extra: Partial<PageFacts> = {}, turnedDeg?: 90 | 270): PageFacts => ({
  page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true,
  scanImage: { widthPx: 1240, heightPx: 1754, dpiX: 150, dpiY: 150, placementDeg: 0, coverage: 1, pixels: null },
  ocr: { status: 'read', dpi: 150, lines: [{ text: '普通话水平测试等级证书', box: [100, 100, 400, 130], confidence: 0.99 }], ...(turnedDeg ? { turnedDeg } : {}) },
  ...extra,
})
const deepPdf = (...pages: PageFacts[]) => facts({ scan: { kind: 'pdf', readable: true, pageCount: pages.length, ocr: { engine: 'PP-OCRv4' }, pages } })
const deepJpg = (page: PageFacts, exifOrientation?: number) =>
  facts({ declaredExt: 'jpg', sniffed: { ext: 'jpg', mime: 'image/jpeg' }, scan: { kind: 'jpeg', readable: true, ocr: { engine: 'PP-OCRv4' }, ...(exifOrientation ? { exif: { orientation: exifOrientation } } : {}), pages: [page] } as ScanFacts })
scanCases(scanRotated, {
  fires: [
    { name: '/Rotate 90 on an upright page', files: { [F]: gen(async () => makePdf([{ image: await scan150(), rotate: 90 }]))(F) }, expect: [{ messageId: 'pageRotate', page: 1, data: { deg: 90 } }] },
    { name: 'a scan placed upside down', files: { [F]: gen(async () => makePdf([{ image: await scan150() }, { image: await scan150(), imageTurnDeg: 180 }]))(F) }, expect: [{ messageId: 'image', page: 2, data: { deg: 180 } }] },
    { name: 'text drawn sideways', files: { [F]: gen(() => makePdf([{ text: 'application page one', textTurnDeg: 90 }]))(F) }, expect: [{ messageId: 'text', page: 1, data: { deg: 90 } }] },
    { name: 'EXIF orientation 6', files: { [J]: gen(() => makeScan({ exifOrientation: 6 }))(J) }, expect: [{ messageId: 'exif', data: { orientation: 6 } }] },
    {
      name: 'EXIF orientation 8 in a PNG (its eXIf chunk)',
      files: { [P]: gen(async () => sharp(await makeScan({ format: 'png' })).withMetadata({ orientation: 8 }).png().toBuffer())(P) },
      expect: [{ messageId: 'exif', data: { orientation: 8 } }],
    },
    {
      name: '/Rotate 90/180/270 and 360 (corpus habibi-rotated)', corpus: true, files: { [F]: corpus('pdf-rotated/samplefiles_habibi-rotated.pdf')(F) },
      expect: [{ messageId: 'pageRotate', page: 1 }, { messageId: 'pageRotate', page: 2 }, { messageId: 'pageRotate', page: 3 }],
    },
    {
      name: 'inherited /Rotate (corpus qpdf to-rotate, pages 11–15 from their /Pages node)', corpus: true, files: { [F]: corpus('pdf-rotated/qpdf_to-rotate.pdf')(F) },
      expect: [1, 2, 11, 12, 13, 14, 15, 16, 17].map((page) => ({ messageId: 'pageRotate', page })),
    },
    {
      name: 'scans turned in the content, no /Rotate (corpus ocrmypdf cardinal)', corpus: true, files: { [F]: corpus('pdf-rotated/ocrmypdf_cardinal.pdf')(F) },
      expect: [{ messageId: 'image', page: 2, data: { deg: 90 } }, { messageId: 'image', page: 3, data: { deg: 180 } }, { messageId: 'image', page: 4, data: { deg: 270 } }],
    },
    { name: '--deep: a PDF page whose text read only turned', files: { [F]: deepPdf(ocrPage(), ocrPage({ page: 2 }, 270))(F) }, expect: [{ messageId: 'ocr', page: 2, data: { deg: 270 } }] },
    { name: '--deep: an image whose text read only turned', files: { [J]: deepJpg(ocrPage({}, 90))(J) }, expect: [{ messageId: 'ocrImage', data: { deg: 90 } }] },
  ],
  silent: [
    { name: 'an upright scan', files: { [F]: gen(async () => makePdf([{ image: await scan150() }]))(F) } },
    { name: 'EXIF orientation 1', files: { [J]: gen(() => makeScan({ exifOrientation: 1 }))(J) } },
    { name: 'EXIF orientation 0 is read as 1 (corpus recurser Landscape_0)', corpus: true, files: { [J]: corpus('img-exif-orientation/recurser_Landscape_0.jpg')(J) } },
    { name: '/Rotate given indirectly, resolving to 0 (corpus pypdf indirect-rotation)', corpus: true, files: { [F]: corpus('pdf-rotated/pypdf_indirect-rotation.pdf')(F) } },
    { name: '--deep: a scanned page that read as it lies', files: { [F]: deepPdf(ocrPage())(F) } },
  ],
  edge: [
    {
      name: 'a landscape page drawn sideways with /Rotate 90 shows upright',
      files: { [F]: gen(() => makePdf([{ text: 'landscape table', textTurnDeg: 270, rotate: 90 }]))(F) },
      expect: [],
    },
    {
      name: 'corpus pdfjs rotation.pdf: page 2 has /Rotate 90 and its text compensates (upright on screen)', corpus: true,
      files: { [F]: corpus('pdf-rotated/pdfjs_rotation.pdf')(F) }, expect: [],
    },
    {
      name: '--deep: a page turned by /Rotate is said once, by its /Rotate, whatever OCR read',
      files: { [F]: deepPdf(ocrPage({ rotateDeg: 90 }, 90))(F) }, expect: [{ messageId: 'pageRotate', page: 1, data: { deg: 90 } }],
    },
    { name: '--deep: an image with an EXIF orientation is said once, by its EXIF', files: { [J]: deepJpg(ocrPage({}, 90), 6)(J) }, expect: [{ messageId: 'exif', data: { orientation: 6 } }] },
    {
      name: 'a scan placed sideways on a page turned back by /Rotate shows upright',
      files: { [F]: gen(async () => makePdf([{ image: await scan150(), imageTurnDeg: 90, rotate: 270 }]))(F) }, expect: [],
    },
  ],
})

scanCases(scanLowResolution, {
  fires: [
    { name: 'a 100 dpi scan in a PDF', files: { [F]: gen(async () => makePdf([{ image: await makeScan({ dpi: 100 }) }]))(F) }, expect: [{ messageId: 'page', page: 1, data: { dpi: 100, min: 150 } }] },
    { name: 'a 72 dpi photo of an A4 page', files: { [J]: gen(() => makeScan({ dpi: 72 }))(J) }, expect: [{ messageId: 'image', data: { dpi: 72 } }] },
    { name: '200×100 ppi: the worse axis counts (corpus ocrmypdf aspect)', corpus: true, files: { [F]: corpus('pdf-valid/ocrmypdf_aspect.pdf')(F) }, expect: [{ messageId: 'page', page: 1, data: { dpi: 100 } }] },
    { name: '96 ppi OCRed scan (corpus graph_ocred)', corpus: true, files: { [F]: corpus('pdf-valid/ocrmypdf_graph_ocred.pdf')(F) }, expect: [{ messageId: 'page', page: 1, data: { dpi: 96 } }] },
  ],
  silent: [
    { name: 'a 200 dpi scan', files: { [F]: gen(async () => makePdf([{ image: await makeScan({ dpi: 200 }) }]))(F) } },
    { name: 'a text PDF has no scan to judge', files: { [F]: gen(() => makePdf([{ text: 'born digital' }]))(F) } },
    { name: '300 ppi JBIG2 scan (corpus linn)', corpus: true, files: { [F]: corpus('pdf-valid/ocrmypdf_linn.pdf')(F) } },
  ],
  edge: [
    { name: 'exactly 150 dpi passes', files: { [F]: gen(async () => makePdf([{ image: await makeScan({ dpi: 150 }) }]))(F) }, expect: [] },
    { name: 'the minimum comes from the policy', policy: (p) => void (p.values.scans.min_dpi = 250), files: { [F]: gen(async () => makePdf([{ image: await makeScan({ dpi: 200 }) }]))(F) }, expect: [{ messageId: 'page', page: 1, data: { min: 250 } }] },
    { name: 'a 24×24 icon on a text page is not a scan (corpus x-ray no_bad_redactions)', corpus: true, files: { [F]: corpus('pdf-redaction/xray_no_bad_redactions.3.2.pdf')(F) }, expect: [] },
  ],
})

scanCases(scanBlurry, {
  fires: [
    { name: '0.8 mm of blur on paper', files: { [J]: gen(() => makeScan({ dpi: 200, blurMm: 0.8 }))(J) }, expect: [{ messageId: 'image' }] },
    { name: 'the same in a PDF page', files: { [F]: gen(async () => makePdf([{ image: await makeScan() }, { image: await makeScan({ blurMm: 0.8 }) }]))(F) }, expect: [{ messageId: 'page', page: 2 }] },
    { name: 'a defocused photo of a book (corpus opencv text_defocus)', corpus: true, files: { [J]: corpus('img-misc/opencv_text_defocus.jpg')(J) }, expect: [{ messageId: 'image' }] },
  ],
  silent: [
    { name: 'a clean 150 dpi scan', files: { [J]: gen(() => makeScan())(J) } },
    { name: 'a noisy but sharp scan', files: { [J]: gen(() => makeScan({ dpi: 200, noise: 10 }))(J) } },
    { name: 'sharp text rendering (corpus opencv imageTextN)', corpus: true, files: { [P]: corpus('img-misc/opencv_imageTextN.png')(P) } },
    { name: 'a 4000 px typewriter scan (corpus ocrmypdf typewriter)', corpus: true, files: { [P]: corpus('img-misc/ocrmypdf_typewriter.png')(P) } },
    { name: 'a real 300 ppi scanner page (corpus pypdf indirect-rotation)', corpus: true, files: { [F]: corpus('pdf-rotated/pypdf_indirect-rotation.pdf')(F) } },
  ],
  edge: [
    { name: '0.3 mm of blur still reads', files: { [J]: gen(() => makeScan({ dpi: 300, blurMm: 0.3 }))(J) }, expect: [] },
    { name: 'a blank page measures 1 but is scan.blank-page, not this', files: { [J]: gen(() => makeScan({ lines: 0 }))(J) }, expect: [] },
    { name: 'a 1×1 PNG is too small to measure (corpus pillow png_decompression_dos)', corpus: true, files: { [P]: corpus('img-misc/pillow_png_decompression_dos.png')(P) }, expect: [] },
  ],
})

scanCases(scanBlankPage, {
  fires: [
    { name: 'a blank scan', files: { [P]: gen(() => makeScan({ lines: 0, format: 'png' }))(P) }, expect: [{ messageId: 'image' }] },
    { name: 'a blank scan with noise, grey paper', files: { [J]: gen(() => makeScan({ lines: 0, noise: 8, paper: 215 }))(J) }, expect: [{ messageId: 'image' }] },
    { name: 'an empty page between two scans', files: { [F]: gen(async () => makePdf([{ image: await makeScan() }, {}, { image: await makeScan({ seed: 2 }) }]))(F) }, expect: [{ messageId: 'page', page: 2 }] },
    { name: 'the smallest PDF: one empty page (corpus ocrmypdf trivial)', corpus: true, files: { [F]: corpus('pdf-valid/ocrmypdf_trivial.pdf')(F) }, expect: [{ messageId: 'page', page: 1 }] },
  ],
  silent: [
    { name: 'one line of text', files: { [J]: gen(() => makeScan({ lines: 1 }))(J) } },
    { name: 'a text page', files: { [F]: gen(() => makePdf([{ text: 'x' }]))(F) } },
  ],
  edge: [
    { name: 'a near-empty scan with a text layer is not blank (corpus pdfjs scan-bad)', corpus: true, files: { [F]: corpus('pdf-malformed/pdfjs_scan-bad.pdf')(F) }, expect: [] },
    { name: 'heavy blur is not blank', files: { [J]: gen(() => makeScan({ blurMm: 1.2 }))(J) }, expect: [] },
  ],
})

scanCases(scanExposure, {
  fires: [
    { name: 'grey-brown paper at 90', files: { [J]: gen(() => makeScan({ paper: 90, ink: 10 }))(J) }, expect: [{ messageId: 'darkImage' }] },
    { name: 'faded text #B4B4B4', files: { [J]: gen(() => makeScan({ paper: 250, ink: 180 }))(J) }, expect: [{ messageId: 'washedImage' }] },
    { name: 'a dark page in a PDF', files: { [F]: gen(async () => makePdf([{ image: await makeScan({ paper: 100, ink: 10 }) }]))(F) }, expect: [{ messageId: 'darkPage', page: 1 }] },
    { name: 'a faded page in a PDF', files: { [F]: gen(async () => makePdf([{ image: await makeScan({ paper: 250, ink: 180 }) }]))(F) }, expect: [{ messageId: 'washedPage', page: 1 }] },
  ],
  silent: [
    { name: 'a clean scan', files: { [J]: gen(() => makeScan())(J) } },
    { name: 'a dim photo, paper at 160', files: { [J]: gen(() => makeScan({ paper: 160, ink: 30 }))(J) } },
    { name: 'grey text #969696 still reads', files: { [J]: gen(() => makeScan({ paper: 250, ink: 150 }))(J) } },
  ],
  edge: [
    { name: 'a blank page is not washed out (scan.blank-page)', files: { [J]: gen(() => makeScan({ lines: 0 }))(J) }, expect: [] },
    { name: 'a page with one small mark is too sparse to judge (corpus pdfjs scan-bad)', corpus: true, files: { [F]: corpus('pdf-malformed/pdfjs_scan-bad.pdf')(F) }, expect: [] },
    { name: 'the threshold comes from the policy', policy: (p) => void (p.values.scans.dark_max_paper = 0.7), files: { [J]: gen(() => makeScan({ paper: 160, ink: 30 }))(J) }, expect: [{ messageId: 'darkImage' }] },
  ],
})

const sized = (sizeBytes: number, scan?: Partial<ScanFacts>) => facts({ sizeBytes, scan: { kind: 'pdf', readable: true, pageCount: 1, pages: [], ...scan } })
scanCases(scanTooLarge, {
  fires: [
    { name: '11 MB', files: { [F]: sized(11 * 1048576)(F) }, expect: [{ messageId: 'bytes', data: { size: '11.0 MB', max: '10.0 MB' } }] },
    { name: 'a 5000-page PDF read to the page bound', files: { [F]: sized(900_000, { pageCount: 5000, pagesInspected: 500, limit: { kind: 'pages', max: 500 } })(F) }, expect: [{ messageId: 'pages', data: { pages: 5000, checked: 500 } }] },
  ],
  silent: [{ name: '2 MB', files: { [F]: sized(2 * 1048576)(F) } }],
  edge: [
    { name: 'exactly the limit passes', files: { [F]: sized(10485760)(F) }, expect: [] },
    { name: 'the limit comes from the policy', policy: (p) => void (p.values.scans.max_file_bytes = 1048576), files: { [F]: sized(2 * 1048576)(F) }, expect: [{ messageId: 'bytes', data: { max: '1.0 MB' } }] },
  ],
})
