import { describe, expect, test } from 'vitest'
import { RULES } from '../../src/rules/index.js'
import { timelineFeeOrder, timelineFutureDate, timelineHistory, timelinePolicyOver } from '../../src/rules/timeline/dates.js'
import {
  timelineDeadline,
  timelineFee,
  timelineResubmissionAfterAudit,
  timelineResubmissionLateWindow,
  timelineWindow,
} from '../../src/rules/timeline/window.js'
import { ruleCases } from '../helpers/rule-cases.js'

// The base package: one submission on 2024-07-25 (not returned), fee paid 2024-08-01, today 2024-08-05.
// Window 2024-07-22 … 2024-08-30, deadline 08-30 (warn 3 days before), fee deadline 09-15,
// at most 3 submissions, resubmit within 2 calendar days of a return.

const history = (...entries: Array<{ submitted: string; returned?: string }>) => ({ 'submission.history': entries })

describe('the timeline area', () => {
  test('holds its rules in RULES.md order, then those RULES.md does not list', () => {
    const timelineRules = RULES.filter((r) => r.area === 'timeline')
    expect(timelineRules.map((r) => r.id)).toEqual([
      'timeline.window',
      'timeline.resubmission-late-window',
      'timeline.deadline',
      'timeline.fee',
      'resubmission.limit',
      'resubmission.late',
      'timeline.future-date',
      'timeline.policy-over',
      'timeline.resubmission-after-audit',
      'timeline.history',
      'timeline.fee-order',
    ])
    expect(timelineRules.every((r) => r.area === 'timeline')).toBe(true)
  })
})

