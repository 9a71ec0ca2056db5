import { ruleCases } from '../helpers/rule-cases.js'
import { titleUnknown } from '../../src/rules/title.js'

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
