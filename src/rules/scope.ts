import { closest } from '../util/closest.js'
import { defineRule, type Rule } from './define-rule.js'
import { canonicalTitle } from './shared/title-level.js'

// 一 (scope): who may apply, and the titles examined instead of reviewed. Every list is policy data.

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

// The catalogue order is src/rules/index.ts (RULES).
export const scopeRules: Rule[] = [scopeEmployerType, scopeExamBased]
