import { defineRule, type Hit, type Rule } from '../define-rule.js'
import type { ManifestData } from '../../manifest/schema.js'
import { historyOf } from '../shared/history.js'

// The dates of the manifest against each other and today: a history out of order, a fee paid
// before submitting, a date in the future, a policy whose year is over. Dates are 'YYYY-MM-DD'
// strings, so they compare as strings; `today` comes from the context, never the clock.

export const timelineHistory = defineRule({
  id: 'timeline.history',
  area: 'timeline',
  severity: 'error',
  clause: '四（一）1',
  description: {
    zh: '提交记录不可能成立：退回早于提交、再次提交早于退回、两次提交之间没有退回',
    en: 'A submission history that cannot be: a return before its submission, a resubmission before the return, two submissions with no return between them',
  },
  messages: {
    returnedBeforeSubmitted: {
      zh: '第 {n} 次提交记为 {submitted}，退回日期 {returned} 却在提交之前',
      en: 'submission {n} is dated {submitted}, but its return ({returned}) is before it',
    },
    resubmittedBeforeReturn: {
      zh: '第 {n} 次提交（{submitted}）早于上一次的退回（{returned}）：退回之后才能再次提交',
      en: 'submission {n} ({submitted}) is before the previous return ({returned}): a package is resubmitted only after it is returned',
    },
    noReturn: {
      zh: '第 {n} 次提交没有退回日期，之后却还有第 {next} 次提交（{nextSubmitted}）：未退回的材料不能再次提交',
      en: 'submission {n} has no return date, yet submission {next} ({nextSubmitted}) follows: a package is resubmitted only after a return',
    },
  },
  fix: {
    returnedBeforeSubmitted: {
      zh: '按平台记录改正 submission.history 第 {n} 条的提交和退回日期',
      en: 'correct submission {n}’s dates in submission.history from the platform’s record',
    },
    resubmittedBeforeReturn: {
      zh: '按平台记录改正 submission.history 的日期（每次退回之后才是下一次提交）',
      en: 'correct the dates in submission.history from the platform’s record (each return comes before the next submission)',
    },
    noReturn: {
      zh: '在 submission.history 第 {n} 条补上退回日期（returned）；其他判断（退回后 2 日内提交等）都依赖它',
      en: 'add the return date (returned) to submission {n} in submission.history; other checks (resubmission within 2 days …) depend on it',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-07-25 }   # 没有退回日期\n    - { submitted: 2024-07-28 }', en: 'submission:\n  history:\n    - { submitted: 2024-07-25 }   # no return date\n    - { submitted: 2024-07-28 }' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28 }',
  },
  check({ data }) {
    const history = historyOf(data)
    return history.flatMap((entry, i): Hit<'returnedBeforeSubmitted' | 'resubmittedBeforeReturn' | 'noReturn'>[] => {
      const hits: Hit<'returnedBeforeSubmitted' | 'resubmittedBeforeReturn' | 'noReturn'>[] = []
      if (entry.returned !== undefined && entry.returned < entry.submitted) {
        hits.push({ messageId: 'returnedBeforeSubmitted', data: { n: i + 1, submitted: entry.submitted, returned: entry.returned }, at: `submission.history.${i}.returned` })
      }
      const next = history[i + 1]
      if (next && entry.returned === undefined) {
        hits.push({ messageId: 'noReturn', data: { n: i + 1, next: i + 2, nextSubmitted: next.submitted }, at: `submission.history.${i}` })
      }
      if (next && entry.returned !== undefined && next.submitted < entry.returned) {
        hits.push({ messageId: 'resubmittedBeforeReturn', data: { n: i + 2, submitted: next.submitted, returned: entry.returned }, at: `submission.history.${i + 1}.submitted` })
      }
      return hits
    })
  },
})

export const timelineFeeOrder = defineRule({
  id: 'timeline.fee-order',
  area: 'timeline',
  severity: 'warning',
  clause: '四（六）缴费',
  description: {
    zh: '缴费日期早于首次提交，或没有提交记录却写了缴费：评审费在材料显示“已接收材料”后缴纳',
    en: 'The fee is dated before the first submission, or paid with no submission recorded: the fee follows 已接收材料',
  },
  messages: {
    beforeSubmission: {
      zh: '缴费日期 {paid} 早于首次提交 {submitted}：评审费应在材料显示“已接收材料”后缴纳',
      en: 'the fee is dated {paid}, before the first submission on {submitted}: it is paid once the package shows 已接收材料',
    },
    noSubmission: {
      zh: '写了缴费日期 {paid}，但没有提交记录：评审费应在材料显示“已接收材料”后缴纳',
      en: 'a fee payment on {paid} is recorded but no submission: the fee is paid once the package shows 已接收材料',
    },
  },
  fix: {
    beforeSubmission: {
      zh: '核对 submission.fee_paid 和 submission.history 的日期；确实提前缴了费的，联系评审委员会确认缴费是否有效',
      en: 'check submission.fee_paid and the dates in submission.history; if the fee really was paid first, ask the review committee whether the payment counts',
    },
    noSubmission: {
      zh: '在 submission.history 写上提交日期；尚未提交的，先提交，显示“已接收材料”后再缴费',
      en: 'add the submission dates to submission.history; if not submitted yet, submit first and pay once it shows 已接收材料',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-07-25 }\n  fee_paid: 2024-07-20   # 提交之前就缴费', en: 'submission:\n  history:\n    - { submitted: 2024-07-25 }\n  fee_paid: 2024-07-20   # paid before submitting' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25 }\n  fee_paid: 2024-08-01',
  },
  check({ data }) {
    const paid = data.submission?.fee_paid
    if (paid === undefined) return []
    const first = historyOf(data)[0]
    if (!first) return [{ messageId: 'noSubmission', data: { paid }, at: 'submission.fee_paid' }]
    return paid < first.submitted ? [{ messageId: 'beforeSubmission', data: { paid, submitted: first.submitted }, at: 'submission.fee_paid' }] : []
  },
})

