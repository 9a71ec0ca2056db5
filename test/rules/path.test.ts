import { ruleCases } from '../helpers/rule-cases.js'
import { pathChoice } from '../../src/rules/path.js'

ruleCases(pathChoice, {
  fires: [
    {
      name: 'both paths',
      set: { 'applicant.path': ['定向评价', '推荐自治区'] },
      expect: [{ messageId: 'several', at: 'applicant.path', data: { count: 2, paths: ['定向评价', '推荐自治区'] } }],
    },
    {
      name: 'an unknown path',
      set: { 'applicant.path': '直接认定' },
      expect: [{ messageId: 'unknown', at: 'applicant.path', data: { path: '直接认定', allowed: ['定向评价', '推荐自治区'] } }],
    },
    { name: 'a near-miss path', set: { 'applicant.path': '推荐自治' }, expect: [{ messageId: 'typo', data: { suggestion: '推荐自治区' } }] },
    { name: 'an empty list', set: { 'applicant.path': [] }, expect: [{ messageId: 'none', at: 'applicant.path' }] },
    { name: 'an empty string', set: { 'applicant.path': '' }, expect: [{ messageId: 'none' }] },
  ],
  silent: [
    { name: 'the base package (定向评价)' },
    { name: '推荐自治区', set: { 'applicant.path': '推荐自治区' } },
    { name: 'a list of one path is that path', set: { 'applicant.path': ['推荐自治区'] } },
  ],
  edge: [
    { name: 'the same path twice is one path', set: { 'applicant.path': ['定向评价', '定向评价'] }, expect: [] },
    {
      name: 'two paths, one unknown, is still two paths',
      set: { 'applicant.path': ['定向评价', '其他地州'] },
      expect: [{ messageId: 'several', data: { count: 2 } }],
    },
    {
      name: 'the list comes from the policy',
      set: { 'applicant.path': '推荐自治区' },
      policy: (p) => {
        p.values.application_paths = ['定向评价']
      },
      expect: [{ messageId: 'unknown', data: { allowed: ['定向评价'] } }],
    },
  ],
})
