import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test, vi } from 'vitest'
import { renderXlsx } from '../../src/report/xlsx.js'
import { CATALOGUE } from '../../src/cli/catalogue.js'
import type { BatchReport } from '../../src/report/batch.js'
import { runCli } from '../helpers/run-cli.js'
import { makeZip } from '../helpers/zip.js'
import { expectSafeText, filesUnder, scene, treeHash } from './helpers.js'

// Items 6 and 7 of issue 15 (and XLSX bytes): the name and employer hide in unlisted file names
// (spaced, Traditional, full-width, pinyin joined by _) and in a name_variants written as one
// string; terminal escapes and bidi overrides hide in manifest values, file names and zip entry
// names. No output of any format may show either.

const TODAY = ['--today', '2024-08-05']
const ESCAPES = '\x1b[2J\x1b[H\x1b]0;owned\x07\r✔ PASS\u202e'

function hostilePackage() {
  const s = scene()
  const env = { XDG_CACHE_HOME: join(s.home, 'cache'), XDG_CONFIG_HOME: join(s.home, 'config') }
  for (const name of ['欧 阳 明 远.pdf', '歐陽明遠-简历.pdf', 'ouyang_mingyuan.jpg', 'ＯＵＹＡＮＧ ＭＩＮＧＹＵＡＮ.pdf', '阿克苏地区融媒体中心.pdf', `files/${ESCAPES}gpj.pdf`]) {
    writeFileSync(join(s.pkg, name), 'not a scan')
  }
  const manifest = join(s.pkg, 'manifest.yaml')
  writeFileSync(
    manifest,
    readFileSync(manifest, 'utf8')
      .replace(/^ {2}name_variants: .*$/mu, '  name_variants: Ouyang Mingyuan')
      .replace(/^ {4}code: .*$/mu, '    code: "\\e]8;;http://evil\\a点我\\e]8;;\\a\\u202E"')
      .replace(/^ {2}commitment: .*$/mu, '  commitment: "files/\\e[31m承诺\\r\\u202E.pdf"'),
  )
  return { s, env }
}

describe('no full name and no raw control character, in any format (items 6, 7)', () => {
  test('check: pretty, json, html, junit, sarif, and stderr', async () => {
    const { s, env } = hostilePackage()
    const before = treeHash(s.pkg)
    for (const format of ['pretty', 'json', 'html', 'junit', 'sarif']) {
      for (const lang of ['zh', 'en']) {
        const r = await runCli(['check', s.pkg, '--format', format, '--lang', lang, ...TODAY], { cwd: s.base, env })
        expect(r.code, `${format} ${r.stderr}`).toBe(1)
        expectSafeText(r.stdout, `check --format ${format} --lang ${lang}`)
        expectSafeText(r.stderr, `check --format ${format} stderr`)
        if (format === 'json') {
          const files = (JSON.parse(r.stdout) as { findings: Array<{ file?: string; message: string }> }).findings.map((f) => f.file ?? f.message)
          // Each of the hostile names and values is there (masked or escaped), not left out.
          expect(files.filter((f) => /\\x1b|\\u202e/u.test(f)).length).toBeGreaterThanOrEqual(3)
          expect(files.filter((f) => /欧\*\*|歐\*\*|o\*\*|Ｏ\*\*|阿克苏\*\*\*\*中心/u.test(f)).length).toBeGreaterThanOrEqual(5)
        }
      }
    }
    expect(treeHash(s.pkg)).toBe(before)
  })

  test('batch: every format, --reports, a zip with hostile entry names; XLSX bytes do not depend on the clock', async () => {
    const { s, env } = hostilePackage()
    const manifest = readFileSync(join(s.pkg, 'manifest.yaml'))
    writeFileSync(
      join(s.base, `${ESCAPES}.zip`),
      makeZip([
        { name: 'manifest.yaml', data: manifest },
        ...filesUnder(s.pkg).filter((f) => f.startsWith('files/')).map((f) => ({ name: f, data: readFileSync(join(s.pkg, f)) })),
        { name: `files/${ESCAPES}欧阳明远.pdf`, data: 'x' },
      ]),
    )
    // Its manifest is never read, so its applicant is unknown: only the escapes are tested here.
    writeFileSync(join(s.base, 'slip.zip'), makeZip([{ name: `../${ESCAPES}.txt`, data: 'x' }]))
    const before = [treeHash(s.pkg), treeHash(s.sibling)]
    let json = ''
    for (const format of ['pretty', 'json', 'csv', 'html', 'junit', 'sarif']) {
      const r = await runCli(['batch', s.base, '--format', format, ...TODAY], { cwd: s.base, env })
      expect(r.code, r.stderr).toBe(1)
      expectSafeText(r.stdout, `batch --format ${format}`)
      expectSafeText(r.stderr, `batch --format ${format} stderr`)
      if (format === 'json') json = r.stdout
    }
    const reports = join(s.out, 'reports')
    const r = await runCli(['batch', s.base, '--format', 'xlsx', '--output', join(s.out, 't.xlsx'), '--reports', reports, ...TODAY], { cwd: s.base, env })
    expect(r.code).toBe(1)
    for (const f of filesUnder(reports)) {
      expectSafeText(f, 'a report file name')
      expectSafeText(readFileSync(join(reports, f), 'utf8'), `--reports ${f}`)
    }
    expectSafeText(await xlsxText(readFileSync(join(s.out, 't.xlsx'))), 'xlsx')
    expect([treeHash(s.pkg), treeHash(s.sibling)]).toEqual(before)

    const batch = JSON.parse(json) as BatchReport
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2031-01-01T01:02:03Z'))
      const a = await renderXlsx(batch, { lang: 'zh', today: '2024-08-05', catalogue: CATALOGUE })
      vi.setSystemTime(new Date('2033-07-09T11:12:13Z'))
      const b = await renderXlsx(batch, { lang: 'zh', today: '2024-08-05', catalogue: CATALOGUE })
      expect(a.equals(b)).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })
})

/** Every cell's text of every sheet. */
async function xlsxText(bytes: Buffer): Promise<string> {
  const { default: Excel } = await import('exceljs')
  const wb = new Excel.Workbook()
  await wb.xlsx.load(bytes as never)
  const out: string[] = []
  wb.eachSheet((ws) => {
    out.push(ws.name)
    ws.eachRow((row) => row.eachCell((c) => void out.push(String(c.text))))
  })
  expect(out.join('\n')).toMatch(/scan\.|manifest\./u)
  return out.join('\n')
}
