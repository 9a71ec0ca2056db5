import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { runCli } from '../helpers/run-cli.js'
import { findRule } from '../../src/rules/index.js'

const run = runCli

describe('exit codes and one-line errors', () => {
  test('a clean package exits 0', async () => {
    const dir = writePackage()
    const r = await run(['check', dir, '--today', '2024-08-05'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  test('check is the default command', async () => {
    const dir = writePackage({ set: { 'mandarin.grade': '三级乙等', 'applicant.post': '播音员主持人' } })
    const r = await run([dir, '--today', '2024-08-05', '--format', 'json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('mandarin.grade')
  })

  test.for([
    ['unknown option', ['check', '--bogus'], /^zhicheng-check: 未知选项 --bogus/],
    ['bad format', ['check', '--format', 'pdf'], /^zhicheng-check: /],
    ['bad date', ['check', '--today', '2024-13-01'], /^zhicheng-check: --today 的值“2024-13-01”不是有效日期/],
    ['missing folder', ['check', '/no/such/folder'], /^zhicheng-check: 找不到 \/no\/such\/folder/],
    ['unknown rule', ['explain', 'mandarin.grad'], /是否想找 mandarin\.grade？/],
    ['unknown policy', ['explain', 'mandarin.grade', '--policy', 'nowhere-1999'], /没有名为 nowhere-1999 的政策/],
  ] as const)('%s → exit 2, one line on stderr', async ([, argv, pattern]) => {
    const r = await run([...argv])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(pattern)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  test('errors are in English with --lang en', async () => {
    const r = await run(['check', '/no/such/folder', '--lang', 'en'])
    expect(r.stderr).toBe('zhicheng-check: /no/such/folder does not exist\n')
  })

  test('a folder without a manifest says how to get one', async () => {
    const r = await run(['check', tmpDir()])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/没有 manifest\.yaml 或 申报\.yaml（用 zhicheng-check init 生成一个）/)
  })

  test('a manifest that is not YAML: line and column, exit 2', async () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'manifest.yaml'), 'version: 1\napplicant: {name: 张三\n')
    const r = await run(['check', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^zhicheng-check: manifest\.yaml 第 \d+ 行第 \d+ 列不是有效的 YAML/)
  })

  test.for([
    ['a: [1, 2\nb: 3\n', '第 2 行第 1 列不是有效的 YAML：方括号 [ ] 没有配对，少了 ]'],
    ['a:\n  b: 1\n c: 2\n', '第 3 行第 1 列不是有效的 YAML：缩进不对'],
    ['a: 1\na: 2\n', '第 2 行第 1 列不是有效的 YAML：同一个字段写了两次'],
    ['\ta: 1\n', '用了 Tab 缩进：YAML 只能用空格缩进'],
    ['a: "C:\\q"\n', '双引号里的反斜杠'],
    ['a: b: c\n', '第 1 行第 4 列不是有效的 YAML：一行里有两个“: ”：值里有冒号时请给值加引号'],
  ] as const)('YAML mistakes said in Chinese: %j', async ([text, said]) => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'manifest.yaml'), text)
    const zh = await run(['check', dir])
    expect(zh.code).toBe(2)
    expect(zh.stderr).toContain(said)
    const en = await run(['check', dir, '--lang', 'en'])
    expect(en.stderr).toMatch(/^zhicheng-check: manifest\.yaml is not valid YAML at line \d+, column \d+: [A-Z]/)
  })

  test('the real binary: exit 2 and no stack trace on a broken manifest', () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'manifest.yaml'), ': : :\n\t- [')
    const r = spawnSync(process.execPath, ['bin/zhicheng-check.js', 'check', dir], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })

  test('--help shows examples and exits 0', async () => {
    const r = await run(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('示例：')
    expect(r.stdout).toContain('zhicheng-check explain ce.total-hours')
  })
})

describe('check', () => {
  test('申报.yaml is found when there is no manifest.yaml; manifest.yaml wins when both exist', async () => {
    const dir = writePackage({ manifestName: '申报.yaml' })
    expect((await run(['check', dir, '--today', '2024-08-05'])).code).toBe(0)
    put(dir, 'manifest.yaml', 'version: 1\n')
    const r = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'])
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('manifest.invalid')
  })

  test('a manifest path can be given instead of the folder', async () => {
    const dir = writePackage({ manifestName: '申报.yaml' })
    expect((await run(['check', join(dir, '申报.yaml'), '--today', '2024-08-05'])).code).toBe(0)
  })

  test('paths that leave the package are findings and are never opened', async () => {
    const outside = tmpDir('zc-outside-')
    writeFileSync(join(outside, 'x.pdf'), '%PDF-1.4')
    const dir = writePackage({ set: { 'education.diploma': '../x.pdf', 'education.degree': join(outside, 'x.pdf') } })
    const r = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'])
    const report = JSON.parse(r.stdout)
    const outsideFindings = report.findings.filter((f: { rule: string }) => f.rule === 'manifest.path-outside')
    expect(outsideFindings).toHaveLength(2)
    expect(report.findings.filter((f: { rule: string }) => f.rule === 'manifest.file-missing')).toEqual([])
    // An absolute path is shown by its file name only: a home folder often carries the user's name.
    expect(r.stdout).not.toContain(outside)
    expect(r.stdout).toContain('…/x.pdf')
  })

  test('an absolute path to a file that is in the package says which relative path to write, once', async () => {
    const dir = writePackage()
    const r = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'])
    expect(JSON.parse(r.stdout).summary.errors).toBe(0)
    writeFileSync(join(dir, 'manifest.yaml'), readFileSync(join(dir, 'manifest.yaml'), 'utf8').replace('files/学位证书.pdf', join(dir, 'files/学位证书.pdf')))
    const findings = JSON.parse((await run(['check', dir, '--today', '2024-08-05', '--format', 'json'])).stdout).findings as Array<{ rule: string; fix: string }>
    const outside = findings.filter((f) => f.rule === 'manifest.path-outside')
    expect(outside.map((f) => f.fix)).toEqual(['改写成相对路径 files/学位证书.pdf'])
    expect(findings.filter((f) => f.rule === 'package.unreferenced-file')).toEqual([])
  })

  test('named files that do not exist and files nobody named are both reported', async () => {
    const dir = writePackage({ missing: ['files/学位证书.pdf'], extra: { 'files/忘了写的.pdf': '%PDF-1.4' } })
    const r = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'])
    const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; line?: number; file?: string }>
    const missing = findings.find((f) => f.rule === 'manifest.file-missing')!
    expect(missing.line).toBeGreaterThan(0)
    expect(findings.find((f) => f.rule === 'package.unreferenced-file')?.file).toBe('files/忘了写的.pdf')
  })

  test('an invalid section is one manifest.invalid finding, not a cascade of "missing" findings', async () => {
    const dir = writePackage({ set: { 'education.level': '硕士' } })
    const r = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'])
    const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; severity: string; fix: string }>
    expect(findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(['manifest.invalid'])
    expect(findings.find((f) => f.rule === 'manifest.invalid')!.fix).toBe('改为“硕士研究生”')
  })

  test('the JSON report is byte-identical run after run, with no absolute path or clock time', async () => {
    const dir = writePackage({ set: { 'mandarin.grade': '三级甲等', 'applicant.post': '播音员主持人' }, missing: ['files/学位证书.pdf'] })
    const a = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'], { cwd: dir })
    const b = await run(['check', dir, '--today', '2024-08-05', '--format', 'json'], { cwd: dir, now: new Date('2031-01-01') })
    expect(a.stdout).toBe(b.stdout)
    const report = JSON.parse(a.stdout)
    // The report says the day it judged by, so it can be trusted when read later.
    expect(report).toMatchObject({ tool: 'zhicheng-check', policy: 'aksu-2024', today: '2024-08-05', package: '.' })
    expect(Object.keys(report)).toEqual(['tool', 'version', 'policy', 'today', 'package', 'summary', 'findings', 'evidence'])
    expect(a.stdout).not.toContain(dir)
    // Each finding keeps its words first and carries what they say as data (issue 16): the key of
    // one of its rule's messages, and the values, the same in both languages.
    const en = JSON.parse((await run(['check', dir, '--today', '2024-08-05', '--format', 'json', '--lang', 'en'], { cwd: dir })).stdout)
    expect(report.findings.length).toBeGreaterThan(2)
    report.findings.forEach((f: Record<string, unknown>, i: number) => {
      expect(Object.keys(f).slice(0, 4)).toEqual(['rule', 'severity', 'message', 'fix'])
      expect(Object.keys(f).slice(-3)).toEqual(['area', 'messageId', 'data'])
      expect(Object.keys(findRule(f.rule as string)!.messages)).toContain(f.messageId)
      expect(en.findings[i]).toMatchObject({ rule: f.rule, messageId: f.messageId, data: f.data })
      expect(en.findings[i].message).not.toBe(f.message)
    })
  })

  test('the report never shows the full name or employer, whatever the finding', async () => {
    const dir = writePackage({
      set: { 'education.diploma': 'files/欧阳明远-学历证书.pdf', 'attachments.commitment': 'files/阿克苏地区融媒体中心承诺书.pdf' },
      missing: ['files/欧阳明远-学历证书.pdf', 'files/阿克苏地区融媒体中心承诺书.pdf'],
      extra: { 'files/地区融媒体中心-欧阳明远.pdf': '%PDF-1.4' },
    })
    for (const format of ['json', 'pretty']) {
      for (const lang of ['zh', 'en']) {
        const r = await run(['check', dir, '--today', '2024-08-05', '--format', format, '--lang', lang])
        expect(r.stdout).not.toMatch(/欧阳明远|阿克苏地区融媒体中心|地区融媒体中心|明远/)
        expect(r.stdout).toContain('欧**')
      }
    }
  })

  test('--output writes the report to a file, nothing on stdout', async () => {
    const dir = writePackage()
    const out = join(tmpDir(), 'report.json')
    const r = await run(['check', dir, '--today', '2024-08-05', '--format', 'json', '--output', out])
    expect(r.stdout).toBe('')
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.errors).toBe(0)
  })

  test('--output inside the package is refused: the package is never written to', async () => {
    const dir = writePackage()
    const r = await run(['check', dir, '--output', join(dir, 'report.json')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/申报包/)
  })

  test('colours only on a terminal, never with NO_COLOR', async () => {
    const dir = writePackage({ set: { 'mandarin.grade': '三级甲等', 'applicant.post': '播音员主持人' } })
    const tty = await run(['check', dir, '--today', '2024-08-05'], { isTTY: true })
    expect(tty.stdout).toMatch(/\x1b\[/)
    const noColor = await run(['check', dir, '--today', '2024-08-05'], { isTTY: true, env: { NO_COLOR: '1' } })
    expect(noColor.stdout).not.toMatch(/\x1b\[/)
    const pipe = await run(['check', dir, '--today', '2024-08-05'])
    expect(pipe.stdout).not.toMatch(/\x1b\[/)
  })
})

describe('rules, explain, schema', () => {
  test('rules --format json lists every rule with id, severity and clause', async () => {
    const r = await run(['rules', '--format', 'json'])
    const rows = JSON.parse(r.stdout) as Array<{ id: string; severity: string; clause: string | null }>
    expect(rows.find((x) => x.id === 'mandarin.grade')).toMatchObject({ severity: 'error', clause: '四（一）5' })
    expect(new Set(rows.map((x) => x.id)).size).toBe(rows.length)
  })

  test('explain quotes the clause from the notice and shows the policy values', async () => {
    const r = await run(['explain', 'mandarin.grade'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('通知条款 四（一）5')
    expect(r.stdout).toContain('汉语播音员、主持人须达到一级乙等')
    expect(r.stdout).toMatch(/mandarin\.minimum_by_post = .*"播音员主持人":"二级乙等"/)
  })

  test('schema prints the manifest JSON Schema, and schema/manifest.schema.json is that output', async () => {
    const r = await run(['schema'])
    const schema = JSON.parse(r.stdout)
    expect(schema.properties.applicant.required).toContain('series')
    expect(schema.additionalProperties).toBe(false)
    expect(readFileSync('schema/manifest.schema.json', 'utf8')).toBe(r.stdout)
  })
})
