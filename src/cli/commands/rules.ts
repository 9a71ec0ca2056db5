import type { ChalkInstance } from 'chalk'
import { loadPolicy, type Policy } from '../../policy/load.js'
import { AREA_NAMES } from '../../report/pretty.js'
import { padEndWidth, stringWidth, wrapWidth } from '../../report/wrap-text.js'
import { closest } from '../../util/closest.js'
import { fixFor, type Fragment, type Lang, type Rule, AREAS } from '../../rules/define-rule.js'
import { RULES, findRule, ruleSource } from '../../rules/index.js'
import { UsageError } from '../../usage-error.js'
import { makeContext, type Io } from '../context.js'

// `rules`: the catalogue grouped by area. `explain RULE`: one rule in the user's language — what
// it checks, the clause quoted from the notice, the policy values it reads, a manifest fragment
// that triggers it and one that does not, and how to fix what it reports.

const SEVERITY: Record<Lang, Record<Rule['severity'], string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
}

const WORDS = {
  zh: {
    count: (n: number) => `共 ${n} 条规则；zhicheng-check explain 规则ID 查看一条的说明、通知原文和示例`,
    assumedTag: '[待核实]',
    assumedLegend: (id: string) => `[待核实]：规则用到政策 ${id} 中标为待核实的取值（对通知的理解，或通知没有写的事实），explain 列出是哪些`,
    area: (name: string) => `类别：${name}`,
    checks: '检查什么',
    clause: (c: string, policy: string) => `通知条款 ${c}（${policy}）`,
    noClause: '本规则检查清单格式，不对应通知条款。',
    values: (id: string) => `政策取值（${id}）`,
    toConfirm: '待核实',
    clauseTag: (c: string) => `条款 ${c}`,
    fail: '会触发本规则的写法',
    pass: '不会触发的写法',
    today: (d: string) => `（按今天是 ${d} 判断）`,
    fromFiles: '本规则看的是申报包里的文件和路径，不只是清单：片段中的注释说明文件的情况。',
    fixes: '提示与修改方法（花括号里是申报包中的取值）',
    fix: '修改：',
    source: (file: string) => `源文件：${file}`,
    sources: '每条规则的源文件是 src/rules/<前缀>.ts 或 src/rules/<前缀>/ 中的文件（规则ID 的前缀，explain 给出是哪个）',
  },
  en: {
    count: (n: number) => `${n} rules; zhicheng-check explain RULE shows one with its clause and examples`,
    assumedTag: '[to confirm]',
    assumedLegend: (id: string) => `[to confirm]: the rule reads values of policy ${id} marked to confirm (a reading of the notice, or a fact it leaves out); explain lists them`,
    area: (name: string) => `area: ${name}`,
    checks: 'What it checks',
    clause: (c: string, policy: string) => `Clause ${c} of the notice (${policy})`,
    noClause: 'This rule checks the manifest format, not a clause of the notice.',
    values: (id: string) => `Policy values (${id})`,
    toConfirm: 'to confirm',
    clauseTag: (c: string) => `clause ${c}`,
    fail: 'A manifest that triggers it',
    pass: 'One that does not',
    today: (d: string) => ` (judged as if today were ${d})`,
    fromFiles: 'This rule looks at the package’s files and paths, not only the manifest: the comments say what the file is like.',
    fixes: 'Messages and fixes (values in braces come from the package)',
    fix: 'fix: ',
    source: (file: string) => `source: ${file}`,
    sources: 'Each rule is defined in src/rules/<prefix>.ts or a file of src/rules/<prefix>/ (the prefix of its id; explain names the file)',
  },
}

/** The settings a rule reads that the policy marks `assumed: true` (readings and outside facts to confirm). */
export function assumedSettings(rule: Rule, policy: Policy): string[] {
  return (rule.policy ?? []).filter((key) => policy.settings.get(key)?.assumed === true)
}

