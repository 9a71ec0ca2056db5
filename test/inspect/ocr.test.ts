// The default check's offline OCR (PP-OCRv4 from the npm packages, nothing downloaded) on a
// generated certificate scan with the applicant's name and employer, and on its masked twin; as a
// JPEG and as an image-only PDF page. Also: with --no-ocr the OCR engine is never loaded, and the
// verdict says which pages were not read.
import { readdirSync, readFileSync } from 'node:fs'
import sharp from 'sharp'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Io } from '../../src/cli/context.js'
import { main } from '../../src/cli/main.js'
import type { ScanFacts } from '../../src/inspect/facts.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { FactsCache } from '../../src/inspect/cache.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { isOcrEngineLoaded, ocrEngineName } from '../../src/inspect/ocr.js'
import { redactionOcrLeak } from '../../src/rules/redaction/leaks.js'
import { ocrCoverage } from '../../src/core/ocr-coverage.js'
import { scanRotated } from '../../src/rules/scan/page.js'
import { CORPUS_DIR } from './helpers/corpus.js'
import { requires } from '../helpers/requires.js'
import { runRule } from '../helpers/rule-cases.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { certificateScan, scanPdf } from './helpers/leak-docs.js'
import { cpSync, makePackage, tempDir } from './helpers/package.js'
import { makePdf, makeScan } from './helpers/scans.js'

// Its ID number, phone and e-mail message is test/rules/redaction-fields.test.ts's.
coverMessages([redactionOcrLeak], { only: (id) => !/personal/iu.test(id) })

const JPG = 'files/普通话证书.jpg'
const PDF = 'files/学历证书.pdf'

async function read(bytes: Uint8Array, ocr: boolean): Promise<{ scan: ScanFacts; ms: number }> {
  const t = Date.now()
  const { scan } = await inspectBytes({ bytes: new Uint8Array(bytes), sizeBytes: bytes.length, limits: DEFAULT_LIMITS, ocr })
  return { scan, ms: Date.now() - t }
}

