import type { Finding } from '../report/finding.js'
import { sortFindings } from '../report/finding.js'
import { renderHit } from '../report/render-message.js'
import { scrub, type Identity } from '../report/mask.js'
import type { Hit, Lang, Rule, RuleContext } from '../rules/define-rule.js'
import { parsePointer } from '../manifest/load.js'
import { identityTermsOfRaw, maskIdentity } from '../rules/identity-match.js'
import { escapeControls } from '../report/sanitize.js'

function personalOf(a: { id_number?: string; phone?: string; email?: string }): NonNullable<Identity['personal']> {
  const out: NonNullable<Identity['personal']> = []
  if (a.id_number) out.push({ kind: 'idNumber', value: a.id_number })
  if (a.phone) out.push({ kind: 'phone', value: a.phone })
  if (a.email) out.push({ kind: 'email', value: a.email })
  return out
}

/**
 * How any text from the package is shown in a report: masked wherever the identity matcher finds the
 * name or employer (a file name spaced out, in Traditional, full-width, pinyin joined by _) or a
 * personal identifier, then escaped.
 */
export function shownText(manifest: RuleContext['manifest']): (text: string) => string {
  const data = manifest.data
  const identity: Identity = {
    names: data ? [data.applicant.name, ...(data.applicant.name_variants ?? [])] : [],
    employers: data ? [data.applicant.employer, ...(data.applicant.employer_variants ?? [])] : [],
    personal: data ? personalOf(data.applicant) : [],
  }
  const terms = identityTermsOfRaw(manifest.raw)
  return (text: string) => escapeControls(maskIdentity(scrub(text, identity), terms))
}

/** Runs the rules and words their hits: the pure middle of the pipeline. */
export function runRules(rules: readonly Rule[], ctx: RuleContext, lang: Lang): Finding[] {
  const shown = shownText(ctx.manifest)
  const findings: Finding[] = []
  const dropped = ctx.manifest.dropped
  // A section dropped as invalid is manifest.invalid's finding; rules about its content would only
  // repeat it wrongly ("没有填写学历" when the level is misspelt).
  // A field still to fill in (待填写) is manifest.invalid's too; and a rule about the part that holds
  // it (a year of continuing education whose hours are to fill) cannot judge that part yet.
  const toFill = ctx.manifest.toFill ?? []
  const under = (outer: readonly string[], inner: readonly string[]) => outer.length <= inner.length && outer.every((seg, i) => seg === inner[i])
  const aboutDropped = (hit: Hit) => {
    if (hit.at === undefined) return false
    const at = parsePointer(hit.at).map(String)
    return dropped.some((d) => under(d, at)) || toFill.some((t) => under(t, at) || (at.length > 1 && under(at, t)))
  }
  for (const rule of rules) {
    for (const hit of rule.check(ctx)) {
      if (rule.needsData && aboutDropped(hit)) continue
      const { message, fix } = renderHit(rule, hit, lang)
      const pos = hit.at !== undefined ? ctx.manifest.at(hit.at) : undefined
      const f: Finding = {
        rule: rule.id,
        severity: rule.severity,
        message: shown(message),
        fix: shown(fix),
      }
      if (rule.clause) f.clause = rule.clause
      if (hit.file !== undefined) f.file = shown(hit.file)
      if (hit.page !== undefined) f.page = hit.page
      if (hit.box !== undefined) f.box = hit.box
      if (pos) {
        f.line = pos.line
        f.column = pos.column
      }
      findings.push(f)
    }
  }
  return sortFindings(findings)
}
