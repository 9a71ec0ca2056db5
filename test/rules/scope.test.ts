import { scopeEmployerType, scopeExamBased } from '../../src/rules/scope.js'
import { ruleCases } from '../helpers/rule-cases.js'

ruleCases(scopeEmployerType, {
  fires: [
    {
      name: '社会团体 is neither 企业 nor 事业单位',
      set: { 'applicant.employer_type': '社会团体' },
      expect: [{ messageId: 'outside', at: 'applicant.employer_type', data: { employerType: '社会团体', allowed: ['企业', '事业单位'] } }],
    },
    {
      name: 'a near miss gets a did-you-mean',
      set: { 'applicant.employer_type': '事业单' },
      expect: [{ messageId: 'typo', at: 'applicant.employer_type', data: { suggestion: '事业单位' } }],
    },
  ],
  silent: [{ name: 'the base package (事业单位)' }, { name: '企业', set: { 'applicant.employer_type': '企业' } }],
  edge: [
    {
      name: 'the list comes from the policy',
      set: { 'applicant.employer_type': '社会团体' },
      policy: (p) => {
        p.values.scope.employer_types.push('社会团体')
      },
      expect: [],
    },
    {
      name: 'removing 企业 from the policy makes 企业 fire',
      set: { 'applicant.employer_type': '企业' },
      policy: (p) => {
        p.values.scope.employer_types = ['事业单位']
      },
      expect: [{ messageId: 'outside', data: { allowed: ['事业单位'] } }],
    },
  ],
})

ruleCases(scopeExamBased, {
  fires: [
    {
      name: '出版 编辑 is filled by exam',
      set: { 'applicant.series': '出版', 'applicant.title': '编辑' },
      expect: [{ messageId: 'examBased', at: 'applicant.title', data: { series: '出版', title: '编辑', exam: '全国出版专业技术人员职业资格考试' } }],
    },
    {
      name: '出版 助理编辑 is filled by exam',
      set: { 'applicant.series': '出版', 'applicant.title': '助理编辑' },
      expect: [{ messageId: 'examBased', data: { title: '助理编辑' } }],
    },    // 人社部发〔2021〕10号: every 出版 中级 and 初级 title, not only 编辑 / 助理编辑.
    { name: '出版 技术编辑 (中级) is filled by exam', set: { 'applicant.series': '出版', 'applicant.title': '技术编辑' }, expect: [{ messageId: 'examBased', data: { title: '技术编辑' } }] },
    { name: '出版 一级校对 (中级) is filled by exam', set: { 'applicant.series': '出版', 'applicant.title': '一级校对' }, expect: [{ messageId: 'examBased', data: { title: '一级校对' } }] },
    { name: '出版 助理技术编辑 (初级) is filled by exam', set: { 'applicant.series': '出版', 'applicant.title': '助理技术编辑' }, expect: [{ messageId: 'examBased', data: { title: '助理技术编辑' } }] },
    { name: '出版 三级校对 (员级) is filled by exam', set: { 'applicant.series': '出版', 'applicant.title': '三级校对' }, expect: [{ messageId: 'examBased', data: { title: '三级校对' } }] },
  ],
  silent: [
    { name: 'the base package (新闻 主任编辑)' },
    { name: '新闻 编辑 is reviewed, not examined', set: { 'applicant.title': '编辑' } },
    { name: '新闻 助理编辑 is reviewed', set: { 'applicant.title': '助理编辑' } },
    { name: '出版 副编审 is reviewed', set: { 'applicant.series': '出版', 'applicant.title': '副编审' } },
  ],
  edge: [
    {
      name: 'a series with no exam name gets the generic message',
      set: { 'applicant.series': '出版', 'applicant.title': '编辑' },
      policy: (p) => {
        delete p.values.scope.exam_names['出版']
      },
      expect: [{ messageId: 'examBasedUnnamed', data: { series: '出版', title: '编辑' } }],
    },
    {
      name: 'the exam-based list comes from the policy (出版 编辑 dropped)',
      set: { 'applicant.series': '出版', 'applicant.title': '编辑' },
      policy: (p) => {
        p.values.scope.exam_based_titles['出版'] = ['助理编辑']
      },
      expect: [],
    },
    {
      name: 'an alias resolves before the exam list is read',
      set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作三级' },
      policy: (p) => {
        p.values.scope.exam_based_titles['文学创作'] = ['三级文学创作']
      },
      expect: [{ messageId: 'examBasedUnnamed', data: { title: '三级文学创作' } }],
    },
  ],
})
