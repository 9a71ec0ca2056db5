import { describe, expect, test } from 'vitest'
import { loadPolicy } from '../../src/policy/load.js'
import { pathChoice, scopeEmployerType, scopeExamBased, titleUnknown } from '../../src/rules/scope.js'
import { canonicalTitle, levelOfHeldTitle, seriesOfTitle, titleLevel } from '../../src/rules/shared/title-level.js'
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

ruleCases(titleUnknown, {
  fires: [
    {
      name: '播音指导 belongs to 播音主持, outside this notice',
      set: { 'applicant.title': '播音指导' },
      expect: [{ messageId: 'otherSeriesTitle', at: 'applicant.title', data: { title: '播音指导', otherSeries: '播音主持' } }],
    },
    {
      name: '一级作家 is not a title',
      set: { 'applicant.series': '文学创作', 'applicant.title': '一级作家' },
      expect: [{ messageId: 'notATitle', at: 'applicant.title', data: { title: '一级作家', suggestion: '一级文学创作', suggestionSeries: ['文学创作'] } }],
    },
    {
      name: '国家一级作家 is not a title either',
      set: { 'applicant.series': '文学创作', 'applicant.title': '国家一级作家' },
      expect: [{ messageId: 'notATitle', data: { suggestion: '一级文学创作' } }],
    },
    {
      name: '高级记者 under 出版 names the series it belongs to',
      set: { 'applicant.series': '出版', 'applicant.title': '高级记者' },
      // Only the titles one can apply for by review are offered (出版 中级/初级 are by exam).
      expect: [{ messageId: 'wrongSeries', at: 'applicant.title', data: { title: '高级记者', series: '出版', titleSeries: ['新闻'], allowed: ['编审', '副编审'] } }],
    },
    {
      name: 'a near miss gets a did-you-mean',
      set: { 'applicant.title': '主任编缉' },
      expect: [{ messageId: 'didYouMean', at: 'applicant.title', data: { title: '主任编缉', series: '新闻', suggestion: '主任编辑' } }],
    },
    {
      name: 'a title far from every title lists the series\' titles',
      set: { 'applicant.title': '高级工程师' },
      expect: [{ messageId: 'unknown', at: 'applicant.title', data: { series: '新闻', allowed: ['高级记者', '高级编辑', '主任记者', '主任编辑', '记者', '编辑', '助理记者', '助理编辑'] } }],
    },
    {
      name: 'an unknown series',
      set: { 'applicant.series': '工程' },
      expect: [{ messageId: 'unknownSeries', at: 'applicant.series', data: { series: '工程', allowed: ['新闻', '文学创作', '出版'] } }],
    },
    {
      name: 'a near-miss series',
      set: { 'applicant.series': '文学创做' },
      expect: [{ messageId: 'seriesTypo', at: 'applicant.series', data: { suggestion: '文学创作' } }],
    },
    {
      name: '播音主持 as the series is another notice\'s',
      set: { 'applicant.series': '播音主持', 'applicant.title': '播音指导' },
      expect: [{ messageId: 'seriesNotCovered', at: 'applicant.series', data: { series: '播音主持' } }],
    },
  ],
  silent: [
    { name: 'the base package (新闻 主任编辑)' },
    { name: '文学创作一级 is an accepted alias', set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作一级' } },
    { name: '一级文学创作', set: { 'applicant.series': '文学创作', 'applicant.title': '一级文学创作' } },
    { name: '出版 编辑 is a 出版 title (exam-based is another rule)', set: { 'applicant.series': '出版', 'applicant.title': '编辑' } },
    { name: '新闻 编辑', set: { 'applicant.title': '编辑' } },
    { name: '出版 编审', set: { 'applicant.series': '出版', 'applicant.title': '编审' } },
    // It used to be “did you mean 编辑”: 技术编辑 is a 出版 title, filled by exam (scope.exam-based).
    { name: '出版 技术编辑 is a 出版 title, not a typo of 编辑', set: { 'applicant.series': '出版', 'applicant.title': '技术编辑' } },
    { name: '出版 二级校对', set: { 'applicant.series': '出版', 'applicant.title': '二级校对' } },
  ],
  edge: [
    {
      name: 'an alias of another series is that series\' title',
      set: { 'applicant.title': '文学创作一级' },
      expect: [{ messageId: 'wrongSeries', data: { titleSeries: ['文学创作'] } }],
    },
    {
      name: 'a near miss of an alias suggests the policy name',
      set: { 'applicant.series': '文学创作', 'applicant.title': '文学创作二' },
      expect: [{ messageId: 'didYouMean', data: { suggestion: '二级文学创作' } }],
    },
    {
      name: 'surrounding spaces do not make a title unknown',
      set: { 'applicant.title': ' 主任编辑 ' },
      expect: [],
    },
    {
      name: 'the title lists come from the policy',
      set: { 'applicant.title': '首席编辑' },
      policy: (p) => {
        p.values.titles.by_series['新闻']!['正高级']!.push('首席编辑')
      },
      expect: [],
    },
    {
      name: 'a new alias in the policy is accepted',
      set: { 'applicant.series': '文学创作', 'applicant.title': '一级作家' },
      policy: (p) => {
        delete p.values.titles.not_titles['一级作家']
        p.values.titles.aliases['一级作家'] = '一级文学创作'
      },
      expect: [],
    },
  ],
})

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

describe('title-level', () => {
  const policy = loadPolicy().values
  test.for([
    ['新闻', '高级记者', '正高级'],
    ['新闻', '主任编辑', '副高级'],
    ['新闻', '编辑', '中级'],
    ['出版', '编辑', '中级'],
    ['出版', '助理编辑', '初级'],
    ['出版', '编审', '正高级'],
    ['文学创作', '文学创作一级', '正高级'],
    ['文学创作', '四级文学创作', '初级'],
  ] as const)('%s %s is %s', ([series, title, level]) => {
    expect(titleLevel(policy, series, title)).toBe(level)
  })
  test('unknown titles and series have no level', () => {
    expect(titleLevel(policy, '出版', '高级记者')).toBeUndefined()
    expect(titleLevel(policy, '播音主持', '播音指导')).toBeUndefined()
    expect(titleLevel(policy, '文学创作', '一级作家')).toBeUndefined()
  })
  test('编辑 is in two series; aliases resolve', () => {
    expect(seriesOfTitle(policy, '编辑')).toEqual(['新闻', '出版'])
    expect(canonicalTitle(policy, '文学创作二级')).toBe('二级文学创作')
  })
  test('a held title from another series still has a level', () => {
    expect(levelOfHeldTitle(policy, '主任记者', '出版')).toBe('副高级')
    expect(levelOfHeldTitle(policy, '工程师', '新闻')).toBeUndefined()
  })
})