describe('OCR of scanned pages (redaction.ocr-leak)', () => {
  // First: nothing before it in this file has asked for OCR.
  test('inspection without OCR (--no-ocr) never loads the OCR engine', async () => {
    await read(await certificateScan('欧阳明远', '阿克苏地区融媒体中心'), false)
    await read(await scanPdf(await certificateScan('欧阳明远', '阿克苏地区融媒体中心')), false)
    expect(isOcrEngineLoaded()).toBe(false)
  })

  test('facts with OCR and without are cached apart', () => {
    const plain = new FactsCache('/tmp/zc-cache', '1.0.0', DEFAULT_LIMITS)
    const deep = new FactsCache('/tmp/zc-cache', '1.0.0', DEFAULT_LIMITS, ocrEngineName())
    expect(deep.dir).not.toBe(plain.dir)
    expect(new FactsCache('/tmp/zc-cache', '1.0.0', DEFAULT_LIMITS, 'another engine').dir).not.toBe(deep.dir)
  })

  test('a certificate photo with the name and employer fires both, with where they are', async () => {
    const { scan, ms } = await read(await certificateScan('欧阳明远', '阿克苏地区融媒体中心'), true)
    console.log(`OCR, one A4 image at 150 dpi (model load included on first use): ${ms} ms`)
    expect(scan.ocr?.engine).toMatch(/PP-OCRv4/u)
    expect(scan.pages[0]!.ocr?.status).toBe('read')
    expect(scan.pages[0]!.ocr).not.toHaveProperty('turnedDeg') // upright: read as it lies
    const hits = runRule(redactionOcrLeak, { scans: { [JPG]: scan } })
    expect(hits.map((h) => h.messageId).sort()).toEqual(['employer', 'name'])
    const name = hits.find((h) => h.messageId === 'name')!
    // An image is one page: the finding has no page number, but says where on it.
    expect(name.page).toBeUndefined()
    expect(name.data).toMatchObject({ masked: { secret: 'name', value: '欧阳明远' } })
    expect(Number(name.data!.y)).toBeGreaterThan(50)
    expect(Number(name.data!.y)).toBeLessThan(110)
    // Read, so not counted as unread.
    expect(ocrCoverage([{ path: JPG, exists: true, scan } as never])).toEqual({ pages: 1, read: 1, notRead: [], failed: [] })
  }, 120_000)

  test('its masked twin (欧**, ████) does not fire', async () => {
    const { scan } = await read(await certificateScan('欧**', '████'), true)
    expect(scan.pages[0]!.ocr?.status).toBe('read')
    const lines = scan.pages[0]!.ocr?.status === 'read' ? scan.pages[0]!.ocr.lines.map((l) => l.text).join('|') : ''
    expect(lines).toContain('普通话水平测试等级证书')
    expect(runRule(redactionOcrLeak, { scans: { [JPG]: scan } })).toEqual([])
  }, 120_000)

  test('an image-only PDF page: fires with the page number', async () => {
    const { scan, ms } = await read(await scanPdf(await certificateScan('歐陽明遠', '新疆××大学')), true)
    console.log(`OCR, one image-only PDF page rendered at 150 dpi: ${ms} ms`)
    const hits = runRule(redactionOcrLeak, { scans: { [PDF]: scan } })
    expect(hits.map((h) => [h.messageId, h.page])).toEqual([['name', 1]])
  }, 120_000)

  test('a sideways certificate (turned in its pixels, no EXIF) is read turned back: the name is found, and the scan is said to lie sideways', async () => {
    const upright = await certificateScan('欧阳明远', '阿克苏地区融媒体中心')
    const image = (await read(await sharp(upright).rotate(90).jpeg().toBuffer(), true)).scan
    const p = image.pages[0]!.ocr!
    expect(p.status === 'read' && p.turnedDeg).toBe(90)
    expect(runRule(redactionOcrLeak, { scans: { [JPG]: image } }).map((h) => h.messageId).sort()).toEqual(['employer', 'name'])
    expect(runRule(scanRotated, { scans: { [JPG]: image } }).map((h) => [h.messageId, h.data!.deg])).toEqual([['ocrImage', 90]])
    // The other way round, as a landscape page of a PDF.
    const turned = await sharp(upright).rotate(270).jpeg().toBuffer()
    const pdf = (await read(await makePdf([{ image: turned, widthPt: 841.89, heightPt: 595.28 }]), true)).scan
    const q = pdf.pages[0]!.ocr!
    expect(q.status === 'read' && q.turnedDeg).toBe(270)
    expect(runRule(redactionOcrLeak, { scans: { [PDF]: pdf } }).map((h) => [h.messageId, h.page]).sort()).toEqual([['employer', 1], ['name', 1]])
    expect(runRule(scanRotated, { scans: { [PDF]: pdf } }).map((h) => [h.messageId, h.page, h.data!.deg])).toEqual([['ocr', 1, 270]])
  }, 180_000)

  test('upside down: read turned 180°; a blank scan, read every way, is said to be nothing', async () => {
    const upright = await certificateScan('欧**', '████')
    const upsideDown = (await read(await sharp(upright).rotate(180).jpeg().toBuffer(), true)).scan
    const p = upsideDown.pages[0]!.ocr!
    expect(p.status === 'read' && p.turnedDeg).toBe(180)
    expect(p.status === 'read' && p.lines[0]!.text).toBe('普通话水平测试等级证书')
    const blank = (await read(await makeScan({ lines: 0 }), true)).scan
    expect(blank.pages[0]!.ocr).toMatchObject({ status: 'read', lines: [] })
    expect(blank.pages[0]!.ocr).not.toHaveProperty('turnedDeg')
  }, 180_000)

  test.skipIf(!requires('corpus'))('corpus tesseract phototest-rotated-R: a text page turned 90° in its pixels', async () => {
    const { scan } = await read(readFileSync(join(CORPUS_DIR, 'img-misc/tesseract_phototest-rotated-R.png')), true)
    const p = scan.pages[0]!.ocr!
    expect(p.status === 'read' && p.turnedDeg).toBe(90)
    expect(p.status === 'read' && p.lines[0]!.text).toBe('This is a lot of 12 point text to test the')
  }, 120_000)

  test('--no-ocr: nothing is read, and the page is counted as not read', async () => {
    const { scan } = await read(await certificateScan('欧阳明远', '阿克苏地区融媒体中心'), false)
    expect(scan.ocr).toBeUndefined()
    expect(scan.pages[0]!.ocr).toBeUndefined()
    expect(runRule(redactionOcrLeak, { scans: { [JPG]: scan } })).toEqual([])
    expect(ocrCoverage([{ path: JPG, exists: true, scan } as never])).toEqual({ pages: 1, read: 0, notRead: [{ file: JPG, pages: [1] }], failed: [] })
  })
})

