import type { ChalkInstance } from 'chalk'
import type { DiffResult, FindingChange } from './diff.js'
import type { NewResult } from './new.js'
import type { KitError } from './packages.js'
import type { TestResult } from './test.js'
import { differenceRules, type Difference, type FindingBrief, type ShapeProblem } from './expectations.js'
import type { LintProblem, LintResult } from './lint.js'
import type { ValueChange } from '../policy/diff.js'
import type { Lang, Text } from '../rules/define-rule.js'
import { fill } from '../report/render-message.js'
import { renderJunitXml, type JunitCase } from '../report/xml.js'

// Words and formats for the policy regression kit: `policy test`, `diff`, `lint`, `new`, each
// as pretty text (zh / en), JSON and JUnit XML. Data in, string out; no clock, no absolute path
// beyond what the caller passes.

type Data = Record<string, string | number | ReadonlyArray<string | number>>
const t = (text: Text, lang: Lang, data: Data = {}) => fill(text[lang], data, lang)

/** Words a UsageError code and data (the CLI's templates), for a package that could not run. */
export type WordUsage = (code: string, data: Record<string, string | number>, lang: Lang) => string

const SHAPE: Record<ShapeProblem['code'], Text> = {
  'not-yaml': { zh: 'expected.yaml 不是有效的 YAML：{reason}', en: 'expected.yaml is not valid YAML: {reason}' },
  'not-a-map': { zh: 'expected.yaml 应是“键: 值”的映射', en: 'expected.yaml must be a mapping of keys to values' },
  'unknown-key': { zh: 'expected.yaml 有未知的键 {key}', en: 'unknown key {key} in expected.yaml' },
  'no-description': { zh: 'expected.yaml 缺少 description（一句话说明这个例子）', en: 'expected.yaml has no description' },
  'bad-today': { zh: 'expected.yaml 的 today“{value}”不是 YYYY-MM-DD 日期', en: 'today "{value}" in expected.yaml is not a YYYY-MM-DD date' },
  'bad-exit': { zh: 'expected.yaml 的 exit“{value}”应为 0 或 1', en: 'exit "{value}" in expected.yaml must be 0 or 1' },
  'bad-exact': { zh: 'expected.yaml 的 exact“{value}”应为 true 或 false', en: 'exact "{value}" in expected.yaml must be true or false' },
  'not-a-list': { zh: 'expected.yaml 的 {key} 应是列表', en: '{key} in expected.yaml must be a list' },
  'bad-rule-id': { zh: '{key} 里的“{rule}”不是规则 ID 的写法（area.kebab-case）', en: '"{rule}" in {key} is not a rule id (area.kebab-case)' },
  'unknown-rule': { zh: '{key} 里的 {rule} 不是已有的规则（zhicheng-check rules 列出全部）', en: '{rule} in {key} is not a rule (zhicheng-check rules lists them)' },
  'in-both': { zh: '{rule} 同时在 must_fire 和 must_not_fire 里', en: '{rule} is in both must_fire and must_not_fire' },
  'exactly-conflict': { zh: 'fires_exactly 与 {key} 矛盾：{rule}', en: 'fires_exactly contradicts {key} on {rule}' },
  duplicate: { zh: '{key} 里 {rule} 写了两次', en: '{rule} appears twice in {key}' },
  'mark-not-in-must-fire': { zh: '清单第 {line} 行标了 # expect: {rule}，但 must_fire 里没有它', en: 'line {line} of the manifest marks # expect: {rule}, which is not in must_fire' },
  'mention-not-in-must-fire': { zh: 'must_mention 的 {rule} 不在 must_fire 里', en: 'must_mention names {rule}, which is not in must_fire' },
}

