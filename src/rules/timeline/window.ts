import { defineRule, type Rule } from '../define-rule.js'
import { daysBetween } from '../../policy/dates.js'
import { historyOf, submissionsExhausted } from '../shared/history.js'

// The submission window and deadlines (三, 四（一）1): when the package is submitted, resubmitted
// after a return, and the fee paid. Dates are 'YYYY-MM-DD' strings, so they compare as
// strings; `today` comes from the context, never the clock.

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

export const timelineWindowRules: Rule[] = [timelineWindow, timelineResubmissionLateWindow, timelineDeadline, timelineFee, timelineResubmissionAfterAudit]
