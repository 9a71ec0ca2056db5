import type { ManifestData } from '../manifest/schema.js'
import { wholeYearsBetween } from '../policy/dates.js'
import type { PolicyValues } from '../policy/schema.js'
import { defineRule, type Hit, type Rule } from './define-rule.js'
import { canonicalTitle, levelOfHeldTitle, resolveTitle, titleLevel } from './shared/title-level.js'

// 四（二）资历, 四（四） defense, 四（六） fee. Levels come from the policy's title lists
// (shared/title-level.ts); a title the policy does not know is title.unknown's finding, so these rules
// stay silent on it.

const TITLE_POLICY = ['titles.by_series', 'titles.aliases']

export const defenseRequired = defineRule({
  id: 'defense.required',
  area: 'defense',
  severity: 'info',
  clause: '四（四）',
  policy: ['defense.required_levels', 'defense.exemption_reasons', ...TITLE_POLICY],
  description: {
    zh: '申报正、副高级职称须参加专业水平答辩（符合免答辩情形的除外）',
    en: 'Applicants for senior titles take a professional defense, unless exempted',
  },
  messages: {
    required: {
      zh: '申报{title}（{level}）须参加专业水平答辩',
      en: 'applying for {title} ({level}) requires a professional defense',
    },
    exempted: {
      zh: '申报{title}（{level}），按“{reason}”免于参加专业水平答辩，答辩成绩按当年该专业答辩人员的平均分赋分',
      en: 'applying for {title} ({level}): exempted from the defense ({reason}); the score given is the average of that year\'s defenses in the speciality',
    },
    exemptionNotListed: {
      zh: '免答辩理由“{reason}”不在本政策的免答辩情形中（{reasons}），申报{title}（{level}）须参加专业水平答辩',
      en: 'exemption "{reason}" is not one this policy accepts ({reasons}); applying for {title} ({level}) requires a professional defense',
    },
  },
  fix: {
    required: {
      zh: '准备专业水平答辩，留意行业主管部门的答辩安排（可能为视频/线上答辩）',
      en: 'prepare for the defense and watch for the supervising department\'s schedule (it may be held online)',
    },
    exempted: {
      zh: '在 defense.proof 写上免答辩证明材料，并随申报材料上传',
      en: 'name the exemption proof in defense.proof and upload it with the package',
    },
    exemptionNotListed: {
      zh: '准备专业水平答辩；或按本通知的免答辩情形（{reasons}）修改 defense.exemption',
      en: 'prepare for the defense, or set defense.exemption to one of: {reasons}',
    },
  },
  examples: {
    fail: { zh: 'applicant:\n  title: 主任编辑   # 副高级：须答辩', en: 'applicant:\n  title: 主任编辑   # 副高级: a defense' },
    pass: { zh: 'applicant:\n  title: 记者       # 中级：免于答辩', en: 'applicant:\n  title: 记者       # 中级: no defense' },
  },
  check({ data, policy }) {
    const { series, title: applied } = data.applicant
    const level = titleLevel(policy, series, applied)
    if (!level || !policy.defense.required_levels.includes(level)) return []
    const title = canonicalTitle(policy, applied)
    const reason = data.defense?.exemption
    const reasons = policy.defense.exemption_reasons
    if (reason === undefined) return [{ messageId: 'required', data: { title, level }, at: 'applicant.title' }]
    if (reasons.includes(reason)) return [{ messageId: 'exempted', data: { title, level, reason }, at: 'defense.exemption' }]
    return [{ messageId: 'exemptionNotListed', data: { title, level, reason, reasons }, at: 'defense.exemption' }]
  },
})

export const defenseExemptionProof = defineRule({
  id: 'defense.exemption-proof',
  area: 'defense',
  severity: 'error',
  clause: '四（四）免答辩',
  policy: ['defense.required_levels', 'defense.exemption_reasons', ...TITLE_POLICY],
  description: { zh: '申请免答辩须上传证明材料', en: 'A defense exemption needs proof' },
  messages: {
    noProof: {
      zh: '申请以“{reason}”免于答辩，但没有免答辩证明材料',
      en: 'a defense exemption ({reason}) is claimed without proof',
    },
  },
  fix: {
    zh: '上传能证明“{reason}”的材料（如派驻、挂职文件或单位证明），在 defense.proof 写上它的路径',
    en: 'upload a document proving "{reason}" (posting or secondment order, or a letter from the unit) and name it in defense.proof',
  },
  examples: {
    fail: { zh: 'defense:\n  exemption: 驻村   # 没有证明材料', en: 'defense:\n  exemption: 驻村   # no proof' },
    pass: 'defense:\n  exemption: 驻村\n  proof: files/驻村证明.pdf',
  },
  check({ data, policy }) {
    const reason = data.defense?.exemption
    if (reason === undefined || data.defense?.proof) return []
    // A reason the policy does not accept is no exemption: defense.required says so.
    if (!policy.defense.exemption_reasons.includes(reason)) return []
    // 中级 and below take no defense: an exemption there is moot, not a fault.
    const level = titleLevel(policy, data.applicant.series, data.applicant.title)
    if (level && !policy.defense.required_levels.includes(level)) return []
    return [{ messageId: 'noProof', data: { reason }, at: 'defense.exemption' }]
  },
})

