import { defineRule, type Hit, type Rule } from './define-rule.js'
import type { ManifestData } from '../manifest/schema.js'
import { addDays, daysBetween } from '../policy/dates.js'

// Timeline and submissions (三, 四（一）1). Dates are 'YYYY-MM-DD' strings, so they compare as
// strings; `today` comes from the context, never the clock.

type HistoryEntry = NonNullable<NonNullable<ManifestData['submission']>['history']>[number]

function historyOf(data: ManifestData): HistoryEntry[] {
  return data.submission?.history ?? []
}

export const timelineWindow = defineRule({
  id: 'timeline.window',
  area: 'timeline',
  severity: 'error',
  clause: '三（一）',
  policy: ['timeline.window'],
  description: { zh: '首次提交不在申报时间内', en: 'The first submission is outside the application window' },
  messages: {
    early: {
      zh: '首次提交日期 {submitted} 早于申报开始日 {start}（申报时间 {start} 至 {end}）',
      en: 'the first submission on {submitted} is before the window opens on {start} (window {start} to {end})',
    },
    late: {
      zh: '首次提交日期 {submitted} 晚于申报截止日 {end}（申报时间 {start} 至 {end}），逾期未报的不予认可',
      en: 'the first submission on {submitted} is after the window closed on {end} (window {start} to {end}); late applications are not accepted',
    },
  },
  fix: {
    early: {
      zh: '核对 submission.history 第一条的提交日期；如确实在 {start} 前提交，在申报时间内重新提交',
      en: 'check the first date in submission.history; if it really was before {start}, submit again within the window',
    },
    late: {
      zh: '核对提交日期；申报已于 {end} 截止，联系行业主管部门或职称办确认能否受理',
      en: 'check the date; the window closed on {end}: ask the department in charge or the title office whether it can still be accepted',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-07-20 }   # 申报 07-22 才开始', en: 'submission:\n  history:\n    - { submitted: 2024-07-20 }   # the window opens on 07-22' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25 }',
  },
  check({ data, policy }) {
    const first = historyOf(data)[0]
    if (!first) return [] // not submitted yet: timeline.deadline's concern
    const { start, end } = policy.timeline.window
    const at = 'submission.history.0.submitted'
    const hitData = { submitted: first.submitted, start, end }
    if (first.submitted < start) return [{ messageId: 'early', data: hitData, at }]
    if (first.submitted > end) return [{ messageId: 'late', data: hitData, at }]
    return []
  },
})

export const timelineResubmissionLateWindow = defineRule({
  id: 'timeline.resubmission-late-window',
  area: 'timeline',
  severity: 'warning',
  clause: '四（一）1',
  policy: ['timeline.window'],
  description: {
    zh: '退回后的再次提交晚于申报截止日，可能不予受理（退回后超过申报时限的不予受理）',
    en: 'A resubmission after a return falls after the window closed; it may be refused',
  },
  messages: {
    afterWindow: {
      zh: '第 {n} 次提交（{submitted}）晚于申报截止日 {end}，退回后超过申报时限的可能不予受理',
      en: 'submission {n} on {submitted} is after the window closed on {end}; a resubmission after the deadline may be refused',
    },
  },
  fix: {
    zh: '联系行业主管部门或职称办，确认 {end} 之后的再次提交能否受理',
    en: 'ask the department in charge or the title office whether a resubmission after {end} is accepted',
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-08-30 }\n    - { submitted: 2024-09-01 }   # 截止日 08-30 之后', en: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-08-30 }\n    - { submitted: 2024-09-01 }   # after the deadline, 08-30' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-08-20, returned: 2024-08-22 }\n    - { submitted: 2024-08-23 }',
  },
  check({ data, policy }) {
    const { end } = policy.timeline.window
    return historyOf(data).flatMap((entry, i) =>
      i > 0 && entry.submitted > end
        ? [{ messageId: 'afterWindow' as const, data: { n: i + 1, submitted: entry.submitted, end }, at: `submission.history.${i}.submitted` }]
        : [],
    )
  },
})

