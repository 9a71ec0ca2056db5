import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { addElsewhereFindings, findElsewhere, type AcrossStats } from '../../src/report/batch-across.js'
import type { PackageReport } from '../../src/report/batch.js'
import { EMPTY_OCR } from '../../src/report/finding.js'
import { scanSameElsewhere } from '../../src/rules/scan/elsewhere.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { run } from './helpers.js'

// Across applicants: the same scan (the same bytes, or the same picture saved again) in two
// packages is a warning in both rows (scan.same-elsewhere); another certificate from the same
// template is not.

coverMessages([scanSameElsewhere])

const TODAY = ['--today', '2024-08-05']
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-across-') }
type F = { rule: string; file?: string; page?: number; message: string; severity: string }
type P = { package: string; summary: { warnings: number }; findings: F[] }

/**
 * A certificate page: a frame, a title, lines of text, a seal. Another holder's certificate from
 * the same template differs where a real one does: the name, the birth date, the number.
 */
function certificate(name: string, born: string, number: string, widthPx = 1240): Promise<Buffer> {
  const h = Math.round(widthPx * 1.414)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${h}" viewBox="0 0 1240 1754">
<rect width="1240" height="1754" fill="#fbfaf5"/><rect x="60" y="60" width="1120" height="1634" fill="none" stroke="#8a6d3b" stroke-width="14"/>
<text x="620" y="260" font-size="96" text-anchor="middle" font-family="WenQuanYi Micro Hei" fill="#7a1f1f">学位证书</text>
<text x="160" y="520" font-size="52" font-family="WenQuanYi Micro Hei" fill="#222">${name}，女，${born}生，在本校</text>
<text x="160" y="620" font-size="52" font-family="WenQuanYi Micro Hei" fill="#222">新闻学专业完成了硕士研究生课程的学习，</text>
<text x="160" y="720" font-size="52" font-family="WenQuanYi Micro Hei" fill="#222">成绩合格，授予文学硕士学位。</text>
<text x="160" y="1300" font-size="44" font-family="WenQuanYi Micro Hei" fill="#222">证书编号：${number}</text>
<circle cx="900" cy="1400" r="150" fill="none" stroke="#c0392b" stroke-width="12"/>
</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer()
}

function packageWith(root: string, name: string, files: Record<string, Buffer>): void {
  const achievements = [{ title: '代表作一', file: 'files/业绩/代表作一.pdf' }, ...Object.keys(files).map((f, i) => ({ title: `证书${i + 1}`, file: f }))]
  const dir = writePackage({ set: { achievements } })
  for (const [rel, bytes] of Object.entries(files)) put(dir, rel, bytes)
  cpSync(dir, join(root, name), { recursive: true })
}

describe('the same scan in two applicants’ packages', () => {
  test('a copied certificate (same bytes) is flagged in both rows, and in no other', { timeout: 600_000 }, async () => {
    const root = tmpDir('zc-across-bytes-')
    const copied = await certificate('王小丽', '1985 年 3 月', '102842320100017')
    packageWith(root, '甲', { 'files/证书/学位.jpg': copied })
    packageWith(root, '乙', { 'files/证书/拿来的.jpg': copied })
    packageWith(root, '丙', { 'files/证书/学位.jpg': await certificate('李红梅', '1979 年 11 月', '106512201300482') })
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json'], { env })
    const batch = JSON.parse(r.stdout)
    const own = (name: string) => (batch.packages as P[]).find((p) => p.package === name)!.findings.filter((f) => f.rule === 'scan.same-elsewhere' && f.file?.startsWith('files/证书/'))
    expect(own('甲').map((f) => f.message)).toEqual(['files/证书/学位.jpg 与其他申报包里的文件完全相同（同一份文件）：乙：files/证书/拿来的.jpg'])
    expect(own('乙').map((f) => f.message)).toEqual(['files/证书/拿来的.jpg 与其他申报包里的文件完全相同（同一份文件）：甲：files/证书/学位.jpg'])
    expect(own('丙')).toEqual([])
    expect(own('甲')[0]).toMatchObject({ severity: 'warning', clause: '四（二）', fix: expect.stringContaining('核对这份材料是不是申报人本人的') })
    // A warning: who passed still passes.
    expect(batch.summary.failed).toBe(0)
    // The pretty table and the CSV say it too.
    const csv = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'csv'], { env })
    expect(csv.stdout).toContain('与其他申报包里的文件完全相同')
  })

  test('the same picture saved again (another quality and size) is flagged in both; another name on the same template is not', { timeout: 600_000 }, async () => {
    const root = tmpDir('zc-across-picture-')
    const original = await certificate('王小丽', '1985 年 3 月', '102842320100017')
    const again = await sharp(original).resize(900).jpeg({ quality: 45 }).toBuffer()
    packageWith(root, '甲', { 'files/证书/学位.jpg': original })
    packageWith(root, '乙', { 'files/证书/学位.jpg': again })
    packageWith(root, '丙', { 'files/证书/学位.jpg': await certificate('李红梅', '1979 年 11 月', '106512201300482') })
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json'], { env })
    const batch = JSON.parse(r.stdout)
    const own = (name: string) => (batch.packages as P[]).find((p) => p.package === name)!.findings.filter((f) => f.rule === 'scan.same-elsewhere' && f.file?.startsWith('files/证书/'))
    expect(own('甲').map((f) => [f.page, f.message])).toEqual([[1, 'files/证书/学位.jpg 第 1 页与其他申报包里的页面是同一张图（重新保存或压缩过）：乙：files/证书/学位.jpg 第 1 页']])
    expect(own('乙').map((f) => f.message)).toEqual(['files/证书/学位.jpg 第 1 页与其他申报包里的页面是同一张图（重新保存或压缩过）：甲：files/证书/学位.jpg 第 1 页'])
    expect(own('丙')).toEqual([])
  })
})

