import { defineRule, type Hit, type Rule } from './define-rule.js'
import { daysBetween } from '../policy/dates.js'
import { historyOf, resubmitLastDay, submissionsExhausted } from './shared/history.js'

// 四（一）1: how many times, and how soon after a return, the package may be submitted again.

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

export const resubmissionRules: Rule[] = [resubmissionLimit, resubmissionLate]
