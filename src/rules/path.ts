import { closest } from '../util/closest.js'
import { defineRule, type Rule } from './define-rule.js'

// 二: one application path a year, series and level. Every list is policy data.

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

export const pathRules: Rule[] = [pathChoice]
