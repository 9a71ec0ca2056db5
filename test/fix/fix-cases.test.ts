import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFArray, PDFDict, PDFDocument, PDFName, degrees } from 'pdf-lib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { leaksIn, qpdfClean, treeState, walk } from './proof.js'
import { annotate, appendInfoRevision, setXmp, sheet, xmpPacket } from '../inspect/helpers/leak-docs.js'
import { requires } from '../helpers/requires.js'

const TOOLS_MISSING = !requires('qpdf', 'exiftool', 'poppler')

// fix on generated packages, one trouble each (the clean example's scans otherwise): a page set
// to turn, a photo turned by EXIF, a scan over the size limit, a TIFF, an owner-password PDF
// (fixed) and a user-password one (not fixable, said), a missing file and a blurred photo (left
// by hand, everything else written); and the folder rules (never into the package, never over
// what fix did not make). --no-ocr: reading the scans is not the point here.

const CLEAN = new URL('../../examples/clean/files/', import.meta.url)
const cleanFile = (rel: string) => readFileSync(new URL(rel, CLEAN))

interface Run {
  code: number
  stdout: string
  stderr: string
  out: string
  report: { findings: Array<{ rule: string; file?: string; page?: number }> }
  log: { files: Array<{ out: string; status: string; problem?: string; changes: Array<{ kind: string; by?: string; deg?: number; rule?: string }>; rasterisedPages?: Array<{ page: number; dpi: number }>; after?: { bytes: number } }>; copyCheck: { left: Array<{ rule: string }> } }
}

async function fix(pkg: string, extra: string[] = []): Promise<Run> {
  const before = treeState(pkg)
  const out = join(tmpDir('zc-fix-'), 'copy')
  const r = await runCli(['fix', pkg, '--out', out, '--today', '2024-08-05', '--no-cache', '--no-ocr', '--format', 'json', ...extra])
  expect(r.stderr).toBe('')
  expect(treeState(pkg)).toEqual(before)
  return { ...r, out, report: JSON.parse(r.stdout), log: JSON.parse(readFileSync(join(out, 'fix-log.json'), 'utf8')) }
}

const rules = (r: Run) => r.report.findings.map((f) => f.rule)