/** The one application path given (a list of several is path.choice's finding). */
function singlePath(path: string | string[]): string | undefined {
  const paths = [...new Set((Array.isArray(path) ? path : [path]).map((p) => p.trim()))]
  return paths.length === 1 ? paths[0] : undefined
}

export const feeAmount = defineRule({
  id: 'fee.amount',
  area: 'defense',
  severity: 'info',
  clause: '四（六）',
  policy: ['fee.by_level', 'fee.applies_to_paths', 'scope.exam_based_titles', ...TITLE_POLICY],
  description: {
    zh: '按申报级别应缴的评审费（金额见政策）；以考代评的职称没有评审费，其他评审途径的评审费由评审的委员会确定',
    en: 'The review fee for the level applied for (amounts from the policy); none for a title filled by exam, and set by the reviewing committee on another path',
  },
  messages: {
    fee: { zh: '申报{title}（{level}），评审费 {amount} 元', en: 'applying for {title} ({level}): the review fee is {amount} yuan' },
    otherCommittee: {
      zh: '申报{title}（{level}），申报方式为{path}：评审费由负责评审的评审委员会确定和收取，不按本通知的标准（{amount} 元是本通知评审委员会的标准；这是对通知的一种理解，待核实）',
      en: 'applying for {title} ({level}) by {path}: the fee is set and collected by the committee that reviews it, not by this notice’s table ({amount} yuan is this committee’s; a reading of the notice, to confirm)',
    },
  },
  fix: {
    fee: {
      zh: '申报材料显示“已接收材料”后，通过扫码或银行缴费缴纳 {amount} 元',
      en: 'once the platform shows 已接收材料, pay {amount} yuan by QR code or bank transfer',
    },
    otherCommittee: {
      zh: '按负责评审的评审委员会（自治区或相应地州）的通知缴费；金额和截止时间以该通知为准',
      en: 'pay as the reviewing committee’s own notice says (the region’s or that prefecture’s): amount and deadline are theirs',
    },
  },
  examples: {
    fail: { zh: 'applicant:\n  series: 新闻\n  title: 主任编辑   # 副高级：提示评审费', en: 'applicant:\n  series: 新闻\n  title: 主任编辑   # 副高级: the fee is shown' },
    pass: { zh: 'applicant:\n  series: 新闻\n  title: 主任编缉   # 不是本系列的职称：由 title.unknown 指出，不提示费用', en: 'applicant:\n  series: 新闻\n  title: 主任编缉   # not a title of the series: title.unknown reports it, no fee is shown' },
  },
  check({ data, policy }) {
    const { series, title: applied } = data.applicant
    const level = titleLevel(policy, series, applied)
    if (!level) return []
    const title = canonicalTitle(policy, applied)
    // A title the nation fills by exam is not reviewed at all (scope.exam-based): no review fee.
    if (policy.scope.exam_based_titles[series]?.includes(title)) return []
    const amount = policy.fee.by_level[level]
    if (amount === undefined) return []
    const path = singlePath(data.applicant.path)
    if (path !== undefined && policy.application_paths.includes(path) && !policy.fee.applies_to_paths.includes(path)) {
      return [{ messageId: 'otherCommittee', data: { title, level, amount, path }, at: 'applicant.path' }]
    }
    return [{ messageId: 'fee', data: { title, level, amount }, at: 'applicant.title' }]
  },
})

export const reviewPassRate = defineRule({
  id: 'review.pass-rate',
  area: 'defense',
  severity: 'info',
  clause: '四（七）',
  policy: ['review.pass_rate_levels', ...TITLE_POLICY],
  description: {
    zh: '正、副高级职称评审设置通过率（中、初级不设）',
    en: 'The 正高/副高 review has a pass rate (中级 and 初级 have none)',
  },
  messages: {
    passRate: {
      zh: '申报{title}（{level}）：本年度{levels}职称评审设置通过率，具体通过率由评审委员会确定；材料齐全也不等于一定通过',
      en: 'applying for {title} ({level}): this year’s {levels} review has a pass rate, set by the review committee; a complete package is not sure to pass',
    },
  },
  fix: {
    zh: '评审按通过率择优：代表作、业绩材料尽量完整、突出',
    en: 'the review picks the best within the pass rate: make the representative works and achievements complete and clear',
  },
  examples: {
    fail: { zh: 'applicant:\n  title: 主任编辑   # 副高级：设置通过率', en: 'applicant:\n  title: 主任编辑   # 副高级: a pass rate applies' },
    pass: { zh: 'applicant:\n  title: 记者       # 中级：不设通过率', en: 'applicant:\n  title: 记者       # 中级: no pass rate' },
  },
  check({ data, policy }) {
    const { series, title: applied } = data.applicant
    const level = titleLevel(policy, series, applied)
    const levels = policy.review.pass_rate_levels
    if (!level || !levels.includes(level)) return []
    return [{ messageId: 'passRate', data: { title: canonicalTitle(policy, applied), level, levels }, at: 'applicant.title' }]
  },
})

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

// Rules of this area, in RULES.md order.
// (review.pass-rate is not in RULES.md: it comes last.)
export const defenseRules: Rule[] = [defenseRequired, defenseExemptionProof, feeAmount, senioritySummary, seniorityThreshold, reviewPassRate]
