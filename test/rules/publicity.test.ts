import { publicityAfterSubmission, publicityBeforeNotice, publicityDuration, publicityObjection } from '../../src/rules/publicity.js'
import { ruleCases } from '../helpers/rule-cases.js'

// The base publicity is 2024-07-10 (Wed) … 07-16 (Tue): exactly 5 working days.

ruleCases(publicityDuration, {
  fires: [
    {
      name: '4 working days (Wed … Mon)',
      set: { 'publicity.end': '2024-07-15' },
      expect: [
        {
          messageId: 'short',
          at: 'publicity.end',
          data: { start: '2024-07-10', end: '2024-07-15', count: 4, min: 5, days: ['2024-07-10', '2024-07-11', '2024-07-12', '2024-07-15'] },
        },
      ],
    },
    {
      name: 'across the Mid-Autumn holiday: 7 calendar days, 4 working days',
      set: { 'publicity.start': '2024-09-13', 'publicity.end': '2024-09-19' },
      expect: [{ messageId: 'short', data: { count: 4, days: ['2024-09-13', '2024-09-14', '2024-09-18', '2024-09-19'] } }],
    },
    {
      // Not submitted yet, so nothing says the publicity is misplaced: only the days are unknown.
      name: 'outside the calendar years, not before the notice, nothing submitted: cannot be counted',
      set: { 'publicity.start': '2024-12-27', 'publicity.end': '2025-01-03', submission: undefined },
      expect: [{ messageId: 'uncounted', at: 'publicity', data: { start: '2024-12-27', end: '2025-01-03', years: [2024] } }],
    },
    { name: 'no publicity dates', set: { publicity: undefined }, expect: [{ messageId: 'noDates', at: 'publicity', data: { min: 5 } }] },
    {
      name: 'end before start',
      set: { 'publicity.start': '2024-07-16', 'publicity.end': '2024-07-10' },
      expect: [{ messageId: 'reversed', at: 'publicity.end' }],
    },
  ],
  silent: [
    { name: 'the base package: exactly 5 working days' },
    { name: 'a make-up Saturday counted: 2024-10-08 (Tue) … 10-12 (make-up Sat) is 5', set: { 'publicity.start': '2024-10-08', 'publicity.end': '2024-10-12' } },
    { name: 'a make-up Sunday counted: 2024-09-24 (Tue) … 09-29 (make-up Sun) is 5', set: { 'publicity.start': '2024-09-24', 'publicity.end': '2024-09-29' } },
  ],
  edge: [
    // A publicity of another year is publicity.before-notice's (or after-submission's) finding, which
    // says what is wrong; "cannot count the days" would not.
    { name: 'last year’s publicity (outside the calendar): not “cannot count”', set: { 'publicity.start': '2023-12-27', 'publicity.end': '2024-01-03' }, expect: [] },
    { name: 'a publicity in 2025, after the submission: not “cannot count”', set: { 'publicity.start': '2025-01-06', 'publicity.end': '2025-01-10' }, expect: [] },
    {
      name: 'a weekend only: 0 working days, the list shows a dash',
      set: { 'publicity.start': '2024-07-13', 'publicity.end': '2024-07-14' },
      expect: [{ messageId: 'short', data: { count: 0, days: ['—'] } }],
    },
    {
      name: 'the National Day week: 2024-09-30 … 10-08 is 2 working days',
      set: { 'publicity.start': '2024-09-30', 'publicity.end': '2024-10-08' },
      expect: [{ messageId: 'short', data: { count: 2, days: ['2024-09-30', '2024-10-08'] } }],
    },
    {
      name: 'the minimum comes from the policy',
      policy: (p) => {
        p.values.publicity.min_working_days = 6
      },
      expect: [{ messageId: 'short', data: { count: 5, min: 6 } }],
    },
  ],
})

ruleCases(publicityObjection, {
  fires: [
    {
      name: 'objections: true',
      set: { 'publicity.objections': true },
      expect: [{ messageId: 'objections', at: 'publicity.objections', data: { start: '2024-07-10', end: '2024-07-16' } }],
    },
  ],
  silent: [
    { name: 'the base package (objections: false)' },
    { name: 'objections left out', set: { 'publicity.objections': undefined } },
    { name: 'no publicity section (publicity.duration reports it)', set: { publicity: undefined } },
  ],
  edge: [{ name: 'objections on a short publicity: still reported here', set: { 'publicity.objections': true, 'publicity.end': '2024-07-11' }, expect: [{ messageId: 'objections' }] }],
})

ruleCases(publicityAfterSubmission, {
  fires: [
    {
      name: 'a publicity that ends after the only submission',
      set: { 'publicity.start': '2024-07-22', 'publicity.end': '2024-07-26' },
      expect: [{ messageId: 'afterSubmission', at: 'publicity.end', data: { start: '2024-07-22', end: '2024-07-26', submitted: '2024-07-25', n: 1 } }],
    },
  ],
  silent: [
    { name: 'the base package (publicity 07-10 … 07-16, submitted 07-25)' },
    { name: 'not submitted yet', set: { 'publicity.start': '2024-07-22', 'publicity.end': '2024-07-26', submission: undefined } },
    {
      name: 'after the first submission but before the resubmission that carries it',
      set: { 'publicity.start': '2024-07-22', 'publicity.end': '2024-07-26', 'submission.history': [{ submitted: '2024-07-23', returned: '2024-07-25' }, { submitted: '2024-07-27' }] },
    },
  ],
  edge: [
    { name: 'ends on the day of the submission', set: { 'publicity.start': '2024-07-19', 'publicity.end': '2024-07-25' }, expect: [] },
    { name: 'starts the day after the submission', set: { 'publicity.start': '2024-07-26', 'publicity.end': '2024-08-01', 'submission.history': [{ submitted: '2024-07-25' }] }, expect: [{ messageId: 'afterSubmission' }] },
  ],
})

ruleCases(publicityBeforeNotice, {
  fires: [
    {
      name: 'last year’s publicity',
      set: { 'publicity.start': '2023-07-10', 'publicity.end': '2023-07-14' },
      expect: [{ messageId: 'beforeNotice', at: 'publicity.end', data: { start: '2023-07-10', end: '2023-07-14', noticeDate: '2024-07-15' } }],
    },
  ],
  silent: [
    { name: 'the base package (ends 07-16, after the notice of 07-15)' },
    { name: 'no publicity dates', set: { publicity: undefined } },
  ],
  edge: [
    { name: 'ends on the notice day', set: { 'publicity.start': '2024-07-09', 'publicity.end': '2024-07-15' }, expect: [] },
    { name: 'ends the day before the notice', set: { 'publicity.start': '2024-07-08', 'publicity.end': '2024-07-14' }, expect: [{ messageId: 'beforeNotice', data: { end: '2024-07-14' } }] },
    { name: 'before the notice and after the submission: the submission is what is wrong', set: { 'publicity.start': '2024-07-01', 'publicity.end': '2024-07-05', 'submission.history': [{ submitted: '2024-07-01' }], 'submission.fee_paid': undefined }, expect: [] },
  ],
})