const DIFF = {
  exit: { zh: '退出码：预期 {expected}，实际 {actual}', en: 'exit code: expected {expected}, got {actual}' },
  exitWhy: { zh: '（错误来自 {rules}）', en: ' (errors from {rules})' },
  notFired: { zh: '{rule} 应当触发（{list}），却没有触发', en: '{rule} should fire ({list}) and did not' },
  fired: { zh: '{rule} 不应触发（{list}），却触发了 {n} 次：{first}', en: '{rule} must not fire ({list}) and fired {n} time(s): {first}' },
  unlisted: {
    zh: '{rule}（{severity}）触发了 {n} 次，must_fire 却没有列出它（默认须列出全部错误和警告；只关心几条规则的例子写 exact: false）：{first}',
    en: '{rule} ({severity}) fired {n} time(s) and must_fire does not list it (by default every error and warning is listed; exact: false opts out): {first}',
  },
  markMissing: { zh: '清单第 {line} 行标了 # expect: {rule}，这一行却没有它的发现（实际在：{lines}）', en: 'line {line} of the manifest marks # expect: {rule} but it reported no finding there (it did on: {lines})' },
  markStray: { zh: '{rule} 在清单第 {line} 行有发现，这一行没有 # expect: 标记：{finding}', en: '{rule} reported on line {line} of the manifest, which has no # expect: mark: {finding}' },
  mention: { zh: '{rule} 的发现里没有提到“{text}”', en: '{rule}: no finding mentions "{text}"' },
  none: { zh: '无', en: 'none' },
} satisfies Record<string, Text>

/** The first finding of a rule, with where it is: "第 12 行 …" or "file: …". */
function firstFinding(findings: FindingBrief[], lang: Lang): string {
  const first = findings[0]
  const where = first?.line !== undefined ? (lang === 'zh' ? `第 ${first.line} 行 ` : `line ${first.line}: `) : first?.file ? `${first.file}: ` : ''
  return `${where}${first?.message ?? ''}`
}

export function wordDifference(d: Difference, lang: Lang): string {
  switch (d.kind) {
    case 'shape':
      return t(SHAPE[d.problem.code], lang, d.problem as unknown as Data)
    case 'exit':
      return t(DIFF.exit, lang, d) + (d.rules.length > 0 ? t(DIFF.exitWhy, lang, { rules: d.rules }) : '')
    case 'not-fired':
      return t(DIFF.notFired, lang, d)
    case 'fired':
      return t(DIFF.fired, lang, { rule: d.rule, list: d.list, n: d.findings.length, first: firstFinding(d.findings, lang) })
    case 'unlisted':
      return t(DIFF.unlisted, lang, { rule: d.rule, severity: SEV[d.severity]![lang], n: d.findings.length, first: firstFinding(d.findings, lang) })
    case 'mark-missing':
      return t(DIFF.markMissing, lang, { rule: d.rule, line: d.line, lines: d.lines.length > 0 ? d.lines : DIFF.none[lang] })
    case 'mark-stray':
      return t(DIFF.markStray, lang, { rule: d.rule, line: d.line, finding: d.finding })
    case 'mention':
      return t(DIFF.mention, lang, d)
  }
}

const ERRORS = {
  'no-expected': { zh: '没有 expected.yaml：写上这个例子应当触发和不应触发的规则', en: 'no expected.yaml: write the rules this example must and must not fire' },
  internal: { zh: '无法检查：{message}', en: 'could not be checked: {message}' },
} satisfies Record<string, Text>

export function wordPackageError(e: KitError, lang: Lang, wordUsage: WordUsage): string {
  if (e.kind === 'no-expected') return t(ERRORS['no-expected'], lang)
  if (e.kind === 'usage') return wordUsage(e.code, e.data, lang)
  return t(ERRORS.internal, lang, { message: e.message })
}

// ---------------------------------------------------------------------------------------------
// policy test

const TEST = {
  header: { zh: '政策 {id} · {name}：{n} 个示例申报包', en: 'policy {id} · {name}: {n} example package(s)' },
  skipped: { zh: '（另有 {n} 个属于其他政策的申报包未运行）', en: ' ({n} package(s) of other policies not run)' },
  updated: { zh: '已按本次结果改写 expected.yaml', en: 'expected.yaml rewritten to match this run' },
  allPass: { zh: '全部 {n} 个与预期一致', en: 'all {n} match their expectations' },
  someFail: { zh: '{n} 个中 {passed} 个与预期一致，{failed} 个不一致，{errors} 个无法运行', en: '{passed} of {n} match, {failed} differ, {errors} could not run' },
  rules: { zh: '涉及的规则：{rules}', en: 'rules involved: {rules}' },
  update: {
    zh: '如果这是有意的改动，运行 {command} 改写 expected.yaml，再检查改写的内容',
    en: 'if the change is deliberate, run {command} to rewrite expected.yaml, then review it',
  },
  updatedCount: { zh: '改写了 {n} 个 expected.yaml', en: '{n} expected.yaml rewritten' },
} satisfies Record<string, Text>