describe.skipIf(TOOLS_MISSING)('fix: orientation, size, format, encryption', () => {
  it('a page set to turn 90° gets /Rotate 0 (its content is upright); the other pages are left alone', async () => {
    const doc = await PDFDocument.load(cleanFile('学位证书.pdf'))
    doc.getPage(0).setRotation(degrees(90))
    const pkg = writePackage()
    put(pkg, 'files/学位证书.pdf', await doc.save())
    const before = await runCli(['check', pkg, '--today', '2024-08-05', '--no-cache', '--no-ocr', '--format', 'json'])
    expect(JSON.parse(before.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('scan.rotated')
    const r = await fix(pkg)
    expect(rules(r)).not.toContain('scan.rotated')
    const copy = await PDFDocument.load(readFileSync(join(r.out, 'files/学位证书.pdf')))
    expect(copy.getPage(0).getRotation().angle).toBe(0)
    const rec = r.log.files.find((f) => f.out === 'files/学位证书.pdf')!
    expect(rec.changes.filter((c) => c.kind === 'rotate')).toEqual([{ kind: 'rotate', rule: 'scan.rotated', clause: '四（一）1', page: 1, by: 'rotate-entry', deg: 0 }])
    expect(rec.rasterisedPages).toBeUndefined()
    // Upright files get no turn.
    expect(r.log.files.filter((f) => f.out !== 'files/学位证书.pdf').flatMap((f) => f.changes).filter((c) => c.kind === 'rotate')).toEqual([])
  }, 600_000)

  it('a photo turned by its EXIF orientation: the pixels are turned and no tag is left', async () => {
    const upright = cleanFile('普通话证书.jpg')
    const meta = await sharp(upright).metadata()
    // Stored sideways (turned 90° anticlockwise), with the tag that says "turn 90° clockwise to show".
    const stored = await sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer()
    const pkg = writePackage()
    put(pkg, 'files/普通话证书.jpg', stored)
    const r = await fix(pkg)
    expect(rules(r)).not.toContain('scan.rotated')
    const out = await sharp(readFileSync(join(r.out, 'files/普通话证书.jpg'))).metadata()
    expect([out.width, out.height]).toEqual([meta.width, meta.height])
    expect(out.orientation).toBeUndefined()
    expect(out.exif).toBeUndefined()
    expect(execFileSync('exiftool', ['-a', '-G1', '-Orientation', join(r.out, 'files/普通话证书.jpg')], { encoding: 'utf8' })).toBe('')
    expect(r.log.files.find((f) => f.out === 'files/普通话证书.jpg')!.changes.some((c) => c.kind === 'rotate' && c.by === 'exif')).toBe(true)
  }, 600_000)

  it('a scan over the size limit is encoded again under it, still above the resolution rule', async () => {
    // Noise does not compress: about 20 MB as a JPEG at quality 100 (A4 at 300 dpi).
    const w = 2480
    const h = 3508
    const noise = Buffer.alloc(w * h * 3)
    let seed = 7
    for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 23
    const big = await sharp(noise, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 100 }).toBuffer()
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024)
    const pkg = writePackage()
    put(pkg, 'files/普通话证书.jpg', big)
    const r = await fix(pkg)
    const size = readFileSync(join(r.out, 'files/普通话证书.jpg')).length
    expect(size).toBeLessThanOrEqual(10 * 1024 * 1024)
    expect(rules(r)).not.toContain('scan.too-large')
    expect(rules(r)).not.toContain('scan.low-resolution')
    expect(r.log.files.find((f) => f.out === 'files/普通话证书.jpg')!.changes.some((c) => c.kind === 'shrink')).toBe(true)
  }, 600_000)

  it('a TIFF where the platform takes JPG is converted, renamed .jpg, and the manifest follows', async () => {
    const pkg = writePackage({ set: { 'mandarin.certificate': 'files/普通话证书.tif' } })
    put(pkg, 'files/普通话证书.tif', await sharp(cleanFile('普通话证书.jpg')).tiff().toBuffer())
    const r = await fix(pkg)
    expect(rules(r)).not.toContain('scan.type-mismatch')
    expect(walk(r.out)).toContain('files/普通话证书.jpg')
    expect(walk(r.out)).not.toContain('files/普通话证书.tif')
    expect(readFileSync(join(r.out, 'manifest.yaml'), 'utf8')).toContain('files/普通话证书.jpg')
    expect((await sharp(readFileSync(join(r.out, 'files/普通话证书.jpg'))).metadata()).format).toBe('jpeg')
  }, 600_000)

  it('an owner-password PDF is written unencrypted (every page redrawn); a user-password one is copied and said not fixable', async () => {
    const pkg = writePackage()
    const dir = tmpDir()
    const plain = join(dir, 'plain.pdf')
    writeFileSync(plain, cleanFile('学位证书.pdf'))
    execFileSync('qpdf', ['--encrypt', '', 'owner-secret', '256', '--', plain, join(pkg, 'files/学位证书.pdf')])
    execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', plain, join(pkg, 'files/学信网备案表.pdf')])
    const r = await fix(pkg)
    const owner = join(r.out, 'files/学位证书.pdf')
    expect(execFileSync('qpdf', ['--show-encryption', owner], { encoding: 'utf8' })).toContain('File is not encrypted')
    expect(qpdfClean(owner).ok).toBe(true)
    expect(r.report.findings.filter((f) => f.rule === 'scan.encrypted').map((f) => f.file)).toEqual(['files/学信网备案表.pdf'])
    const rec = r.log.files.find((f) => f.out === 'files/学位证书.pdf')!
    expect(rec.changes.some((c) => c.kind === 'decrypt')).toBe(true)
    expect(rec.rasterisedPages?.map((p) => p.page)).toEqual([1])
    const user = r.log.files.find((f) => f.out === 'files/学信网备案表.pdf')!
    expect(user.status).toBe('copied')
    expect(r.log.copyCheck.left.map((f) => f.rule)).toContain('scan.encrypted')
    expect(r.code).toBe(1)
  }, 600_000)

  it('a missing file and a blurred photo are left by hand, and everything else is still written', async () => {
    const pkg = writePackage({ missing: ['files/学位证书.pdf'] })
    put(pkg, 'files/普通话证书.jpg', await sharp(cleanFile('普通话证书.jpg')).blur(12).jpeg({ quality: 90 }).toBuffer())
    const r = await fix(pkg)
    expect(rules(r)).toEqual(expect.arrayContaining(['manifest.file-missing', 'scan.blurry']))
    expect(r.log.copyCheck.left.map((f) => f.rule)).toEqual(expect.arrayContaining(['manifest.file-missing', 'scan.blurry']))
    expect(walk(r.out).filter((f) => f.startsWith('files/')).length).toBe(walk(pkg).filter((f) => f.startsWith('files/')).length)
    expect(r.log.files.find((f) => f.out === 'files/学位证书.pdf')!.status).toBe('not-written')
    expect(r.code).toBe(1)
    // The HTML says what is left.
    expect(readFileSync(join(r.out, '修改记录.html'), 'utf8')).toContain('scan.blurry')
  }, 600_000)
})