type PastField = 'workStart' | 'titleObtained' | 'titleAppointed' | 'graduated' | 'publicityStart' | 'publicityEnd' | 'submitted' | 'returned' | 'feePaid'

/** The dates a manifest gives for things that have already happened, by where they are. */
function pastDates(data: ManifestData): Array<{ kind: PastField; at: string; date: string; n?: number }> {
  const out: Array<{ kind: PastField; at: string; date: string; n?: number }> = []
  const add = (kind: PastField, at: string, date: string | undefined, n?: number) => {
    if (date !== undefined) out.push({ kind, at, date, ...(n !== undefined ? { n } : {}) })
  }
  const a = data.applicant
  add('workStart', 'applicant.work_start', a.work_start)
  add('titleObtained', 'applicant.current_title.obtained', a.current_title?.obtained)
  add('titleAppointed', 'applicant.current_title.appointed', a.current_title?.appointed)
  add('graduated', 'education.graduated', data.education?.graduated)
  add('publicityStart', 'publicity.start', data.publicity?.start)
  add('publicityEnd', 'publicity.end', data.publicity?.end)
  historyOf(data).forEach((h, i) => {
    add('submitted', `submission.history.${i}.submitted`, h.submitted, i + 1)
    add('returned', `submission.history.${i}.returned`, h.returned, i + 1)
  })
  add('feePaid', 'submission.fee_paid', data.submission?.fee_paid)
  return out
}

const future = (zh: string, en: string) => ({ zh: `${zh}写的是 {date}，在今天（{today}）之后`, en: `${en} is {date}, after today ({today})` })

export const timelineFutureDate = defineRule({
  id: 'timeline.future-date',
  area: 'timeline',
  severity: 'warning',
  clause: '三',
  description: {
    zh: '清单里已经发生的事（提交、退回、缴费、公示、取得职称、毕业、参加工作）写的日期在今天之后',
    en: 'A date of something that has happened (submission, return, fee, publicity, title, graduation, work start) is after today',
  },
  messages: {
    workStart: future('参加工作时间', 'the work start date'),
    titleObtained: future('取得现职称的时间', 'the date the current title was obtained'),
    titleAppointed: future('聘任现职称的时间', 'the date of appointment to the current title'),
    graduated: future('毕业时间', 'the graduation date'),
    publicityStart: future('单位公示开始日期', 'the start of the unit publicity'),
    publicityEnd: future('单位公示结束日期', 'the end of the unit publicity'),
    submitted: future('第 {n} 次提交日期', 'submission {n}'),
    returned: future('第 {n} 次退回日期', 'return {n}'),
    feePaid: future('缴费日期', 'the fee payment date'),
  },
  fix: {
    zh: '核对这个日期（年份、月份是否写错）；要按另一天检查（复查往年的包，或预演将来），用 --today 指定那一天',
    en: 'check the date (year and month); to check as of another day (an old package, or a rehearsal), give it with --today',
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-08-20 }   # 今天是 2024-08-05', en: 'submission:\n  history:\n    - { submitted: 2024-08-20 }   # today is 2024-08-05' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25 }',
  },
  check({ data, today }) {
    return pastDates(data)
      .filter((d) => d.date > today)
      .map((d) => ({ messageId: d.kind, data: { date: d.date, today, ...(d.n !== undefined ? { n: d.n } : {}) }, at: d.at }))
  },
})

export const timelinePolicyOver = defineRule({
  id: 'timeline.policy-over',
  area: 'timeline',
  severity: 'info',
  clause: '三（四）',
  needsData: false,
  policy: ['timeline.review_period', 'timeline.deadline'],
  description: {
    zh: '今天已过本政策的评审期：报告按当年的要求判断（复查往年的包请用 --today）',
    en: 'Today is after this policy’s review period: the report judges by that year’s rules (use --today to re-check an old package)',
  },
  messages: {
    over: {
      zh: '今天 {today} 已过本政策的评审期（{start} 至 {end}）：这份报告按当年的通知判断',
      en: 'today ({today}) is after this policy’s review period ({start} to {end}): this report judges by that year’s notice',
    },
  },
  fix: {
    zh: '复查当年的申报包：用 --today 给出当时的日期（如 --today {deadline}）；申报新一年的职称：改用新一年的政策（--policy）',
    en: 'to re-check a package of that year, give its date with --today (e.g. --today {deadline}); to apply in a later year, use that year’s policy (--policy)',
  },
  examples: {
    fail: { zh: '# 今天 2025-03-01，用 aksu-2024 检查\nversion: 1', en: '# today is 2025-03-01, checked with aksu-2024\nversion: 1' },
    pass: { zh: '# 今天 2024-08-05，申报期内\nversion: 1', en: '# today is 2024-08-05, within the application period\nversion: 1' },
    today: '2025-03-01',
    passToday: '2024-08-05',
  },
  check({ policy, today }) {
    const { start, end } = policy.timeline.review_period
    if (today <= end) return []
    return [{ messageId: 'over', data: { today, start, end, deadline: policy.timeline.deadline } }]
  },
})

export const timelineDatesRules: Rule[] = [timelineFutureDate, timelinePolicyOver, timelineHistory, timelineFeeOrder]