/** Rule ids named by the differences of failing packages, with how many packages each. */
function rulesInvolved(result: TestResult): Array<{ rule: string; packages: number }> {
  const count = new Map<string, number>()
  for (const p of result.packages) for (const rule of new Set(p.differences.flatMap(differenceRules))) count.set(rule, (count.get(rule) ?? 0) + 1)
  return [...count].map(([rule, packages]) => ({ rule, packages })).sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
}

/**
 * `rerun`: the command that was run, with --update, for the hint after a difference (the same
 * folders and policy, so it rewrites the expectations that differed and no others).
 */
export function renderTestPretty(result: TestResult, lang: Lang, c: ChalkInstance, wordUsage: WordUsage, rerun = 'zhicheng-check policy test --update'): string {
  const out: string[] = []
  const s = result.summary
  out.push(
    c.bold(t(TEST.header, lang, { id: result.policy.id, name: result.policy.name[lang], n: s.packages })) +
      (result.skipped > 0 ? c.dim(t(TEST.skipped, lang, { n: result.skipped })) : ''),
  )
  for (const p of result.packages) {
    const mark = p.status === 'pass' ? c.green('✔') : c.red('✘')
    out.push(`${mark} ${p.package}${p.updated ? c.dim(`  ${t(TEST.updated, lang)}`) : ''}`)
    if (p.error) out.push(`    ${wordPackageError(p.error, lang, wordUsage)}`)
    for (const d of p.differences) out.push(`    ${wordDifference(d, lang)}`)
  }
  out.push('')
  if (s.passed === s.packages) out.push(c.green(t(TEST.allPass, lang, { n: s.packages })))
  else {
    out.push(c.red(t(TEST.someFail, lang, { n: s.packages, passed: s.passed, failed: s.failed, errors: s.errors })))
    const rules = rulesInvolved(result)
    if (rules.length > 0) out.push(t(TEST.rules, lang, { rules: rules.map((r) => `${r.rule} (${r.packages})`) }))
  }
  if (s.updated > 0) out.push(t(TEST.updatedCount, lang, { n: s.updated }))
  else if (s.failed > 0) out.push(c.dim(t(TEST.update, lang, { command: rerun })))
  return `${out.join('\n')}\n`
}

