import { closest } from '../util/closest.js'
import { defineRule, type Hit, type Rule } from './define-rule.js'
import { canonicalTitle, isCoveredSeries, otherSeriesOf, resolveTitle, seriesOfTitle, titlesOf } from './shared/title-level.js'

// 一 (scope), the series' titles, and 二 (one application path). Every list is policy data.

export const scopeEmployerType = defineRule({
  id: 'scope.employer-type',
  area: 'scope',
  severity: 'error',
  clause: '一',
  policy: ['scope.employer_types'],
  description: { zh: '申报人须是企业或事业单位的专业技术人员', en: 'The applicant must work for an enterprise or a public institution' },
  messages: {
    outside: {
      zh: '单位类型“{employerType}”不在本通知的申报范围内（{allowed}）',
      en: 'employer type "{employerType}" is outside the scope of this notice ({allowed})',
    },
    typo: {
      zh: '单位类型“{employerType}”不在本通知的申报范围内，是否应为“{suggestion}”？',
      en: 'employer type "{employerType}" is outside the scope of this notice; did you mean "{suggestion}"?',
    },
  },
  fix: {
    outside: {
      zh: '本通知只受理{allowed}的专业技术人员；其他单位的人员请咨询所在地人社部门',
      en: 'this notice only accepts staff of: {allowed}; others should ask their local human-resources bureau',
    },
    typo: { zh: '把 applicant.employer_type 改为“{suggestion}”', en: 'set applicant.employer_type to "{suggestion}"' },
  },
  examples: {
    fail: { zh: 'applicant:\n  employer_type: 个体户   # 不在本通知范围内', en: 'applicant:\n  employer_type: 个体户   # not covered by the notice' },
    pass: 'applicant:\n  employer_type: 事业单位',
  },
  check({ data, policy }) {
    const type = data.applicant.employer_type
    const allowed = policy.scope.employer_types
    if (allowed.includes(type)) return []
    const suggestion = closest(type, allowed)
    const at = 'applicant.employer_type'
    return suggestion
      ? [{ messageId: 'typo', data: { employerType: type, suggestion }, at }]
      : [{ messageId: 'outside', data: { employerType: type, allowed }, at }]
  },
})

export const scopeExamBased = defineRule({
  id: 'scope.exam-based',
  area: 'scope',
  severity: 'error',
  clause: '一',
  policy: ['scope.exam_based_titles', 'scope.exam_names', 'titles.aliases'],
  description: {
    zh: '国家以考代评的职称不参加评审（出版系列的中级、初级：编辑、技术编辑、一级校对，助理编辑、助理技术编辑、二级校对、技术设计员、三级校对）',
    en: 'Titles the nation fills by exam (以考代评) are not reviewed (出版 中级 and 初级: 编辑, 技术编辑, 一级校对, 助理编辑, 助理技术编辑, 二级校对, 技术设计员, 三级校对)',
  },
  messages: {
    examBased: {
      zh: '{series}系列的“{title}”由{exam}取得（以考代评），不参加本次评审',
      en: '"{title}" in the {series} series is obtained through the {exam} (以考代评), not through this review',
    },
    examBasedUnnamed: {
      zh: '{series}系列的“{title}”由国家职业资格考试取得（以考代评），不参加本次评审',
      en: '"{title}" in the {series} series is obtained through a national qualification exam (以考代评), not through this review',
    },
  },
  fix: {
    examBased: { zh: '报名参加{exam}；本通知不受理该职称的评审申报', en: 'register for the {exam}; this notice does not accept a review application for it' },
    examBasedUnnamed: {
      zh: '报名参加国家统一组织的职业资格考试；本通知不受理该职称的评审申报',
      en: 'register for the national qualification exam; this notice does not accept a review application for it',
    },
  },
  examples: {
    fail: { zh: 'applicant:\n  series: 出版\n  title: 编辑      # 以考代评', en: 'applicant:\n  series: 出版\n  title: 编辑      # filled by exam' },
    pass: 'applicant:\n  series: 出版\n  title: 副编审',
  },
  check({ data, policy }) {
    const { series } = data.applicant
    const title = canonicalTitle(policy, data.applicant.title)
    if (!policy.scope.exam_based_titles[series]?.includes(title)) return []
    const exam = policy.scope.exam_names[series]
    const at = 'applicant.title'
    return exam
      ? [{ messageId: 'examBased', data: { series, title, exam }, at }]
      : [{ messageId: 'examBasedUnnamed', data: { series, title }, at }]
  },
})

