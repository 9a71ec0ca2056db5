import type { DataValue, Hit, Lang, Rule, Text } from '../rules/define-rule.js'
import { fixFor } from '../rules/define-rule.js'
import type { FindingValue, MaskedSecret } from './finding.js'
import { maskEmployer, maskName, maskPersonal, type PersonalKind } from '../identity/mask.js'

/** What a personal identifier is, in the words of each language. */
const PERSONAL: Record<PersonalKind, Text> = {
  idNumber: { zh: '身份证号', en: 'ID-card number' },
  phone: { zh: '电话号码', en: 'phone number' },
  email: { zh: '电子邮箱', en: 'e-mail address' },
}

const PLACEHOLDER = /\{(\w+)\}/g

const isSecretLike = (v: DataValue | FindingValue): v is Extract<DataValue, { secret: string }> | MaskedSecret =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'secret' in v

/** A Secret's mask: all a report may show of it. */
export function maskSecret(v: Extract<DataValue, { secret: string }>): MaskedSecret {
  const masked = v.secret === 'name' ? maskName(v.value) : v.secret === 'employer' ? maskEmployer(v.value) : maskPersonal(v.secret, v.value)
  return { secret: v.secret, masked }
}

export function renderValue(v: DataValue | FindingValue, lang: Lang): string {
  if (isSecretLike(v)) {
    const { secret, masked } = 'masked' in v ? v : maskSecret(v)
    if (secret === 'name' || secret === 'employer') return masked
    return lang === 'zh' ? `${PERSONAL[secret].zh}（${masked}）` : `${PERSONAL[secret].en} (${masked})`
  }
  if (Array.isArray(v)) return v.join(lang === 'zh' ? '、' : ', ')
  if (typeof v === 'object' && v !== null && 'zh' in v) return (v as Text)[lang]
  return String(v)
}

/** Fills `{key}` placeholders; an unknown key is left visible so tests catch it. */
export function fill(template: string, data: Hit['data'] | Readonly<Record<string, FindingValue>>, lang: Lang): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    const v = data?.[key]
    return v === undefined ? whole : renderValue(v, lang)
  })
}

/** A rule's hit worded as it is (not masked beyond its Secrets): for the rules' own tests. */
export function renderHit(rule: Rule, hit: Hit, lang: Lang): { message: string; fix: string } {
  const message: Text | undefined = (rule.messages as Record<string, Text>)[hit.messageId]
  if (!message) throw new Error(`${rule.id}: unknown messageId ${hit.messageId}`)
  return { message: fill(message[lang], hit.data, lang), fix: fill(fixFor(rule, hit.messageId)[lang], hit.data, lang) }
}

export function unfilledPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)
}
