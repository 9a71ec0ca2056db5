import { defineRule, type Rule } from './define-rule.js'
import { TITLE_POLICY, canonicalTitle, titleLevel } from './shared/title-level.js'

// 四（四） defense. Levels come from the policy's title lists
// (shared/title-level.ts); a title the policy does not know is title.unknown's finding, so these rules
// stay silent on it.

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

export const defenseRules: Rule[] = [defenseRequired, defenseExemptionProof]