type TitleMessage = 'unknownSeries' | 'seriesTypo' | 'seriesNotCovered' | 'otherSeriesTitle' | 'notATitle' | 'wrongSeries' | 'didYouMean' | 'unknown'

export const titleUnknown = defineRule({
  id: 'title.unknown',
  area: 'scope',
  severity: 'error',
  clause: null,
  policy: ['titles.by_series', 'titles.aliases', 'titles.not_titles', 'titles.other_series', 'scope.exam_based_titles'],
  description: { zh: '申报职称须是所选系列的职称名称', en: 'The title applied for must be one of the series\' titles' },
  messages: {
    unknownSeries: {
      zh: '系列“{series}”不在本通知范围内（本通知的系列：{allowed}）',
      en: 'series "{series}" is not covered by this notice (its series: {allowed})',
    },
    seriesTypo: {
      zh: '系列“{series}”不在本通知范围内，是否应为“{suggestion}”？',
      en: 'series "{series}" is not covered by this notice; did you mean "{suggestion}"?',
    },
    seriesNotCovered: {
      zh: '{series}是独立的职称系列，不在本通知（新闻、文学创作、出版）范围内',
      en: '{series} is a title series of its own, not covered by this notice',
    },
    otherSeriesTitle: {
      zh: '“{title}”是{otherSeries}系列的职称，该系列不在本通知范围内',
      en: '"{title}" is a title of the {otherSeries} series, which this notice does not cover',
    },
    notATitle: {
      zh: '“{title}”不是职称名称；对应的职称是{suggestionSeries}系列的“{suggestion}”',
      en: '"{title}" is not a professional title; the title is "{suggestion}" ({suggestionSeries} series)',
    },
    wrongSeries: {
      zh: '“{title}”是{titleSeries}系列的职称，不是{series}系列的',
      en: '"{title}" is a title of the {titleSeries} series, not of {series}',
    },
    didYouMean: {
      zh: '{series}系列没有“{title}”这个职称，是否应为“{suggestion}”？',
      en: 'the {series} series has no title "{title}"; did you mean "{suggestion}"?',
    },
    unknown: {
      zh: '{series}系列没有“{title}”这个职称（可选：{allowed}）',
      en: 'the {series} series has no title "{title}" (its titles: {allowed})',
    },
  },
  fix: {
    unknownSeries: { zh: '把 applicant.series 改为{allowed}之一', en: 'set applicant.series to one of: {allowed}' },
    seriesTypo: { zh: '把 applicant.series 改为“{suggestion}”', en: 'set applicant.series to "{suggestion}"' },
    seriesNotCovered: {
      zh: '{series}系列的职称请按该系列的评审通知申报',
      en: 'apply for {series} titles under that series\' own review notice',
    },
    otherSeriesTitle: {
      zh: '{otherSeries}系列的职称请按该系列的评审通知申报；申报{series}系列的，把 applicant.title 改为{series}系列的职称：{allowed}',
      en: 'apply for {otherSeries} titles under that series\' own notice; in the {series} series, set applicant.title to one of: {allowed}',
    },
    notATitle: {
      zh: '把 applicant.title 改为“{suggestion}”（applicant.series 为{suggestionSeries}）',
      en: 'set applicant.title to "{suggestion}" (with applicant.series {suggestionSeries})',
    },
    wrongSeries: {
      zh: '申报{titleSeries}系列的，把 applicant.series 改为{titleSeries}；否则选{series}系列的职称：{allowed}',
      en: 'if you apply in the {titleSeries} series, set applicant.series to it; otherwise pick a {series} title: {allowed}',
    },
    didYouMean: { zh: '把 applicant.title 改为“{suggestion}”', en: 'set applicant.title to "{suggestion}"' },
    unknown: { zh: '把 applicant.title 改为{series}系列的职称之一：{allowed}', en: 'set applicant.title to one of the {series} titles: {allowed}' },
  },
  examples: {
    fail: { zh: 'applicant:\n  series: 新闻\n  title: 主任编缉   # 错别字', en: 'applicant:\n  series: 新闻\n  title: 主任编缉   # a typo' },
    pass: 'applicant:\n  series: 新闻\n  title: 主任编辑',
  },
  check({ data, policy }): Hit<TitleMessage>[] {
    const { series } = data.applicant
    const title = data.applicant.title.trim()
    const seriesList = Object.keys(policy.titles.by_series)

    if (!isCoveredSeries(policy, series)) {
      const at = 'applicant.series'
      if (Object.hasOwn(policy.titles.other_series, series)) return [{ messageId: 'seriesNotCovered', data: { series }, at }]
      const suggestion = closest(series, seriesList)
      return suggestion
        ? [{ messageId: 'seriesTypo', data: { series, suggestion }, at }]
        : [{ messageId: 'unknownSeries', data: { series, allowed: seriesList }, at }]
    }
    if (resolveTitle(policy, series, title)) return []

    const at = 'applicant.title'
    // The titles one can apply for here: not those the nation fills by exam (scope.exam-based).
    const examBased = policy.scope.exam_based_titles[series] ?? []
    const allowed = titlesOf(policy, series).filter((t) => !examBased.includes(t))
    const otherSeries = otherSeriesOf(policy, title)
    if (otherSeries) return [{ messageId: 'otherSeriesTitle', data: { title, otherSeries, series, allowed }, at }]
    const notTitle = policy.titles.not_titles[title]
    if (notTitle !== undefined) {
      const suggestionSeries = seriesOfTitle(policy, notTitle)
      return [{ messageId: 'notATitle', data: { title, suggestion: notTitle, suggestionSeries }, at }]
    }
    const titleSeries = seriesOfTitle(policy, title)
    if (titleSeries.length > 0) return [{ messageId: 'wrongSeries', data: { title, series, titleSeries, allowed }, at }]
    // A near miss of one of this series' titles (or of an alias, suggested under its policy name).
    // Exam-based titles are candidates too: a typo of 技术编辑 is that title (then scope.exam-based), not 编辑.
    const aliases = Object.keys(policy.titles.aliases).filter((a) => resolveTitle(policy, series, a))
    const near = closest(title, [...titlesOf(policy, series), ...aliases])
    if (near !== undefined) return [{ messageId: 'didYouMean', data: { title, series, suggestion: canonicalTitle(policy, near) }, at }]
    return [{ messageId: 'unknown', data: { title, series, allowed }, at }]
  },
})

