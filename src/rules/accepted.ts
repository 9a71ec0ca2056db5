import { ABSOLUTE_RULES } from './absolute.js'
import { defineRule, type Hit } from './define-rule.js'

// The manifest's `accepted:` list says, with a reason, that a finding is known and deliberate; the
// run (src/core/run-rules.ts) turns a matching finding into an info carrying the reason. This rule
// reports the entries that cannot work: one that names an absolute rule (ABSOLUTE_RULES), and one
// that names no rule at all.

export const manifestAccepted = defineRule({
  id: 'manifest.accepted',
  area: 'manifest',
  severity: 'error',
  clause: null,
  description: {
    zh: '清单的 accepted（有意接受的问题）里写了不能接受的规则：通知规定为绝对要求的错误，或不存在的规则',
    en: 'The manifest’s accepted list names a rule that cannot be accepted (an error the notice makes absolute) or no rule at all',
  },
  messages: {
    absolute: { zh: '{rule} 不能接受：{why}', en: '{rule} cannot be accepted: {whyEn}' },
    unknownRule: { zh: 'accepted 里的 {rule} 不是已有的规则', en: '{rule} in accepted is not a rule' },
  },
  fix: {
    absolute: { zh: '从 accepted 删去这一条，按 {rule} 的“如何修改”改正', en: 'remove this entry from accepted and fix what {rule} reports' },
    unknownRule: { zh: '写报告里显示的规则 ID（zhicheng-check rules 列出全部）', en: 'write the rule id the report shows (zhicheng-check rules lists them)' },
  },
  examples: {
    fail: {
      zh: 'accepted:\n  - { rule: redaction.filename-leak, file: files/学历证书.pdf, reason: 单位要求这样命名 }   # 盲评要求不能接受',
      en: 'accepted:\n  - { rule: redaction.filename-leak, file: files/学历证书.pdf, reason: my unit names it so }   # blind review cannot be accepted',
    },
    pass: 'accepted:\n  - { rule: publicity.before-notice, field: publicity.end, reason: 本年度公示，已向职称办确认 }',
  },
  check({ data, rules }) {
    const known = rules ? new Set(rules.map((r) => r.id)) : undefined
    return (data.accepted ?? []).flatMap((a, i): Array<Hit<'absolute' | 'unknownRule'>> => {
      const at = `accepted.${i}.rule`
      const why = ABSOLUTE_RULES[a.rule]
      if (why) return [{ messageId: 'absolute', data: { rule: a.rule, why: why.zh, whyEn: why.en }, at }]
      if (known && !known.has(a.rule)) return [{ messageId: 'unknownRule', data: { rule: a.rule }, at }]
      return []
    })
  },
})
