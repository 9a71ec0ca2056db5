import { mandarinGrade, mandarinRequired } from '../../src/rules/mandarin.js'
import { ruleCases } from '../helpers/rule-cases.js'

ruleCases(mandarinRequired, {
  fires: [
    { name: '事业单位 without mandarin', set: { mandarin: undefined }, expect: [{ messageId: 'missing', at: 'mandarin', data: { employerType: '事业单位' } }] },
    { name: 'grade without certificate', set: { 'mandarin.certificate': undefined }, expect: [{ messageId: 'noFile', at: 'mandarin' }] },
  ],
  silent: [
    { name: 'the base package' },
    { name: '企业 applicant needs none', set: { mandarin: undefined, 'applicant.employer_type': '企业' } },
  ],
  edge: [{ name: 'employer type outside the policy list is not asked for one', set: { mandarin: undefined, 'applicant.employer_type': '社会团体' }, expect: [] }],
})

ruleCases(mandarinGrade, {
  fires: [
    { name: '播音员主持人 三级甲等', set: { 'applicant.post': '播音员主持人', 'mandarin.grade': '三级甲等' }, expect: [{ messageId: 'below', at: 'mandarin.grade', data: { min: '二级乙等' } }] },
    { name: '汉语播音员主持人 二级甲等', set: { 'applicant.post': '汉语播音员主持人', 'mandarin.grade': '二级甲等' }, expect: [{ messageId: 'below', data: { min: '一级乙等' } }] },
    { name: 'a score below 60 for 其他', set: { 'mandarin.grade': 59.5 }, expect: [{ messageId: 'below', data: { min: '三级乙等' } }] },
  ],
  silent: [
    { name: 'the base package (二级甲等, 其他)' },
    { name: 'exactly the general minimum', set: { 'mandarin.grade': '三级乙等' } },
    { name: 'exactly the 汉语播音员主持人 minimum', set: { 'applicant.post': '汉语播音员主持人', 'mandarin.grade': '一级乙等' } },
    { name: 'no post defaults to 其他', set: { 'applicant.post': undefined, 'mandarin.grade': '三级乙等' } },
    { name: 'no mandarin at all is mandarin.required, not this', set: { mandarin: undefined } },
  ],
  edge: [
    { name: 'score 79.99, 播音员主持人 (二级乙等 starts at 80)', set: { 'applicant.post': '播音员主持人', 'mandarin.grade': 79.99 }, expect: [{ messageId: 'below' }] },
    { name: 'score 80, 播音员主持人', set: { 'applicant.post': '播音员主持人', 'mandarin.grade': 80 }, expect: [] },
    {
      name: 'the minimum comes from the policy',
      set: { 'mandarin.grade': '三级甲等' },
      policy: (p) => {
        p.values.mandarin.minimum_by_post['其他'] = '二级乙等'
      },
      expect: [{ messageId: 'below', data: { min: '二级乙等' } }],
    },
  ],
})
