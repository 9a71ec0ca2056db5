import { defineRule, type Hit, type Rule } from '../define-rule.js'

// 四（一）3: blind review. What the applicant ticked on the platform; the leak detectors (what the
// files themselves show) live beside these rules.

/** The platform's 遮盖 items, as manifest keys, in the order of the notice (姓名、照片和工作单位). */
const ITEMS = ['name', 'photo', 'employer'] as const
type Item = (typeof ITEMS)[number]

export const redactionFlags = defineRule({
  id: 'redaction.flags',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: '盲评：姓名、照片和工作单位都须勾选遮盖',
    en: 'Blind review: name, photo and employer must all be ticked as masked',
  },
  messages: {
    name: { zh: '盲评遮盖项“姓名”没有勾选', en: 'the blind-review mask for the name is not ticked' },
    photo: { zh: '盲评遮盖项“照片”没有勾选', en: 'the blind-review mask for the photo is not ticked' },
    employer: { zh: '盲评遮盖项“工作单位”没有勾选', en: 'the blind-review mask for the employer is not ticked' },
  },
  fix: {
    name: {
      zh: '在平台上按系统提示勾选遮盖“姓名”，并在 redaction.name 写 true',
      en: 'tick the name mask on the platform and set redaction.name: true',
    },
    photo: {
      zh: '在平台上按系统提示勾选遮盖“照片”，并在 redaction.photo 写 true',
      en: 'tick the photo mask on the platform and set redaction.photo: true',
    },
    employer: {
      zh: '在平台上按系统提示勾选遮盖“工作单位”，并在 redaction.employer 写 true',
      en: 'tick the employer mask on the platform and set redaction.employer: true',
    },
  },
  examples: {
    fail: { zh: 'redaction:\n  name: true\n  photo: false      # 没有勾选遮盖照片\n  employer: true', en: 'redaction:\n  name: true\n  photo: false      # the photo mask is not ticked\n  employer: true' },
    pass: 'redaction:\n  name: true\n  photo: true\n  employer: true',
  },
  check({ data }): Hit<Item>[] {
    // Absent counts as not ticked: the platform's boxes start unticked.
    return ITEMS.filter((item) => data.redaction?.[item] !== true).map((item) => ({ messageId: item, at: `redaction.${item}` }))
  },
})

export const redactionClassified = defineRule({
  id: 'redaction.classified',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: { zh: '涉密材料须经脱密处理后上传', en: 'Classified material must be declassified before upload' },
  messages: {
    classified: {
      zh: '申报材料含涉密材料，且未注明已脱密处理',
      en: 'the package declares classified material that has not been declassified',
    },
  },
  fix: {
    zh: '按保密规定对涉密材料脱密处理后再上传，并把 redaction.classified_material 改为 declassified；不能脱密的材料不要上传',
    en: 'have the material declassified before upload and set redaction.classified_material: declassified; do not upload what cannot be declassified',
  },
  examples: {
    fail: { zh: 'redaction:\n  classified_material: classified     # 含涉密材料，未脱密', en: 'redaction:\n  classified_material: classified     # classified, not declassified' },
    pass: { zh: 'redaction:\n  classified_material: declassified   # 已脱密处理', en: 'redaction:\n  classified_material: declassified   # declassified' },
  },
  check({ data }) {
    if (data.redaction?.classified_material !== 'classified') return []
    return [{ messageId: 'classified', at: 'redaction.classified_material' }]
  },
})

export const redactionFlagRules: Rule[] = [redactionFlags, redactionClassified]
