import { defineRule, type Hit, type Rule } from './define-rule.js'
import type { ManifestData } from '../manifest/schema.js'
import type { PolicyValues } from '../policy/schema.js'

// The publicity before submission (四（二）): how long it ran, objections, when it was held.

export const publicityDuration = defineRule({
  id: 'publicity.duration',
  area: 'attachments',
  severity: 'error',
  clause: '四（二）',
  policy: ['publicity.min_working_days', 'calendar', 'publicity.earliest_end'],
  description: {
    zh: '单位内部公示少于规定的工作日数（按官方节假日安排计算，含调休上班日）',
    en: 'The unit publicity is shorter than the required working days, on the official holiday calendar',
  },
  messages: {
    short: {
      zh: '单位内部公示 {start} 至 {end} 只有 {count} 个工作日（{days}），少于 {min} 个工作日',
      en: 'the unit publicity {start} to {end} has {count} working day(s) ({days}), fewer than {min}',
    },
    uncounted: {
      zh: '单位内部公示 {start} 至 {end} 超出本政策的工作日历（只含 {years} 年），无法计算工作日数',
      en: 'the unit publicity {start} to {end} lies outside the policy working-day calendar (years {years}): its working days cannot be counted',
    },
    reversed: {
      zh: '单位内部公示结束日 {end} 早于开始日 {start}',
      en: 'the unit publicity ends on {end}, before it starts on {start}',
    },
    noDates: {
      zh: '没有填写单位内部公示的起止日期（publicity），无法确认公示不少于 {min} 个工作日',
      en: 'no dates are given for the unit publicity (publicity): cannot confirm it lasted at least {min} working days',
    },
  },
  fix: {
    short: {
      zh: '重新组织不少于 {min} 个工作日的单位内部公示，并上传新的公示和公示结果',
      en: 'hold the unit publicity again for at least {min} working days and upload the new notice and result',
    },
    uncounted: {
      zh: '核对公示日期；如日期无误，请人工按当年节假日安排核对是否不少于 {min} 个工作日',
      en: 'check the dates; if they are right, count by hand on that year’s official holiday calendar that there are at least {min} working days',
    },
    reversed: {
      zh: '核对并改正 publicity.start 和 publicity.end',
      en: 'check and correct publicity.start and publicity.end',
    },
    noDates: {
      zh: '在 publicity.start 和 publicity.end 写上单位内部公示的起止日期（公示不少于 {min} 个工作日）',
      en: 'give the publicity dates in publicity.start and publicity.end (it must last at least {min} working days)',
    },
  },
  examples: {
    fail: { zh: 'publicity: { start: 2024-06-06, end: 2024-06-12 }   # 跨周末和端午节，只有 4 个工作日', en: 'publicity: { start: 2024-06-06, end: 2024-06-12 }   # a weekend and the Dragon Boat holiday: 4 working days' },
    pass: 'publicity: { start: 2024-07-10, end: 2024-07-16 }',
  },
  check({ data, policy, calendar }) {
    const min = policy.publicity.min_working_days
    const p = data.publicity
    if (!p) return [{ messageId: 'noDates', data: { min }, at: 'publicity' }]
    const { start, end } = p
    if (end < start) return [{ messageId: 'reversed', data: { start, end }, at: 'publicity.end' }]
    const counted = calendar.workingDaysInclusive(start, end)
    if (!counted) {
      // A publicity of another year (before this notice, or after the submission) is publicity.after-submission's
      // or publicity.before-notice's finding, which says what is wrong with it; "cannot count the days" would not.
      if (publicityTiming(data, policy).length > 0) return []
      return [{ messageId: 'uncounted', data: { start, end, min, years: calendar.data.years }, at: 'publicity' }]
    }
    if (counted.count >= min) return []
    // An empty list would render as "()": show a dash instead.
    const days = counted.days.length > 0 ? counted.days : ['—']
    return [{ messageId: 'short', data: { start, end, count: counted.count, min, days }, at: 'publicity.end' }]
  },
})

export const publicityObjection = defineRule({
  id: 'publicity.objection',
  area: 'attachments',
  severity: 'error',
  clause: '四（二）',
  description: { zh: '单位内部公示有异议', en: 'The unit publicity had objections' },
  messages: {
    objections: {
      zh: '单位内部公示（{start} 至 {end}）有异议，经公示无异议的才能按程序提交',
      en: 'the unit publicity ({start} to {end}) had objections; only a package whose publicity drew none may be submitted',
    },
  },
  fix: {
    zh: '由用人单位核实处理异议，公示无异议后再提交；如无异议，改正 publicity.objections',
    en: 'the employer must look into the objections and submit only after a publicity without objections; if there were none, correct publicity.objections',
  },
  examples: {
    fail: { zh: 'publicity:\n  objections: true   # 公示有异议', en: 'publicity:\n  objections: true   # objections were raised' },
    pass: 'publicity:\n  objections: false',
  },
  check({ data }) {
    const p = data.publicity
    // objections left out is read as "none": the field is optional in the manifest.
    if (p?.objections !== true) return []
    return [{ messageId: 'objections', data: { start: p.start, end: p.end }, at: 'publicity.objections' }]
  },
})