export function renderTestJson(result: TestResult, lang: Lang, version: string, wordUsage: WordUsage): string {
  const json = {
    tool: 'zhicheng-check',
    version,
    command: 'policy test',
    policy: result.policy.id,
    summary: { ...result.summary, skipped: result.skipped },
    rules: rulesInvolved(result),
    packages: result.packages.map((p) => ({
      package: p.package,
      status: p.status,
      ...(p.today ? { today: p.today } : {}),
      ...(p.updated ? { updated: true } : {}),
      ...(p.error ? { error: wordPackageError(p.error, lang, wordUsage) } : {}),
      differences: p.differences.map((d) => ({ ...d, rules: differenceRules(d), message: wordDifference(d, lang) })),
    })),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function renderTestJunit(result: TestResult, lang: Lang, wordUsage: WordUsage): string {
  const cases = result.packages.map((p): JunitCase => {
    const name = p.package
    const classname = result.policy.id
    if (p.error) return { name, classname, error: { message: wordPackageError(p.error, lang, wordUsage), type: 'error', body: '' } }
    if (p.differences.length === 0) return { name, classname }
    const lines = p.differences.map((d) => wordDifference(d, lang))
    const rules = [...new Set(p.differences.flatMap(differenceRules))]
    return { name, classname, failure: { message: lines[0]!, type: rules.join(' ') || 'expectations', body: lines.join('\n') } }
  })
  return renderJunitXml(`zhicheng-check policy test ${result.policy.id}`, [{ name: result.policy.id, cases }])
}

// ---------------------------------------------------------------------------------------------
// policy diff

const DIFFP = {
  header: { zh: '政策对比：{old} → {new}', en: 'policies compared: {old} → {new}' },
  values: { zh: '政策取值的变化（{n} 处）：', en: 'Policy values that changed ({n}):' },
  noValues: { zh: '政策取值没有变化', en: 'No policy value changed' },
  packages: { zh: '示例申报包的发现变化（{n} 个包，按各包 expected.yaml 的 today 检查）：', en: 'Findings on the example packages ({n}, each checked on the today of its expected.yaml):' },
  unchanged: { zh: '没有变化', en: 'no change' },
  exit: { zh: '退出码 {old} → {new}', en: 'exit {old} → {new}' },
  rules: { zh: '按规则汇总：', en: 'By rule:' },
  ruleLine: { zh: '{rule}：{parts}', en: '{rule}: {parts}' },
  appearedIn: { zh: '在 {n} 个包新出现', en: 'appears in {n} package(s)' },
  disappearedIn: { zh: '在 {n} 个包消失', en: 'disappears from {n} package(s)' },
  rewordedIn: { zh: '在 {n} 个包措辞改变', en: 'reworded in {n} package(s)' },
  summary: { zh: '{changed} 个包的发现有变化', en: '{changed} package(s) with findings that change' },
  summaryNone: { zh: '没有哪个包的发现出现或消失', en: 'no finding appears or disappears on any package' },
  skipped: { zh: '（另有 {n} 个属于其他政策的申报包未运行）', en: '({n} package(s) of other policies not run)' },
  line: { zh: '第 {n} 行', en: 'line {n}' },
  was: { zh: '原为：', en: 'was: ' },
} satisfies Record<string, Text>

const SEV: Record<string, Text> = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } }

function show(v: unknown): string {
  if (v === null || v === undefined) return '—'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 120 ? `${s.slice(0, 119)}…` : s
}

export function wordValueChange(ch: ValueChange, lang: Lang): string {
  switch (ch.kind) {
    case 'changed':
      return `${ch.key}: ${show(ch.old)} → ${show(ch.new)}`
    case 'added':
      return `${ch.key}: ${lang === 'zh' ? '新增' : 'added'} ${show(ch.new)}`
    case 'removed':
      return `${ch.key}: ${lang === 'zh' ? '删去' : 'removed'} ${show(ch.old)}`
    case 'list': {
      const part = (sign: string, xs: unknown[]) => (xs.length === 0 ? [] : [`${sign}${xs.length > 6 ? `${xs.slice(0, 5).map(show).join(' ')} …（${xs.length}）` : xs.map(show).join(' ')}`])
      return `${ch.key}: ${[...part('+', ch.added), ...part('−', ch.removed)].join('  ')}`
    }
  }
}

function wordChange(ch: FindingChange, lang: Lang): string {
  const sign = { appeared: '+', disappeared: '−', reworded: '~' }[ch.kind]
  const where = [ch.file, ch.page !== undefined ? `p.${ch.page}` : undefined, ch.line !== undefined ? t(DIFFP.line, lang, { n: ch.line }) : undefined].filter(Boolean).join(' ')
  const base = `${sign} ${ch.rule}  ${t(SEV[ch.severity]!, lang)}${where ? `  ${where}` : ''}  ${ch.message}`
  return ch.kind === 'reworded' ? `${base}\n        ${t(DIFFP.was, lang)}${ch.oldMessage}` : base
}

function ruleParts(r: DiffResult['rules'][number], lang: Lang): string[] {
  return [
    ...(r.appeared ? [t(DIFFP.appearedIn, lang, { n: r.appeared })] : []),
    ...(r.disappeared ? [t(DIFFP.disappearedIn, lang, { n: r.disappeared })] : []),
    ...(r.reworded ? [t(DIFFP.rewordedIn, lang, { n: r.reworded })] : []),
  ]
}

