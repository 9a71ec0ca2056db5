import type { Finding } from '../report/finding.js'
import { sortFindings } from '../report/finding.js'
import { renderHit } from '../report/render-message.js'
import { scrub, type Identity } from '../report/mask.js'
import type { Lang, Rule, RuleContext } from '../rules/define-rule.js'

/** Runs the rules and words their hits: the pure middle of the pipeline. */
export function runRules(rules: readonly Rule[], ctx: RuleContext, lang: Lang): Finding[] {
  const data = ctx.manifest.data
  const identity: Identity = {
    names: data ? [data.applicant.name, ...(data.applicant.name_variants ?? [])] : [],
    employers: data ? [data.applicant.employer, ...(data.applicant.employer_variants ?? [])] : [],
  }
  const findings: Finding[] = []
  for (const rule of rules) {
    for (const hit of rule.check(ctx)) {
      const { message, fix } = renderHit(rule, hit, lang)
      const pos = hit.at !== undefined ? ctx.manifest.at(hit.at) : undefined
      const f: Finding = {
        rule: rule.id,
        severity: rule.severity,
        message: scrub(message, identity),
        fix: scrub(fix, identity),
      }
      if (rule.clause) f.clause = rule.clause
      if (hit.file !== undefined) f.file = scrub(hit.file, identity)
      if (hit.page !== undefined) f.page = hit.page
      if (pos) {
        f.line = pos.line
        f.column = pos.column
      }
      findings.push(f)
    }
  }
  return sortFindings(findings)
}