type TimingHit = Hit<'afterSubmission' | 'beforeNotice'>

/**
 * What is wrong with when the publicity was held, if anything (四（二）: 经公示无异议的按程序提交). One
 * finding at most: a publicity after the submission is that, whatever year it is in.
 */
function publicityTiming(data: ManifestData, policy: PolicyValues): TimingHit[] {
  const p = data.publicity
  if (!p || p.end < p.start) return [] // no dates, or reversed: publicity.duration's
  const history = data.submission?.history ?? []
  const last = history.at(-1)
  if (last && p.end > last.submitted) {
    return [{ messageId: 'afterSubmission', data: { start: p.start, end: p.end, submitted: last.submitted, n: history.length }, at: 'publicity.end' }]
  }
  const earliestEnd = policy.publicity.earliest_end
  if (p.end < earliestEnd) return [{ messageId: 'beforeNotice', data: { start: p.start, end: p.end, noticeDate: earliestEnd }, at: 'publicity.end' }]
  return []
}

export const publicityAfterSubmission = defineRule({
  id: 'publicity.after-submission',
  area: 'attachments',
  severity: 'error',
  clause: '四（二）',
  description: {
    zh: '单位内部公示在最后一次提交之后才结束：经公示无异议的才能按程序提交',
    en: 'The unit publicity ends after the last submission: a package is submitted once its publicity drew no objection',
  },
  messages: {
    afterSubmission: {
      zh: '单位内部公示 {start} 至 {end} 在第 {n} 次（最后一次）提交 {submitted} 之后才结束：经公示无异议的才能按程序提交，公示结果要随材料上传',
      en: 'the unit publicity {start} to {end} ends after submission {n} (the last) on {submitted}: a package is submitted once its publicity drew no objection, and the result is uploaded with it',
    },
  },
  fix: {
    zh: '核对公示和提交日期；公示确实在提交之后的，公示期满无异议后再提交（被退回时按修改意见修改提交），并上传公示结果',
    en: 'check the publicity and submission dates; if the publicity really came after, submit once it ends without objection (when returned, with the changes asked for), with its result uploaded',
  },
  examples: {
    fail: { zh: 'publicity: { start: 2024-07-22, end: 2024-07-26 }   # 07-25 已经提交', en: 'publicity: { start: 2024-07-22, end: 2024-07-26 }   # submitted on 07-25' },
    pass: 'publicity: { start: 2024-07-10, end: 2024-07-16 }',
  },
  check({ data, policy }) {
    return publicityTiming(data, policy).filter((h) => h.messageId === 'afterSubmission') as Hit<'afterSubmission'>[]
  },
})

export const publicityBeforeNotice = defineRule({
  id: 'publicity.before-notice',
  area: 'attachments',
  severity: 'warning',
  clause: '四（二）',
  policy: ['publicity.earliest_end'],
  description: {
    zh: '单位内部公示在本年度通知发布前就已结束：像是往年的公示（对通知的理解，待核实）',
    en: 'The unit publicity ended before this year’s notice was issued: an earlier year’s, on a reading of the notice (to confirm)',
  },
  messages: {
    beforeNotice: {
      zh: '单位内部公示 {start} 至 {end} 在本年度通知发布（{noticeDate}）之前就已结束，像是往年的公示（对通知的一种理解，待核实）',
      en: 'the unit publicity {start} to {end} ended before this year’s notice was issued ({noticeDate}): it looks like an earlier year’s (a reading of the notice, to confirm)',
    },
  },
  fix: {
    zh: '核对公示日期；用的是往年公示的，请单位按本年度通知重新公示（不少于规定的工作日）；日期无误的，向职称办确认通知发布前的公示是否有效',
    en: 'check the dates; if this is an earlier year’s publicity, have the unit hold it again under this year’s notice (for at least the required working days); if the dates are right, ask the title office whether a publicity before the notice counts',
  },
  examples: {
    fail: { zh: 'publicity: { start: 2023-07-10, end: 2023-07-14 }   # 去年的公示', en: 'publicity: { start: 2023-07-10, end: 2023-07-14 }   # last year’s publicity' },
    pass: 'publicity: { start: 2024-07-10, end: 2024-07-16 }',
  },
  check({ data, policy }) {
    return publicityTiming(data, policy).filter((h) => h.messageId === 'beforeNotice') as Hit<'beforeNotice'>[]
  },
})

// (publicity.after-submission and publicity.before-notice are not in RULES.md: they come last.)
export const publicityRules: Rule[] = [publicityDuration, publicityObjection, publicityAfterSubmission, publicityBeforeNotice]
