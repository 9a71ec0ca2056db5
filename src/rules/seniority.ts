import type { ManifestData } from '../manifest/schema.js'
import { wholeYearsBetween } from '../policy/dates.js'
import type { PolicyValues } from '../policy/schema.js'
import { defineRule, type Hit, type Rule } from './define-rule.js'
import { TITLE_POLICY, canonicalTitle, levelOfHeldTitle, resolveTitle, titleLevel } from './shared/title-level.js'

// 四（二）资历: the years in the current title and at work, against the thresholds by level.

/** Whole years from a date to the cutoff; a date after the cutoff counts as 0. */
function yearsTo(date: string, cutoff: string): number {
  return Math.max(0, wholeYearsBetween(date, cutoff))
}

export const senioritySummary = defineRule({
  id: 'seniority.summary',
  area: 'defense',
  severity: 'info',
  clause: '四（二）资历',
  policy: ['seniority.cutoff'],
  description: {
    zh: '资历（参加工作年限、现职称年限），计算到政策规定的截止日',
    en: 'Seniority (years since work start and since the current title), counted to the cutoff',
  },
  messages: {
    both: {
      zh: '资历计算到 {cutoff}：参加工作（{workStart}）{workYears} 年，取得现职称{currentTitle}（{obtained}）{titleYears} 年',
      en: 'seniority to {cutoff}: {workYears} years since work start ({workStart}), {titleYears} years since {currentTitle} ({obtained})',
    },
    workOnly: {
      zh: '资历计算到 {cutoff}：参加工作（{workStart}）{workYears} 年；没有填写现职称',
      en: 'seniority to {cutoff}: {workYears} years since work start ({workStart}); no current title given',
    },
    titleOnly: {
      zh: '资历计算到 {cutoff}：取得现职称{currentTitle}（{obtained}）{titleYears} 年；没有填写参加工作时间',
      en: 'seniority to {cutoff}: {titleYears} years since {currentTitle} ({obtained}); no work start given',
    },
  },
  fix: {
    zh: '核对参加工作时间（applicant.work_start）和现职称取得时间（applicant.current_title.obtained）与人事档案一致',
    en: 'check applicant.work_start and applicant.current_title.obtained against the personnel file',
  },
  examples: {
    fail: { zh: 'applicant:\n  work_start: 2009-07-01   # 计算资历', en: 'applicant:\n  work_start: 2009-07-01   # seniority is counted' },
    pass: { zh: 'applicant:\n  work_start:        # 没有参加工作时间\n  current_title:     # 也没有现职称', en: 'applicant:\n  work_start:        # no work start\n  current_title:     # and no current title' },
  },
  check({ data, policy }) {
    const cutoff = policy.seniority.cutoff
    const workStart = data.applicant.work_start
    const current = data.applicant.current_title
    const work = workStart ? { workStart, workYears: yearsTo(workStart, cutoff) } : undefined
    const title = current ? { currentTitle: current.title, obtained: current.obtained, titleYears: yearsTo(current.obtained, cutoff) } : undefined
    if (work && title) return [{ messageId: 'both', data: { cutoff, ...work, ...title }, at: 'applicant.work_start' }]
    if (work) return [{ messageId: 'workOnly', data: { cutoff, ...work }, at: 'applicant.work_start' }]
    if (title) return [{ messageId: 'titleOnly', data: { cutoff, ...title }, at: 'applicant.current_title.obtained' }]
    return []
  },
})

type Threshold = PolicyValues['seniority']['thresholds'][number]
type ThresholdMessage = 'short' | 'workShort' | 'noCurrentTitle' | 'noWorkStart' | 'wrongLevel' | 'education'

