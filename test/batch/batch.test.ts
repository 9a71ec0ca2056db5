import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkBatch, findPackages } from '../../src/core/check-batch.js'
import { checkPackage } from '../../src/core/check-package.js'
import { reportNames } from '../../src/cli/commands/batch.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { run, sizes, unitFolder, zipOf } from './helpers.js'

const TODAY = ['--today', '2024-08-05']
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// One cache for the runs over the examples: the first run fills it, the others are quick.
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-') }
type Entry = { package: string; error?: string; summary: { errors: number; files: number }; findings: Array<{ rule: string }>; applicant?: { name?: string } }

describe('batch over the examples', () => {
  test('one entry per example, in path order; byte-identical JSON with --jobs 1 and 2, cold and warm', { timeout: 900_000 }, async () => {
    const cold = await run(['batch', 'examples', ...TODAY, '--format', 'json', '--jobs', '2'], { env })
    const warm = await run(['batch', 'examples', ...TODAY, '--format', 'json', '--jobs', '1'], { env })
    const nocache = await run(['batch', 'examples', ...TODAY, '--format', 'json', '--no-cache'], { env: {} })
    expect(cold.stderr).toBe('')
    expect(cold.code).toBe(1)
    expect(warm.stdout).toBe(cold.stdout)
    expect(nocache.stdout).toBe(cold.stdout)
    const batch = JSON.parse(cold.stdout)
    // The contract only grows: `today` (the day judged by) was added after `policy`.
    expect(Object.keys(batch)).toEqual(['tool', 'version', 'policy', 'today', 'summary', 'packages'])
    expect(batch.today).toBe('2024-08-05')
    expect(batch.packages.every((p: Entry & { today?: string }) => p.today === '2024-08-05')).toBe(true)
    const examples = readdirSync('examples', { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'ci') // ci/: the CI recipes, no scans, not a row
      .map((e) => e.name)
      .sort(byCodePoint)
    expect(batch.packages.map((p: Entry) => p.package)).toEqual(examples)
    expect(batch.summary.packages).toBe(examples.length)
    expect(batch.summary.passed + batch.summary.failed + batch.summary.unreadable).toBe(examples.length)
    // each entry is the package's own report (but for its path, relative to ROOT)
    const clean = await checkPackage('examples/clean', { today: '2024-08-05', lang: 'zh', cwd: process.cwd(), cacheDir: null })
    const entry = batch.packages.find((p: Entry) => p.package === 'clean')
    // … plus the warnings only a batch can give: the examples share their scans (scan.same-elsewhere).
    const own = entry.findings.filter((f: { rule: string }) => f.rule !== 'scan.same-elsewhere')
    expect(own).toEqual(clean.report.findings)
    expect(entry.findings.length - own.length).toBeGreaterThan(0)
    expect(entry.summary).toEqual({ ...clean.report.summary, warnings: clean.report.summary.warnings + entry.findings.length - own.length })
    expect(entry.applicant).toEqual({ name: '欧**', series: '新闻', title: '主任编辑' })
    expect(cold.stdout).not.toContain('欧阳明远')
  })

  test('the terminal table: a row per package, totals, most frequent rules; no colour off a terminal', { timeout: 600_000 }, async () => {
    const r = await run(['batch', 'examples', ...TODAY], { env })
    expect(r.code).toBe(1)
    expect(r.stdout).not.toMatch(/\x1b\[/)
    for (const name of ['clean', 'missing-pieces', 'shenbao-yaml']) expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'))
    const s = JSON.parse((await run(['batch', 'examples', ...TODAY, '--format', 'json'], { env })).stdout).summary
    expect(r.stdout).toContain(`共 ${s.packages} 个申报包：${s.passed} 个通过，${s.failed} 个需修改，0 个无法检查`)
    expect(r.stdout).toMatch(/最常见的问题：/)
    expect(r.stdout).toMatch(/古\*\*/)
    const en = await run(['batch', 'examples', ...TODAY, '--lang', 'en'], { env })
    expect(en.stdout).toContain(`${s.packages} package(s): ${s.passed} pass, ${s.failed} to fix, 0 not checked`)
  })
})

describe('a unit folder with broken packages and zips', () => {
  test('every package is a row; broken ones carry their one-line error; the batch goes on; exit 1', { timeout: 600_000 }, async () => {
    const { root, good } = unitFolder()
    const before = sizes(root)
    const r = await run(['batch', root, ...TODAY, '--format', 'json'], { env })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    const batch = JSON.parse(r.stdout)
    const names = batch.packages.map((p: Entry) => p.package)
    const expected = ['坏清单', '清单是文件夹', '王五.zip', '第一科室/001', '第二科室/二组/李四', '赵六（GBK）.zip', '越界.zip', '空压缩包.zip'].sort(byCodePoint)
    expect(names).toEqual(expected)
    const get = (name: string): Entry => batch.packages.find((p: Entry) => p.package === name)
    expect(get('坏清单').error).toMatch(/^manifest\.yaml 第 \d+ 行第 \d+ 列不是有效的 YAML：/)
    // A manifest that is a folder is not read (it is not a regular file): one line, not a crash.
    expect(get('清单是文件夹').error).toBe('无法读取 manifest.yaml：它是一个文件夹')
    expect(get('越界.zip').error).toBe('越界.zip 里的“../../evil.txt”指向压缩包以外（绝对路径或 ..），为安全起见不解压：请重新压缩申报包文件夹')
    expect(get('空压缩包.zip').error).toMatch(/^空压缩包\.zip 里没有 manifest\.yaml 或 申报\.yaml/)
    for (const name of ['坏清单', '清单是文件夹', '越界.zip', '空压缩包.zip']) {
      expect(get(name).findings).toEqual([])
      expect(get(name).error!.split('\n')).toHaveLength(1)
    }
    expect(batch.summary.unreadable).toBe(4)
    // no absolute path, not even in a crash message
    expect(r.stdout).not.toContain(root)
    expect(r.stdout).not.toContain(tmpdir())
    // the zips, UTF-8 and GBK names alike, are the same package as the folder they were made from
    const folder = await checkPackage(good, { today: '2024-08-05', lang: 'zh', cwd: good, cacheDir: null })
    expect(folder.report.summary.errors).toBe(0)
    // (but for the warnings a batch adds: the folder and its zips hold the same scans, scan.same-elsewhere)
    for (const zip of ['王五.zip', '赵六（GBK）.zip']) {
      expect(get(zip).error).toBeUndefined()
      const own = get(zip).findings.filter((f) => f.rule !== 'scan.same-elsewhere')
      const across = get(zip).findings.length - own.length
      expect(across).toBeGreaterThan(0)
      expect(own).toEqual(folder.report.findings)
      expect(get(zip).summary).toEqual({ ...folder.report.summary, warnings: folder.report.summary.warnings + across })
    }
    expect(get('第二科室/二组/李四').findings.map((f) => f.rule)).toContain('mandarin.grade')
    // nothing under ROOT changed, nothing extracted there
    expect(sizes(root)).toEqual(before)
    expect(existsSync(join(root, '..', 'evil.txt'))).toBe(false)
  })

  test('zips are read in place: nothing of them is written to the temp folder, at any point', { timeout: 600_000 }, async () => {
    const { root } = unitFolder()
    const temp = tmpDir('zc-temp-')
    const seen: string[] = []
    const before = process.env.TMPDIR
    process.env.TMPDIR = temp
    let result
    try {
      result = await checkBatch(root, {
        today: '2024-08-05',
        lang: 'zh',
        jobs: 2,
        cacheDir: null,
        onProgress: () => void seen.push(...readdirSync(temp)),
      })
    } finally {
      if (before === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = before
    }
    const zips = result.items.filter((i) => i.kind === 'zip')
    expect(zips).toHaveLength(4)
    expect(zips.filter((i) => i.report).length).toBeGreaterThan(0)
    expect(seen).toEqual([])
    expect(readdirSync(temp)).toEqual([])
  })

  test('--reports DIR: an HTML and a JSON report per package, broken ones included', { timeout: 600_000 }, async () => {
    const { root } = unitFolder()
    const out = join(tmpDir('zc-reports-'), '报告')
    const r = await run(['batch', root, ...TODAY, '--reports', out, '--format', 'json'], { env })
    expect(r.code).toBe(1)
    const batch = JSON.parse(r.stdout)
    // The good package is in the unit three times (a folder, two zips): the table says so.
    expect((batch.packages as Entry[]).filter((p) => p.findings.some((f) => f.rule === 'scan.same-elsewhere')).length).toBeGreaterThanOrEqual(3)
    for (const p of batch.packages as Entry[]) {
      const base = join(out, ...p.package.replace(/\.zip$/, '').split('/'))
      const json = JSON.parse(readFileSync(`${base}.json`, 'utf8'))
      // The report handed back to one applicant is the package's entry without the warnings that
      // name other applicants' folders (scan.same-elsewhere: the unit's table has them).
      const across = p.findings.filter((f) => f.rule === 'scan.same-elsewhere').length
      expect(json).toEqual({ ...p, findings: p.findings.filter((f) => f.rule !== 'scan.same-elsewhere'), summary: { ...p.summary, warnings: (p.summary as { warnings: number }).warnings - across } })
      for (const other of batch.packages as Entry[]) if (other.package !== p.package) expect(readFileSync(`${base}.json`, 'utf8')).not.toContain(`${other.package}：files/`)
      const html = readFileSync(`${base}.html`, 'utf8')
      expect(html).toMatch(/^<!doctype html>/)
      expect(html).toContain(p.error === undefined ? p.package : '无法检查')
      expect(html).not.toContain('欧阳明远')
      expect(html).not.toContain('阿克苏地区融媒体中心')
    }
  })

  test('--reports: the report handed back has the thumbnails check --format html draws, zips too; stderr says where', { timeout: 600_000 }, async () => {
    const root = tmpDir('zc-reports-thumbs-')
    cpSync('examples/leaky', join(root, '甲'), { recursive: true })
    writeFileSync(join(root, '乙.zip'), zipOf('examples/leaky', { top: '乙', names: 'utf8' }))
    const out = join(tmpDir('zc-reports-'), '报告')
    const r = await run(['batch', root, ...TODAY, '--reports', out, '--format', 'json'], { env })
    expect(r.stderr).toBe(`zhicheng-check: 已在 ${out} 为 2 个申报包各写了一份报告（HTML 和 JSON）\n`)
    const single = await run(['check', 'examples/leaky', ...TODAY, '--format', 'html'], { env })
    const images = (html: string) => html.match(/<img /g)?.length ?? 0
    expect(images(single.stdout)).toBeGreaterThan(0)
    for (const name of ['甲', '乙']) expect(images(readFileSync(join(out, `${name}.html`), 'utf8')), name).toBe(images(single.stdout))
    const quiet = await run(['batch', root, ...TODAY, '--reports', out, '--format', 'json', '--quiet'], { env })
    expect(quiet.stderr).toBe('')
  })

  test('a re-run after one applicant fixed one file inspects only that file', { timeout: 600_000 }, async () => {
    const root = tmpDir('zc-rerun-')
    for (const name of ['甲', '乙', '丙']) {
      const dir = writePackage()
      for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        // each package its own bytes, so nothing is shared between them
        if (f.isFile() && f.name.endsWith('.pdf')) appendFileSync(join(f.parentPath, f.name), `\n%${name}\n`)
      }
      cpSync(dir, join(root, name), { recursive: true })
    }
    const cacheDir = tmpDir('zc-cache-')
    const opts = { today: '2024-08-05', lang: 'zh' as const, jobs: 2, cacheDir }
    const first = await checkBatch(root, opts)
    expect(first.inspected).toBeGreaterThan(20)
    const warm = await checkBatch(root, opts)
    expect(warm.inspected).toBe(0)
    appendFileSync(join(root, '乙', 'files', '学历证书.pdf'), '\n%fixed\n')
    const again = await checkBatch(root, opts)
    expect(again.inspected).toBe(1)
    expect(again.items.map((i) => i.report?.summary)).toEqual(first.items.map((i) => i.report?.summary))
  })
})

describe('report names', () => {
  test('a zip loses .zip; a folder and a zip of the same name are told apart, in path order', () => {
    const p = (name: string) => ({ package: name }) as never
    expect(reportNames([p('a'), p('a.zip'), p('b/c.ZIP'), p('A')])).toEqual(['a', 'a-2', 'b/c', 'A-3'])
  })
})

describe('finding packages', () => {
  test('a folder with a manifest is one package, not searched further; symlinked folders are not followed', () => {
    const root = tmpDir('zc-find-')
    put(root, 'a/manifest.yaml', 'version: 1\n')
    put(root, 'a/inner/manifest.yaml', 'version: 1\n')
    put(root, 'a/inner.zip', 'PK')
    put(root, 'b/c/申报.yaml', 'version: 1\n')
    put(root, 'Z.ZIP', 'PK')
    const elsewhere = tmpDir('zc-else-')
    put(elsewhere, 'manifest.yaml', 'version: 1\n')
    symlinkSync(elsewhere, join(root, 'link'))
    // by code point: 'Z' before 'a'
    expect(findPackages(root).map((p) => `${p.kind}:${p.rel}`)).toEqual(['zip:Z.ZIP', 'folder:a', 'folder:b/c'])
    expect(findPackages(join(root, 'a')).map((p) => p.rel)).toEqual(['.'])
  })

  test.for([
    ['no such folder', (d: string) => join(d, 'nope'), /^zhicheng-check: 找不到 /],
    ['no package in it', (d: string) => d, /^zhicheng-check: .* 下没有申报包（含 manifest\.yaml 或 申报\.yaml 的文件夹，或申报包的 \.zip）$/],
  ] as const)('%s → exit 2, one line', async ([, path, pattern]) => {
    const r = await run(['batch', path(tmpDir('zc-empty-')), ...TODAY])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toMatch(pattern)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  test('bad options stop the batch before it starts: --jobs, --policy, xlsx without --output, output inside a package', async () => {
    const { root } = unitFolder()
    expect((await run(['batch', root, '--jobs', '0'])).code).toBe(2)
    const policy = await run(['batch', root, '--policy', 'nowhere-1999'])
    expect(policy.code).toBe(2)
    expect(policy.stderr).toMatch(/没有名为 nowhere-1999 的政策/)
    const xlsx = await run(['batch', root, '--format', 'xlsx'])
    expect(xlsx.code).toBe(2)
    expect(xlsx.stderr).toMatch(/--output/)
    const inside = await run(['batch', root, '--format', 'csv', '--output', join(root, '第一科室', '001', '汇总.csv')])
    expect(inside.code).toBe(2)
    expect(inside.stderr).toMatch(/不能把报告写进申报包/)
    const reports = await run(['batch', root, '--reports', join(root, '坏清单', 'r')])
    expect(reports.code).toBe(2)
  })
})

describe('progress', () => {
  test('on a terminal stderr: a bar redrawn in place, erased at the end; stdout stays clean JSON', { timeout: 600_000 }, async () => {
    const r = await run(['batch', 'examples', ...TODAY, '--format', 'json'], { env, stderrIsTTY: true, stderrColumns: 100 })
    expect(r.stderr).toMatch(/\r\[[█░]+\] \d+\/\d+ 个申报包 · \d+ 个文件 · 用时 \d+:\d\d/)
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true)
    for (const line of r.stderr.split('\r').filter(Boolean)) expect(line.replace('\x1b[K', '').length).toBeLessThan(100)
    expect(() => JSON.parse(r.stdout)).not.toThrow()
  })

  test.for([
    ['CI', { env: { CI: 'true' }, stderrIsTTY: true }, []],
    ['--quiet', { env: {}, stderrIsTTY: true }, ['--quiet']],
    ['not a terminal', { env: {}, stderrIsTTY: false }, []],
  ] as const)('none with %s', async ([, io, extra]) => {
    // What is drawn on stderr does not depend on reading the scans: --no-ocr keeps this quick.
    const r = await run(['batch', 'examples/clean', ...TODAY, '--no-cache', '--no-ocr', ...extra], io)
    expect(r.stderr).toBe('')
  })
})
