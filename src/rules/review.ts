import { defineRule, type Rule } from './define-rule.js'
import { TITLE_POLICY, canonicalTitle, titleLevel } from './shared/title-level.js'

// The pass rate of the review by level (四（七）).

export const reviewPassRate = defineRule({
  id: 'review.pass-rate',
  area: 'defense',
  severity: 'info',
  clause: '四（七）',
  policy: ['review.pass_rate_levels', ...TITLE_POLICY],
  description: {
    zh: '正、副高级职称评审设置通过率（中、初级不设）',
    en: 'The 正高/副高 review has a pass rate (中级 and 初级 have none)',
  },
  messages: {
    passRate: {
      zh: '申报{title}（{level}）：本年度{levels}职称评审设置通过率，具体通过率由评审委员会确定；材料齐全也不等于一定通过',
      en: 'applying for {title} ({level}): this year’s {levels} review has a pass rate, set by the review committee; a complete package is not sure to pass',
    },
  },
  fix: {
    zh: '评审按通过率择优：代表作、业绩材料尽量完整、突出',
    en: 'the review picks the best within the pass rate: make the representative works and achievements complete and clear',
  },
  examples: {
    fail: { zh: 'applicant:\n  title: 主任编辑   # 副高级：设置通过率', en: 'applicant:\n  title: 主任编辑   # 副高级: a pass rate applies' },
    pass: { zh: 'applicant:\n  title: 记者       # 中级：不设通过率', en: 'applicant:\n  title: 记者       # 中级: no pass rate' },
  },
  check({ data, policy }) {
    const { series, title: applied } = data.applicant
    const level = titleLevel(policy, series, applied)
    const levels = policy.review.pass_rate_levels
    if (!level || !levels.includes(level)) return []
    return [{ messageId: 'passRate', data: { title: canonicalTitle(policy, applied), level, levels }, at: 'applicant.title' }]
  },
})

export const reviewRules: Rule[] = [reviewPassRate]
