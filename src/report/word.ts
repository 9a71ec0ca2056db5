import type { Hit, Lang, RuleMeta, Text } from '../rules/define-rule.js'
import { fixFor } from '../rules/define-rule.js'
import type { Catalogue } from './catalogue.js'
import { sortFindings, type Finding, type FindingData, type FindingValue } from './finding.js'
import { fill, maskSecret } from './render-message.js'

// The one step that turns findings (data) into words: the catalogue's message and fix for the
// finding's messageId, filled with its data, in the report's language. Everything before it
// (the core, the batch's findings across packages) deals in data; everything after it (the
// reporters) prints the words it made.

/** Shows a text of the package as a report may: masked and escaped (run-rules' showMasked). */
export type Show = (text: string) => string

/**
 * A hit's data as a finding carries it, masked by construction: a Secret becomes its mask (there
 * is no field for the value), every other text goes through `show`.
 */
export function maskData(data: Hit['data'], show: Show): Record<string, FindingValue> {
  const out: Record<string, FindingValue> = {}
  for (const [key, v] of Object.entries(data ?? {})) {
    if (typeof v === 'number') out[key] = v
    else if (typeof v === 'string') out[key] = show(v)
    else if (Array.isArray(v)) out[key] = v.map((x) => (typeof x === 'string' ? show(x) : x))
    else if ('secret' in v) {
      const m = maskSecret(v)
      out[key] = { secret: m.secret, masked: show(m.masked) }
    } else out[key] = { zh: show((v as Text).zh), en: show((v as Text).en) }
  }
  return out
}

/** A rule's hit as finding data (the place in the manifest and an acceptance are the core's to add). */
export function findingOf(rule: Pick<RuleMeta<string>, 'id' | 'severity' | 'clause' | 'area'>, hit: Hit, show: Show): FindingData {
  return {
    rule: rule.id,
    severity: rule.severity,
    ...(rule.clause ? { clause: rule.clause } : {}),
    area: rule.area,
    messageId: hit.messageId,
    data: maskData(hit.data, show),
    ...(hit.file !== undefined ? { file: show(hit.file) } : {}),
    ...(hit.page !== undefined ? { page: hit.page } : {}),
    ...(hit.box !== undefined ? { box: hit.box } : {}),
  }
}

/** What the message of a finding accepted in the manifest ends with: the reason given there. */
export const ACCEPTED_NOTE: Text = { zh: '（已接受：{accepted}）', en: ' (accepted: {accepted})' }

/** One finding in words. The JSON report's key order: the words first, then where, then the data. */
export function wordFinding(f: FindingData, catalogue: Catalogue, lang: Lang): Finding {
  const rule = catalogue.get(f.rule)
  const message: Text | undefined = rule?.messages[f.messageId]
  if (!rule || !message) throw new Error(`${f.rule}: unknown messageId ${f.messageId}`)
  let text = fill(message[lang], f.data, lang)
  // Accepted on purpose (the manifest's accepted:): an info that says so, with the reason.
  if (f.accepted !== undefined) text += fill(ACCEPTED_NOTE[lang], { accepted: f.accepted }, lang)
  return {
    rule: f.rule,
    severity: f.severity,
    message: text,
    fix: fill(fixFor(rule, f.messageId)[lang], f.data, lang),
    ...(f.accepted !== undefined ? { accepted: f.accepted } : {}),
    ...(f.clause !== undefined ? { clause: f.clause } : {}),
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.page !== undefined ? { page: f.page } : {}),
    ...(f.box !== undefined ? { box: f.box } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.column !== undefined ? { column: f.column } : {}),
    area: f.area,
    messageId: f.messageId,
    data: f.data,
  }
}

/** Findings in words, in the one order of every report (which ends on the message). */
export function wordFindings(findings: readonly FindingData[], catalogue: Catalogue, lang: Lang): Finding[] {
  return sortFindings(findings.map((f) => wordFinding(f, catalogue, lang)))
}