export const timelineDeadline = defineRule({
  id: 'timeline.deadline',
  area: 'timeline',
  severity: 'warning',
  clause: '三',
  policy: ['timeline.deadline', 'timeline.deadline_warning_days'],
  description: {
    zh: '申报截止日已过或临近，而申报材料尚未提交（或被退回未再提交）',
    en: 'The deadline has passed or is close and the package is not submitted (or was returned)',
  },
  messages: {
    passed: {
      zh: '今天 {today} 已过申报截止日 {deadline}，申报材料尚未提交',
      en: 'today ({today}) is past the deadline {deadline} and the package has not been submitted',
    },
    soon: {
      zh: '距申报截止日 {deadline} 还有 {daysLeft} 天（今天 {today}），申报材料尚未提交',
      en: '{daysLeft} day(s) left until the deadline {deadline} (today {today}) and the package has not been submitted',
    },
    returnedPassed: {
      zh: '材料于 {returned} 被退回，尚未再次提交，今天 {today} 已过申报截止日 {deadline}',
      en: 'the package was returned on {returned} and not resubmitted; today ({today}) is past the deadline {deadline}',
    },
    returnedSoon: {
      zh: '材料于 {returned} 被退回，尚未再次提交，距申报截止日 {deadline} 还有 {daysLeft} 天（今天 {today}）',
      en: 'the package was returned on {returned} and not resubmitted; {daysLeft} day(s) left until the deadline {deadline} (today {today})',
    },
  },
  fix: {
    passed: {
      zh: '申报已截止，逾期未报的不予认可；联系行业主管部门确认是否还能申报',
      en: 'the window has closed and late applications are not accepted; ask the department in charge whether you can still apply',
    },
    soon: {
      zh: '在 {deadline} 前登录职称平台提交申报材料',
      en: 'submit the package on the title platform before {deadline} ends',
    },
    returnedPassed: {
      zh: '按修改意见修改后尽快再次提交，并联系行业主管部门确认截止后能否受理',
      en: 'fix the package as asked and resubmit at once; ask the department in charge whether it is still accepted after the deadline',
    },
    returnedSoon: {
      zh: '按修改意见修改后在 {deadline} 前再次提交',
      en: 'fix the package as asked and resubmit before {deadline} ends',
    },
  },
  examples: {
    fail: { zh: '# 今天 2024-08-29，还没有提交\nsubmission:', en: '# today is 2024-08-29 and nothing is submitted yet\nsubmission:' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25 }',
    today: '2024-08-29',
  },
  check({ data, policy, today }) {
    const history = historyOf(data)
    const last = history.at(-1)
    if (last && last.returned === undefined) return [] // submitted and not returned: nothing to do
    const deadline = policy.timeline.deadline
    const daysLeft = daysBetween(today, deadline)
    if (daysLeft > policy.timeline.deadline_warning_days) return []
    const passed = daysLeft < 0
    if (!last) return [{ messageId: passed ? 'passed' : 'soon', data: { today, deadline, daysLeft }, at: 'submission' }]
    return [
      {
        messageId: passed ? 'returnedPassed' : 'returnedSoon',
        data: { today, deadline, daysLeft, returned: last.returned! },
        at: `submission.history.${history.length - 1}.returned`,
      },
    ]
  },
})