export function runRulesList(flags: { format: 'pretty' | 'json'; lang?: string }, io: Io): number {
  const ctx = makeContext(io, flags)
  const lang = ctx.lang
  const ordered = AREAS.flatMap((area) => RULES.filter((r) => r.area === area))
  const policy = loadPolicy()
  const w = WORDS[lang]
  if (flags.format === 'json') {
    const rows = ordered.map((r) => ({
      id: r.id,
      area: r.area,
      areaName: AREA_NAMES[r.area][lang],
      severity: r.severity,
      clause: r.clause,
      description: r.description[lang],
      // Settings of the default policy the rule reads that are readings or outside facts to confirm.
      assumed: assumedSettings(r, policy),
      // Where the rule is defined, in the repository: its id's prefix names the file or folder.
      source: ruleSource(r.id),
    }))
    ctx.stdout(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  const c = ctx.chalk
  // Columns by display width: a clause such as 四（一）5 is nine columns, not five characters.
  const idWidth = Math.max(...RULES.map((r) => stringWidth(r.id)))
  const sevWidth = Math.max(...Object.values(SEVERITY[lang]).map((s) => stringWidth(s)))
  const clauseWidth = Math.max(1, ...RULES.map((r) => stringWidth(r.clause ?? '—')))
  const indent = 2 + idWidth + 2 + sevWidth + 2 + clauseWidth + 2
  const out: string[] = []
  for (const area of AREAS) {
    const rules = RULES.filter((r) => r.area === area)
    if (rules.length === 0) continue
    out.push(c.bold.underline(AREA_NAMES[area][lang]))
    for (const r of rules) {
      const sev = severityColour(c, r.severity)(padEndWidth(SEVERITY[lang][r.severity], sevWidth))
      const head = `  ${padEndWidth(r.id, idWidth)}  ${sev}  ${c.dim(padEndWidth(r.clause ?? '—', clauseWidth))}  `
      if (ctx.columns && ctx.columns - indent < 30) {
        // A narrow terminal: the description goes under the id, wrapped.
        out.push(head.trimEnd())
        const text = assumedSettings(r, policy).length > 0 ? `${r.description[lang]} ${w.assumedTag}` : r.description[lang]
        for (const line of wrapWidth(text, ctx.columns - 6)) out.push(`      ${line}`)
        continue
      }
      const text = assumedSettings(r, policy).length > 0 ? `${r.description[lang]} ${w.assumedTag}` : r.description[lang]
      const desc = ctx.columns ? wrapWidth(text, ctx.columns - indent) : [text]
      out.push(head + desc[0])
      for (const more of desc.slice(1)) out.push(' '.repeat(indent) + more)
    }
    out.push('')
  }
  const count = w.count(RULES.length)
  for (const line of ctx.columns ? wrapWidth(count, ctx.columns) : [count]) out.push(c.dim(line))
  const legend = w.assumedLegend(policy.id)
  for (const line of ctx.columns ? wrapWidth(legend, ctx.columns) : [legend]) out.push(c.dim(line))
  for (const line of ctx.columns ? wrapWidth(w.sources, ctx.columns) : [w.sources]) out.push(c.dim(line))
  ctx.stdout(`${out.join('\n')}\n`)
  return 0
}

export function runExplain(id: string, flags: { policy?: string; lang?: string }, io: Io): number {
  const ctx = makeContext(io, flags)
  const rule = findRule(id)
  if (!rule) {
    const guess = closest(id, RULES.map((r) => r.id))
    const hint = guess ? (ctx.lang === 'zh' ? `，是否想找 ${guess}？` : `; did you mean ${guess}?`) : ''
    throw new UsageError('unknown-rule', { rule: id, hint })
  }
  const policy = loadPolicy(flags.policy)
  ctx.stdout(renderExplain(rule, policy, ctx.lang, ctx.chalk, ctx.columns))
  return 0
}

/** One rule, explained: the text `explain` prints. */
export function renderExplain(rule: Rule, policy: Policy, lang: Lang, c: ChalkInstance, columns?: number): string {
  const w = WORDS[lang]
  const out: string[] = []
  const para = (text: string, indent = '  ', paint: (s: string) => string = (s) => s) => {
    const lines = columns ? wrapWidth(text, columns - stringWidth(indent)) : [text]
    for (const line of lines) out.push(indent + paint(line))
  }
  const heading = (text: string) => {
    out.push('')
    out.push(c.bold(text))
  }

  out.push(`${c.bold(rule.id)}  ${severityColour(c, rule.severity)(SEVERITY[lang][rule.severity])}  ${c.dim(w.area(AREA_NAMES[rule.area][lang]))}`)
  const source = ruleSource(rule.id)
  if (source) out.push(c.dim(w.source(source)))
  heading(w.checks)
  para(rule.description[lang])

  if (rule.clause) {
    heading(w.clause(rule.clause, policy.name[lang]))
    para(`“${policy.clauses[rule.clause] ?? '—'}”`)
  } else {
    heading(w.clause('—', policy.name[lang]))
    para(w.noClause)
  }

  const settings = (rule.policy ?? []).flatMap((key) => {
    const s = policy.settings.get(key)
    return s ? [[key, s] as const] : []
  })
  if (settings.length > 0) {
    heading(w.values(policy.id))
    for (const [key, s] of settings) {
      const tags = [s.clause && w.clauseTag(s.clause), s.source, s.assumed && w.toConfirm].filter(Boolean)
      out.push(`  ${key} = ${formatValue(s.value)}`)
      if (tags.length) para(`[${tags.join('; ')}]`, '      ', c.dim)
    }
  }

  const ex = rule.examples
  if (ex) {
    const today = ex.today ? w.today(ex.today) : ''
    heading(`${w.fail}${today}`)
    out.push(...fragmentLines(ex.fail, lang, c, c.red))
    heading(w.pass)
    out.push(...fragmentLines(ex.pass, lang, c, c.green))
    if (ex.fromFiles) para(w.fromFiles, '  ', c.dim)
  }

  heading(w.fixes)
  for (const [mid, text] of Object.entries(rule.messages)) {
    para(`- ${(text as Record<Lang, string>)[lang]}`)
    para(`${w.fix}${fixFor(rule, mid)[lang]}`, '    ', (line) => line.replace(w.fix, c.cyan(w.fix)))
  }
  return `${out.join('\n')}\n`
}

function fragmentLines(fragment: Fragment, lang: Lang, c: ChalkInstance, bar: ChalkInstance): string[] {
  const text = typeof fragment === 'string' ? fragment : fragment[lang]
  return text.split('\n').map((line) => {
    const hash = line.search(/\s#\s/)
    const shown = hash < 0 ? line : line.slice(0, hash) + c.dim(line.slice(hash))
    return `  ${bar('│')} ${line.startsWith('#') ? c.dim(line) : shown}`
  })
}

function severityColour(c: ChalkInstance, severity: Rule['severity']): ChalkInstance {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue
}

function formatValue(v: unknown): string {
  const s = JSON.stringify(v)
  return s.length > 300 ? `${s.slice(0, 300)}…` : s
}
