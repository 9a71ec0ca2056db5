import { defineRule, type Hit, type Rule } from './define-rule.js'
import type { ManifestData } from '../manifest/schema.js'
import { addDays, daysBetween } from '../policy/dates.js'
import type { WorkCalendar } from '../policy/calendar.js'

// Timeline and submissions (三, 四（一）1). Dates are 'YYYY-MM-DD' strings, so they compare as
// strings; `today` comes from the context, never the clock.

type HistoryEntry = NonNullable<NonNullable<ManifestData['submission']>['history']>[number]

function historyOf(data: ManifestData): HistoryEntry[] {
  return data.submission?.history ?? []
}

/**
 * 四（一）1: 提交评审委员会审核次数不得超过3次，对于第3次提交后申报材料仍不符合要求…不予受理. Once the
 * last allowed submission has been returned the application is over: no finding may advise
 * resubmitting after that.
 */
export function submissionsExhausted(history: readonly HistoryEntry[], max: number): boolean {
  return history.length >= max && history[max - 1]?.returned !== undefined
}

/**
 * The last day to resubmit after a return, on the policy's reading of “退回后2日内”: `calendar`
 * counts calendar days; `next_working_day` moves a last day that is a rest day to the next working
 * day on the policy calendar (outside the calendar's years nothing is moved). Also gives the day the
 * other reading would give, so a finding can say where the readings part.
 */
export function resubmitLastDay(
  returned: string,
  within: number,
  rule: 'calendar' | 'next_working_day',
  calendar: WorkCalendar,
): { lastDay: string; calendarLastDay: string; movedLastDay: string } {
  const calendarLastDay = addDays(returned, within)
  let movedLastDay = calendarLastDay
  while (calendar.kind(movedLastDay) === 'off') movedLastDay = addDays(movedLastDay, 1)
  return { lastDay: rule === 'calendar' ? calendarLastDay : movedLastDay, calendarLastDay, movedLastDay }
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
    none: {
      zh: '今天 {today} 已过申报截止日 {end}（申报时间 {start} 至 {end}），清单里没有提交记录：逾期未报的不予认可',
      en: 'today ({today}) is past the deadline {end} (window {start} to {end}) and the manifest records no submission: late applications are not accepted',
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
    none: {
      zh: '如果已经提交，把提交日期写进 submission.history；没有提交的，申报已于 {end} 截止，联系行业主管部门或职称办确认能否受理',
      en: 'if you did submit, add the date to submission.history; if not, the window closed on {end}: ask the department in charge or the title office whether it can still be accepted',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-07-20 }   # 申报 07-22 才开始', en: 'submission:\n  history:\n    - { submitted: 2024-07-20 }   # the window opens on 07-22' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25 }',
  },
  check({ data, policy, today }) {
    const first = historyOf(data)[0]
    const { start, end } = policy.timeline.window
    // Not submitted and the window closed: 不予认可, as a late first submission is (三). Before
    // that, a close deadline is timeline.deadline's warning.
    if (!first) return today > end ? [{ messageId: 'none', data: { today, start, end }, at: 'submission' }] : []
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
  policy: ['timeline.window', 'timeline.audit_period'],
  description: {
    zh: '退回后的再次提交晚于申报截止日（仍在审核期内）：“退回后超过申报时限的不予受理”可能指申报截止日',
    en: 'A resubmission after a return falls after the window closed (still within the audit period); it may be refused',
  },
  messages: {
    afterWindow: {
      zh: '第 {n} 次提交（{submitted}）晚于申报截止日 {end}；审核期（{auditStart} 至 {auditEnd}）内的退回和修改提交可以晚于截止日，但“退回后超过申报时限的不予受理”也可能指申报截止日',
      en: 'submission {n} on {submitted} is after the window closed on {end}; returns and resubmissions may run past it within the audit period ({auditStart} to {auditEnd}), but “退回后超过申报时限的不予受理” may also mean the application deadline',
    },
  },
  fix: {
    zh: '联系行业主管部门或职称办，确认 {end} 之后、审核期内的再次提交能否受理',
    en: 'ask the department in charge or the title office whether a resubmission after {end}, within the audit period, is accepted',
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-08-30 }\n    - { submitted: 2024-09-01 }   # 截止日 08-30 之后', en: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-08-30 }\n    - { submitted: 2024-09-01 }   # after the deadline, 08-30' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-08-20, returned: 2024-08-22 }\n    - { submitted: 2024-08-23 }',
  },
  check({ data, policy }) {
    const { end } = policy.timeline.window
    const { start: auditStart, end: auditEnd } = policy.timeline.audit_period
    return historyOf(data).flatMap((entry, i) =>
      // After the audit period it is timeline.resubmission-after-audit's (firmer) finding.
      i > 0 && entry.submitted > end && entry.submitted <= auditEnd
        ? [{ messageId: 'afterWindow' as const, data: { n: i + 1, submitted: entry.submitted, end, auditStart, auditEnd }, at: `submission.history.${i}.submitted` }]
        : [],
    )
  },
})

