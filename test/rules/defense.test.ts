import {
  reviewPassRate, defenseExemptionProof, defenseRequired, feeAmount, senioritySummary, seniorityThreshold } from '../../src/rules/defense.js'
import { ruleCases } from '../helpers/rule-cases.js'

const exempt = (reason: string, proof?: string) => ({ defense: proof ? { exemption: reason, proof } : { exemption: reason } })

ruleCases(defenseRequired, {
  fires: [
    { name: 'the base package (主任编辑, 副高级)', expect: [{ messageId: 'required', at: 'applicant.title', data: { title: '主任编辑', level: '副高级' } }] },
    { name: '正高级 高级记者', set: { 'applicant.title': '高级记者' }, expect: [{ messageId: 'required', data: { level: '正高级' } }] },
    {
      name: 'exempted, with the reason',
      set: exempt('驻村', 'files/驻村证明.pdf'),
      expect: [{ messageId: 'exempted', at: 'defense.exemption', data: { reason: '驻村', level: '副高级' } }],
    },
  ],
  silent: [
    { name: '中级 记者 takes no defense', set: { 'applicant.title': '记者' } },
    { name: '初级 助理记者 takes no defense', set: { 'applicant.title': '助理记者' } },
    { name: '中级 with an exemption says nothing either', set: { 'applicant.title': '记者', ...exempt('驻村', 'files/驻村证明.pdf') } },
    { name: 'an unknown title is title.unknown\'s', set: { 'applicant.title': '播音指导' } },
  ],
  edge: [
    {
      name: 'an alias resolves: 文学创作二级 is 副高级',
      set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作二级' },
      expect: [{ messageId: 'required', data: { title: '二级文学创作', level: '副高级' } }],
    },
    {
      name: 'the levels come from the policy (only 正高级)',
      policy: (p) => {
        p.values.defense.required_levels = ['正高级']
      },
      expect: [],
    },
    {
      name: 'a reason the policy does not list is no exemption',
      set: exempt('挂职兼职', 'files/挂职证明.pdf'),
      policy: (p) => {
        p.values.defense.exemption_reasons = ['驻村']
      },
      expect: [{ messageId: 'exemptionNotListed', at: 'defense.exemption', data: { reason: '挂职兼职', reasons: ['驻村'] } }],
    },
    {
      // The manifest schema takes any reason (the policy decides), so this is reachable with the
      // shipped policy, not only with an edited one.
      name: 'a reason outside the shipped policy’s list reaches this rule',
      set: exempt('援疆', 'files/援疆证明.pdf'),
      expect: [{ messageId: 'exemptionNotListed', at: 'defense.exemption', data: { reason: '援疆', reasons: ['驻村', '驻村宗教', '南疆学前教育支教', '内地服务管理', '合作社', '村两委', '挂职兼职', '离岗创新创业'] } }],
    },
  ],
})

ruleCases(defenseExemptionProof, {
  fires: [
    { name: 'exemption without proof', set: exempt('驻村'), expect: [{ messageId: 'noProof', at: 'defense.exemption', data: { reason: '驻村' } }] },
    { name: '正高级, 村两委, no proof', set: { 'applicant.title': '高级编辑', ...exempt('村两委') }, expect: [{ messageId: 'noProof', data: { reason: '村两委' } }] },
  ],
  silent: [
    { name: 'the base package (no exemption)' },
    { name: 'exemption with proof', set: exempt('驻村', 'files/驻村证明.pdf') },
    { name: 'proof without exemption is not this rule', set: { defense: { proof: 'files/驻村证明.pdf' } } },
  ],
  edge: [
    { name: '中级 takes no defense, so a bare exemption is moot', set: { 'applicant.title': '记者', ...exempt('驻村') }, expect: [] },
    { name: 'a reason the policy does not accept is no exemption: defense.required says so, no proof is asked', set: exempt('援疆'), expect: [] },
    { name: 'an unknown title still needs the proof', set: { 'applicant.title': '主任编缉', ...exempt('驻村') }, expect: [{ messageId: 'noProof' }] },
    {
      name: 'policy: 副高级 without a defense makes the exemption moot',
      set: exempt('驻村'),
      policy: (p) => {
        p.values.defense.required_levels = ['正高级']
      },
      expect: [],
    },
  ],
})

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
