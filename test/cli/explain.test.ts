import { describe, expect, test } from 'vitest'
import stringWidth from 'string-width'
import type { Io } from '../../src/cli/context.js'
import { main } from '../../src/cli/main.js'
import { AREA_NAMES } from '../../src/report/pretty.js'
import { AREAS } from '../../src/rules/define-rule.js'
import { RULES } from '../../src/rules/index.js'

async function run(argv: string[], opts: Partial<Io> = {}) {
  let stdout = ''
  let stderr = ''
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false, env: {}, cwd: process.cwd(), now: new Date('2024-08-05T10:00:00'), ...opts }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

describe('explain RULE', () => {
  test('what it checks, the clause quoted, the policy values, a failing and a passing fragment, the fix', async () => {
    const r = await run(['explain', 'mandarin.grade'])
    expect(r.code).toBe(0)
    const out = r.stdout
    const order = ['检查什么', '通知条款 四（一）5', '政策取值（aksu-2024）', '会触发本规则的写法', '不会触发的写法', '提示与修改方法']
    const at = order.map((h) => out.indexOf(h))
    expect(at.every((i) => i >= 0), out).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(out).toContain('“事业单位专业技术人员申报职称，须上传普通话等级证书')
    expect(out).toContain('mandarin.minimum_by_post = {"其他":"三级乙等","播音员主持人":"二级乙等","汉语播音员主持人":"一级乙等"}')
    expect(out).toContain('│   grade: 三级甲等   # 岗位要求二级乙等')
    expect(out).toContain('│   grade: 二级乙等')
    expect(out).toContain('修改：取得{min}及以上等级证书后上传')
  })

  test('in English, with the comments of the fragments in English', async () => {
    const r = await run(['explain', 'ce.total-hours', '--lang', 'en'])
    expect(r.stdout).toContain('What it checks')
    expect(r.stdout).toContain('Clause 四（五） of the notice')
    expect(r.stdout).toContain('# 70 hours in the year')
    expect(r.stdout).not.toMatch(/# 全年/)
  })

  test('a rule that reads today says which day its fragments are judged on', async () => {
    const r = await run(['explain', 'timeline.deadline'])
    expect(r.stdout).toContain('会触发本规则的写法（按今天是 2024-08-29 判断）')
  })

  test('a scan rule says its fragment describes the file', async () => {
    const r = await run(['explain', 'scan.rotated'])
    expect(r.stdout).toContain('本规则看的是申报包里的文件和路径')
  })

  test('every registered rule can be explained', async () => {
    for (const rule of RULES) {
      const r = await run(['explain', rule.id])
      expect(r.code, rule.id).toBe(0)
      expect(r.stdout, rule.id).toContain('会触发本规则的写法')
    }
  })
})

describe('rules', () => {
  test('grouped by area, each under its heading, in catalogue order', async () => {
    const r = await run(['rules'])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    let area = ''
    const seen = new Map<string, string>()
    for (const line of lines) {
      const heading = AREAS.find((a) => line === AREA_NAMES[a].zh)
      if (heading) area = heading
      const id = /^ {2}(\S+)/.exec(line)?.[1]
      if (id && RULES.some((x) => x.id === id)) seen.set(id, area)
    }
    for (const rule of RULES) expect(seen.get(rule.id), rule.id).toBe(rule.area)
  })

  test('columns line up by display width, CJK clauses included', async () => {
    const r = await run(['rules'])
    const rows = r.stdout.split('\n').filter((l) => /^ {2}\S+\.\S+ /.test(l))
    // The description starts at the same column on every row.
    const starts = rows.map((l) => {
      const rule = RULES.find((x) => l.startsWith(`  ${x.id} `))!
      return stringWidth(l.slice(0, l.indexOf(rule.description.zh)))
    })
    expect(new Set(starts).size).toBe(1)
  })

  test('a rule that reads a reading of the notice to confirm says so, in the list and in JSON', async () => {
    const r = await run(['rules'])
    const row = (id: string) => r.stdout.split('\n').find((l) => l.startsWith(`  ${id} `))!
    for (const id of ['resubmission.late', 'ce.before-work-start', 'mandarin.post-advisory', 'publicity.before-notice', 'fee.amount', 'seniority.threshold']) {
      expect(row(id), id).toMatch(/\[待核实\]$/)
    }
    for (const id of ['timeline.history', 'timeline.resubmission-after-audit', 'review.pass-rate', 'publicity.after-submission']) expect(row(id), id).not.toContain('[待核实]')
    expect(r.stdout).toContain('[待核实]：规则用到政策 aksu-2024 中标为待核实的取值')
    const json = JSON.parse((await run(['rules', '--format', 'json'])).stdout) as Array<{ id: string; assumed: string[] }>
    expect(json.find((x) => x.id === 'resubmission.late')!.assumed).toEqual(['submissions.resubmit_within_days', 'submissions.resubmit_day_rule'])
    expect(json.find((x) => x.id === 'timeline.history')!.assumed).toEqual([])
  })

  test('explain shows each issue-14 rule with its clause quoted and its readings marked to confirm', async () => {
    const r = await run(['explain', 'timeline.resubmission-after-audit'])
    expect(r.stdout).toContain('通知条款 三（二）')
    expect(r.stdout).toContain('“审核时间：2024年8月1日—9月10日。”')
    expect(r.stdout).toContain('timeline.audit_period = {"start":"2024-08-01","end":"2024-09-10"}')
    const before = await run(['explain', 'publicity.before-notice'])
    expect(before.stdout).toMatch(/publicity\.earliest_end = "2024-07-15"\n\s+\[条款 发文日期; [^\]]*; 待核实\]/)
  })

  test('explain and rules name the file that defines the rule: the id prefix names it', async () => {
    const r = await run(['explain', 'publicity.duration'])
    expect(r.stdout.split('\n')[1]).toBe('源文件：src/rules/publicity.ts')
    const en = await run(['explain', 'scan.blurry', '--lang', 'en'])
    expect(en.stdout.split('\n')[1]).toBe('source: src/rules/scan/page.ts')
    const json = JSON.parse((await run(['rules', '--format', 'json'])).stdout) as Array<{ id: string; source: string }>
    expect(json.find((x) => x.id === 'resubmission.late')!.source).toBe('src/rules/resubmission.ts')
    expect(json.find((x) => x.id === 'scan.same-elsewhere')!.source).toBe('src/rules/scan/elsewhere.ts')
    for (const row of json) expect(row.source, row.id).toMatch(new RegExp(`^src/rules/${row.id.split('.')[0]}(\\.ts|/[a-z-]+\\.ts)$`))
    expect((await run(['rules'])).stdout).toContain('每条规则的源文件是 src/rules/<前缀>.ts 或 src/rules/<前缀>/ 中的文件')
  })

  test('on a narrow terminal every line fits', async () => {
    const r = await run(['rules'], { isTTY: true, columns: 60, env: { NO_COLOR: '1' } })
    for (const line of r.stdout.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(60)
  })
})