export const timelineResubmissionAfterAudit = defineRule({
  id: 'timeline.resubmission-after-audit',
  area: 'timeline',
  severity: 'error',
  clause: '三（二）',
  policy: ['timeline.audit_period', 'timeline.window'],
  description: {
    zh: '退回后的再次提交在审核期结束之后：审核已结束，不会再受理',
    en: 'A resubmission after a return falls after the audit period ended: nobody audits it any more',
  },
  messages: {
    afterAudit: {
      zh: '第 {n} 次提交（{submitted}）在审核期（{auditStart} 至 {auditEnd}）结束之后；退回后的修改提交可以晚于申报截止日 {end}，但不能晚于审核期',
      en: 'submission {n} on {submitted} is after the audit period ({auditStart} to {auditEnd}) ended; a resubmission may come after the deadline {end}, but not after the audit period',
    },
  },
  fix: {
    zh: '核对提交日期；审核期已于 {auditEnd} 结束，这次提交不会进入审核：联系行业主管部门或职称办',
    en: 'check the date; the audit period ended on {auditEnd} and this submission will not be audited: contact the department in charge or the title office',
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-09-10 }\n    - { submitted: 2024-09-11 }   # 审核期 09-10 结束', en: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-09-10 }\n    - { submitted: 2024-09-11 }   # the audit period ended on 09-10' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-08-28, returned: 2024-09-08 }\n    - { submitted: 2024-09-10 }',
  },
  check({ data, policy }) {
    const { end } = policy.timeline.window
    const { start: auditStart, end: auditEnd } = policy.timeline.audit_period
    return historyOf(data).flatMap((entry, i) =>
      i > 0 && entry.submitted > auditEnd
        ? [{ messageId: 'afterAudit' as const, data: { n: i + 1, submitted: entry.submitted, end, auditStart, auditEnd }, at: `submission.history.${i}.submitted` }]
        : [],
    )
  },
})