describe.skipIf(TOOLS_MISSING)('fix: metadata', () => {
  it('Info, XMP, annotation authors, JavaScript, attachments and an earlier revision: none is left in the copy', async () => {
    const s = await sheet()
    s.text('个人承诺书', 200, 760, 20)
    s.text('本人承诺所提交材料真实有效。', 72, 700)
    s.doc.setAuthor('欧阳明远')
    setXmp(s, xmpPacket('欧阳明远'))
    annotate(s, 'Text', [72, 600, 92, 620], { author: '欧阳明远', contents: '请再核对一遍' })
    annotate(s, 'Text', [120, 600, 140, 620], { author: '审核人', contents: '欧阳明远的材料' })
    s.doc.addJavaScript('hello', 'app.alert("欧阳明远")')
    await s.doc.attach(Buffer.from('阿克苏地区融媒体中心'), 'unit.txt', { mimeType: 'text/plain' })
    const pdf = appendInfoRevision(await s.save(), { Author: '审核人' })
    const pkg = writePackage()
    put(pkg, 'files/附件/个人承诺书.pdf', pdf)
    const terms = ['欧阳明远', '阿克苏地区融媒体中心']
    expect(leaksIn(join(pkg, 'files/附件/个人承诺书.pdf'), terms).length).toBeGreaterThan(0)
    const r = await fix(pkg)
    expect(rules(r)).not.toContain('redaction.metadata-leak')
    const out = join(r.out, 'files/附件/个人承诺书.pdf')
    expect(leaksIn(out, terms)).toEqual([])
    expect(qpdfClean(out).ok).toBe(true)
    // One revision, no Info, no XMP, no names tree (JavaScript, attachments).
    const text = readFileSync(out).toString('latin1')
    expect(text.match(/%%EOF/gu)).toHaveLength(1)
    const copy = await PDFDocument.load(readFileSync(out))
    expect(copy.getAuthor()).toBeUndefined()
    expect(copy.catalog.get(PDFName.of('Metadata'))).toBeUndefined()
    expect(copy.catalog.get(PDFName.of('Names'))).toBeUndefined()
    // The annotations stay (a reviewer's note may matter), without their authors; the comment naming the applicant loses its text.
    const annots = copy.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray)
    const dicts = [...Array(annots.size()).keys()].map((i) => annots.lookup(i, PDFDict))
    expect(dicts.map((d) => d.get(PDFName.of('T')))).toEqual([undefined, undefined])
    expect(dicts.map((d) => d.get(PDFName.of('Contents')) !== undefined)).toEqual([true, false])
    // The text layer is kept: nothing on the page needed redrawing.
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('本人承诺')
  }, 600_000)
})

