import { describe, expect, test } from 'vitest'
import { attachmentsRequired } from '../../src/rules/attachments.js'
import { RULES } from '../../src/rules/index.js'
import { ruleCases } from '../helpers/rule-cases.js'

describe('the attachments area', () => {
  test('holds its rules in RULES.md order', () => {
    const attachmentsRules = RULES.filter((r) => r.area === 'attachments')
    expect(attachmentsRules.map((r) => r.id)).toEqual(['attachments.required', 'publicity.duration', 'publicity.objection', 'publicity.after-submission', 'publicity.before-notice'])
    expect(attachmentsRules.every((r) => r.area === 'attachments')).toBe(true)
  })
})

ruleCases(attachmentsRequired, {
  fires: [
    {
      name: 'no unit publicity',
      set: { 'attachments.unit_publicity': undefined },
      expect: [{ messageId: 'missing', at: 'attachments.unit_publicity', data: { key: 'unit_publicity', nameZh: '推荐单位公示（附件1）' } }],
    },
    {
      name: 'no attachments section: one finding each, in policy order',
      set: { attachments: undefined },
      expect: [
        { messageId: 'missing', at: 'attachments.unit_publicity' },
        { messageId: 'missing', at: 'attachments.publicity_result' },
        { messageId: 'missing', at: 'attachments.recommendation' },
        { messageId: 'missing', at: 'attachments.commitment', data: { nameEn: 'personal commitment (annex 3)' } },
      ],
    },
    {
      name: 'no publicity result and no commitment',
      set: { 'attachments.publicity_result': undefined, 'attachments.commitment': undefined },
      expect: [
        { messageId: 'missing', at: 'attachments.publicity_result' },
        { messageId: 'missing', at: 'attachments.commitment' },
      ],
    },
  ],
  silent: [{ name: 'the base package' }],
  edge: [
    { name: 'a named file that does not exist is manifest.file-missing, not this', missing: ['files/附件/个人承诺书.pdf'], expect: [] },
    {
      name: 'the list comes from the policy',
      set: { attachments: undefined },
      policy: (p) => {
        p.values.attachments.required = [{ key: 'commitment', zh: '个人承诺书', en: 'commitment' }]
      },
      expect: [{ messageId: 'missing', at: 'attachments.commitment' }],
    },
  ],
})
