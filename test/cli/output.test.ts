// --output as the applicant meets it (issue 18): refused inside the package with where it could go
// instead, one line on stderr saying where a written report is, and a report an earlier run left in
// the package (`zhicheng-check --format json > 报告.json` from inside it) is not an unnamed upload.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Finding } from '../../src/report/finding.js'
import { isOwnReport } from '../../src/fs/package-fs.js'
import { runCli } from '../helpers/run-cli.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'

const TODAY = ['--today', '2024-08-05', '--no-ocr']
/** One inspection cache for the file: every package here has the same scans, inspected once. */
const CACHE = tmpDir('zc-output-cache-')
const cli = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) => runCli(argv, { env: { XDG_CACHE_HOME: CACHE }, ...opts })

describe('--output inside the package: exit 2, and where it could go', { timeout: 120_000 }, () => {
  test('from inside the package: ../报告.html, nothing written', async () => {
    const dir = writePackage()
    const before = readdirSync(dir).sort()
    const r = await cli(['--format', 'html', '--output', '报告.html', ...TODAY], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('zhicheng-check: 不能把报告写进申报包（报告.html）：检查器从不改动申报包，请写到包外，如 --output ../报告.html\n')
    expect(readdirSync(dir).sort()).toEqual(before)
  })

  test('from the folder above, into a subfolder of the package: the name beside the package; in English too', async () => {
    const dir = writePackage()
    const r = await cli(['check', basename(dir), '--format', 'json', '--output', `${basename(dir)}/files/r.json`, ...TODAY, '--lang', 'en'], { cwd: dirname(dir) })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`zhicheng-check: will not write the report into the package (${basename(dir)}/files/r.json): write it outside, e.g. --output r.json\n`)
  })

  test('the suggestion itself is accepted: the report is written there', async () => {
    const dir = writePackage()
    const r = await cli(['check', dir, '--format', 'json', '--output', '../报告.json', ...TODAY], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(readFileSync(join(dirname(dir), '报告.json'), 'utf8')).tool).toBe('zhicheng-check')
  })
})

describe('a report written with --output: one line on stderr', { timeout: 120_000 }, () => {
  test('says where, relative to where the user stands; nothing on stdout', async () => {
    const dir = writePackage()
    const out = tmpDir()
    const r = await cli(['check', dir, '--format', 'json', '--output', 'r.json', ...TODAY], { cwd: out })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('zhicheng-check: 报告已写到 r.json\n')
    expect(existsSync(join(out, 'r.json'))).toBe(true)
  })

  test('far from the working folder: the absolute path', async () => {
    const dir = writePackage()
    const out = join(tmpDir(), 'deep', 'r.html')
    put(dirname(out), '.keep', '')
    const r = await cli(['check', dir, '--format', 'html', '--output', out, ...TODAY, '--lang', 'en'], { cwd: join(dir, 'files') })
    expect(r.stderr).toBe(`zhicheng-check: report written to ${out}\n`)
  })

  test('--quiet: nothing on stderr (quiet is errors only), the file is still written', async () => {
    const dir = writePackage()
    const out = join(tmpDir(), 'q.json')
    const r = await cli(['check', dir, '--format', 'json', '--output', out, '--quiet', ...TODAY])
    expect(r.stderr).toBe('')
    expect(existsSync(out)).toBe(true)
  })

  test('without --output: no such line', async () => {
    const r = await cli(['check', writePackage(), '--format', 'json', ...TODAY])
    expect(r.stderr).toBe('')
  })
})

describe("the tool's own reports left in the package are not unreferenced files", { timeout: 180_000 }, () => {
  const unreferenced = async (dir: string) => {
    const r = await cli(['check', dir, '--format', 'json', ...TODAY])
    return (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.rule === 'package.unreferenced-file').map((f) => f.file)
  }

  /** Each format as `zhicheng-check --format F > NAME` from inside the package would leave it. */
  async function reportsOf(dir: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {}
    for (const [name, args] of [
      ['报告.json', ['--format', 'json']],
      ['报告.html', ['--format', 'html']],
      ['report.sarif', ['--format', 'sarif']],
      ['report.xml', ['--format', 'junit']],
      ['报告.txt', []],
      ['report.txt', ['--lang', 'en']],
      ['report-en.html', ['--format', 'html', '--lang', 'en']],
    ] as const) {
      out[name] = (await cli(['check', dir, ...args, ...TODAY])).stdout
    }
    return out
  }

  test('every format, at the top of the package: silent', async () => {
    const dir = writePackage()
    const reports = await reportsOf(dir)
    for (const [name, text] of Object.entries(reports)) {
      expect(text.length, name).toBeGreaterThan(100)
      writeFileSync(join(dir, name), text)
    }
    expect(await unreferenced(dir)).toEqual([])
  })

  test('an applicant’s own file of the same name, or another tool’s JSON, still fires', async () => {
    const dir = writePackage()
    put(dir, '报告.json', '{"tool": "wps", "title": "述职报告"}\n')
    put(dir, '报告.html', '<!doctype html><title>我的述职报告</title>')
    put(dir, 'report.txt', '述职报告\n')
    expect(await unreferenced(dir)).toEqual(['report.txt', '报告.html', '报告.json'])
  })

  test('the edge: a report of the tool in a subfolder is not where a redirect lands, so it is listed', async () => {
    const dir = writePackage()
    const json = (await cli(['check', dir, '--format', 'json', ...TODAY])).stdout
    put(dir, 'files/报告.json', json)
    expect(await unreferenced(dir)).toEqual(['files/报告.json'])
  })

  test('isOwnReport: a UTF-8 BOM is tolerated; a report-looking word deep in a file is not enough', () => {
    expect(isOwnReport('\uFEFF{\n  "tool": "zhicheng-check",')).toBe(true)
    expect(isOwnReport('{"title": "x", "tool": "zhicheng-check"}')).toBe(false)
    expect(isOwnReport('<!doctype html><p>zhicheng-check</p>')).toBe(false)
  })
})
