import { defineRule, type Rule } from './define-rule.js'
import { TITLE_POLICY, canonicalTitle, titleLevel } from './shared/title-level.js'

// The review fee by level (四（六）).

/** The one application path given (a list of several is path.choice's finding). */
function singlePath(path: string | string[]): string | undefined {
  const paths = [...new Set((Array.isArray(path) ? path : [path]).map((p) => p.trim()))]
  return paths.length === 1 ? paths[0] : undefined
}

export const feeAmount = defineRule({
  id: 'fee.amount',
  area: 'defense',
  severity: 'info',
  clause: '四（六）',
  policy: ['fee.by_level', 'fee.applies_to_paths', 'scope.exam_based_titles', ...TITLE_POLICY],
  description: {
    zh: '按申报级别应缴的评审费（金额见政策）；以考代评的职称没有评审费，其他评审途径的评审费由评审的委员会确定',
    en: 'The review fee for the level applied for (amounts from the policy); none for a title filled by exam, and set by the reviewing committee on another path',
  },
  messages: {
    fee: { zh: '申报{title}（{level}），评审费 {amount} 元', en: 'applying for {title} ({level}): the review fee is {amount} yuan' },
    otherCommittee: {
      zh: '申报{title}（{level}），申报方式为{path}：评审费由负责评审的评审委员会确定和收取，不按本通知的标准（{amount} 元是本通知评审委员会的标准；这是对通知的一种理解，待核实）',
      en: 'applying for {title} ({level}) by {path}: the fee is set and collected by the committee that reviews it, not by this notice’s table ({amount} yuan is this committee’s; a reading of the notice, to confirm)',
    },
  },
  fix: {
    fee: {
      zh: '申报材料显示“已接收材料”后，通过扫码或银行缴费缴纳 {amount} 元',
      en: 'once the platform shows 已接收材料, pay {amount} yuan by QR code or bank transfer',
    },
    otherCommittee: {
      zh: '按负责评审的评审委员会（自治区或相应地州）的通知缴费；金额和截止时间以该通知为准',
      en: 'pay as the reviewing committee’s own notice says (the region’s or that prefecture’s): amount and deadline are theirs',
    },
  },
  examples: {
    fail: { zh: 'applicant:\n  series: 新闻\n  title: 主任编辑   # 副高级：提示评审费', en: 'applicant:\n  series: 新闻\n  title: 主任编辑   # 副高级: the fee is shown' },
    pass: { zh: 'applicant:\n  series: 新闻\n  title: 主任编缉   # 不是本系列的职称：由 title.unknown 指出，不提示费用', en: 'applicant:\n  series: 新闻\n  title: 主任编缉   # not a title of the series: title.unknown reports it, no fee is shown' },
  },
  check({ data, policy }) {
    const { series, title: applied } = data.applicant
    const level = titleLevel(policy, series, applied)
    if (!level) return []
    const title = canonicalTitle(policy, applied)
    // A title the nation fills by exam is not reviewed at all (scope.exam-based): no review fee.
    if (policy.scope.exam_based_titles[series]?.includes(title)) return []
    const amount = policy.fee.by_level[level]
    if (amount === undefined) return []
    const path = singlePath(data.applicant.path)
    if (path !== undefined && policy.application_paths.includes(path) && !policy.fee.applies_to_paths.includes(path)) {
      return [{ messageId: 'otherCommittee', data: { title, level, amount, path }, at: 'applicant.path' }]
    }
    return [{ messageId: 'fee', data: { title, level, amount }, at: 'applicant.title' }]
  },
})

export const feeRules: Rule[] = [feeAmount]
