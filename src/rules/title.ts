import { closest } from '../util/closest.js'
import { defineRule, type Hit, type Rule } from './define-rule.js'
import { canonicalTitle, isCoveredSeries, otherSeriesOf, resolveTitle, seriesOfTitle, titlesOf } from './shared/title-level.js'

// The series' titles: the title applied for must be one of its series (policy titles.by_series).

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

export const titleRules: Rule[] = [titleUnknown]
