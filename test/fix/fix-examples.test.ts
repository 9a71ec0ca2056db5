import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { tmpDir } from '../helpers/tmp-package.js'
import { leaksIn, qpdfClean, treeState, walk } from './proof.js'
import { requires } from '../helpers/requires.js'

const TOOLS_MISSING = !requires('qpdf', 'exiftool', 'poppler')

// fix on the example packages with leaks: the copy's own check has none of those findings left,
// the independent tools (pdftotext, exiftool -a -G1, qpdf --check, a byte search) find no name
// or employer in any file of the copy, and the example's tree is as it was (bytes and mtimes).

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url))
const TERMS = ['欧阳明远', '欧阳 明远', 'Ouyang Mingyuan', 'Ouyang', 'Mingyuan', '阿克苏地区融媒体中心', '地区融媒体中心', '融媒体']
const LEAKS = ['redaction.filename-leak', 'redaction.metadata-leak', 'redaction.text-leak', 'redaction.covered-text', 'redaction.ocr-leak', 'redaction.photo-leak']

interface CopyReport {
  summary: { errors: number }
  findings: Array<{ rule: string; file?: string; message: string }>
}

async function fixExample(name: string, extra: string[] = []) {
  const pkg = join(EXAMPLES, name)
  const before = treeState(pkg)
  const out = join(tmpDir('zc-fix-'), 'copy')
  const r = await runCli(['fix', pkg, '--out', out, '--today', '2024-08-05', '--no-cache', '--format', 'json', ...extra])
  expect(r.stderr).toBe('')
  expect(treeState(pkg)).toEqual(before)
  const report = JSON.parse(r.stdout) as CopyReport
  const log = JSON.parse(readFileSync(join(out, 'fix-log.json'), 'utf8')) as {
    files: Array<{ file: string; out: string; status: string; changes: Array<{ kind: string; rule?: string; page?: number; over?: string; boxes?: unknown[] }>; rasterisedPages?: Array<{ page: number; dpi: number }>; before?: { sha256: string }; after?: { sha256: string } }>
    copyCheck: { left: Array<{ rule: string }> }
  }
  return { r, out, report, log }
}

/** No tool finds a term in any file of the copy but its manifest (the checker's input, never uploaded). */
function expectNoLeakInCopy(out: string) {
  const files = walk(out).filter((f) => f.startsWith('files/'))
  expect(files.length).toBeGreaterThan(0)
  for (const f of files) {
    expect({ f, found: leaksIn(join(out, f), TERMS) }).toEqual({ f, found: [] })
    if (f.endsWith('.pdf')) expect({ f, qpdf: qpdfClean(join(out, f)).ok }).toEqual({ f, qpdf: true })
  }
  // The log and the HTML beside the copy mask the name too.
  for (const f of ['fix-log.json', '修改记录.html']) for (const t of TERMS) expect({ f, t, has: readFileSync(join(out, f), 'utf8').includes(t) }).toEqual({ f, t, has: false })
}