export const pathChoice = defineRule({
  id: 'path.choice',
  area: 'scope',
  severity: 'error',
  clause: '二',
  policy: ['application_paths'],
  description: {
    zh: '同一年度同一系列、同一级别只能选择一种申报方式（定向评价或推荐自治区）',
    en: 'Exactly one application path (定向评价 or 推荐自治区) per series, level and year',
  },
  messages: {
    several: {
      zh: '申报方式填了{count}种（{paths}），同一年度同一系列、同一级别只能选择一种',
      en: '{count} application paths are given ({paths}); only one may be chosen per series, level and year',
    },
    none: { zh: '没有填写申报方式', en: 'no application path is given' },
    typo: {
      zh: '申报方式“{path}”不是本通知的申报方式，是否应为“{suggestion}”？',
      en: 'application path "{path}" is not one of this notice\'s; did you mean "{suggestion}"?',
    },
    unknown: {
      zh: '申报方式“{path}”不是本通知的申报方式（{allowed}）',
      en: 'application path "{path}" is not one of this notice\'s ({allowed})',
    },
  },
  fix: {
    several: { zh: '在 applicant.path 只保留一种：{allowed}', en: 'keep one path in applicant.path: {allowed}' },
    none: { zh: '在 applicant.path 填写{allowed}之一', en: 'set applicant.path to one of: {allowed}' },
    typo: { zh: '把 applicant.path 改为“{suggestion}”', en: 'set applicant.path to "{suggestion}"' },
    unknown: { zh: '把 applicant.path 改为{allowed}之一', en: 'set applicant.path to one of: {allowed}' },
  },
  examples: {
    fail: { zh: 'applicant:\n  path: [定向评价, 推荐自治区]   # 两种方式', en: 'applicant:\n  path: [定向评价, 推荐自治区]   # two paths' },
    pass: 'applicant:\n  path: 定向评价',
  },
  check({ data, policy }) {
    const allowed = policy.application_paths
    const at = 'applicant.path'
    // A list holding one path (or the same path twice) is that path.
    const paths = [...new Set((Array.isArray(data.applicant.path) ? data.applicant.path : [data.applicant.path]).map((p) => p.trim()))]
    if (paths.length > 1) return [{ messageId: 'several', data: { count: paths.length, paths, allowed }, at }]
    const path = paths[0]
    if (path === undefined || path === '') return [{ messageId: 'none', data: { allowed }, at }]
    if (allowed.includes(path)) return []
    const suggestion = closest(path, allowed)
    return suggestion
      ? [{ messageId: 'typo', data: { path, suggestion }, at }]
      : [{ messageId: 'unknown', data: { path, allowed }, at }]
  },
})

// Rules of this area, in RULES.md order.
export const scopeRules: Rule[] = [scopeEmployerType, scopeExamBased, titleUnknown, pathChoice]