export const timelineDeadline = defineRule({
  id: 'timeline.deadline',
  area: 'timeline',
  severity: 'warning',
  clause: '三',
  policy: ['timeline.deadline', 'timeline.deadline_warning_days', 'submissions.max_submissions'],
  description: {
    zh: '申报截止日临近而申报材料尚未提交，或材料被退回、截止日已过或临近而尚未再次提交（从未提交而截止日已过的是 timeline.window）',
    en: 'The deadline is close and the package is not submitted, or it was returned and not resubmitted as the deadline nears or has passed (never submitted past the deadline: timeline.window)',
  },
  messages: {
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
    // The last allowed submission was returned: resubmitting is not an option (resubmission.limit).
    if (submissionsExhausted(history, policy.submissions.max_submissions)) return []
    const deadline = policy.timeline.deadline
    const daysLeft = daysBetween(today, deadline)
    if (daysLeft > policy.timeline.deadline_warning_days) return []
    const passed = daysLeft < 0
    if (!last) return passed ? [] : [{ messageId: 'soon', data: { today, deadline, daysLeft }, at: 'submission' }]
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
  description: {
    zh: '提交评审委员会审核的次数超过规定，或最后一次允许的提交已被退回（不予受理）',
    en: 'More submissions than the notice allows, or the last allowed submission was returned (the application is refused)',
  },
  messages: {
    tooMany: {
      zh: '共提交 {count} 次，超过规定的最多 {max} 次，第 {max} 次提交后仍不符合要求的不予受理',
      en: '{count} submissions, more than the {max} allowed; a package still not in order after submission {max} is refused',
    },
    exhausted: {
      zh: '第 {max} 次提交于 {returned} 被退回：提交审核次数不得超过 {max} 次，第 {max} 次提交后仍不符合要求的不予受理',
      en: 'submission {max} was returned on {returned}: at most {max} submissions are allowed, and a package still not in order after submission {max} is refused',
    },
  },
  fix: {
    tooMany: {
      zh: '核对 submission.history；第 {max} 次之后的提交不会被受理，联系行业主管部门',
      en: 'check submission.history; submissions after number {max} are not accepted: contact the department in charge',
    },
    exhausted: {
      zh: '不要再次提交（第 {max} 次之后的提交不会被受理）；核对 submission.history，如退回记录有误则改正，否则联系行业主管部门，下一年度再申报',
      en: 'do not submit again (submissions after number {max} are not accepted); check submission.history and correct it if the return is recorded wrongly, otherwise contact the department in charge and apply in a later year',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:   # 第 4 次提交\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28, returned: 2024-07-30 }\n    - { submitted: 2024-07-31, returned: 2024-08-01 }\n    - { submitted: 2024-08-02 }', en: 'submission:\n  history:   # a 4th submission\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28, returned: 2024-07-30 }\n    - { submitted: 2024-07-31, returned: 2024-08-01 }\n    - { submitted: 2024-08-02 }' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28, returned: 2024-07-30 }\n    - { submitted: 2024-07-31 }',
  },
  check({ data, policy }) {
    const history = historyOf(data)
    const max = policy.submissions.max_submissions
    // Point at the first submission past the limit.
    if (history.length > max) return [{ messageId: 'tooMany', data: { count: history.length, max }, at: `submission.history.${max}.submitted` }]
    if (submissionsExhausted(history, max)) {
      return [{ messageId: 'exhausted', data: { max, returned: history[max - 1]!.returned! }, at: `submission.history.${max - 1}.returned` }]
    }
    return []
  },
})

const READING = {
  zh: '“{within}日内”按自然日计算，是对通知的一种理解，待核实',
  en: 'the {within} days counted as calendar days: a reading of the notice, to confirm',
}
const MOVED = {
  zh: '最后一日 {calendarLastDay} 是休息日，按期限最后一日遇休息日顺延的通常规则顺延到 {lastDay}：是对通知的一种理解，待核实',
  en: 'the last day {calendarLastDay} is a rest day and moves to {lastDay}, the usual rule for time limits: a reading of the notice, to confirm',
}
const withNote = (t: { zh: string; en: string }, note: { zh: string; en: string }) => ({ zh: `${t.zh}（${note.zh}）`, en: `${t.en} (${note.en})` })

export const resubmissionLate = defineRule({
  id: 'resubmission.late',
  area: 'timeline',
  severity: 'error',
  clause: '四（一）1',
  policy: ['submissions.resubmit_within_days', 'submissions.resubmit_day_rule', 'submissions.max_submissions', 'calendar'],
  description: {
    zh: '退回后未在规定天数内修改提交（天数的算法见政策 submissions.resubmit_day_rule，是对通知的理解）',
    en: 'A resubmission came more days after the return than the notice allows (how the days are counted is the policy reading submissions.resubmit_day_rule)',
  },
  messages: {
    late: withNote(
      {
        zh: '{returned} 退回，第 {n} 次提交在 {submitted}，相隔 {days} 天，超过退回后 {within} 日内提交的要求（最晚 {lastDay}）',
        en: 'returned on {returned}, submission {n} on {submitted} came {days} days later, beyond the {within}-day limit (last day {lastDay})',
      },
      READING,
    ),
    lateRestDay: {
      zh: '{returned} 退回，第 {n} 次提交在 {submitted}，按自然日计算超过退回后 {within} 日内提交的要求（最晚 {lastDay}，这是对通知的一种理解）；最后一日 {lastDay} 是休息日，若按遇休息日顺延的通常规则，顺延到 {movedLastDay} 则没有逾期',
      en: 'returned on {returned}, submission {n} on {submitted} is beyond the {within}-day limit counted in calendar days (last day {lastDay}; a reading of the notice); {lastDay} is a rest day, and under the usual rule that moves it to {movedLastDay} it would be on time',
    },
    lateMoved: withNote(
      {
        zh: '{returned} 退回，第 {n} 次提交在 {submitted}，超过退回后 {within} 日内提交的要求（最晚 {lastDay}）',
        en: 'returned on {returned}, submission {n} on {submitted} is beyond the {within}-day limit (last day {lastDay})',
      },
      MOVED,
    ),
    overdue: withNote(
      {
        zh: '{returned} 退回后尚未再次提交，今天 {today} 已过最晚提交日 {lastDay}（退回后 {within} 日内）',
        en: 'returned on {returned} and not resubmitted; today ({today}) is past the last day {lastDay} ({within} days after the return)',
      },
      READING,
    ),
    overdueMoved: withNote(
      {
        zh: '{returned} 退回后尚未再次提交，今天 {today} 已过最晚提交日 {lastDay}（退回后 {within} 日内）',
        en: 'returned on {returned} and not resubmitted; today ({today}) is past the last day {lastDay} ({within} days after the return)',
      },
      MOVED,
    ),
  },
  fix: {
    late: {
      zh: '核对提交日期；退回后须在 {within} 日内修改提交，逾期的联系行业主管部门确认是否受理',
      en: 'check the dates; a returned package must be resubmitted within {within} days: if late, ask the department in charge whether it is accepted',
    },
    lateRestDay: {
      zh: '核对提交日期，并向行业主管部门或职称办确认“{within}日内”遇周末、节假日是否顺延、这次提交是否受理',
      en: 'check the dates, and ask the department in charge or the title office whether the {within} days move past weekends and holidays and whether this submission is accepted',
    },
    lateMoved: {
      zh: '核对提交日期；退回后须在 {within} 日内修改提交，逾期的联系行业主管部门确认是否受理',
      en: 'check the dates; a returned package must be resubmitted within {within} days: if late, ask the department in charge whether it is accepted',
    },
    overdue: {
      zh: '按修改意见修改后立即再次提交，并联系行业主管部门确认是否受理；已提交的在 submission.history 补上日期',
      en: 'fix the package as asked and resubmit at once, and ask the department in charge whether it is accepted; if already resubmitted, add the date to submission.history',
    },
    overdueMoved: {
      zh: '按修改意见修改后立即再次提交，并联系行业主管部门确认是否受理；已提交的在 submission.history 补上日期',
      en: 'fix the package as asked and resubmit at once, and ask the department in charge whether it is accepted; if already resubmitted, add the date to submission.history',
    },
  },
  examples: {
    fail: { zh: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-31 }   # 退回 4 天后', en: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-31 }   # 4 days after the return' },
    pass: 'submission:\n  history:\n    - { submitted: 2024-07-25, returned: 2024-07-27 }\n    - { submitted: 2024-07-28 }',
  },
  check({ data, policy, today, calendar }) {
    const within = policy.submissions.resubmit_within_days
    const rule = policy.submissions.resubmit_day_rule
    const history = historyOf(data)
    type M = 'late' | 'lateRestDay' | 'lateMoved' | 'overdue' | 'overdueMoved'
    const hits: Hit<M>[] = history.flatMap((entry, i): Hit<M>[] => {
      const returned = history[i - 1]?.returned
      // Without a return date on the previous entry the delay cannot be measured (timeline.history
      // says the history is incomplete); a resubmission before its return is timeline.history's too.
      if (returned === undefined || entry.submitted < returned) return []
      const { lastDay, calendarLastDay, movedLastDay } = resubmitLastDay(returned, within, rule, calendar)
      if (entry.submitted <= lastDay) return []
      const days = daysBetween(returned, entry.submitted)
      const base = { n: i + 1, returned, submitted: entry.submitted, days, within, lastDay }
      const at = `submission.history.${i}.submitted`
      if (rule === 'calendar' && entry.submitted <= movedLastDay) return [{ messageId: 'lateRestDay', data: { ...base, movedLastDay }, at }]
      if (lastDay !== calendarLastDay) return [{ messageId: 'lateMoved', data: { ...base, calendarLastDay }, at }]
      return [{ messageId: 'late', data: base, at }]
    })
    const last = history.at(-1)
    // After the last allowed submission was returned there is nothing to resubmit (resubmission.limit).
    if (last?.returned !== undefined && !submissionsExhausted(history, policy.submissions.max_submissions)) {
      const { lastDay, calendarLastDay } = resubmitLastDay(last.returned, within, rule, calendar)
      if (today > lastDay) {
        const moved = lastDay !== calendarLastDay
        hits.push({
          messageId: moved ? 'overdueMoved' : 'overdue',
          data: { returned: last.returned, today, lastDay, within, ...(moved ? { calendarLastDay } : {}) },
          at: `submission.history.${history.length - 1}.returned`,
        })
      }
    }
    return hits
  },
})

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
  timelineResubmissionAfterAudit,
  timelineHistory,
  timelineFeeOrder,
]
