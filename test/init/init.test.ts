import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { inquirerAsker } from '../../src/cli/prompts.js'
import type { Asker } from '../../src/init/questions.js'
import { loadManifestText } from '../../src/manifest/load.js'
import { baseManifest } from '../helpers/base-manifest.js'
import { tmpDir } from '../helpers/tmp-package.js'
import { runCli } from '../helpers/run-cli.js'

// `init` as a new applicant meets it: a folder of sensibly named scans (the clean example's,
// renamed the way people name them), `init --yes` with no terminal, and an interactive run
// answered through the real @inquirer prompts on a stream of keystrokes.

const CLEAN = fileURLToPath(new URL('../../examples/clean/files/', import.meta.url))
const EXPECTED = fileURLToPath(new URL('./fixtures/yes-manifest.yaml', import.meta.url))

/** The clean example's scans under the names an applicant gives them, plus one that says nothing. */
const RENAMED: Record<string, string> = {
  '毕业证书.pdf': '学历证书.pdf',
  '学位证书.pdf': '学位证书.pdf',
  '学历证书电子注册备案表.pdf': '学信网备案表.pdf',
  '普通话证书.jpg': '普通话证书.jpg',
  '继续教育/2021年公需课.pdf': '继续教育/2021公需课.pdf',
  '附件1-单位公示.pdf': '附件/单位公示.pdf',
  '公示结果.pdf': '附件/公示结果.pdf',
  '附件2-单位推荐意见.pdf': '附件/单位推荐意见.pdf',
  '附件3-个人承诺书.pdf': '附件/个人承诺书.pdf',
  '业绩/代表作一.pdf': '业绩/代表作一.pdf',
  'scan0003.pdf': '业绩/代表作一.pdf',
}

function scansFolder(): string {
  const dir = tmpDir('zc-init-')
  for (const [to, from] of Object.entries(RENAMED)) {
    mkdirSync(join(dir, to, '..'), { recursive: true })
    cpSync(join(CLEAN, from), join(dir, to))
  }
  return dir
}

const run = runCli

