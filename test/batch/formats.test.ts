import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, test } from 'vitest'
import { RULES } from '../../src/rules/index.js'
import { tmpDir } from '../helpers/tmp-package.js'
import { run, unitFolder } from './helpers.js'
import { chromiumDom, validateSarif } from './validate.js'
import { requires } from '../helpers/requires.js'

// Every batch format written to a file and read back by a real parser: csv-parse, exceljs, an XML
// parser, the SARIF 2.1.0 JSON Schema, and headless Chromium for the HTML. Over the examples and
// over a unit folder with broken packages, a zip and a GBK-named zip.

type Finding = { rule: string; severity: string; message: string; file?: string; page?: number; line?: number; column?: number }
type Entry = { package: string; manifest?: string; error?: string; summary: { errors: number; warnings: number }; findings: Finding[] }

const roots: Record<string, string> = { examples: 'examples' }
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-') }
const out = tmpDir('zc-formats-')
const batches: Record<string, { packages: Entry[] }> = {}

beforeAll(async () => {
  roots.unit = unitFolder().root
  for (const [name, root] of Object.entries(roots)) {
    const r = await run(['batch', root, '--today', '2024-08-05', '--format', 'json'], { env })
    expect(r.code).toBe(1)
    batches[name] = JSON.parse(r.stdout)
  }
}, 300_000)

async function write(root: string, format: string, name: string): Promise<string> {
  const file = join(out, `${name}.${format}`)
  const r = await run(['batch', roots[root]!, '--today', '2024-08-05', '--format', format, '--output', file], { env })
  expect(r.code).toBe(1)
  expect(r.stdout).toBe('')
  expect(r.stderr).toBe('')
  return file
}

