import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { cli, expectSafeText, HANG_MS, scene, treeHash } from '../helpers.js'
import { pdfWithPages } from '../craft.js'

// The slow bombs of issue 15 (items 5 and 10), in their own vitest project (vitest.config.ts):
// small files that once took minutes and gigabytes. Each must be answered within the hang bound;
// how long it takes below that decides nothing.

const TODAY = ['--today', '2024-08-05']

describe('bombs', () => {
  test('a 1-page PDF drawing one scan 20 000 times: check --format html answers, the page is judged, the package untouched (item 5)', async () => {
    const s = scene()
    const jpeg = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f4f4f4' } }).greyscale().jpeg().toBuffer()
    const pdf = pdfWithPages(1, 'q 595 0 0 842 0 0 cm /Im0 Do Q\n'.repeat(20_000), { jpeg, width: 1240, height: 1754 })
    expect(pdf.length).toBeLessThan(200_000)
    writeFileSync(join(s.pkg, 'files/学位证书.pdf'), pdf)
    const before = treeHash(s.pkg)
    const r = await cli(['check', s.pkg, '--format', 'html', ...TODAY], s, { timeoutMs: HANG_MS * 2 })
    expect(r.hung).toBe(false)
    // Not rendered for OCR either (bounded by work): the page is named as not read, so no pass (exit 1).
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/<html/u)
    expect(r.stdout).toMatch(/学位证书\.pdf 第 1 页的扫描图像没有识别完成（too much drawing to read/u)
    // The page is still judged (a pale scan: blank); it only gets no picture.
    expect(r.stdout).toMatch(/学位证书\.pdf 第 1 页是空白页/u)
    expectSafeText(r.stdout, 'html')
    expect(treeHash(s.pkg)).toBe(before)
  }, HANG_MS * 3)

  test('a PDF past the operator bound gives byte-identical JSON run after run, uncached (item 10)', async () => {
    const s = scene()
    // 3 pages of 1 100 000 operators (a grey level set again and again: pdf.js merges paths, not
    // these): past the bound (2 000 000) after the second page, every time.
    writeFileSync(join(s.pkg, 'files/学位证书.pdf'), pdfWithPages(3, '0 g\n'.repeat(1_100_000)))
    const runs = []
    for (let i = 0; i < 2; i++) runs.push(await cli(['check', s.pkg, '--format', 'json', '--no-cache', ...TODAY], s, { timeoutMs: HANG_MS * 2 }))
    for (const r of runs) expect(r.hung).toBe(false)
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout)
    expect(runs[0]!.stdout).toMatch(/有 3 页，只检查了前 2 页/u)
  }, HANG_MS * 5)
})
