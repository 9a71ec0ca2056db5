import { loadPolicy } from '../../policy/load.js'
import { closest } from '../../util/closest.js'
import { fixFor, type Lang, type Rule, AREAS } from '../../rules/define-rule.js'
import { RULES, findRule } from '../../rules/index.js'
import { UsageError } from '../../usage-error.js'
import { makeContext, type Io } from '../context.js'

const SEVERITY: Record<Lang, Record<Rule['severity'], string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
}

export function runRulesList(flags: { format: 'pretty' | 'json'; lang?: string }, io: Io): number {
  const ctx = makeContext(io, flags)
  const ordered = AREAS.flatMap((area) => RULES.filter((r) => r.area === area))
  if (flags.format === 'json') {
    const rows = ordered.map((r) => ({ id: r.id, area: r.area, severity: r.severity, clause: r.clause, description: r.description[ctx.lang] }))
    ctx.stdout(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  const width = Math.max(...RULES.map((r) => r.id.length))
  const lines = ordered.map(
    (r) => `${r.id.padEnd(width)}  ${SEVERITY[ctx.lang][r.severity].padEnd(ctx.lang === 'zh' ? 2 : 7)}  ${(r.clause ?? '—').padEnd(8, '　')}  ${r.description[ctx.lang]}`,
  )
  ctx.stdout(`${lines.join('\n')}\n`)
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
  const zh = ctx.lang === 'zh'
  const c = ctx.chalk
  const out: string[] = []
  out.push(c.bold(`${rule.id}`) + `  ${SEVERITY[ctx.lang][rule.severity]}`)
  out.push(rule.description[ctx.lang])
  out.push('')
  if (rule.clause) {
    out.push(c.bold(zh ? `通知条款 ${rule.clause}（${policy.name.zh}）：` : `Clause ${rule.clause} (${policy.name.en}):`))
    out.push(`  “${policy.clauses[rule.clause] ?? '—'}”`)
  } else {
    out.push(zh ? '本规则检查清单格式，不对应通知条款。' : 'This rule checks the manifest format, not a clause of the notice.')
  }
  if (rule.policy?.length) {
    out.push('')
    out.push(c.bold(zh ? `使用的政策取值（${policy.id}）：` : `Policy values used (${policy.id}):`))
    for (const key of rule.policy) {
      const s = policy.settings.get(key)
      if (!s) continue
      const tags = [s.clause && (zh ? `条款 ${s.clause}` : `clause ${s.clause}`), s.source, s.assumed && (zh ? '待核实' : 'to confirm')].filter(Boolean)
      out.push(`  ${key} = ${formatValue(s.value)}${tags.length ? c.dim(`  [${tags.join('; ')}]`) : ''}`)
    }
  }
  out.push('')
  out.push(c.bold(zh ? '可能的提示：' : 'Messages:'))
  for (const [mid, text] of Object.entries(rule.messages)) {
    out.push(`  - ${(text as Record<Lang, string>)[ctx.lang]}`)
    out.push(`    ${zh ? '修改：' : 'fix: '}${fixFor(rule, mid)[ctx.lang]}`)
  }
  ctx.stdout(`${out.join('\n')}\n`)
  return 0
}

function formatValue(v: unknown): string {
  const s = JSON.stringify(v)
  return s.length > 300 ? `${s.slice(0, 300)}…` : s
}
