import { mandarinGrade, mandarinPostAdvisory, mandarinRequired } from '../../src/rules/mandarin.js'
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
    // 四（一）5 opens 事业单位专业技术人员申报职称: as mandarin.required exempts 企业, so does this.
    { name: '企业 broadcaster below the post minimum: mandarin.post-advisory’s warning, not this error', set: { 'applicant.employer_type': '企业', 'applicant.post': '播音员主持人', 'mandarin.grade': '三级甲等' } },
    { name: '企业, 其他 post, below 三级乙等', set: { 'applicant.employer_type': '企业', 'mandarin.grade': 55 } },
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

ruleCases(mandarinPostAdvisory, {
  fires: [
    {
      name: '企业 播音员主持人 with 三级甲等',
      set: { 'applicant.employer_type': '企业', 'applicant.post': '播音员主持人', 'mandarin.grade': '三级甲等' },
      expect: [{ messageId: 'below', at: 'mandarin.grade', data: { grade: '三级甲等', post: '播音员主持人', min: '二级乙等', employerType: '企业' } }],
    },
  ],
  silent: [
    { name: 'the base package (事业单位)' },
    { name: '事业单位 broadcaster below the minimum is mandarin.grade’s error, not this', set: { 'applicant.post': '播音员主持人', 'mandarin.grade': '三级甲等' } },
    { name: '企业, post 其他, a low grade: no post minimum applies', set: { 'applicant.employer_type': '企业', 'mandarin.grade': '三级乙等' } },
    { name: '企业 broadcaster without a certificate', set: { 'applicant.employer_type': '企业', 'applicant.post': '播音员主持人', mandarin: undefined } },
  ],
  edge: [
    { name: '企业 汉语播音员主持人 exactly 一级乙等', set: { 'applicant.employer_type': '企业', 'applicant.post': '汉语播音员主持人', 'mandarin.grade': '一级乙等' }, expect: [] },
    { name: '企业 汉语播音员主持人 score 91.9', set: { 'applicant.employer_type': '企业', 'applicant.post': '汉语播音员主持人', 'mandarin.grade': 91.9 }, expect: [{ messageId: 'below', data: { min: '一级乙等' } }] },
  ],
})
