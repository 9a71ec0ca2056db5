import { defineRule, secret, type Hit } from '../define-rule.js'
import { findIdentity, identityTerms, IDENTITY_KINDS, type IdentityHit } from '../../identity/match.js'

// 四（一）3: 所有填写内容……涉及本人姓名……和工作单位信息均需遮盖. What the applicant types into the
// platform (achievement titles, the reason for an exemption, why 学信网 has no record, every other
// free-text value of the manifest) is searched with the matcher of the text layer.
//
// Private to the checker, never typed into the platform, so never searched (MANIFEST.md):
// - the identity the search is made with: applicant.name, name_variants, employer,
//   employer_variants, id_number, phone, email;
// - the checker's own settings: version, policy;
// - file paths: the platform receives the file, not its folders (the file's own name is
//   redaction.filename-leak's).

/** Top-level and applicant keys that only the checker reads. */
const PRIVATE = new Set(['version', 'policy', 'applicant.name', 'applicant.name_variants', 'applicant.employer', 'applicant.employer_variants', 'applicant.id_number', 'applicant.phone', 'applicant.email'])

type Leak = 'name' | 'employer' | 'personal'
const leakOf = (h: IdentityHit): Leak => (h.kind === 'name' || h.kind === 'employer' ? h.kind : 'personal')

export const redactionFieldLeak = defineRule({
  id: 'redaction.field-leak',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评：填写到平台的内容（成果名称、说明等）含有申报人姓名、工作单位或身份证号、电话、邮箱',
    en: 'Blind review: what is typed into the platform (achievement titles, reasons …) contains the applicant’s name, employer, ID number, phone or e-mail',
  },
  messages: {
    name: { zh: '清单 {field} 填写的内容含有申报人姓名（{masked}），这段文字会填到平台上', en: '{field} contains the applicant’s name ({masked}); it is typed into the platform' },
    employer: { zh: '清单 {field} 填写的内容含有工作单位（{masked}），这段文字会填到平台上', en: '{field} contains the employer ({masked}); it is typed into the platform' },
    personal: { zh: '清单 {field} 填写的内容含有申报人的{masked}，这段文字会填到平台上', en: '{field} contains the applicant’s {masked}; it is typed into the platform' },
  },
  fix: {
    zh: '把这一项改成不含姓名和单位的写法（如“某单位”“本人”，或“欧**”“████”），平台上也照此填写',
    en: 'reword it without the name and employer (本人, 某单位, or 欧**, ████), and type it that way on the platform',
  },
  examples: {
    fail: { zh: 'achievements:\n  - { title: 欧阳明远在阿克苏地区融媒体中心的年度重点报道 }   # 成果名称含姓名和单位', en: 'achievements:\n  - { title: 欧阳明远在阿克苏地区融媒体中心的年度重点报道 }   # the title holds the name and employer' },
    pass: 'achievements:\n  - { title: 年度重点报道 }',
  },
  check(ctx) {
    const terms = identityTerms(ctx.data.applicant)
    if (terms.length === 0) return []
    const paths = new Set(ctx.fileRefs.map((r) => r.pointer))
    const hits: Hit<Leak>[] = []
    const walk = (node: unknown, pointer: string[]): void => {
      const dotted = pointer.join('.')
      if (PRIVATE.has(dotted) || paths.has(dotted)) return
      if (typeof node === 'string') {
        const found = findIdentity(node, terms)
        for (const kind of IDENTITY_KINDS) {
          const h = found.find((x) => x.kind === kind)
          if (h) hits.push({ messageId: leakOf(h), at: pointer, data: { field: dotted, masked: secret(h.kind, h.matched.replace(/\s+/gu, '')) } })
        }
      } else if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...pointer, String(i)]))
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...pointer, k])
    }
    walk(ctx.data, [])
    return hits
  },
})