export function renderDiffPretty(result: DiffResult, lang: Lang, c: ChalkInstance, wordUsage: WordUsage): string {
  const out: string[] = []
  out.push(c.bold(t(DIFFP.header, lang, { old: result.old.id, new: result.new.id })))
  out.push('')
  if (result.values.length === 0) out.push(t(DIFFP.noValues, lang))
  else {
    out.push(c.bold(t(DIFFP.values, lang, { n: result.values.length })))
    for (const ch of result.values) out.push(`  ${wordValueChange(ch, lang)}`)
  }
  out.push('')
  out.push(c.bold(t(DIFFP.packages, lang, { n: result.packages.length })))
  for (const p of result.packages) {
    const head = `  ${p.package}${p.today ? c.dim(` (${p.today})`) : ''}`
    if (p.error) {
      out.push(`${head}  ${c.red(wordPackageError(p.error, lang, wordUsage))}`)
      continue
    }
    const exit = p.oldExit !== p.newExit ? `  ${t(DIFFP.exit, lang, { old: p.oldExit!, new: p.newExit! })}` : ''
    if (p.changes.length === 0) {
      out.push(`${head}  ${c.dim(t(DIFFP.unchanged, lang))}`)
      continue
    }
    out.push(`${head}${exit}`)
    for (const ch of p.changes) {
      const line = `    ${wordChange(ch, lang)}`
      out.push(ch.kind === 'appeared' ? c.red(line) : ch.kind === 'disappeared' ? c.green(line) : c.dim(line))
    }
  }
  if (result.rules.length > 0) {
    out.push('')
    out.push(c.bold(t(DIFFP.rules, lang)))
    for (const r of result.rules) out.push(`  ${t(DIFFP.ruleLine, lang, { rule: r.rule, parts: ruleParts(r, lang) })}`)
  }
  out.push('')
  out.push(result.changed > 0 ? t(DIFFP.summary, lang, { changed: result.changed }) : t(DIFFP.summaryNone, lang))
  if (result.skipped > 0) out.push(c.dim(t(DIFFP.skipped, lang, { n: result.skipped })))
  return `${out.join('\n')}\n`
}