/** The schema line names where the tool is installed: the same file, wherever that is. */
const withoutSchemaLine = (text: string) => text.replace(/^# yaml-language-server: \$schema=.*\n/, '')

describe('init --yes (no terminal)', () => {
  test('writes the manifest it can guess, marks the rest, then checks', { timeout: 300_000 }, async () => {
    const dir = scansFolder()
    const r = await run(['init', dir, '--yes', '--today', '2024-08-05'])
    const written = readFileSync(join(dir, 'manifest.yaml'), 'utf8')
    expect(written).toMatch(/^# yaml-language-server: \$schema=\S*schema\/manifest\.schema\.json\n/)
    const schemaPath = written.split('\n')[0]!.split('$schema=')[1]!
    expect(existsSync(join(dir, schemaPath)), 'the schema line points at the installed schema').toBe(true)
    if (process.env.UPDATE_INIT_FIXTURE === '1') writeFileSync(EXPECTED, withoutSchemaLine(written))
    expect(withoutSchemaLine(written)).toBe(readFileSync(EXPECTED, 'utf8'))
    // What the scans print is written down, marked to check, not left 待填写 (issue 13).
    const READ = '# 从扫描件读取，请核对'
    for (const line of [
      /public: \{ hours: 30, certificate: 继续教育\/2021年公需课\.pdf \} # 从扫描件读取，请核对/,
      new RegExp(`grade: 二级甲等 ${READ}`),
      new RegExp(`code: A1B2C3D4E5F6G7H8 ${READ}`),
      new RegExp(`valid_until: 2024-12-31 ${READ}`),
      new RegExp(`graduated: 2009-06-30 ${READ}`),
      new RegExp(`start: 2024-07-10 ${READ}`),
      new RegExp(`end: 2024-07-16 ${READ}`),
    ])
      expect(written).toMatch(line)
    // Whatever is unknown is written 待填写, and is the only thing the format finds: still to fill in.
    const problems = loadManifestText(written).problems
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.filter((p) => p.messageId !== 'to-fill')).toEqual([])
    // The check ran: what is left to fill in shows as findings, on the lines marked 待填写, said as
    // such: not as hours or a grade too low, or a series outside the notice.
    const todo = Number(/还有 (\d+) 处待填写/.exec(r.stderr)?.[1])
    expect(r.stderr).toMatch(/已写入 .*manifest\.yaml；还有 \d+ 处待填写/)
    expect(r.stdout).toContain('申报包')
    expect(r.stdout.match(/还没有填写（清单里写着“待填写”）/g)?.length).toBe(problems.length)
    expect(problems.length).toBeLessThanOrEqual(todo)
    expect(r.stdout).toMatch(/applicant\.series 还没有填写/)
    expect(r.stdout).not.toMatch(/不在本通知范围内|少于每年|低于岗位|补足/)
    expect(r.code).toBe(1)
  })

  test('never overwrites an existing manifest: exit 2, one line, the file untouched', async () => {
    const dir = scansFolder()
    writeFileSync(join(dir, '申报.yaml'), 'version: 1\n')
    const r = await run(['init', dir, '--yes'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/申报\.yaml 已经存在：init --yes 从不覆盖清单/)
    expect(readFileSync(join(dir, '申报.yaml'), 'utf8')).toBe('version: 1\n')
    expect(existsSync(join(dir, 'manifest.yaml'))).toBe(false)
  })

  test('without --yes and without a terminal: one line that says to add --yes', async () => {
    const dir = scansFolder()
    const r = await run(['init', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('zhicheng-check: 没有终端可以提问：加 --yes 只写能猜到的内容（待填写的地方会标出）\n')
    expect(existsSync(join(dir, 'manifest.yaml'))).toBe(false)
  })

  test.for([
    ['a folder that does not exist', (d: string) => join(d, 'nope'), /^zhicheng-check: .*nope/],
    ['a file, not a folder', (d: string) => join(d, '毕业证书.pdf'), /不是文件夹：init 要给出放扫描件的文件夹/],
  ] as const)('%s → exit 2, one line', async ([, target, pattern]) => {
    const r = await run(['init', target(scansFolder()), '--yes'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(pattern)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  test('in English with --lang en', { timeout: 300_000 }, async () => {
    const dir = scansFolder()
    const r = await run(['init', dir, '--yes', '--lang', 'en', '--no-check'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/Wrote .*manifest\.yaml; \d+ place\(s\) still to fill in/)
    expect(readFileSync(join(dir, 'manifest.yaml'), 'utf8')).toContain('# to fill in: 企业 | 事业单位')
  })
})

// --- Interactive ---------------------------------------------------------------------------------

const DOWN = '\x1b[B'
const UP = '\x1b[A'
const ENTER = '\r'
const BACKSPACE = '\x7f'
const type = (text: string) => [text, ENTER]

interface Step {
  /** The question expected now. */
  q: RegExp
  /** Raw keystrokes, as a terminal sends them. */
  keys: string[]
}

/**
 * The real @inquirer prompts on a stream, answered by keystrokes: each question must be the next
 * one of the script, and gets its keys. What the prompts drew is kept for the test to read.
 */
function keyboard(steps: Step[]): { asker: Asker; screen: () => string; left: () => number } {
  const input = new PassThrough()
  let screen = ''
  // Each prompt pipes into the output and ends its pipe when done: a terminal outlives that.
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      screen += chunk.toString('utf8')
      done()
    },
  })
  output.end = (() => output) as typeof output.end
  const real = inquirerAsker({ input, output }, 'zh')
  const press = async (message: string) => {
    const step = steps.shift()
    if (!step) throw new Error(`no answer scripted for: ${message}`)
    expect(message).toMatch(step.q)
    for (const k of step.keys) {
      await new Promise((r) => setTimeout(r, 15))
      input.write(k)
    }
  }
  const asker: Asker = {
    select: (message, choices, def) => {
      const answer = real.select(message, choices, def)
      void press(message)
      return answer
    },
    input: (message, opts) => {
      const answer = real.input(message, opts)
      void press(message)
      return answer
    },
    confirm: (message, def) => {
      const answer = real.confirm(message, def)
      void press(message)
      return answer
    },
  }
  return { asker, screen: () => screen, left: () => steps.length }
}

describe('init, answered at the keyboard', () => {
  test('asks only what the files did not say, writes the manifest, and the package passes', { timeout: 300_000 }, async () => {
    const dir = scansFolder()
    const kb = keyboard([
      { q: /scan0003\.pdf 是什么材料？/, keys: [UP, ENTER] }, // the last choice: not part of the application
      { q: /^姓名/, keys: [ENTER, ...type('欧阳明远')] }, // an empty answer first: refused
      { q: /^工作单位/, keys: type('阿克苏地区融媒体中心') },
      { q: /^单位类型/, keys: [DOWN, ENTER] }, // 企业, 事业单位
      { q: /^申报系列/, keys: [ENTER] }, // 新闻
      { q: /^申报职称/, keys: [DOWN, DOWN, DOWN, ENTER] }, // 主任编辑（副高级）
      { q: /^岗位/, keys: [ENTER] }, // 其他 (the default)
      { q: /^申报方式/, keys: [ENTER] }, // 定向评价
      { q: /^参加工作时间/, keys: ['2009-7-x', ENTER, BACKSPACE, ...type('1')] }, // a bad date first
      { q: /^现有职称/, keys: [DOWN, DOWN, DOWN, DOWN, DOWN, ENTER] }, // 编辑（中级）
      { q: /^取得编辑的时间/, keys: type('2017年12月20日') },
      { q: /^聘任时间/, keys: type('2018-01-01') },
      { q: /^最高学历/, keys: [ENTER] }, // 本科: the default, read off the diploma and the 备案表
      // Not asked: what the scans print (毕业时间, 在线验证码, 2021 年公需课学时, 普通话等级, 公示日期).
      { q: /^2021 年专业课学时（从平台获取/, keys: type('60') },
      { q: /^2022 年公需课学时/, keys: type('30') },
      { q: /^2022 年专业课学时/, keys: type('60') },
      { q: /^2023 年公需课学时/, keys: type('30') },
      { q: /^2023 年专业课学时/, keys: type('60') },
      { q: /^2024 年公需课学时/, keys: type('30') },
      { q: /^2024 年专业课学时/, keys: type('60') },
      { q: /^公示有异议吗/, keys: [ENTER] }, // no (the default)
      { q: /^已经在申报平台上勾选遮盖/, keys: type('y') },
      { q: /^材料里有涉密材料吗/, keys: [ENTER] }, // none
    ])
    const r = await run(['init', dir, '--today', '2024-08-05'], { prompts: kb.asker })
    expect(kb.left(), 'every scripted question was asked').toBe(0)
    expect(kb.screen()).toContain('这一项必须填写')
    expect(kb.screen()).toContain('请填写日期，如 2024-07-22')

    const written = readFileSync(join(dir, 'manifest.yaml'), 'utf8')
    const loaded = loadManifestText(written)
    expect(loaded.problems).toEqual([])
    expect(written).not.toContain('待填写：')
    expect(written).toMatch(/grade: 二级甲等 # 从扫描件读取，请核对/)
    // What was answered is what the clean example says (its files under their new names).
    const base = baseManifest()
    expect(loaded.data!.applicant).toEqual({ ...base.applicant, name_variants: undefined, employer_variants: undefined, current_title: base.applicant.current_title })
    expect(loaded.data!.continuing_education).toEqual({
      years: {
        ...base.continuing_education.years,
        2021: { public: { hours: 30, certificate: '继续教育/2021年公需课.pdf' }, professional: { hours: 60, source: 'system' } },
      },
    })
    expect(loaded.data!.education).toMatchObject({ level: '本科', graduated: '2009-06-30', diploma: '毕业证书.pdf', verification: { kind: '学历证书电子注册备案表', code: 'A1B2C3D4E5F6G7H8' } })
    expect(loaded.data!.mandarin).toEqual({ grade: '二级甲等', certificate: '普通话证书.jpg' })
    expect(loaded.data!.redaction).toEqual(base.redaction)
    expect(loaded.data!.publicity).toEqual(base.publicity)
    // Then the check: nothing to fix, and the skipped scan is the one warning.
    expect(r.stdout).toContain('✔ 通过')
    expect(r.stdout).toMatch(/清单没有写到 scan0003\.pdf/)
    expect(r.code).toBe(0)
  })

  test('an existing manifest is overwritten only after a yes', async () => {
    const dir = scansFolder()
    writeFileSync(join(dir, 'manifest.yaml'), 'version: 1\n')
    const kb = keyboard([{ q: /manifest\.yaml 已经存在，要覆盖它吗？/, keys: [ENTER] }]) // the default: no
    const r = await run(['init', dir], { prompts: kb.asker })
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/保留原有的 .*manifest\.yaml，没有改动/)
    expect(readFileSync(join(dir, 'manifest.yaml'), 'utf8')).toBe('version: 1\n')
  })
})