// Every message says the thresholds are to confirm: they are national-guideline values, not the
// notice's (seniority.thresholds is `assumed` in the policy).
export const seniorityThreshold = defineRule({
  id: 'seniority.threshold',
  area: 'defense',
  severity: 'warning',
  clause: '四（二）资历',
  policy: ['seniority.thresholds', 'seniority.cutoff', ...TITLE_POLICY],
  description: {
    zh: '现职称年限看起来不够申报的级别（参考国家指导标准，待核实）',
    en: 'The years since the current title look short for the level applied for (guideline values, to confirm)',
  },
  messages: {
    short: {
      zh: '按参考资历条件（待核实），{education}申报{title}须取得{fromLevel}职称满 {required} 年；现职称{currentTitle}取得于 {obtained}，到 {cutoff} 只有 {years} 年',
      en: 'by the guideline thresholds (to confirm), {title} with {education} needs {required} years at {fromLevel}; {currentTitle} was obtained {obtained}: {years} years to {cutoff}',
    },
    workShort: {
      zh: '按参考资历条件（待核实），{education}申报{title}须从事本专业工作满 {required} 年；参加工作于 {workStart}，到 {cutoff} 只有 {years} 年',
      en: 'by the guideline thresholds (to confirm), {title} with {education} needs {required} years in the field; work started {workStart}: {years} years to {cutoff}',
    },
    noCurrentTitle: {
      zh: '按参考资历条件（待核实），{education}申报{title}（{level}）须取得{fromLevel}职称满 {required} 年，但没有填写现职称',
      en: 'by the guideline thresholds (to confirm), {title} ({level}) with {education} needs {required} years at {fromLevel}, but no current title is given',
    },
    noWorkStart: {
      zh: '按参考资历条件（待核实），{education}申报{title}须从事本专业工作满 {required} 年，但没有填写参加工作时间',
      en: 'by the guideline thresholds (to confirm), {title} with {education} needs {required} years in the field, but no work start is given',
    },
    wrongLevel: {
      zh: '现职称{currentTitle}是{currentLevel}；按参考资历条件（待核实），申报{title}须已取得{fromLevel}职称',
      en: 'the current title {currentTitle} is {currentLevel}; by the guideline thresholds (to confirm), {title} needs a {fromLevel} title first',
    },
    education: {
      zh: '按参考资历条件（待核实），申报{title}的学历要求为{educations}，{education}不在其中',
      en: 'by the guideline thresholds (to confirm), {title} is open to {educations}; {education} is not among them',
    },
  },
  fix: {
    zh: '请单位人事部门按评审条件核实资历（以现行评审条件为准）；不符合的，待资历满足后再申报',
    en: 'have the unit\'s personnel office check seniority against the current review conditions; if short, apply once it is met',
  },
  examples: {
    fail: { zh: 'applicant:\n  title: 主任编辑\n  current_title: { title: 编辑, obtained: 2021-12-20 }   # 到 2024-12-31 只有 3 年', en: 'applicant:\n  title: 主任编辑\n  current_title: { title: 编辑, obtained: 2021-12-20 }   # 3 years to 2024-12-31' },
    pass: 'applicant:\n  title: 主任编辑\n  current_title: { title: 编辑, obtained: 2017-12-20 }',
  },
  check({ data, policy }): Hit<ThresholdMessage>[] {
    const applied = resolveTitle(policy, data.applicant.series, data.applicant.title)
    if (!applied) return []
    const entry = policy.seniority.thresholds.find((t) => t.to.some((x) => canonicalTitle(policy, x) === applied.title))
    const education = data.education?.level
    if (!entry || !education) return []
    const title = applied.title
    const rule = entry.rules.find((r) => r.education.includes(education))
    if (!rule) {
      const educations = [...new Set(entry.rules.flatMap((r) => r.education))]
      return [{ messageId: 'education', data: { title, education, educations }, at: 'education.level' }]
    }
    const cutoff = policy.seniority.cutoff
    const base = { title, education, cutoff }
    return [...titleYearsHits(data.applicant, entry, rule.years, base, policy), ...workYearsHits(data.applicant.work_start, rule.work_years, base)]
  },
})

type Applicant = ManifestData['applicant']
type Base = { title: string; education: string; cutoff: string }

function titleYearsHits(applicant: Applicant, entry: Threshold, required: number | undefined, base: Base, policy: PolicyValues): Hit<ThresholdMessage>[] {
  if (required === undefined) return []
  const fromLevel = entry.from_level
  const current = applicant.current_title
  if (!current) {
    const level = titleLevel(policy, applicant.series, applicant.title)!
    return [{ messageId: 'noCurrentTitle', data: { ...base, level, fromLevel, required }, at: 'applicant.current_title' }]
  }
  // A current title the policy does not know: its level is unknown, so only the years are judged.
  const currentLevel = levelOfHeldTitle(policy, current.title, applicant.series)
  if (currentLevel && currentLevel !== fromLevel) {
    return [{ messageId: 'wrongLevel', data: { ...base, currentTitle: current.title, currentLevel, fromLevel }, at: 'applicant.current_title.title' }]
  }
  const years = yearsTo(current.obtained, base.cutoff)
  if (years >= required) return []
  const data = { ...base, fromLevel, required, years, currentTitle: current.title, obtained: current.obtained }
  return [{ messageId: 'short', data, at: 'applicant.current_title.obtained' }]
}

function workYearsHits(workStart: string | undefined, required: number | undefined, base: Base): Hit<ThresholdMessage>[] {
  if (required === undefined) return []
  if (!workStart) return [{ messageId: 'noWorkStart', data: { ...base, required }, at: 'applicant.work_start' }]
  const years = yearsTo(workStart, base.cutoff)
  if (years >= required) return []
  return [{ messageId: 'workShort', data: { ...base, required, years, workStart }, at: 'applicant.work_start' }]
}

export const seniorityRules: Rule[] = [senioritySummary, seniorityThreshold]
