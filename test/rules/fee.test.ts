import { ruleCases } from '../helpers/rule-cases.js'
import { feeAmount } from '../../src/rules/fee.js'

ruleCases(feeAmount, {
  fires: [
    { name: '副高级 600', expect: [{ messageId: 'fee', at: 'applicant.title', data: { title: '主任编辑', level: '副高级', amount: 600 } }] },
    { name: '正高级 600', set: { 'applicant.title': '高级记者' }, expect: [{ messageId: 'fee', data: { level: '正高级', amount: 600 } }] },
    { name: '中级 400', set: { 'applicant.title': '记者' }, expect: [{ messageId: 'fee', data: { level: '中级', amount: 400 } }] },
    { name: '初级 200', set: { 'applicant.title': '助理记者' }, expect: [{ messageId: 'fee', data: { level: '初级', amount: 200 } }] },
    { name: '出版 编审 600', set: { 'applicant.series': '出版', 'applicant.title': '编审' }, expect: [{ messageId: 'fee', data: { amount: 600 } }] },
    {
      name: '文学创作三级 (alias) 400',
      set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作三级' },
      expect: [{ messageId: 'fee', data: { title: '三级文学创作', level: '中级', amount: 400 } }],
    },
  ],
  silent: [
    { name: 'an unknown title has no level', set: { 'applicant.title': '播音指导' } },
    { name: 'an unknown series has no level', set: { 'applicant.series': '工程' } },
    { name: '出版 三级校对 is filled by exam: no fee', set: { 'applicant.series': '出版', 'applicant.title': '三级校对' } },
  ],
  edge: [
    // Not reviewed at all (scope.exam-based): a fee amount would suggest otherwise.
    { name: '出版 编辑 (exam-based): no fee', set: { 'applicant.series': '出版', 'applicant.title': '编辑' }, expect: [] },
    {
      name: '推荐自治区: the reviewing committee sets and collects the fee',
      set: { 'applicant.path': '推荐自治区' },
      expect: [{ messageId: 'otherCommittee', at: 'applicant.path', data: { title: '主任编辑', level: '副高级', amount: 600, path: '推荐自治区' } }],
    },
    { name: 'a path list of one is that path', set: { 'applicant.path': ['推荐自治区'] }, expect: [{ messageId: 'otherCommittee' }] },
    { name: 'two paths (path.choice’s error): the notice’s own fee', set: { 'applicant.path': ['定向评价', '推荐自治区'] }, expect: [{ messageId: 'fee', data: { amount: 600 } }] },
    { name: '新闻 编辑 is 中级 too', set: { 'applicant.title': '编辑' }, expect: [{ messageId: 'fee', data: { level: '中级', amount: 400 } }] },
    {
      name: 'the amount comes from the policy',
      policy: (p) => {
        p.values.fee.by_level['副高级'] = 650
      },
      expect: [{ messageId: 'fee', data: { amount: 650 } }],
    },
    {
      name: 'a level the policy prices not at all says nothing',
      set: { 'applicant.title': '助理记者' },
      policy: (p) => {
        delete p.values.fee.by_level['初级']
      },
      expect: [],
    },
  ],
})