describe('from the reports alone (what merge has)', () => {
  const pkg = (name: string, files: PackageReport['files']): PackageReport => ({
    tool: 'zhicheng-check',
    version: 't',
    policy: 'aksu-2024',
    package: name,
    summary: { errors: 0, warnings: 0, infos: 0, files: files!.length, ocr: EMPTY_OCR },
    findings: [],
    files,
  })
  /** A picture hash as fingerprint.ts writes it: 24×24 cells, base64url; `seed` draws the ink, `jitter` is saving it again. */
  const hash = (seed: number, jitter = 0) => {
    let x = seed * 2654435761
    const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32)
    const ink = next() * 0.3
    return Buffer.from(Array.from({ length: 576 }, (_, i) => (next() < ink ? 40 + Math.floor(next() * 150) : 250) - (i % 5 === 0 ? jitter : 0))).toString('base64url')
  }

  test('more than five others: counted, five named; the same file twice in one package is not "elsewhere"', () => {
    const packages = Array.from({ length: 8 }, (_, i) => pkg(`单位/${i}`, [{ file: 'files/a.pdf', sha256: 'aa' }, { file: 'files/b.pdf', sha256: `own${i}` }]))
    packages.push(pkg('单位/twice', [{ file: 'files/x.pdf', sha256: 'xx' }, { file: 'files/y.pdf', sha256: 'xx' }]))
    const out = addElsewhereFindings(packages, 'zh', false)
    expect(out[0]!.findings.map((f) => f.message)).toEqual([
      'files/a.pdf 与其他申报包里的 7 个文件完全相同（同一份文件），如：单位/1：files/a.pdf、单位/2：files/a.pdf、单位/3：files/a.pdf、单位/4：files/a.pdf、单位/5：files/a.pdf',
    ])
    expect(out[0]!.summary.warnings).toBe(1)
    expect(out[8]!.findings).toEqual([])
    // --quiet: the list keeps errors only, the count still counts it.
    const quiet = addElsewhereFindings(packages, 'zh', true)
    expect(quiet[0]!.findings).toEqual([])
    expect(quiet[0]!.summary.warnings).toBe(1)
  })

  test('pictures: a page in seven packages is samePictureMany; pages that differ are not compared with everything', () => {
    const packages = Array.from({ length: 7 }, (_, i) => pkg(`p${i}`, [{ file: 'files/c.jpg', sha256: `c${i}`, pages: [hash(1, i % 3)] }]))
    const stats: AcrossStats = { compared: 0, pages: 0, buckets: 0, largestBucket: 0 }
    const out = addElsewhereFindings(packages, 'en', false, stats)
    expect(out[0]!.findings.map((f) => [f.rule, f.page, f.message])).toEqual([
      ['scan.same-elsewhere', 1, 'page 1 of files/c.jpg is the same picture (saved again or recompressed) as 6 pages in other packages, e.g.: p1: files/c.jpg p. 1, p2: files/c.jpg p. 1, p3: files/c.jpg p. 1, p4: files/c.jpg p. 1, p5: files/c.jpg p. 1'],
    ])
    expect(stats.compared).toBe(21)
    // 200 different pictures: grouped by sketch, far fewer comparisons than the 19 900 pairs.
    const many = Array.from({ length: 200 }, (_, i) => pkg(`q${i}`, [{ file: 'f.jpg', sha256: `d${i}`, pages: [hash(i + 2)] }]))
    const s2: AcrossStats = { compared: 0, pages: 0, buckets: 0, largestBucket: 0 }
    expect(findElsewhere(many, 'zh', s2).size).toBe(0)
    expect(s2.pages).toBe(200)
    expect(s2.compared).toBeLessThan(19_900 / 4)
  })
})
