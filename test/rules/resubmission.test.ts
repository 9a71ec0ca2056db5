import { resubmissionLate, resubmissionLimit } from '../../src/rules/resubmission.js'
import { ruleCases } from '../helpers/rule-cases.js'

// The base package: one submission on 2024-07-25 (not returned), today 2024-08-05; at most 3
// submissions, resubmit within 2 calendar days of a return.

const history = (...entries: Array<{ submitted: string; returned?: string }>) => ({ 'submission.history': entries })

ruleCases(resubmissionLimit, {
  fires: [
    {
      name: '4 submissions',
      set: history(
        { submitted: '2024-07-23', returned: '2024-07-24' },
        { submitted: '2024-07-25', returned: '2024-07-26' },
        { submitted: '2024-07-27', returned: '2024-07-28' },
        { submitted: '2024-07-29' },
      ),
      expect: [{ messageId: 'tooMany', at: 'submission.history.3.submitted', data: { count: 4, max: 3 } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'two submissions, the second returned: one is left', set: history({ submitted: '2024-07-23', returned: '2024-07-24' }, { submitted: '2024-07-25', returned: '2024-07-26' }) },
    {
      name: 'exactly 3 submissions',
      set: history({ submitted: '2024-07-23', returned: '2024-07-24' }, { submitted: '2024-07-25', returned: '2024-07-26' }, { submitted: '2024-07-27' }),
    },
    { name: 'no history', set: { submission: undefined } },
  ],
  edge: [
    {
      // 四（一）1: 对于第3次提交后申报材料仍不符合要求…不予受理 — the day after the third return.
      name: 'the third submission returned: the application is over',
      set: history({ submitted: '2024-07-23', returned: '2024-07-24' }, { submitted: '2024-07-25', returned: '2024-07-26' }, { submitted: '2024-07-27', returned: '2024-07-28' }),
      today: '2024-07-29',
      expect: [{ messageId: 'exhausted', at: 'submission.history.2.returned', data: { max: 3, returned: '2024-07-28' } }],
    },
    {
      name: 'the limit comes from the policy',
      set: history({ submitted: '2024-07-23', returned: '2024-07-24' }, { submitted: '2024-07-25' }),
      policy: (p) => {
        p.values.submissions.max_submissions = 1
      },
      expect: [{ messageId: 'tooMany', at: 'submission.history.1.submitted', data: { count: 2, max: 1 } }],
    },
  ],
})

ruleCases(resubmissionLate, {
  fires: [
    {
      name: 'resubmitted 3 days after the return',
      set: history({ submitted: '2024-07-25', returned: '2024-07-27' }, { submitted: '2024-07-30' }),
      expect: [
        {
          messageId: 'late',
          at: 'submission.history.1.submitted',
          data: { n: 2, returned: '2024-07-27', submitted: '2024-07-30', days: 3, within: 2, lastDay: '2024-07-29' },
        },
      ],
    },
    {
      name: 'returned, not resubmitted, today past the last day',
      set: history({ submitted: '2024-07-25', returned: '2024-07-27' }),
      today: '2024-07-30',
      expect: [{ messageId: 'overdue', at: 'submission.history.0.returned', data: { returned: '2024-07-27', lastDay: '2024-07-29', today: '2024-07-30' } }],
    },
    {
      // Friday 07-26 + 2 calendar days = Sunday 07-28: late on the policy's calendar-day reading,
      // and the finding says the usual rule would move the last day to Monday 07-29.
      name: 'returned on a Friday, resubmitted on Monday: late on the calendar-day reading, and it says so',
      set: history({ submitted: '2024-07-24', returned: '2024-07-26' }, { submitted: '2024-07-29' }),
      expect: [{ messageId: 'lateRestDay', at: 'submission.history.1.submitted', data: { lastDay: '2024-07-28', movedLastDay: '2024-07-29', days: 3 } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'resubmitted 2 days after the return', set: history({ submitted: '2024-07-25', returned: '2024-07-27' }, { submitted: '2024-07-29' }) },
    { name: 'resubmitted the day of the return', set: history({ submitted: '2024-07-25', returned: '2024-07-27' }, { submitted: '2024-07-27' }) },
    { name: 'returned, today is the last allowed day', set: history({ submitted: '2024-07-25', returned: '2024-07-27' }), today: '2024-07-29' },
  ],
  edge: [
    {
      name: 'a late resubmission that was returned again and is overdue: two findings',
      set: history({ submitted: '2024-07-25', returned: '2024-07-27' }, { submitted: '2024-07-31', returned: '2024-08-01' }),
      expect: [
        { messageId: 'late', at: 'submission.history.1.submitted', data: { days: 4 } },
        { messageId: 'overdue', at: 'submission.history.1.returned', data: { lastDay: '2024-08-03' } },
      ],
    },
    {
      name: 'no return date on the previous entry: the delay cannot be measured',
      set: history({ submitted: '2024-07-25' }, { submitted: '2024-08-01' }),
      expect: [],
    },
    {
      name: 'the allowed days come from the policy',
      set: history({ submitted: '2024-07-25', returned: '2024-07-27' }, { submitted: '2024-07-30' }),
      policy: (p) => {
        p.values.submissions.resubmit_within_days = 3
      },
      expect: [],
    },    {
      name: 'returned on a Friday, resubmitted on Tuesday: late on either reading',
      set: history({ submitted: '2024-07-24', returned: '2024-07-26' }, { submitted: '2024-07-30' }),
      expect: [{ messageId: 'late', data: { lastDay: '2024-07-28', days: 4 } }],
    },
    {
      name: 'the next-working-day reading: Friday return, Monday resubmission is on time',
      set: history({ submitted: '2024-07-24', returned: '2024-07-26' }, { submitted: '2024-07-29' }),
      policy: (p) => {
        p.values.submissions.resubmit_day_rule = 'next_working_day'
      },
      expect: [],
    },
    {
      name: 'the next-working-day reading: Tuesday is late, and the moved last day is named',
      set: history({ submitted: '2024-07-24', returned: '2024-07-26' }, { submitted: '2024-07-30' }),
      policy: (p) => {
        p.values.submissions.resubmit_day_rule = 'next_working_day'
      },
      expect: [{ messageId: 'lateMoved', data: { lastDay: '2024-07-29', calendarLastDay: '2024-07-28' } }],
    },
    {
      name: 'the next-working-day reading: returned Friday, nothing by Tuesday',
      set: history({ submitted: '2024-07-24', returned: '2024-07-26' }),
      today: '2024-07-30',
      policy: (p) => {
        p.values.submissions.resubmit_day_rule = 'next_working_day'
      },
      expect: [{ messageId: 'overdueMoved', at: 'submission.history.0.returned', data: { lastDay: '2024-07-29', calendarLastDay: '2024-07-28' } }],
    },
    {
      // The third return ends the application: telling the applicant to resubmit at once would advise
      // a forbidden fourth submission.
      name: 'the third submission returned long ago: no overdue advice to resubmit',
      set: history({ submitted: '2024-07-23', returned: '2024-07-24' }, { submitted: '2024-07-25', returned: '2024-07-26' }, { submitted: '2024-07-27', returned: '2024-07-28' }),
      today: '2024-08-10',
      expect: [],
    },
  ],
})
