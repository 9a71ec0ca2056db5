import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { inspectFiles } from '../../src/inspect/inspect-package.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { makeZip } from '../helpers/zip.js'
import { cli, scene, treeHash } from './helpers.js'
import { jpegClaiming, pdfWithPages } from './craft.js'

// Crafted files (items 4, 10 and the polyglot of issue 15), small enough to run on every test run.

const TODAY = ['--today', '2024-08-05']
type Report = { findings: Array<{ rule: string; file?: string; message: string }> }

describe('decoded size comes from the codec, not the dictionary (item 4)', () => {
  test('a PDF whose image says 100×100 but whose JPEG says 30000×30000 is refused before decoding', async () => {
    const s = scene()
    const pdf = pdfWithPages(1, 'q 595 0 0 842 0 0 cm /Im0 Do Q', { jpeg: await jpegClaiming(30000, 30000), width: 100, height: 100 })
    writeFileSync(join(s.pkg, 'files/学位证书.pdf'), pdf)
    const before = treeHash(s.pkg)
    const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)
    expect(r.hung).toBe(false)
    expect(r.code).toBe(1)
    const f = (JSON.parse(r.stdout) as Report).findings.find((x) => x.file === 'files/学位证书.pdf')
    expect(f).toMatchObject({ rule: 'scan.unreadable' })
    expect(f!.message).toMatch(/30000×30000/u)
    expect(treeHash(s.pkg)).toBe(before)
  })
})

describe('a bound that fires gives the same facts every time (item 10)', () => {
  test('pages past the work bound are left the same way, whatever the workers and the load', async () => {
    const s = scene()
    const file = join(s.base, 'many.pdf')
    // 12 pages of drawing operators; a bound of 100 operators stops part way, at the same page every time.
    writeFileSync(file, pdfWithPages(12, '0 0 m 10 10 l S\n'.repeat(20)))
    const limits = { ...DEFAULT_LIMITS, maxOperators: 100 }
    const runs = await Promise.all([1, 2, 1].map((jobs) => inspectFiles([{ rel: 'many.pdf', abs: file }], { jobs, cache: null, limits })))
    const facts = runs.map((m) => m.get('many.pdf')!)
    expect(facts[0]!.scan).toMatchObject({ pageCount: 12, limit: { kind: 'work', max: 100 } })
    expect(facts[0]!.scan!.pagesInspected).toBeGreaterThan(0)
    expect(facts[0]!.scan!.pagesInspected).toBeLessThan(12)
    expect(facts[1]).toEqual(facts[0])
    expect(facts[2]).toEqual(facts[0])
  })
})

describe('a file that is two things at once', () => {
  test('a PDF with a ZIP appended (polyglot) is scan.type-mismatch', async () => {
    const s = scene()
    const pdf = readFileSync(join(s.pkg, 'files/学位证书.pdf'))
    writeFileSync(join(s.pkg, 'files/学位证书.pdf'), Buffer.concat([pdf, makeZip([{ name: 'payload.exe', data: 'MZ' }])]))
    const jpg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg().toBuffer()
    writeFileSync(join(s.pkg, 'files/普通话证书.jpg'), Buffer.concat([jpg, makeZip([{ name: 'a.txt', data: 'x' }])]))
    const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)
    const rules = (JSON.parse(r.stdout) as Report).findings.filter((x) => x.rule === 'scan.type-mismatch')
    expect(rules.map((x) => [x.file, /ZIP/u.test(x.message)])).toEqual([
      ['files/学位证书.pdf', true],
      ['files/普通话证书.jpg', true],
    ])
  })

  test('an ordinary PDF is not one', async () => {
    const s = scene()
    const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/ZIP/u)
  })
})
