import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import type { Report } from '../../src/report/finding.js'
import { renderHtml } from '../../src/report/html.js'
import { CATALOGUE } from '../../src/cli/catalogue.js'
import { jpegSize, planFigures } from '../../src/report/html-figures.js'

// Identical thumbnails of the same page for several findings are written once in the HTML report
// and referenced (issue 18).

const jpeg = async (width: number, height: number, progressive = false) =>
  `data:image/jpeg;base64,${(await sharp({ create: { width, height, channels: 3, background: '#eee' } }).jpeg({ progressive }).toBuffer()).toString('base64')}`

const report = (n: number): Report => ({
  tool: 'zhicheng-check',
  version: '0',
  policy: 'aksu-2024',
  today: '2024-08-05',
  package: 'p',
  summary: { errors: n, warnings: 0, infos: 0, files: 1, ocr: { pages: 0, read: 0, notRead: [], failed: [] } },
  findings: Array.from({ length: n }, (_, i) => ({ rule: 'redaction.text-leak', severity: 'error' as const, message: `m${i}`, fix: 'f', file: 'files/a.pdf', page: 1 })),
})
const header = { manifestFile: 'manifest.yaml' }
const count = (text: string, part: string) => text.split(part).length - 1

describe('a picture shared by several findings', () => {
  test('three findings, one picture: the picture is in the page once, each finding shows it', async () => {
    const url = await jpeg(300, 424)
    const html = renderHtml(report(3), { lang: 'zh', header, catalogue: CATALOGUE, thumbnails: new Map([[0, url], [1, url], [2, url]]) })
    expect(count(html, url.slice(0, 200))).toBe(1)
    expect(count(html, '<use href="#pic-1"/>')).toBe(3)
    expect(count(html, '<image id="pic-1" width="300" height="424"')).toBe(1)
    expect(count(html, '<img ')).toBe(0)
    // The verdict is still the first thing on the page; the shared pictures come last.
    expect(html.indexOf('class="verdict')).toBeLessThan(html.indexOf('<svg class="pics"'))
    expect(html.trimEnd().lastIndexOf('<svg class="pics"')).toBeGreaterThan(html.lastIndexOf('<article'))
  })

  test('must stay as before: different pictures are plain <img>, and no sprite is written', async () => {
    const a = await jpeg(300, 424)
    const b = await jpeg(300, 200)
    const html = renderHtml(report(2), { lang: 'zh', header, catalogue: CATALOGUE, thumbnails: new Map([[0, a], [1, b]]) })
    expect(count(html, '<img ')).toBe(2)
    expect(html).not.toContain('<use ')
    expect(html).not.toContain('class="pics"')
  })

  test('the edge: a shared picture whose size cannot be read stays an <img> each time; ids follow the findings’ order', async () => {
    const png = `data:image/png;base64,${(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer()).toString('base64')}`
    const f = planFigures(new Map([[0, png], [1, png]]))
    expect(f.sprite).toBe('')
    expect(f.figure(1, 'x')).toMatch(/^<figure><img /)
    const a = await jpeg(30, 40)
    const b = await jpeg(50, 60, true)
    const g = planFigures(new Map([[3, b], [0, a], [1, a], [2, b]]))
    expect(g.figure(0, '')).toContain('#pic-1')
    expect(g.figure(3, '')).toContain('#pic-2')
    expect(g.figure(9, '')).toBe('')
  })

  test('jpegSize reads baseline and progressive JPEGs, and nothing else', async () => {
    expect(jpegSize(await jpeg(123, 45))).toEqual({ width: 123, height: 45 })
    expect(jpegSize(await jpeg(64, 99, true))).toEqual({ width: 64, height: 99 })
    expect(jpegSize('data:image/jpeg;base64,AAAA')).toBeUndefined()
    expect(jpegSize('https://example.com/a.jpg')).toBeUndefined()
  })
})
