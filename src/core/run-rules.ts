import type { FindingData } from '../report/finding.js'
import { findingOf } from '../report/word.js'
import { scrub, type Identity } from '../identity/mask.js'
import type { Hit, Rule, RuleContext } from '../rules/define-rule.js'
import { parsePointer } from '../manifest/load.js'
import { identityTermsOfRaw, maskIdentity } from '../identity/match.js'
import { escapeControls } from '../report/sanitize.js'
import { ABSOLUTE_RULES } from '../rules/absolute.js'
import type { ManifestData } from '../manifest/schema.js'

function personalOf(a: { id_number?: string; phone?: string; email?: string }): NonNullable<Identity['personal']> {
  const out: NonNullable<Identity['personal']> = []
  if (a.id_number) out.push({ kind: 'idNumber', value: a.id_number })
  if (a.phone) out.push({ kind: 'phone', value: a.phone })
  if (a.email) out.push({ kind: 'email', value: a.email })
  return out
}

/**
 * How every text of a finding is shown: masked wherever the identity matcher finds the name or
 * employer (a file name spaced out, in Traditional, full-width, pinyin joined by _), then escaped.
 * `fix` uses it to tell which named file a finding's (masked) `file` is.
 */
export function showMasked(manifest: RuleContext['manifest']): (text: string) => string {
  const data = manifest.data
  const identity: Identity = {
    names: data ? [data.applicant.name, ...(data.applicant.name_variants ?? [])] : [],
    employers: data ? [data.applicant.employer, ...(data.applicant.employer_variants ?? [])] : [],
    personal: data ? personalOf(data.applicant) : [],
  }
  const terms = identityTermsOfRaw(manifest.raw)
  return (text: string) => escapeControls(maskIdentity(scrub(text, identity), terms))
}

/**
 * Runs the rules: the pure middle of the pipeline. Findings are data (rule, messageId, masked
 * data, place), in no language: report/word words them at the edge.
 */
export function runRules(rules: readonly Rule[], ctx: RuleContext): FindingData[] {
  const shown = showMasked(ctx.manifest)
  const findings: FindingData[] = []
  const dropped = ctx.manifest.dropped
  // A section dropped as invalid is manifest.invalid's finding; rules about its content would only
  // repeat it wrongly ("没有填写学历" when the level is misspelt). Nor is the part that holds a
  // dropped field judged without it: `hours: 30学时` is one manifest.invalid, not also "2021年公需课
  // 0 学时" at the year that holds it (a field that failed validation is not judged again by rules).
  // A field still to fill in (待填写) is manifest.invalid's too; and a rule about the part that holds
  // it (a year of continuing education whose hours are to fill) cannot judge that part yet.
  const toFill = ctx.manifest.toFill ?? []
  const under = (outer: readonly string[], inner: readonly string[]) => outer.length <= inner.length && outer.every((seg, i) => seg === inner[i])
  const aboutDropped = (hit: Hit) => {
    if (hit.at === undefined) return false
    const at = parsePointer(hit.at).map(String)
    // Only parts below the top-level section: a section as a whole (continuing_education) is still
    // judged, e.g. a year that is missing altogether.
    return [...dropped, ...toFill].some((d) => under(d, at) || (at.length > 1 && under(at, d)))
  }
  const withRules: RuleContext = { ...ctx, rules }
  const acceptances = ctx.manifest.data?.accepted ?? []
  for (const rule of rules) {
    for (const hit of rule.check(withRules)) {
      if (rule.needsData && aboutDropped(hit)) continue
      const accepted = ABSOLUTE_RULES[rule.id] ? undefined : acceptances.find((a) => accepts(a, rule.id, hit))
      const pos = hit.at !== undefined ? ctx.manifest.at(hit.at) : undefined
      const f = findingOf(rule, hit, shown)
      if (pos) {
        f.line = pos.line
        f.column = pos.column
      }
      if (accepted) {
        // Accepted on purpose (the manifest's accepted:): an info, with the reason (worded by report/word).
        f.severity = 'info'
        f.accepted = shown(accepted.reason.trim())
      }
      findings.push(f)
    }
  }
  return findings
}

type Acceptance = NonNullable<ManifestData['accepted']>[number]

const normalPath = (p: string) => p.replaceAll('\\', '/').replace(/^(\.\/)+/u, '').replace(/\/{2,}/gu, '/')

/**
 * An accepted: entry matches a finding of its rule; with `file`, only findings on that file; with
 * `field`, only findings at that manifest field or below it. Neither: every finding of the rule.
 */
function accepts(a: Acceptance, ruleId: string, hit: Hit): boolean {
  if (a.rule !== ruleId) return false
  if (a.file !== undefined && (hit.file === undefined || normalPath(hit.file) !== normalPath(a.file))) return false
  if (a.field !== undefined) {
    if (hit.at === undefined) return false
    const field = parsePointer(a.field).map(String)
    const at = parsePointer(hit.at).map(String)
    if (field.length > at.length || !field.every((seg, i) => seg === at[i])) return false
  }
  return true
}
