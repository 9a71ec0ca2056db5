import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { tmpDir, writePackage } from '../helpers/tmp-package.js'
import { runCli } from '../helpers/run-cli.js'

// Every wrong invocation: one line in the user's language on stderr, nothing on stdout, exit 2.

const run = runCli

/** A manifest saved in GBK, as Notepad on a Chinese Windows used to. */
function gbkPackage(): string {
  const dir = writePackage()
  // 版本 in GBK: B0 E6 B1 BE — not UTF-8.
  writeFileSync(join(dir, 'manifest.yaml'), Buffer.concat([Buffer.from('# '), Buffer.from([0xb0, 0xe6, 0xb1, 0xbe]), Buffer.from('\nversion: 1\n')]))
  return dir
}

describe('misuse → one clear line, exit 2', () => {
  test.for([
    ['unknown option', () => ['check', '--colour'], /^zhicheng-check: 未知选项 --colour（zhicheng-check --help 查看用法）$/, /^zhicheng-check: unknown option '--colour' \(see zhicheng-check --help\)$/],
    ['a near-miss option', () => ['check', 'examples/clean', '--frmat', 'json'], /^zhicheng-check: 未知选项 --frmat，是否想写 --format？（/, /^zhicheng-check: unknown option '--frmat'; did you mean --format\? \(/],
    ['a mistyped command after a global option', () => ['--today', '2024-08-05', 'chekc'], /^zhicheng-check: 没有命令 chekc，是否想写 check？/, /^zhicheng-check: no command chekc; did you mean check\?/],
    ['unknown option of init', () => ['init', '--force'], /^zhicheng-check: 未知选项 --force/, /^zhicheng-check: unknown option '--force'/],
    ['missing folder', () => ['check', '/no/such/申报材料'], /^zhicheng-check: 找不到 \/no\/such\/申报材料$/, /^zhicheng-check: \/no\/such\/申报材料 does not exist$/],
    ['a scan instead of the folder', () => [join(writePackage(), 'files/学历证书.pdf')], /是一个文件，不是申报包文件夹或清单/, /is a file, not a package folder or its manifest/],
    ['a folder without a manifest', () => ['check', tmpDir()], /没有 manifest\.yaml 或 申报\.yaml（用 zhicheng-check init 生成一个）$/, /no manifest\.yaml or 申报\.yaml in .* \(zhicheng-check init writes one\)$/],
    ['a manifest in GBK', () => ['check', gbkPackage()], /manifest\.yaml 不是 UTF-8 编码（可能是 GBK）：请用“另存为 UTF-8”重新保存$/, /manifest\.yaml is not UTF-8 \(GBK\?\): save it again as UTF-8$/],
    ['a bad format', () => ['check', '--format', 'pdf'], /^zhicheng-check: --format 不能是 pdf，可选：pretty、json、html、junit、sarif（/, /^zhicheng-check: --format cannot be pdf; choices: pretty, json, html, junit, sarif \(/],
    ['a near-miss format', () => ['check', '--format', 'jsno'], /^zhicheng-check: --format 不能是 jsno（是否想写 json？），可选：/, /^zhicheng-check: --format cannot be jsno \(did you mean json\?\); choices: /],
    ['a batch format', () => ['batch', 'examples', '--format', 'xls'], /^zhicheng-check: --format 不能是 xls（是否想写 xlsx？），可选：pretty、json、csv、xlsx、junit、sarif、html（/, /did you mean xlsx\?/],
    ['init on a file', () => ['init', join(writePackage(), 'manifest.yaml'), '--yes'], /不是文件夹/, /is not a folder/],
    ['explain without a rule', () => ['explain'], /^zhicheng-check: 缺少要解释的规则，如 zhicheng-check explain ce\.total-hours（/, /^zhicheng-check: which rule\? e\.g\. zhicheng-check explain ce\.total-hours \(/],
    ['policy diff with one policy', () => ['policy', 'diff', 'aksu-2024'], /缺少要比较的新政策/, /which new policy to compare with\?/],
    ['policy new without --id', () => ['policy', 'new', 'aksu-2024'], /^zhicheng-check: 缺少必需的选项 --id（/, /^zhicheng-check: the option --id is required \(/],
    ['explain an unknown rule', () => ['explain', 'mandarin.grad'], /没有规则 mandarin\.grad，是否想找 mandarin\.grade？/, /no rule mandarin\.grad; did you mean mandarin\.grade\?/],
  ] as const)('%s', async ([, argv, zh, en]) => {
    for (const [lang, pattern] of [['zh', zh], ['en', en]] as const) {
      const r = await run([...argv(), '--lang', lang])
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr.trim()).toMatch(pattern)
    }
  })
})

describe('--help shows examples', () => {
  test.for([
    [[], ['zhicheng-check init ', '--format html --output 报告.html', 'zhicheng-check explain ce.total-hours']],
    [['init'], ['zhicheng-check init 申报材料/ --yes', '已有 manifest.yaml 时会先问是否覆盖']],
  ] as const)('%j', async ([cmd, expected]) => {
    const r = await run([...cmd, '--help'])
    expect(r.code).toBe(0)
    for (const e of expected) expect(r.stdout).toContain(e)
  })

  test('in Chinese throughout: headings, help line, defaults; in English with --lang en', async () => {
    const zh = await run(['check', '--help'])
    for (const e of ['用法：', '参数：', '选项：', '显示帮助', '（默认："zh"）']) expect(zh.stdout).toContain(e)
    for (const e of ['Usage:', 'Options:', 'display help', '(default: "', '(choices: ']) expect(zh.stdout).not.toContain(e)
    const en = await run(['check', '--help', '--lang', 'en'])
    for (const e of ['Usage:', 'Options:', 'display help for command', '(default: "zh")']) expect(en.stdout).toContain(e)
  })
})

test.for([
  ['explian', 'explain'],
  ['batc', 'batch'],
])('a mistyped command (%s) says which one was meant, exit 2', async ([typo, meant]) => {
  const r = await run([typo, 'x'])
  expect(r.code).toBe(2)
  expect(r.stderr).toBe(`zhicheng-check: 没有命令 ${typo}，是否想写 ${meant}？（zhicheng-check --help 查看用法）\n`)
})

test('a folder of packages given to check points at batch; a file given to batch says it is a file', async () => {
  const folder = await run(['check', 'examples'])
  expect(folder.code).toBe(2)
  expect(folder.stderr).toBe('zhicheng-check: examples 里没有 manifest.yaml 或 申报.yaml，但它的子文件夹里有申报包：要一次检查全部，用 zhicheng-check batch examples\n')
  const file = await run(['batch', 'examples/clean/files/学历证书.pdf'])
  expect(file.code).toBe(2)
  expect(file.stderr).toBe('zhicheng-check: examples/clean/files/学历证书.pdf 是一个文件：batch 要给出放申报包的文件夹（或一个申报包的 .zip）\n')
})