export const timelineFee = defineRule({
  id: 'timeline.fee',
  area: 'timeline',
  severity: 'warning',
  clause: '三（三）',
  policy: ['timeline.fee_deadline'],
  description: { zh: '评审费在缴费截止日之后缴纳，或已过截止日仍未缴纳', en: 'The review fee was paid after the fee deadline, or is unpaid past it' },
  messages: {
    late: {
      zh: '评审费于 {paid} 缴纳，晚于缴费截止日 {feeDeadline}',
      en: 'the review fee was paid on {paid}, after the fee deadline {feeDeadline}',
    },
    unpaid: {
      zh: '今天 {today} 已过缴费截止日 {feeDeadline}，没有缴费记录（submission.fee_paid）',
      en: 'today ({today}) is past the fee deadline {feeDeadline} and no payment is recorded (submission.fee_paid)',
    },
  },
  fix: {
    late: {
      zh: '核对缴费日期；逾期缴费的，联系评审委员会确认是否受理',
      en: 'check the payment date; if it was late, ask the review committee whether it is accepted',
    },
    unpaid: {
      zh: '已缴费的在 submission.fee_paid 写上缴费日期；未缴费的立即联系评审委员会',
      en: 'if paid, put the date in submission.fee_paid; if not, contact the review committee at once',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  fee_paid: 2024-09-20   # 缴费截止 09-15', en: 'submission:\n  fee_paid: 2024-09-20   # the fee was due by 09-15' },
    pass: 'submission:\n  fee_paid: 2024-09-10',
  },
  check({ data, policy, today }) {
    const feeDeadline = policy.timeline.fee_deadline
    const paid = data.submission?.fee_paid
    if (paid !== undefined) {
      return paid > feeDeadline ? [{ messageId: 'late', data: { paid, feeDeadline }, at: 'submission.fee_paid' }] : []
    }
    return today > feeDeadline ? [{ messageId: 'unpaid', data: { today, feeDeadline }, at: 'submission' }] : []
  },
})

export const resubmissionLimit = defineRule({
  id: 'resubmission.limit',
  area: 'timeline',
  severity: 'error',
  clause: '四（一）1',
  policy: ['submissions.max_submissions'],
  description: { zh: '提交评审委员会审核的次数超过规定', en: 'More submissions than the notice allows' },
  messages: {
    tooMany: {
      zh: '共提交 {count} 次，超过规定的最多 {max} 次，第 {max} 次提交后仍不符合要求的不予受理',
      en: '{count} submissions, more than the {max} allowed; a package still not in order after submission {max} is refused',
    },
  },
  fix: {
    zh: '核对 submission.history；第 {max} 次之后的提交不会被受理，联系行业主管部门',
    en: 'check submission.history; submissions after number {max} are not accepted: contact the department in charge',
  },
  examples: {
    fail: { zh: 'submission:\n  history:   # 第 4 次提交\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28, returned: 2024-07-30 }\n    - { submitted: 2024-07-31, returned: 2024-08-01 }\n    - { submitted: 2024-08-02 }', en: 'submission:\n  history:   # a 4th submission\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28, returned: 2024-07-30 }\n    - { submitted: 2024-07-31, returned: 2024-08-01 }\n    - { submitted: 2024-08-02 }' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28, returned: 2024-07-30 }\n    - { submitted: 2024-07-31 }',
  },
  check({ data, policy }) {
    const history = historyOf(data)
    const max = policy.submissions.max_submissions
    if (history.length <= max) return []
    // Point at the first submission past the limit.
    return [{ messageId: 'tooMany', data: { count: history.length, max }, at: `submission.history.${max}.submitted` }]
  },
})

export const resubmissionLate = defineRule({
  id: 'resubmission.late',
  area: 'timeline',
  severity: 'error',
  clause: '四（一）1',
  policy: ['submissions.resubmit_within_days'],
  description: {
    zh: '退回后未在规定天数内修改提交',
    en: 'A resubmission came more days after the return than the notice allows',
  },
  messages: {
    late: {
      zh: '{returned} 退回，第 {n} 次提交在 {submitted}，相隔 {days} 天，超过退回后 {within} 日内提交的要求（最晚 {lastDay}）',
      en: 'returned on {returned}, submission {n} on {submitted} came {days} days later, beyond the {within}-day limit (last day {lastDay})',
    },
    overdue: {
      zh: '{returned} 退回后尚未再次提交，今天 {today} 已过最晚提交日 {lastDay}（退回后 {within} 日内）',
      en: 'returned on {returned} and not resubmitted; today ({today}) is past the last day {lastDay} ({within} days after the return)',
    },
  },
  fix: {
    late: {
      zh: '核对提交日期；退回后须在 {within} 日内修改提交，逾期的联系行业主管部门确认是否受理',
      en: 'check the dates; a returned package must be resubmitted within {within} days: if late, ask the department in charge whether it is accepted',
    },
    overdue: {
      zh: '按修改意见修改后立即再次提交，并联系行业主管部门确认是否受理；已提交的在 submission.history 补上日期',
      en: 'fix the package as asked and resubmit at once, and ask the department in charge whether it is accepted; if already resubmitted, add the date to submission.history',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-31 }   # 退回 4 天后', en: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-31 }   # 4 days after the return' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28 }',
  },
  check({ data, policy, today }) {
    const within = policy.submissions.resubmit_within_days
    const history = historyOf(data)
    const hits: Hit<'late' | 'overdue'>[] = history.flatMap((entry, i): Hit<'late'>[] => {
      const returned = history[i - 1]?.returned
      // Without a return date on the previous entry the delay cannot be measured.
      if (returned === undefined) return []
      const days = daysBetween(returned, entry.submitted)
      if (days <= within) return []
      return [
        {
          messageId: 'late',
          data: { n: i + 1, returned, submitted: entry.submitted, days, within, lastDay: addDays(returned, within) },
          at: `submission.history.${i}.submitted`,
        },
      ]
    })
    const last = history.at(-1)
    if (last?.returned !== undefined) {
      const lastDay = addDays(last.returned, within)
      if (today > lastDay) {
        hits.push({
          messageId: 'overdue',
          data: { returned: last.returned, today, lastDay, within },
          at: `submission.history.${history.length - 1}.returned`,
        })
      }
    }
    return hits
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

// Rules of this area, in RULES.md order (rules RULES.md does not list come last).
export const timelineRules: Rule[] = [
  timelineWindow,
  timelineResubmissionLateWindow,
  timelineDeadline,
  timelineFee,
  resubmissionLimit,
  resubmissionLate,
  timelineFutureDate,
  timelinePolicyOver,
]
