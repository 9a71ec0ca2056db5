import { ruleCases } from '../helpers/rule-cases.js'
import { senioritySummary, seniorityThreshold } from '../../src/rules/seniority.js'

ruleCases(senioritySummary, {
  fires: [
    {
      name: 'the base package: both counts to 2024-12-31',
      expect: [{ messageId: 'both', at: 'applicant.work_start', data: { cutoff: '2024-12-31', workYears: 15, titleYears: 7, currentTitle: '编辑' } }],
    },
    { name: 'no current title', set: { 'applicant.current_title': undefined }, expect: [{ messageId: 'workOnly', at: 'applicant.work_start', data: { workYears: 15 } }] },
    { name: 'no work start', set: { 'applicant.work_start': undefined }, expect: [{ messageId: 'titleOnly', at: 'applicant.current_title.obtained', data: { titleYears: 7 } }] },
  ],
  silent: [{ name: 'no dates at all', set: { 'applicant.work_start': undefined, 'applicant.current_title': undefined } }],
  edge: [
    { name: 'exactly 5 years on the cutoff day', set: { 'applicant.current_title.obtained': '2019-12-31' }, expect: [{ messageId: 'both', data: { titleYears: 5 } }] },
    { name: 'one day short of 5 years', set: { 'applicant.current_title.obtained': '2020-01-01' }, expect: [{ messageId: 'both', data: { titleYears: 4 } }] },
    { name: 'a date after the cutoff counts 0', set: { 'applicant.current_title.obtained': '2025-03-01' }, expect: [{ messageId: 'both', data: { titleYears: 0 } }] },
    {
      name: 'the cutoff comes from the policy',
      policy: (p) => {
        p.values.seniority.cutoff = '2024-12-19'
      },
      expect: [{ messageId: 'both', data: { cutoff: '2024-12-19', titleYears: 6, workYears: 15 } }],
    },
  ],
})

ruleCases(seniorityThreshold, {
  fires: [
    {
      name: '本科 主任编辑, 4 years since 编辑',
      set: { 'applicant.current_title.obtained': '2020-06-01' },
      expect: [
        {
          messageId: 'short',
          at: 'applicant.current_title.obtained',
          data: { title: '主任编辑', education: '本科', fromLevel: '中级', required: 5, years: 4, currentTitle: '编辑', cutoff: '2024-12-31' },
        },
      ],
    },
    {
      name: '副高级 without a current title',
      set: { 'applicant.current_title': undefined },
      expect: [{ messageId: 'noCurrentTitle', at: 'applicant.current_title', data: { level: '副高级', fromLevel: '中级', required: 5 } }],
    },
    {
      name: '正高级 from a 中级 title skips a level',
      set: { 'applicant.title': '高级编辑' },
      expect: [{ messageId: 'wrongLevel', at: 'applicant.current_title.title', data: { currentTitle: '编辑', currentLevel: '中级', fromLevel: '副高级' } }],
    },
    {
      name: '大专 is not among the 副高 routes',
      set: { 'education.level': '大专' },
      expect: [{ messageId: 'education', at: 'education.level', data: { education: '大专', educations: ['博士研究生', '硕士研究生', '本科'] } }],
    },
    {
      name: '大专 高级记者: 25 years in the field',
      set: { 'education.level': '大专', 'applicant.title': '高级记者', 'applicant.current_title': { title: '主任记者', obtained: '2015-01-01' } },
      expect: [{ messageId: 'workShort', at: 'applicant.work_start', data: { required: 25, years: 15, workStart: '2009-07-01' } }],
    },
    {
      name: '博士 副编审: 2 years in publishing, 1 given',
      set: { 'education.level': '博士研究生', 'applicant.series': '出版', 'applicant.title': '副编审', 'applicant.work_start': '2023-07-01', 'applicant.current_title': undefined },
      expect: [{ messageId: 'workShort', data: { title: '副编审', required: 2, years: 1 } }],
    },
  ],
  silent: [
    { name: 'the base package (本科, 7 years since 编辑)' },
    { name: '中级 has no threshold', set: { 'applicant.title': '记者', 'applicant.current_title': undefined } },
    { name: '博士 主任记者 after 2 years', set: { 'education.level': '博士研究生', 'applicant.title': '主任记者', 'applicant.current_title.obtained': '2022-12-31' } },
    {
      name: '博士 副编审 needs no current title',
      set: { 'education.level': '博士研究生', 'applicant.series': '出版', 'applicant.title': '副编审', 'applicant.work_start': '2020-07-01', 'applicant.current_title': undefined },
    },
    { name: '本科 编审 5 years after 副编审', set: { 'applicant.series': '出版', 'applicant.title': '编审', 'applicant.current_title': { title: '副编审', obtained: '2018-05-01' } } },
    { name: 'an unknown title is title.unknown\'s', set: { 'applicant.title': '主任编缉', 'applicant.current_title': undefined } },
    { name: 'no education section: no route to judge', set: { education: undefined, 'applicant.current_title.obtained': '2023-01-01' } },
  ],
  edge: [
    { name: 'exactly 5 years on the cutoff day', set: { 'applicant.current_title.obtained': '2019-12-31' }, expect: [] },
    {
      name: 'one day short of 5 years on the cutoff day',
      set: { 'applicant.current_title.obtained': '2020-01-01' },
      expect: [{ messageId: 'short', data: { required: 5, years: 4, obtained: '2020-01-01' } }],
    },
    {
      name: 'a current title from another series at the right level counts',
      set: { 'applicant.series': '出版', 'applicant.title': '副编审', 'applicant.current_title': { title: '记者', obtained: '2015-01-01' } },
      expect: [],
    },
    {
      name: 'a current title the policy does not know: only the years are judged',
      set: { 'applicant.current_title': { title: '工程师', obtained: '2021-01-01' } },
      expect: [{ messageId: 'short', data: { currentTitle: '工程师', years: 3 } }],
    },
    {
      name: '大专 高级记者 without a work start',
      set: { 'education.level': '大专', 'applicant.title': '高级记者', 'applicant.work_start': undefined, 'applicant.current_title': { title: '主任记者', obtained: '2015-01-01' } },
      expect: [{ messageId: 'noWorkStart', at: 'applicant.work_start', data: { required: 25 } }],
    },
    {
      name: '大专 高级记者 short on both counts',
      set: { 'education.level': '大专', 'applicant.title': '高级记者', 'applicant.current_title': { title: '主任记者', obtained: '2022-01-01' } },
      expect: [
        { messageId: 'short', data: { required: 5, years: 2 } },
        { messageId: 'workShort', data: { required: 25, years: 15 } },
      ],
    },
    {
      name: 'policy: 8 years needed makes the base package short',
      policy: (p) => {
        p.values.seniority.thresholds[0]!.rules[1]!.years = 8
      },
      expect: [{ messageId: 'short', data: { required: 8, years: 7 } }],
    },
    {
      name: 'policy: an earlier cutoff makes exactly-5 one day short',
      set: { 'applicant.current_title.obtained': '2019-12-31' },
      policy: (p) => {
        p.values.seniority.cutoff = '2024-12-30'
      },
      expect: [{ messageId: 'short', data: { years: 4, cutoff: '2024-12-30' } }],
    },
    {
      name: 'policy: no threshold for the title, no finding',
      set: { 'applicant.current_title.obtained': '2023-01-01' },
      policy: (p) => {
        p.values.seniority.thresholds = p.values.seniority.thresholds.filter((t) => !t.to.includes('主任编辑'))
      },
      expect: [],
    },
  ],
})