describe('check reads the scans by default (the command)', () => {
  function io(env: Record<string, string>): Io & { out: string[]; err: string[] } {
    const out: string[] = []
    const err: string[] = []
    return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isTTY: false, env, cwd: '/', now: new Date('2024-08-05T00:00:00Z') }
  }
  type Json = { summary: { errors: number; ocr: { pages: number; read: number; notRead: Array<{ file: string; pages: number[] }> } }; findings: Array<{ rule: string; file?: string }> }
  const json = (e: { out: string[] }) => JSON.parse(e.out.join('')) as Json
  const rules = (e: { out: string[] }) => json(e).findings.filter((f) => f.rule.startsWith('redaction.') || f.rule === 'scan.ocr-failed')

  test('default: the name on the scan is found (exit 1); --deep is the same; --no-ocr reads nothing and says so; cached apart', { timeout: 180_000 }, async () => {
    const pkg = makePackage({ 'files/证书扫描.jpg': await certificateScan('欧阳明远', '新疆××大学') }, await makePdf([{ text: 'x' }]))
    const home = tempDir('xdg-ocr')
    const args = ['check', pkg, '--format', 'json', '--today', '2024-08-05', '--jobs', '1']
    const plain = io({ XDG_CACHE_HOME: home })
    expect(await main(args, plain)).toBe(1) // ocr-leak is an error
    expect(rules(plain).map((f) => [f.rule, f.file])).toEqual([['redaction.ocr-leak', 'files/证书扫描.jpg']])
    expect(json(plain).summary.ocr).toMatchObject({ pages: 1, read: 1, notRead: [], failed: [] })
    expect(plain.out.join('')).not.toContain('欧阳明远')
    const deep = io({ XDG_CACHE_HOME: home })
    expect(await main([...args, '--deep'], deep)).toBe(1)
    expect(deep.out.join('')).toBe(plain.out.join(''))
    // --no-ocr: no finding about the scan (one error fewer), and the pages left unread in the summary and the verdict.
    const quick = io({ XDG_CACHE_HOME: home })
    const quickExit = await main([...args, '--no-ocr'], quick)
    expect(rules(quick)).toEqual([])
    expect(json(quick).summary.errors).toBe(json(plain).summary.errors - 1)
    expect(quickExit).toBe(json(quick).summary.errors > 0 ? 1 : 0)
    expect(json(quick).summary.ocr).toEqual({ pages: 1, read: 0, notRead: [{ file: 'files/证书扫描.jpg', pages: [1] }], failed: [] })
    const pretty = io({ XDG_CACHE_HOME: home })
    expect(await main(['check', pkg, '--today', '2024-08-05', '--jobs', '1', '--no-ocr'], pretty)).toBe(quickExit)
    const text = pretty.out.join('')
    expect(text).not.toContain('✔ 通过')
    expect(text).toContain('盲评检查不完整：1 页扫描页没有读（--no-ocr）')
    expect(text).toContain('files/证书扫描.jpg 第 1 页')
    expect(readdirSync(join(home, 'zhicheng-check', 'facts')).length).toBe(2)
  })

  test('batch: one pool reads every package\'s scans; the leak is found in its own package only', { timeout: 180_000 }, async () => {
    const filler = await makePdf([{ text: 'x' }])
    const root = tempDir('batch-ocr')
    cpSync(makePackage({ 'files/证书扫描.jpg': await certificateScan('欧阳明远', '新疆××大学') }, filler), join(root, '甲'), { recursive: true })
    cpSync(makePackage({ 'files/证书扫描.jpg': await certificateScan('欧**', '████') }, filler), join(root, '乙'), { recursive: true })
    const args = ['batch', root, '--format', 'json', '--today', '2024-08-05', '--jobs', '1', '--no-cache']
    const byPackage = (e: { out: string[] }) =>
      Object.fromEntries(
        (JSON.parse(e.out.join('')) as { packages: Array<{ package: string; findings: Array<{ rule: string }> }> }).packages.map((p) => [
          p.package,
          p.findings.map((f) => f.rule).filter((r) => r.startsWith('redaction.')),
        ]),
      )
    const plain = io({})
    expect(await main(args, plain)).toBe(1)
    expect(byPackage(plain)).toEqual({ 甲: ['redaction.ocr-leak'], 乙: [] })
    expect(plain.out.join('')).not.toContain('欧阳明远')
    const quick = io({})
    await main([...args, '--no-ocr'], quick)
    expect(byPackage(quick)).toEqual({ 甲: [], 乙: [] })
  })
})