describe.skipIf(TOOLS_MISSING)('fix: bad input', () => {
  it('a corrupt and a truncated PDF never stop it: each is written (as it was when it cannot be rewritten) and the copy reports it', async () => {
    const pkg = writePackage()
    put(pkg, 'files/学位证书.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n'))
    const whole = cleanFile('学信网备案表.pdf')
    put(pkg, 'files/学信网备案表.pdf', whole.subarray(0, Math.floor(whole.length * 0.6)))
    const r = await fix(pkg)
    expect(r.code).toBe(1)
    for (const f of ['files/学位证书.pdf', 'files/学信网备案表.pdf']) {
      expect(existsSync(join(r.out, f))).toBe(true)
      expect(r.log.files.find((x) => x.out === f)!.status).not.toBe('not-written')
    }
    // Garbage is copied byte for byte, and the copy's check says it cannot be read.
    expect(readFileSync(join(r.out, 'files/学位证书.pdf'))).toEqual(readFileSync(join(pkg, 'files/学位证书.pdf')))
    expect(r.report.findings.filter((f) => f.file === 'files/学位证书.pdf').map((f) => f.rule)).toContain('scan.unreadable')
  }, 600_000)
})

describe.skipIf(TOOLS_MISSING)('fix: where the copy goes', () => {
  it('refuses an --out inside the package, or holding it, and writes nothing there', async () => {
    const pkg = writePackage()
    const before = treeState(pkg)
    for (const out of [join(pkg, 'copy'), join(pkg, 'files'), pkg, join(pkg, '..')]) {
      const r = await runCli(['fix', pkg, '--out', out, '--no-ocr', '--no-cache'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/不能把修改后的副本写进申报包/u)
    }
    expect(treeState(pkg)).toEqual(before)
  })

  it('refuses a non-empty --out, and with --force one it did not make; --force replaces its own', async () => {
    const pkg = writePackage()
    const other = tmpDir()
    writeFileSync(join(other, 'mine.txt'), 'keep me')
    expect((await runCli(['fix', pkg, '--out', other, '--no-ocr', '--no-cache'])).stderr).toMatch(/已存在且不是空文件夹/u)
    const forced = await runCli(['fix', pkg, '--out', other, '--force', '--no-ocr', '--no-cache'])
    expect(forced.code).toBe(2)
    expect(forced.stderr).toMatch(/不是 fix 生成的副本/u)
    expect(readFileSync(join(other, 'mine.txt'), 'utf8')).toBe('keep me')

    const out = join(tmpDir(), 'copy')
    expect((await runCli(['fix', pkg, '--out', out, '--no-ocr', '--no-cache', '--today', '2024-08-05'])).code).not.toBe(2)
    mkdirSync(join(out, 'stale'))
    writeFileSync(join(out, 'stale/old.pdf'), 'old')
    expect((await runCli(['fix', pkg, '--out', out, '--no-ocr', '--no-cache'])).code).toBe(2)
    const again = await runCli(['fix', pkg, '--out', out, '--force', '--no-ocr', '--no-cache', '--today', '2024-08-05'])
    expect(again.code).not.toBe(2)
    expect(existsSync(join(out, 'stale'))).toBe(false)
    expect(existsSync(join(out, 'fix-log.json'))).toBe(true)
  }, 600_000)

  it('--dry-run prints the plan and writes nothing', async () => {
    const pkg = writePackage()
    put(pkg, 'files/欧阳明远学位证书.pdf', cleanFile('学位证书.pdf'))
    const text = readFileSync(join(pkg, 'manifest.yaml'), 'utf8').replace('files/学位证书.pdf', 'files/欧阳明远学位证书.pdf')
    writeFileSync(join(pkg, 'manifest.yaml'), text)
    const out = join(tmpDir(), 'copy')
    const r = await runCli(['fix', pkg, '--out', out, '--dry-run', '--no-ocr', '--no-cache', '--today', '2024-08-05'])
    expect(r.code).toBe(0)
    expect(existsSync(out)).toBe(false)
    expect(r.stdout).toContain('files/欧**学位证书.pdf → files/学位证书.pdf')
    expect(r.stdout).not.toContain('欧阳明远')
    expect(r.stdout).toContain('--dry-run')
  }, 600_000)

  it('same package, same --today: byte-identical fix-log.json', async () => {
    const pkg = writePackage()
    const a = await fix(pkg)
    const b = await fix(pkg)
    expect(readFileSync(join(a.out, 'fix-log.json'), 'utf8')).toBe(readFileSync(join(b.out, 'fix-log.json'), 'utf8').split(b.out).join(a.out))
  }, 600_000)
})