ruleCases(timelineWindow, {
  fires: [
    {
      name: 'first submission the day after the window closed',
      set: history({ submitted: '2024-08-31' }),
      expect: [{ messageId: 'late', at: 'submission.history.0.submitted', data: { submitted: '2024-08-31', start: '2024-07-22', end: '2024-08-30' } }],
    },
    {
      name: 'first submission the day before the window opened',
      set: history({ submitted: '2024-07-21', returned: '2024-07-23' }, { submitted: '2024-07-24' }),
      expect: [{ messageId: 'early', at: 'submission.history.0.submitted', data: { submitted: '2024-07-21' } }],
    },
    {
      // 三: 逾期未报…不予认可 — the same error as a first submission on 08-31, not a warning.
      name: 'nothing submitted, today the day after the deadline',
      set: { submission: undefined },
      today: '2024-08-31',
      expect: [{ messageId: 'none', at: 'submission', data: { today: '2024-08-31', start: '2024-07-22', end: '2024-08-30' } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'nothing submitted, today the deadline itself (timeline.deadline warns)', set: { submission: undefined }, today: '2024-08-30' },
    { name: 'submission on the last day of the window', set: history({ submitted: '2024-08-30' }) },
    { name: 'submission on the first day of the window', set: history({ submitted: '2024-07-22' }) },
    { name: 'no submission yet (timeline.deadline decides)', set: { submission: undefined } },
    { name: 'an empty history', set: history() },
  ],
  edge: [
    {
      name: 'only the first submission counts: a late resubmission is another rule',
      set: history({ submitted: '2024-08-29', returned: '2024-08-30' }, { submitted: '2024-09-01' }),
      expect: [],
    },
    { name: 'an empty history past the deadline is no submission', set: history(), today: '2024-09-02', expect: [{ messageId: 'none', data: { today: '2024-09-02' } }] },
    {
      name: 'the window comes from the policy',
      set: history({ submitted: '2024-08-30' }),
      policy: (p) => {
        p.values.timeline.window.end = '2024-08-29'
      },
      expect: [{ messageId: 'late', data: { end: '2024-08-29' } }],
    },
  ],
})

ruleCases(timelineResubmissionLateWindow, {
  fires: [
    {
      name: 'a resubmission the day after the window closed',
      set: history({ submitted: '2024-08-29', returned: '2024-08-30' }, { submitted: '2024-08-31' }),
      expect: [{ messageId: 'afterWindow', at: 'submission.history.1.submitted', data: { n: 2, submitted: '2024-08-31', end: '2024-08-30' } }],
    },
    {
      name: 'one finding per late resubmission',
      set: history(
        { submitted: '2024-08-28', returned: '2024-08-30' },
        { submitted: '2024-08-31', returned: '2024-09-01' },
        { submitted: '2024-09-02' },
      ),
      expect: [
        { messageId: 'afterWindow', at: 'submission.history.1.submitted' },
        { messageId: 'afterWindow', at: 'submission.history.2.submitted', data: { n: 3 } },
      ],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'a resubmission on the last day of the window', set: history({ submitted: '2024-08-28', returned: '2024-08-29' }, { submitted: '2024-08-30' }) },
    { name: 'a resubmission after the audit period is the firmer timeline.resubmission-after-audit', set: history({ submitted: '2024-08-28', returned: '2024-09-10' }, { submitted: '2024-09-11' }) },
  ],
  edge: [
    { name: 'a late first submission is timeline.window, not this', set: history({ submitted: '2024-09-02' }), expect: [] },
    {
      name: 'on the last day of the audit period: still this warning, naming the audit period',
      set: history({ submitted: '2024-08-28', returned: '2024-09-09' }, { submitted: '2024-09-10' }),
      expect: [{ messageId: 'afterWindow', data: { submitted: '2024-09-10', auditStart: '2024-08-01', auditEnd: '2024-09-10' } }],
    },
  ],
})

ruleCases(timelineDeadline, {
  fires: [
    {
      name: 'nothing submitted, 2 days left',
      set: { submission: undefined },
      today: '2024-08-28',
      expect: [{ messageId: 'soon', at: 'submission', data: { daysLeft: 2 } }],
    },
    {
      name: 'returned and not resubmitted, today past the deadline',
      set: history({ submitted: '2024-08-20', returned: '2024-08-22' }),
      today: '2024-09-01',
      expect: [{ messageId: 'returnedPassed', at: 'submission.history.0.returned', data: { returned: '2024-08-22' } }],
    },
    {
      name: 'returned and not resubmitted, 1 day left',
      set: history({ submitted: '2024-08-20', returned: '2024-08-28' }),
      today: '2024-08-29',
      expect: [{ messageId: 'returnedSoon', at: 'submission.history.0.returned', data: { daysLeft: 1 } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'submitted, today past the deadline', today: '2024-09-20' },
    { name: 'nothing submitted, 4 days left', set: { submission: undefined }, today: '2024-08-26' },
    { name: 'nothing submitted, today past the deadline: timeline.window’s error, not a warning too', set: { submission: undefined }, today: '2024-08-31' },
    {
      name: 'the third submission returned before the deadline: no advice to resubmit',
      set: history({ submitted: '2024-08-20', returned: '2024-08-21' }, { submitted: '2024-08-22', returned: '2024-08-23' }, { submitted: '2024-08-24', returned: '2024-08-28' }),
      today: '2024-08-29',
    },
    { name: 'only a fee date, early in the window', set: { 'submission.history': undefined } },
  ],
  edge: [
    { name: 'exactly 3 days left warns', set: { submission: undefined }, today: '2024-08-27', expect: [{ messageId: 'soon', data: { daysLeft: 3 } }] },
    { name: 'on the deadline day itself', set: { submission: undefined }, today: '2024-08-30', expect: [{ messageId: 'soon', data: { daysLeft: 0 } }] },
    { name: 'returned, then resubmitted: submitted again', set: history({ submitted: '2024-08-20', returned: '2024-08-22' }, { submitted: '2024-08-23' }), today: '2024-09-01', expect: [] },
    {
      name: 'the warning days come from the policy',
      set: { submission: undefined },
      today: '2024-08-25',
      policy: (p) => {
        p.values.timeline.deadline_warning_days = 5
      },
      expect: [{ messageId: 'soon', data: { daysLeft: 5 } }],
    },
  ],
})

ruleCases(timelineFee, {
  fires: [
    {
      name: 'paid the day after the fee deadline',
      set: { 'submission.fee_paid': '2024-09-16' },
      expect: [{ messageId: 'late', at: 'submission.fee_paid', data: { paid: '2024-09-16', feeDeadline: '2024-09-15' } }],
    },
    {
      name: 'unpaid, today past the fee deadline',
      set: { 'submission.fee_paid': undefined },
      today: '2024-09-16',
      expect: [{ messageId: 'unpaid', at: 'submission', data: { today: '2024-09-16', feeDeadline: '2024-09-15' } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'paid on the fee deadline', set: { 'submission.fee_paid': '2024-09-15' } },
    { name: 'unpaid, today on the fee deadline', set: { 'submission.fee_paid': undefined }, today: '2024-09-15' },
    { name: 'no submission section, early', set: { submission: undefined } },
  ],
  edge: [
    { name: 'paid on time, looked at long after', today: '2024-12-01', expect: [] },
    {
      name: 'no submission section at all, past the fee deadline',
      set: { submission: undefined },
      today: '2024-10-01',
      expect: [{ messageId: 'unpaid' }],
    },
  ],
})

ruleCases(timelinePolicyOver, {
  fires: [
    { name: 'today after the review period', today: '2026-11-25', expect: [{ messageId: 'over', data: { today: '2026-11-25', start: '2024-09-15', end: '2024-10-15', deadline: '2024-08-30' } }] },
  ],
  silent: [
    { name: 'the base package, in the application period' },
    { name: 'during the review period', today: '2024-10-01' },
  ],
  edge: [
    { name: 'the last day of the review period', today: '2024-10-15', expect: [] },
    { name: 'the day after it', today: '2024-10-16', expect: [{ messageId: 'over', data: { today: '2024-10-16' } }] },
    { name: 'another policy: its own review period', policy: 'sample-2025', today: '2025-03-01', expect: [] },
  ],
})

ruleCases(timelineFutureDate, {
  fires: [
    {
      name: 'a submission and a fee after today (today 2024-08-05)',
      set: { submission: { history: [{ submitted: '2024-08-20' }], fee_paid: '2024-09-10' } },
      expect: [
        { messageId: 'submitted', at: 'submission.history.0.submitted', data: { n: 1, date: '2024-08-20', today: '2024-08-05' } },
        { messageId: 'feePaid', at: 'submission.fee_paid', data: { date: '2024-09-10' } },
      ],
    },
    {
      name: 'a current title obtained in 2027, a publicity still running',
      set: { 'applicant.current_title.obtained': '2027-12-20', publicity: { start: '2024-08-01', end: '2024-08-09' } },
      expect: [
        { messageId: 'titleObtained', at: 'applicant.current_title.obtained', data: { date: '2027-12-20' } },
        { messageId: 'publicityEnd', at: 'publicity.end', data: { date: '2024-08-09' } },
      ],
    },
  ],
  silent: [
    { name: 'the base package (every date on or before 2024-08-05)' },
    { name: 'a report valid until next year: a validity is meant to reach ahead', set: { 'education.verification.valid_until': '2025-06-30' } },
  ],
  edge: [
    {
      name: 'a work start, appointment, graduation and publicity start after today: each named',
      set: {
        'applicant.work_start': '2024-09-01',
        'applicant.current_title.appointed': '2024-08-06',
        'education.graduated': '2025-06-30',
        publicity: { start: '2024-08-06', end: '2024-08-12' },
      },
      expect: [
        { messageId: 'workStart', at: 'applicant.work_start', data: { date: '2024-09-01' } },
        { messageId: 'titleAppointed', at: 'applicant.current_title.appointed', data: { date: '2024-08-06' } },
        { messageId: 'graduated', at: 'education.graduated', data: { date: '2025-06-30' } },
        { messageId: 'publicityStart', at: 'publicity.start', data: { date: '2024-08-06' } },
        { messageId: 'publicityEnd', at: 'publicity.end', data: { date: '2024-08-12' } },
      ],
    },
    { name: 'returned today', set: history({ submitted: '2024-08-01', returned: '2024-08-05' }), expect: [] },
    { name: 'returned tomorrow', set: history({ submitted: '2024-08-01', returned: '2024-08-06' }), expect: [{ messageId: 'returned', at: 'submission.history.0.returned', data: { n: 1, date: '2024-08-06' } }] },
    { name: 'the same package checked as of a later day (--today)', set: { submission: { history: [{ submitted: '2024-08-20' }] } }, today: '2024-08-20', expect: [] },
  ],
})

ruleCases(timelineResubmissionAfterAudit, {
  fires: [
    {
      name: 'resubmitted the day after the audit period ended',
      set: history({ submitted: '2024-08-28', returned: '2024-09-10' }, { submitted: '2024-09-11' }),
      expect: [{ messageId: 'afterAudit', at: 'submission.history.1.submitted', data: { n: 2, submitted: '2024-09-11', auditStart: '2024-08-01', auditEnd: '2024-09-10', end: '2024-08-30' } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'resubmitted on the last day of the audit period', set: history({ submitted: '2024-08-28', returned: '2024-09-08' }, { submitted: '2024-09-10' }) },
    { name: 'a first submission after the audit period is timeline.window’s', set: history({ submitted: '2024-09-12' }), today: '2024-09-12' },
  ],
  edge: [
    {
      name: 'the audit period comes from the policy',
      set: history({ submitted: '2024-08-28', returned: '2024-09-08' }, { submitted: '2024-09-10' }),
      policy: (p) => {
        p.values.timeline.audit_period.end = '2024-09-09'
      },
      expect: [{ messageId: 'afterAudit', data: { auditEnd: '2024-09-09' } }],
    },
    {
      name: 'sample-2025: its own audit period (to 09-12)',
      set: history({ submitted: '2025-08-28', returned: '2025-09-10' }, { submitted: '2025-09-12' }),
      policy: 'sample-2025',
      expect: [],
    },
  ],
})

ruleCases(timelineHistory, {
  fires: [
    {
      name: 'a resubmission dated before the return',
      set: history({ submitted: '2024-07-25', returned: '2024-07-28' }, { submitted: '2024-07-27' }),
      expect: [{ messageId: 'resubmittedBeforeReturn', at: 'submission.history.1.submitted', data: { n: 2, submitted: '2024-07-27', returned: '2024-07-28' } }],
    },
    {
      name: 'two submissions with no return between them',
      set: history({ submitted: '2024-07-25' }, { submitted: '2024-07-28' }),
      expect: [{ messageId: 'noReturn', at: 'submission.history.0', data: { n: 1, next: 2, nextSubmitted: '2024-07-28' } }],
    },
    {
      name: 'a return dated before its submission',
      set: history({ submitted: '2024-07-25', returned: '2024-07-24' }),
      expect: [{ messageId: 'returnedBeforeSubmitted', at: 'submission.history.0.returned', data: { n: 1 } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'a returned last submission, not yet resubmitted', set: history({ submitted: '2024-07-25', returned: '2024-07-27' }) },
    { name: 'no history', set: { submission: undefined } },
  ],
  edge: [
    { name: 'resubmitted the day of the return', set: history({ submitted: '2024-07-25', returned: '2024-07-27' }, { submitted: '2024-07-27' }), expect: [] },
    { name: 'returned the day it was submitted', set: history({ submitted: '2024-07-25', returned: '2024-07-25' }, { submitted: '2024-07-26' }), expect: [] },
  ],
})

ruleCases(timelineFeeOrder, {
  fires: [
    {
      name: 'the fee paid before the first submission',
      set: { submission: { history: [{ submitted: '2024-07-25' }], fee_paid: '2024-07-24' } },
      expect: [{ messageId: 'beforeSubmission', at: 'submission.fee_paid', data: { paid: '2024-07-24', submitted: '2024-07-25' } }],
    },
    {
      name: 'a fee with no submission',
      set: { submission: { fee_paid: '2024-08-01' } },
      expect: [{ messageId: 'noSubmission', at: 'submission.fee_paid', data: { paid: '2024-08-01' } }],
    },
  ],
  silent: [
    { name: 'the base package (paid a week after submitting)' },
    { name: 'not paid yet', set: { 'submission.fee_paid': undefined } },
  ],
  edge: [
    { name: 'paid the day of the first submission', set: { submission: { history: [{ submitted: '2024-07-25' }], fee_paid: '2024-07-25' } }, expect: [] },
    { name: 'an empty history is no submission', set: { submission: { history: [], fee_paid: '2024-08-01' } }, expect: [{ messageId: 'noSubmission' }] },
  ],
})
