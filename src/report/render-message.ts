import type { DataValue, Hit, Lang, Rule, Secret, Text } from '../rules/define-rule.js'
import { fixFor } from '../rules/define-rule.js'
import { maskEmployer, maskName, maskPersonal, type PersonalKind } from '../identity/mask.js'

/** What a personal identifier is, in the words of each language. */
const PERSONAL: Record<PersonalKind, Text> = {
  idNumber: { zh: '身份证号', en: 'ID-card number' },
  phone: { zh: '电话号码', en: 'phone number' },
  email: { zh: '电子邮箱', en: 'e-mail address' },
}

const PLACEHOLDER = /\{(\w+)\}/g

function isSecret(v: DataValue): v is Secret {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'secret' in v
}

export function renderValue(v: DataValue, lang: Lang): string {
  if (isSecret(v)) {
    if (v.secret === 'name') return maskName(v.value)
    if (v.secret === 'employer') return maskEmployer(v.value)
    const masked = maskPersonal(v.secret, v.value)
    return lang === 'zh' ? `${PERSONAL[v.secret].zh}（${masked}）` : `${PERSONAL[v.secret].en} (${masked})`
  }
  if (Array.isArray(v)) return v.join(lang === 'zh' ? '、' : ', ')
  if (typeof v === 'object' && v !== null && 'zh' in v) return (v as Text)[lang]
  return String(v)
}

/** Fills `{key}` placeholders; an unknown key is left visible so tests catch it. */
export function fill(template: string, data: Hit['data'], lang: Lang): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    const v = data?.[key]
    return v === undefined ? whole : renderValue(v, lang)
  })
}

export function renderHit(rule: Rule, hit: Hit, lang: Lang): { message: string; fix: string } {
  const message: Text | undefined = (rule.messages as Record<string, Text>)[hit.messageId]
  if (!message) throw new Error(`${rule.id}: unknown messageId ${hit.messageId}`)
  return { message: fill(message[lang], hit.data, lang), fix: fill(fixFor(rule, hit.messageId)[lang], hit.data, lang) }
}

export function unfilledPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)
}
