import { ruleCases } from '../helpers/rule-cases.js'
import { reviewPassRate } from '../../src/rules/review.js'

ruleCases(reviewPassRate, {
  fires: [
    { name: '副高级', expect: [{ messageId: 'passRate', at: 'applicant.title', data: { title: '主任编辑', level: '副高级', levels: ['正高级', '副高级'] } }] },
    { name: '正高级', set: { 'applicant.title': '高级编辑' }, expect: [{ messageId: 'passRate', data: { level: '正高级' } }] },
  ],
  silent: [
    { name: '中级: no pass rate', set: { 'applicant.title': '记者' } },
    { name: '初级: no pass rate', set: { 'applicant.title': '助理记者' } },
    { name: 'an unknown title', set: { 'applicant.title': '高级工程师' } },
  ],
  edge: [
    { name: 'an alias resolves to its level', set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作二级' }, expect: [{ messageId: 'passRate', data: { title: '二级文学创作', level: '副高级' } }] },
    {
      name: 'the levels come from the policy',
      set: { 'applicant.title': '记者' },
      policy: (p) => {
        p.values.review.pass_rate_levels = ['正高级', '副高级', '中级']
      },
      expect: [{ messageId: 'passRate', data: { level: '中级' } }],
    },
  ],
})
