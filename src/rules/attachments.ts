import { defineRule, type Rule } from './define-rule.js'

// The attachments the notice requires (四（一）6); the publicity is publicity.ts.

export const attachmentsRequired = defineRule({
  id: 'attachments.required',
  area: 'attachments',
  severity: 'error',
  clause: '四（一）6',
  policy: ['attachments.required'],
  description: {
    zh: '缺少单位公示、公示结果、推荐报告或个人承诺书',
    en: 'The unit publicity, publicity result, recommendation or personal commitment is missing',
  },
  messages: {
    missing: { zh: '没有{nameZh}（attachments.{key}）', en: 'no {nameEn} (attachments.{key})' },
  },
  fix: {
    zh: '在 attachments.{key} 写上{nameZh}的扫描件，上传到“其他附件或证明材料”相应栏目',
    en: 'name the scan of the {nameEn} in attachments.{key} and upload it under 其他附件或证明材料',
  },
  examples: {
    fail: { zh: 'attachments:\n  commitment:       # 没有个人承诺书', en: 'attachments:\n  commitment:       # no personal commitment' },
    pass: 'attachments:\n  commitment: files/附件/个人承诺书.pdf',
  },
  check({ data, policy }) {
    // The policy may name keys the manifest schema does not know yet: such an attachment is missing.
    const given = (data.attachments ?? {}) as Record<string, string | undefined>
    return policy.attachments.required
      .filter((a) => !given[a.key])
      .map((a) => ({ messageId: 'missing' as const, data: { key: a.key, nameZh: a.zh, nameEn: a.en }, at: `attachments.${a.key}` }))
  },
})

export const attachmentsRules: Rule[] = [attachmentsRequired]
