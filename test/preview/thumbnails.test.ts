import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { checkPackage } from '../../src/core/check-package.js'
import { PackageFs } from '../../src/fs/package-fs.js'
import type { FileFacts } from '../../src/inspect/facts.js'
import { renderThumbnails } from '../../src/preview/thumbnails.js'
import type { Finding } from '../../src/report/finding.js'
import { identityTerms } from '../../src/identity/match.js'
import { writeFaultyPackage } from '../helpers/faulty-package.js'
import { tmpDir } from '../helpers/tmp-package.js'

// The pictures of the HTML report: the page as it shows (a sideways scan stays sideways), small,
// the region of a blind-review finding marked, and nothing when a picture cannot be had.

async function decode(url: string) {
  expect(url).toMatch(/^data:image\/jpeg;base64,/)
  const img = sharp(Buffer.from(url.split(',')[1]!, 'base64'))
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true })
  let red = 0
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! > 190 && data[i + 1]! < 90 && data[i + 2]! < 130) red++
  return { width: info.width, height: info.height, red }
}

describe('thumbnails', () => {
  test('one per page with a finding: sideways stays sideways, the covered name is framed, a leak is hidden', { timeout: 60_000 }, async () => {
    const dir = await writeFaultyPackage()
    const { report, facts, pkg, manifest } = await checkPackage(dir, { today: '2024-08-05', lang: 'zh', cwd: dir, jobs: 2, cacheDir: null })
    const thumbs = await renderThumbnails(report.findings, { pkg, facts, terms: identityTerms(manifest.data?.applicant) })
    const byRule = (rule: string) => {
      const i = report.findings.findIndex((f) => f.rule === rule)
      expect(i, rule).toBeGreaterThanOrEqual(0)
      return thumbs.get(i)
    }
    // Only findings about a file get one.
    for (const [i] of thumbs) expect(report.findings[i]!.file).toBeDefined()

    const rotated = await decode(byRule('scan.rotated')!)
    expect(rotated.width).toBe(300)
    expect(rotated.width).toBeGreaterThan(rotated.height) // an A4 portrait page set to /Rotate 90 shows landscape

    const blurred = await decode(byRule('scan.blurry')!)
    expect(blurred.width).toBe(300)

    const covered = await decode(byRule('redaction.covered-text')!)
    expect(covered.red, 'a red frame around the box').toBeGreaterThan(150)

    const leak = byRule('redaction.text-leak')
    if (leak) {
      // The signature's run holds the name in plain text: the picture covers it, not only frames it.
      const shown = await decode(leak)
      expect(shown.red).toBeGreaterThan(covered.red)
    }
  })

  test('a photo is shown as stored: its EXIF orientation is not applied', async () => {
    const dir = tmpDir('zc-thumb-')
    const wide = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#f0f0f0' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer()
    writeFileSync(join(dir, 'photo.jpg'), wide)
    const facts = new Map<string, FileFacts>([
      ['photo.jpg', { path: 'photo.jpg', exists: true, declaredExt: 'jpg', sizeBytes: wide.length, scan: { kind: 'jpeg', readable: true, pageCount: 1, exif: { orientation: 6, dpiX: null, dpiY: null }, pages: [] } }],
    ])
    const finding: Finding = { rule: 'scan.rotated', severity: 'error', message: '', fix: '', file: 'photo.jpg' }
    const thumbs = await renderThumbnails([finding], { pkg: new PackageFs(dir), facts })
    const img = await decode(thumbs.get(0)!)
    expect(img.width).toBeGreaterThan(img.height)
  })

  test('a file that cannot be drawn, or past the bound, gets no picture and no error', async () => {
    const dir = tmpDir('zc-thumb-')
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.4 not really')
    writeFileSync(join(dir, 'a.jpg'), await sharp({ create: { width: 400, height: 600, channels: 3, background: '#fff' } }).jpeg().toBuffer())
    writeFileSync(join(dir, 'b.jpg'), await sharp({ create: { width: 400, height: 600, channels: 3, background: '#eee' } }).jpeg().toBuffer())
    const scan = (kind: 'pdf' | 'jpeg') => ({ kind, readable: true, pageCount: 1, pages: [] })
    const facts = new Map<string, FileFacts>([
      ['broken.pdf', { path: 'broken.pdf', exists: true, declaredExt: 'pdf', sizeBytes: 20, scan: scan('pdf') }],
      ['a.jpg', { path: 'a.jpg', exists: true, declaredExt: 'jpg', sizeBytes: 1000, scan: scan('jpeg') }],
      ['b.jpg', { path: 'b.jpg', exists: true, declaredExt: 'jpg', sizeBytes: 1000, scan: scan('jpeg') }],
      ['gone.pdf', { path: 'gone.pdf', exists: false, declaredExt: 'pdf' }],
    ])
    const f = (file: string): Finding => ({ rule: 'scan.blurry', severity: 'warning', message: '', fix: '', file })
    const thumbs = await renderThumbnails([f('broken.pdf'), f('gone.pdf'), f('a.jpg'), f('a.jpg'), f('b.jpg')], { pkg: new PackageFs(dir), facts, max: 2 })
    expect([...thumbs.keys()]).toEqual([2, 3]) // broken: none; gone: none; a.jpg twice, one picture; b.jpg past the bound
    expect(thumbs.get(2)).toBe(thumbs.get(3))
  })
})