export function renderDiffJson(result: DiffResult, lang: Lang, version: string, wordUsage: WordUsage): string {
  const json = {
    tool: 'zhicheng-check',
    version,
    command: 'policy diff',
    old: result.old.id,
    new: result.new.id,
    summary: { packages: result.packages.length, changed: result.changed, values: result.values.length, skipped: result.skipped },
    values: result.values,
    rules: result.rules,
    packages: result.packages.map((p) => ({
      package: p.package,
      ...(p.today ? { today: p.today } : {}),
      ...(p.oldExit !== undefined ? { exit: { old: p.oldExit, new: p.newExit } } : {}),
      ...(p.error ? { error: wordPackageError(p.error, lang, wordUsage) } : {}),
      changes: p.changes,
    })),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function renderDiffJunit(result: DiffResult, lang: Lang, wordUsage: WordUsage): string {
  const suite = `${result.old.id} → ${result.new.id}`
  const cases = result.packages.map((p): JunitCase => {
    const name = p.package
    if (p.error) return { name, classname: suite, error: { message: wordPackageError(p.error, lang, wordUsage), type: 'error', body: '' } }
    const flips = p.changes.filter((ch) => ch.kind !== 'reworded')
    if (flips.length === 0) return { name, classname: suite }
    const lines = flips.map((ch) => wordChange(ch, lang))
    return { name, classname: suite, failure: { message: lines[0]!, type: [...new Set(flips.map((f) => f.rule))].join(' '), body: lines.join('\n') } }
  })
  return renderJunitXml(`zhicheng-check policy diff ${suite}`, [{ name: suite, cases }])
}

// ---------------------------------------------------------------------------------------------
// policy lint

const LINT: Record<LintProblem['code'], Text> = {
  'not-yaml': { zh: '不是有效的 YAML：{reason}', en: 'not valid YAML: {reason}' },
  schema: { zh: '不符合政策文件格式：{message}', en: 'does not fit the policy schema: {message}' },
  'no-notice': { zh: '没有 notice:（通知原文文件），无法核对条款引文', en: 'no notice: (the notice text), so clause quotes cannot be checked' },
  'notice-missing': { zh: '通知原文 {file} 不存在', en: 'the notice text {file} does not exist' },
  'quote-not-in-notice': { zh: '条款 {clause} 的引文不在通知原文 {notice} 里（空白不计）', en: 'the quote of clause {clause} is not in the notice text {notice} (whitespace ignored)' },
  'clause-not-quoted': { zh: '引用的条款 {clause} 不在 clauses 里', en: 'clause {clause} is cited but not quoted in clauses' },
  'rule-clause-not-quoted': { zh: '规则 {rule} 依据条款 {clause}，本政策的 clauses 没有引用它（报告里会缺少原文）', en: 'rule {rule} cites clause {clause}, which this policy does not quote (reports would lack its words)' },
  'date-order': { zh: '日期顺序不对：{first}（{firstDate}）应不晚于 {second}（{secondDate}）', en: 'dates out of order: {first} ({firstDate}) must not be after {second} ({secondDate})' },
  'deadline-before-window-end': { zh: '申报截止日 {deadline} 早于申报时间的结束日 {end}：请核对', en: 'the deadline {deadline} is before the end of the window {end}: check it' },
  'ce-years-order': { zh: '继续教育年度应从早到晚、不重复：{year} 排在 {previous} 之后', en: 'continuing-education years must ascend without repeats: {year} comes after {previous}' },
  'ce-years-gap': { zh: '继续教育年度不连续：{from} 之后是 {to}', en: 'continuing-education years have a gap: {from} then {to}' },
  'ce-year-after-application': { zh: '继续教育年度 {year} 晚于申报年度 {application}', en: 'continuing-education year {year} is after the application year {application}' },
  'grades-order': { zh: '普通话等级应从高到低排列：{grade} 的分数线不低于 {previous}', en: 'Mandarin grades must be listed highest first: {grade} is not below {previous}' },
  'unknown-grade': { zh: '{key} 的等级“{grade}”不在 mandarin.grades 里', en: 'grade "{grade}" of {key} is not in mandarin.grades' },
  'unknown-title': { zh: '{key} 里的职称“{title}”不在 titles.by_series 里', en: 'title "{title}" in {key} is not in titles.by_series' },
  'fee-level-missing': { zh: '评审费缺少 {level} 的金额', en: 'the fee has no amount for {level}' },
  'calendar-year-missing': { zh: '{key}（{date}）在 {year} 年，日历没有这一年（calendar.years）', en: '{key} ({date}) is in {year}, which the calendar does not cover (calendar.years)' },
  'calendar-year-unused': { zh: '日历包含 {year} 年，但政策的日期都不在这一年', en: 'the calendar covers {year}, but no policy date falls in it' },
  'calendar-year-empty': { zh: '日历的 {year} 年没有列出任何节假日：不完整', en: 'the calendar lists no holiday in {year}: it is incomplete' },
  'calendar-day-outside': { zh: '{day} 不在日历覆盖的年度里', en: '{day} is outside the years the calendar covers' },
  'calendar-day-twice': { zh: '{day} 在日历里出现了两次', en: '{day} is listed twice in the calendar' },
  'holiday-on-weekend': { zh: '{day} 是周末，不必列为放假日（holidays 只列工作日里放假的日子）', en: '{day} is a weekend day: holidays lists only weekdays that are days off' },
  'workday-on-weekday': { zh: '{day} 是工作日，不必列为调休上班日（workdays 只列周末上班的日子）', en: '{day} is a weekday: workdays lists only weekend days that are working days' },
  'statutory-day-working': { zh: '{day}（{zh}）在日历里是工作日：法定节假日缺失？', en: '{day} ({en}) is a working day in this calendar: a statutory holiday missing?' },
  'examples-missing': { zh: 'examples: 指向的文件夹 {dir} 不存在或是空的', en: 'the examples folder {dir} does not exist or is empty' },
  'no-examples': { zh: '没有 examples:（示例申报包文件夹）：policy test 无从检查这个政策', en: 'no examples: (example package folder): policy test has nothing to run' },
  'id-not-file-name': { zh: 'id {id} 与文件名 {file} 不一致：按 ID 加载需要文件名为 {id}.yaml', en: 'id {id} does not match the file name {file}: loading by id needs {id}.yaml' },
}

const LINTP = {
  ok: { zh: '{file}：没有问题', en: '{file}: no problems' },
  counts: { zh: '{errors} 个错误，{warnings} 个警告', en: '{errors} error(s), {warnings} warning(s)' },
} satisfies Record<string, Text>

export function wordLintProblem(p: LintProblem, lang: Lang): string {
  return t(LINT[p.code], lang, p.data)
}

export function renderLintPretty(result: LintResult, shownFile: string, lang: Lang, c: ChalkInstance): string {
  if (result.problems.length === 0) return `${c.green('✔')} ${t(LINTP.ok, lang, { file: shownFile })}\n`
  const out = result.problems.map((p) => {
    const where = `${shownFile}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}`
    const sev = p.severity === 'error' ? c.red(t(SEV.error!, lang)) : c.yellow(t(SEV.warning!, lang))
    return `${where}  ${sev}  ${wordLintProblem(p, lang)}${p.key ? c.dim(`  [${p.key}]`) : ''}`
  })
  const errors = result.problems.filter((p) => p.severity === 'error').length
  out.push('', t(LINTP.counts, lang, { errors, warnings: result.problems.length - errors }))
  return `${out.join('\n')}\n`
}

export function renderLintJson(result: LintResult, shownFile: string, lang: Lang, version: string): string {
  const errors = result.problems.filter((p) => p.severity === 'error').length
  const json = {
    tool: 'zhicheng-check',
    version,
    command: 'policy lint',
    file: shownFile,
    ...(result.id ? { policy: result.id } : {}),
    summary: { errors, warnings: result.problems.length - errors },
    problems: result.problems.map((p) => ({ ...p, message: wordLintProblem(p, lang) })),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function renderLintJunit(result: LintResult, shownFile: string, lang: Lang): string {
  const cases = result.problems.map((p): JunitCase => {
    const name = `${shownFile}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''} ${p.code}`
    const message = wordLintProblem(p, lang)
    // Warnings pass: they are listed as passing cases with the text in system-out.
    return p.severity === 'error' ? { name, classname: shownFile, failure: { message, type: p.code, body: message } } : { name, classname: shownFile, systemOut: message }
  })
  if (cases.length === 0) cases.push({ name: 'policy lint', classname: shownFile })
  return renderJunitXml(`zhicheng-check policy lint ${shownFile}`, [{ name: shownFile, cases }])
}

// ---------------------------------------------------------------------------------------------
// policy new

const NEW = {
  done: { zh: '已从 {from} 复制出新政策 {id}：', en: 'new policy {id} copied from {from}:' },
  next: {
    zh: '下一步：改写政策文件里的名称、日期、学时等取值和通知原文；zhicheng-check policy lint {file} 检查它；\nzhicheng-check policy test --policy {file} 运行示例，确认后用 --update 改写预期。',
    en: 'Next: edit the name, dates, hours and other values and the notice text; check it with zhicheng-check policy lint {file};\nrun the examples with zhicheng-check policy test --policy {file}, and after review rewrite the expectations with --update.',
  },
} satisfies Record<string, Text>

export function renderNewPretty(result: NewResult, shown: (abs: string) => string, lang: Lang): string {
  const out = [t(NEW.done, lang, { id: result.id, from: result.from.id })]
  out.push(`  ${shown(result.policyFile)}`)
  if (result.noticeFile) out.push(`  ${shown(result.noticeFile)}`)
  for (const p of result.packages) out.push(`  ${shown(p)}/`)
  out.push('', t(NEW.next, lang, { file: shown(result.policyFile) }))
  return `${out.join('\n')}\n`
}

export function renderNewJson(result: NewResult, shown: (abs: string) => string, version: string): string {
  const json = {
    tool: 'zhicheng-check',
    version,
    command: 'policy new',
    from: result.from.id,
    policy: result.id,
    files: [shown(result.policyFile), ...(result.noticeFile ? [shown(result.noticeFile)] : [])],
    packages: result.packages.map(shown),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}