describe.skipIf(TOOLS_MISSING)('fix on the leaky examples', () => {
  it('leaky: file name, metadata, text layer and covered text are gone from the copy, which passes its check', async () => {
    // The original does leak, by every one of the independent tools.
    expect(leaksIn(join(EXAMPLES, 'leaky/files/附件/单位推荐意见.pdf'), TERMS).some((x) => x.startsWith('pdftotext:'))).toBe(true)
    expect(leaksIn(join(EXAMPLES, 'leaky/files/普通话证书.jpg'), TERMS).some((x) => x.startsWith('exiftool:'))).toBe(true)
    const { r, out, report, log } = await fixExample('leaky')
    expect(report.findings.filter((f) => LEAKS.includes(f.rule))).toEqual([])
    expect(report.summary.errors).toBe(0)
    expect(r.code).toBe(0)
    expectNoLeakInCopy(out)
    // Renamed after its slot, and the manifest follows.
    expect(existsSync(join(out, 'files/学历证书.pdf'))).toBe(true)
    expect(walk(out).some((f) => f.includes('欧阳'))).toBe(false)
    expect(readFileSync(join(out, 'manifest.yaml'), 'utf8')).toContain('diploma: files/学历证书.pdf   # expect: redaction.filename-leak')
    // The pages with text to remove were redrawn, and the log says so with the boxes burned.
    const rec = log.files.find((f) => f.out === 'files/附件/单位推荐意见.pdf')!
    expect(rec.rasterisedPages).toEqual([{ page: 1, dpi: 200, quality: 85 }])
    expect(rec.changes.filter((c) => c.kind === 'burn').map((c) => c.over).sort()).toEqual(['covered', 'text'])
    expect(rec.before!.sha256).not.toBe(rec.after!.sha256)
    expect(log.files.find((f) => f.out === 'files/学历证书.pdf')!.file).toBe('files/欧**-学历证书.pdf')
    // Pages with nothing to remove keep their text layer (not rasterised).
    expect(log.files.find((f) => f.out === 'files/学位证书.pdf')!.rasterisedPages).toBeUndefined()
    // The HTML shows a before and an after picture of each changed page.
    const html = readFileSync(join(out, '修改记录.html'), 'utf8')
    expect(html.match(/<div class="pair">/gu)?.length).toBe(2)
  }, 900_000)

  it('scan-name-visible: the names OCR read on the scans are burned into the pixels', async () => {
    const { out, report, log } = await fixExample('scan-name-visible')
    expect(report.findings.filter((f) => LEAKS.includes(f.rule))).toEqual([])
    expect(report.summary.errors).toBe(0)
    const burns = log.files.flatMap((f) => f.changes.filter((c) => c.kind === 'burn'))
    expect(burns.map((b) => b.over)).toEqual(['ocr', 'ocr'])
    expectNoLeakInCopy(out)
  }, 900_000)

  it('photo-leak: the face is burned over; nothing else of the image is changed but its metadata', async () => {
    const { out, report, log } = await fixExample('photo-leak')
    expect(report.findings.filter((f) => f.rule === 'redaction.photo-leak')).toEqual([])
    const rec = log.files.find((f) => f.changes.some((c) => c.over === 'face'))!
    expect(rec.out).toBe('files/普通话证书.jpg')
    expect(rec.changes.find((c) => c.over === 'face')!.boxes).toHaveLength(1)
    expectNoLeakInCopy(out)
  }, 900_000)

  it('scan-turned: the page set to turn gets /Rotate 0, the photo its pixels turned; the copy is upright', async () => {
    const { out, report, log } = await fixExample('scan-turned', ['--no-ocr'])
    expect(report.findings.filter((f) => f.rule === 'scan.rotated')).toEqual([])
    const turns = log.files.flatMap((f) => f.changes.filter((c) => c.kind === 'rotate').map((c) => `${f.out}:${JSON.stringify(c)}`))
    expect(turns).toEqual([
      'files/学位证书.pdf:{"kind":"rotate","rule":"scan.rotated","clause":"四（一）1","page":1,"deg":0,"by":"rotate-entry"}',
      'files/普通话证书.jpg:{"kind":"rotate","rule":"scan.rotated","clause":"四（一）1","by":"exif"}',
    ])
    // Nothing was redrawn to turn them.
    expect(log.files.some((f) => f.rasterisedPages)).toBe(false)
    expectNoLeakInCopy(out)
  }, 900_000)

  it('personal-leak: the phone number leaves the file name; what the applicant typed is left to do by hand, and said', async () => {
    const { r, out, report, log } = await fixExample('personal-leak', ['--no-ocr'])
    expect(report.findings.filter((f) => f.rule === 'redaction.filename-leak')).toEqual([])
    expect(walk(out)).toContain('files/继续教育/2021-公需课.pdf')
    expect(readFileSync(join(out, 'manifest.yaml'), 'utf8')).toContain('files/继续教育/2021-公需课.pdf')
    // The achievement's title in the manifest names the employer: fix does not rewrite what is typed.
    expect(report.findings.filter((f) => f.rule === 'redaction.field-leak')).toHaveLength(2)
    expect(log.copyCheck.left.filter((f) => f.rule === 'redaction.field-leak')).toHaveLength(2)
    expect(r.code).toBe(1)
    for (const f of walk(out).filter((x) => x.startsWith('files/'))) expect(readFileSync(join(out, f)).includes(Buffer.from('13812345678'))).toBe(false)
  }, 900_000)
})