describe.for(['examples', 'unit'])('batch %s', (root) => {
  test('csv: UTF-8 with BOM and CRLF; a row per package, read back by csv-parse', { timeout: 600_000 }, async () => {
    const bytes = readFileSync(await write(root, 'csv', `${root}-csv`))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toContain('\r\n')
    const rows: string[][] = parseCsv(bytes, { bom: true })
    const packages = batches[root]!.packages
    expect(rows[0]).toEqual(['申报包', '申报人', '系列', '申报职称', '结果', '错误', '警告', '提示', '文件数', '主要问题', '政策', '判断日期'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(packages.map((p) => p.package))
    for (const [i, p] of packages.entries()) {
      const row = rows[i + 1]!
      // The status starts with its rank, so the column sorts the packages to deal with first.
      expect(row[4]).toBe(p.error !== undefined ? '1 无法检查' : p.summary.errors > 0 ? '2 需修改' : '3 通过')
      // A package not checked has no count (empty), not 0.
      expect(row[5]).toBe(p.error !== undefined ? '' : String(p.summary.errors))
      if (p.error !== undefined) expect(row[9]).toBe(p.error)
      expect(row[11], 'the day the package was judged by').toBe('2024-08-05')
    }
  })

  test('xlsx: a summary sheet and a findings sheet, filters and frozen headers, read back by exceljs', { timeout: 600_000 }, async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await write(root, 'xlsx', `${root}-xlsx`))
    const [summary, findings] = [wb.getWorksheet('汇总')!, wb.getWorksheet('问题明细')!]
    const packages = batches[root]!.packages
    for (const ws of [summary, findings]) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(ws.autoFilter).toBeTruthy()
      expect(ws.getRow(1).font?.bold).toBe(true)
    }
    expect(summary.rowCount).toBe(packages.length + 1)
    expect(summary.getColumn(1).values.slice(2)).toEqual(packages.map((p) => p.package))
    const expectedFindings = packages.reduce((n, p) => n + (p.error !== undefined ? 1 : p.findings.length), 0)
    expect(findings.rowCount).toBe(expectedFindings + 1)
    const rules = findings.getColumn(4).values.slice(2) as string[]
    // A package not checked has one row, its rule cell empty.
    expect(rules.filter((r) => r !== null && r !== undefined)).toEqual(packages.flatMap((p) => p.findings.map((f) => f.rule)))
  })

  test('junit: one suite per package, one case per rule; read back by an XML parser', { timeout: 600_000 }, async () => {
    const xml = readFileSync(await write(root, 'junit', `${root}-junit`), 'utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml)
    const suites = doc.testsuites.testsuite as Array<{ name: string; tests: string; failures: string; errors: string; testcase: Array<{ name: string; classname: string; failure?: unknown; error?: { message: string } }> }>
    const packages = batches[root]!.packages
    expect(suites.map((s) => s.name)).toEqual(packages.map((p) => p.package))
    // A dot in a classname is a Java package to Jenkins: "王五.zip" must not become class "zip".
    if (root === 'unit') expect(packages.map((p) => p.package)).toContain('王五.zip')
    for (const s of suites) for (const c of s.testcase) expect(c.classname).toBe(s.name.replaceAll('.', '_'))
    for (const [i, p] of packages.entries()) {
      const s = suites[i]!
      if (p.error !== undefined) {
        expect(s.errors).toBe('1')
        expect(s.testcase[0]!.error!.message).toBe(p.error)
        continue
      }
      expect(s.testcase.map((c) => c.name)).toEqual(RULES.map((r) => r.id))
      const failing = new Set(p.findings.filter((f) => f.severity === 'error').map((f) => f.rule))
      expect(s.testcase.filter((c) => c.failure !== undefined).map((c) => c.name).sort()).toEqual([...failing].sort())
      expect(Number(s.failures)).toBe(failing.size)
    }
    expect(Number(doc.testsuites.tests)).toBe(suites.reduce((n, s) => n + s.testcase.length, 0))
  })

  test('sarif: valid against the SARIF 2.1.0 schema; results point at files and manifest lines', { timeout: 600_000 }, async () => {
    const log = JSON.parse(readFileSync(await write(root, 'sarif', `${root}-sarif`), 'utf8'))
    const v = validateSarif(log)
    expect(v.errors).toBe('[]')
    expect(v.valid).toBe(true)
    // the validator does reject what is not SARIF 2.1.0
    expect(validateSarif({ ...log, version: '2.0.0' }).valid).toBe(false)
    expect(validateSarif({ ...log, runs: [{ ...log.runs[0], results: [{ message: {}, level: 'fatal' }] }] }).valid).toBe(false)
    const packages = batches[root]!.packages
    const run0 = log.runs[0]
    const all = packages.flatMap((p) => p.findings.map((f) => ({ p, f })))
    expect(run0.results).toHaveLength(all.length)
    for (const [i, { p, f }] of all.entries()) {
      const r = run0.results[i]
      expect(r.ruleId).toBe(f.rule)
      expect(run0.tool.driver.rules[r.ruleIndex].id).toBe(f.rule)
      const loc = r.locations[0].physicalLocation
      const uri = decodeURIComponent(loc.artifactLocation.uri)
      if (f.file) expect(uri).toBe(`${p.package}/${f.file}`)
      else {
        expect(uri).toBe(`${p.package}/${p.manifest}`)
        if (f.line !== undefined) expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column })
      }
    }
    const notes = run0.invocations[0].toolExecutionNotifications ?? []
    expect(notes.map((n: { message: { text: string } }) => n.message.text)).toEqual(packages.filter((p) => p.error !== undefined).map((p) => `${p.package}: ${p.error}`))
  })

  test.skipIf(!requires('chromium'))('html: one self-contained file; Chromium shows a section for every package', { timeout: 600_000 }, async () => {
    const file = await write(root, 'html', `${root}-html`)
    const html = readFileSync(file, 'utf8')
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    expect(html).not.toMatch(/<script|<link /)
    const dom = chromiumDom(file)
    const packages = batches[root]!.packages
    const sections = [...dom.matchAll(/<section class="package" id="(pkg-\d+)" data-package="([^"]*)" data-status="(\w+)"/g)]
    expect(sections.map((m) => m[2])).toEqual(packages.map((p) => p.package))
    const rows = [...dom.matchAll(/<tr class="(pass|fail|unreadable)"><td><a href="#(pkg-\d+)">/g)]
    expect(rows.map((m) => m[2])).toEqual(sections.map((m) => m[1]))
    for (const [i, p] of packages.entries()) {
      expect(sections[i]![3]).toBe(p.error !== undefined ? 'unreadable' : p.summary.errors > 0 ? 'fail' : 'pass')
    }
    expect(dom).toContain('职称申报材料批量检查')
  })
})

describe('check --format junit|sarif (one package)', () => {
  test('junit: one suite, one case per rule', async () => {
    const r = await run(['check', 'examples/missing-pieces', '--today', '2024-08-05', '--format', 'junit'], { env })
    expect(r.code).toBe(1)
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(r.stdout)
    expect(doc.testsuites.testsuite).toHaveLength(1)
    expect(doc.testsuites.testsuite[0].name).toBe('examples/missing-pieces')
    expect(doc.testsuites.testsuite[0].testcase).toHaveLength(RULES.length)
    expect(doc.testsuites.testsuite[0].failures).toBe('3')
  })

  test('sarif: valid; manifest lines and files relative to the working folder', async () => {
    const r = await run(['check', 'examples/missing-pieces', '--today', '2024-08-05', '--format', 'sarif'], { env })
    expect(r.code).toBe(1)
    const log = JSON.parse(r.stdout)
    expect(validateSarif(log).valid).toBe(true)
    const uris = log.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri))
    expect(uris).toContain('examples/missing-pieces/manifest.yaml')
    expect(uris).toContain('examples/missing-pieces/files/附件/个人承诺书.pdf')
    expect(r.stdout).toContain('examples/missing-pieces/files/%E9%99%84%E4%BB%B6/')
  })
})
