import { defineRule, type Rule } from './define-rule.js'

// 四（一）2: the diploma and degree scans, and 学信网's proof of the diploma (备案表 / 学籍在线验证报告),
// or, where 学信网 has no record, the 毕业生登记表 from the personnel file with the reason.
// An absent education section is reported by education.diploma and education.verification only.

const EDUCATION = 'education'
const VERIFICATION = 'education.verification'

export const educationDiploma = defineRule({
  id: 'education.diploma',
  area: 'education',
  severity: 'error',
  clause: '四（一）2',
  description: { zh: '没有上传学历证书扫描件', en: 'No diploma scan' },
  messages: {
    noEducation: { zh: '申报包没有填写学历（education），没有学历证书扫描件', en: 'the package has no education section, so no diploma scan' },
    missing: { zh: '{level}学历没有上传学历证书扫描件', en: 'no diploma scan for the {level} education' },
  },
  fix: {
    noEducation: {
      zh: '在 education 填写最高学历（level）并在 education.diploma 写上学历证书扫描件，上传到学历栏目',
      en: 'add an education section with the highest level and name the diploma scan in education.diploma; upload it with the education record',
    },
    missing: {
      zh: '在 education.diploma 写上学历证书原件的扫描件，上传到学历栏目',
      en: 'name the scan of the original diploma in education.diploma and upload it with the education record',
    },
  },
  examples: {
    fail: { zh: 'education:\n  level: 本科\n  diploma:          # 没有写学历证书', en: 'education:\n  level: 本科\n  diploma:          # no diploma named' },
    pass: 'education:\n  level: 本科\n  diploma: files/学历证书.pdf',
  },
  check({ data }) {
    const e = data.education
    if (!e) return [{ messageId: 'noEducation', at: EDUCATION }]
    if (!e.diploma) return [{ messageId: 'missing', data: { level: e.level }, at: 'education.diploma' }]
    return []
  },
})

export const educationDegree = defineRule({
  id: 'education.degree',
  area: 'education',
  severity: 'warning',
  clause: '四（一）2',
  policy: ['education.degree_expected_levels'],
  description: { zh: '本科及以上学历没有学位证书（如获授学位须上传）', en: 'Bachelor level or above without a degree certificate (upload it if one was awarded)' },
  messages: {
    missing: { zh: '{level}学历没有上传学位证书', en: 'no degree certificate for the {level} education' },
  },
  fix: {
    zh: '如获授学位，在 education.degree 写上学位证书扫描件，与学历证书一同上传；未获授学位可不理会',
    en: 'if a degree was awarded, name its scan in education.degree and upload it with the diploma; if none was awarded, ignore this',
  },
  examples: {
    fail: { zh: 'education:\n  level: 本科\n  degree:           # 没有写学位证书', en: 'education:\n  level: 本科\n  degree:           # no degree certificate named' },
    pass: 'education:\n  level: 本科\n  degree: files/学位证书.pdf',
  },
  check({ data, policy }) {
    const e = data.education
    if (!e || e.degree) return []
    if (!policy.education.degree_expected_levels.includes(e.level)) return []
    return [{ messageId: 'missing', data: { level: e.level }, at: 'education.degree' }]
  },
})

export const educationVerification = defineRule({
  id: 'education.verification',
  area: 'education',
  severity: 'error',
  clause: '四（一）2',
  policy: ['education.verification_kinds', 'education.fallback_kind', 'education.electronic_registration_from'],
  description: {
    zh: '没有学信网《学历证书电子注册备案表》或《学籍在线验证报告》，也没有毕业生登记表',
    en: 'No 学信网 diploma report (备案表 or 学籍在线验证报告) and no 毕业生登记表',
  },
  messages: {
    noEducation: { zh: '申报包没有填写学历（education），没有学信网学历证明', en: 'the package has no education section, so no 学信网 diploma report' },
    missing: {
      zh: '{level}学历没有学信网报告（{kinds}），也没有{fallback}',
      en: 'no 学信网 report ({kinds}) and no {fallback} for the {level} education',
    },
    missingEarly: {
      zh: '{graduated}毕业（早于{from}年学历电子注册），没有学历证明：学信网一般查不到，也没有{fallback}',
      en: 'graduated {graduated}, before diplomas were registered electronically ({from}), and no proof of the diploma: no 学信网 report and no {fallback}',
    },
    noFile: { zh: '学历证明写了{kind}，但没有写扫描件（education.verification.file）', en: 'the proof of the diploma is a {kind}, but no scan is named (education.verification.file)' },
  },
  fix: {
    noEducation: {
      zh: '在 education 填写学历，并在学信网（www.chsi.com.cn）申请《学历证书电子注册备案表》或《学籍在线验证报告》，写在 education.verification',
      en: 'add an education section, get a 学历证书电子注册备案表 or 学籍在线验证报告 from 学信网 (www.chsi.com.cn) and name it in education.verification',
    },
    missing: {
      zh: '在学信网（www.chsi.com.cn）申请《学历证书电子注册备案表》或《学籍在线验证报告》，与学历证书一同上传，写在 education.verification；学信网查不到时，扫描人事档案中的{fallback}上传，并写明原因',
      en: 'get a 学历证书电子注册备案表 or 学籍在线验证报告 from 学信网 (www.chsi.com.cn), upload it with the diploma and name it in education.verification; if 学信网 has no record, upload a scan of the {fallback} from the personnel file and give the reason',
    },
    missingEarly: {
      zh: '扫描人事档案中的{fallback}上传，在 education.verification 写 kind: {fallback} 和 unavailable_reason（如“{from}年前毕业，学信网无电子注册记录”）；若学信网能查到，改传学信网报告',
      en: 'upload a scan of the {fallback} from the personnel file, with kind: {fallback} and an unavailable_reason in education.verification (e.g. graduated before {from}, no electronic record); if 学信网 does have the record, upload its report instead',
    },
    noFile: {
      zh: '在 education.verification.file 写上{kind}的扫描件，与学历证书一同上传',
      en: 'name the scan of the {kind} in education.verification.file and upload it with the diploma',
    },
  },
  examples: {
    fail: { zh: 'education:\n  verification:     # 没有学信网报告', en: 'education:\n  verification:     # no 学信网 report' },
    pass: 'education:\n  verification:\n    kind: 学历证书电子注册备案表\n    file: files/学信网备案表.pdf',
  },
  check({ data, policy }) {
    const e = data.education
    if (!e) return [{ messageId: 'noEducation', at: EDUCATION }]
    const p = policy.education
    const v = e.verification
    if (!v) {
      const from = p.electronic_registration_from
      if (e.graduated && Number(e.graduated.slice(0, 4)) < from) {
        return [{ messageId: 'missingEarly', data: { graduated: e.graduated, from, fallback: p.fallback_kind }, at: VERIFICATION }]
      }
      return [{ messageId: 'missing', data: { level: e.level, kinds: p.verification_kinds, fallback: p.fallback_kind }, at: VERIFICATION }]
    }
    if (!v.file) return [{ messageId: 'noFile', data: { kind: v.kind }, at: `${VERIFICATION}.file` }]
    return []
  },
})

export const educationFallbackReason = defineRule({
  id: 'education.fallback-reason',
  area: 'education',
  severity: 'error',
  clause: '四（一）2',
  policy: ['education.fallback_kind', 'education.electronic_registration_from'],
  description: { zh: '用毕业生登记表代替学信网报告，但没有写明学信网查不到的原因', en: '毕业生登记表 used without the reason 学信网 has no record' },
  messages: {
    missing: { zh: '学历证明用的是{kind}，但没有写学信网查不到学历的原因', en: 'the proof of the diploma is a {kind}, but the reason 学信网 has no record is not given' },
  },
  fix: {
    zh: '在 education.verification.unavailable_reason 写明学信网查不到的原因（如“{from}年前毕业，学信网无电子注册记录”）；能查到的，改传学信网《学历证书电子注册备案表》或《学籍在线验证报告》',
    en: 'give the reason 学信网 has no record in education.verification.unavailable_reason (e.g. graduated before {from}, no electronic record); if 学信网 has it, upload its 备案表 or 学籍在线验证报告 instead',
  },
  examples: {
    fail: { zh: 'education:\n  verification:\n    kind: 毕业生登记表\n    file: files/毕业生登记表.pdf   # 没有写学信网查不到的原因', en: 'education:\n  verification:\n    kind: 毕业生登记表\n    file: files/毕业生登记表.pdf   # no reason why 学信网 has no record' },
    pass: 'education:\n  verification:\n    kind: 毕业生登记表\n    file: files/毕业生登记表.pdf\n    unavailable_reason: 2000年毕业，学信网无电子注册记录',
  },
  check({ data, policy }) {
    const v = data.education?.verification
    if (!v || v.kind !== policy.education.fallback_kind) return []
    if ((v.unavailable_reason ?? '').trim() !== '') return []
    return [
      {
        messageId: 'missing',
        data: { kind: v.kind, from: policy.education.electronic_registration_from },
        at: `${VERIFICATION}.unavailable_reason`,
      },
    ]
  },
})

export const educationVerificationCode = defineRule({
  id: 'education.verification-code',
  area: 'education',
  severity: 'warning',
  clause: '四（一）2',
  policy: ['education.verification_kinds', 'education.verification_code_pattern', 'education.verification_code_format', 'education.verification_code_old_pattern'],
  description: {
    zh: '学信网在线验证码格式不对（旧版 12 位数字验证码的报告须重新申请）',
    en: 'The 学信网 online verification code has the wrong form (a 12-digit code is an old report: re-issue it)',
  },
  messages: {
    badCode: {
      zh: '在线验证码“{code}”（{length}位）不是学信网验证码的格式：{formatZh}',
      en: 'online verification code "{code}" ({length} characters) is not a 学信网 code: {formatEn}',
    },
    oldCode: {
      zh: '在线验证码“{code}”是旧版报告的{length}位数字验证码',
      en: 'online verification code "{code}" is the {length}-digit code of an old-style report',
    },
  },
  fix: {
    badCode: {
      zh: '照学信网报告上的在线验证码重新填写 education.verification.code（{formatZh}）',
      en: 'copy the online verification code from the 学信网 report into education.verification.code ({formatEn})',
    },
    oldCode: {
      zh: '在学信网（www.chsi.com.cn）重新申请《{kind}》，上传新报告并填写新的在线验证码',
      en: 'get a new {kind} from 学信网 (www.chsi.com.cn), upload it and write its new online verification code',
    },
  },
  examples: {
    fail: { zh: 'education:\n  verification:\n    code: "123456789012"   # 旧版 12 位数字', en: 'education:\n  verification:\n    code: "123456789012"   # an old 12-digit code' },
    pass: 'education:\n  verification:\n    code: A1B2C3D4E5F6G7H8',
  },
  check({ data, policy }) {
    const v = data.education?.verification
    const p = policy.education
    // The 毕业生登记表 has no online code; an empty code is allowed (the field is optional).
    if (!v || !p.verification_kinds.includes(v.kind)) return []
    const code = (v.code ?? '').trim()
    if (code === '' || new RegExp(p.verification_code_pattern).test(code)) return []
    const at = `${VERIFICATION}.code`
    const length = [...code].length
    if (new RegExp(p.verification_code_old_pattern).test(code)) return [{ messageId: 'oldCode', data: { code, length, kind: v.kind }, at }]
    // The format is policy text per language: each template reads its own.
    const format = p.verification_code_format
    return [{ messageId: 'badCode', data: { code, length, formatZh: format.zh, formatEn: format.en }, at }]
  },
})

export const educationVerificationExpired = defineRule({
  id: 'education.verification-expired',
  area: 'education',
  severity: 'warning',
  clause: '四（一）2',
  policy: ['timeline.review_period'],
  description: {
    zh: '学信网报告的有效期在评审结束前到期',
    en: 'The 学信网 report expires before the review period ends',
  },
  messages: {
    expired: {
      zh: '学信网报告有效期至{validUntil}，今天（{today}）已过期，评审至{reviewEnd}结束',
      en: 'the 学信网 report was valid until {validUntil} and has expired (today is {today}); the review runs until {reviewEnd}',
    },
    expiresBeforeReview: {
      zh: '学信网报告有效期至{validUntil}，早于评审结束日{reviewEnd}：评审时可能无法在线验证',
      en: 'the 学信网 report is valid until {validUntil}, before the review ends on {reviewEnd}: it may not verify online during the review',
    },
  },
  fix: {
    zh: '在学信网延长报告有效期（或重新申请），使其至少到{reviewEnd}，并更新 education.verification.valid_until',
    en: 'extend the report on 学信网 (or issue a new one) so that it is valid until at least {reviewEnd}, and update education.verification.valid_until',
  },
  examples: {
    fail: { zh: 'education:\n  verification:\n    valid_until: 2024-09-30   # 评审 10-15 才结束', en: 'education:\n  verification:\n    valid_until: 2024-09-30   # the review runs until 10-15' },
    pass: 'education:\n  verification:\n    valid_until: 2024-12-31',
  },
  check({ data, policy, today }) {
    const validUntil = data.education?.verification?.valid_until
    if (!validUntil) return []
    const reviewEnd = policy.timeline.review_period.end
    if (validUntil >= reviewEnd) return []
    const at = `${VERIFICATION}.valid_until`
    if (validUntil < today) return [{ messageId: 'expired', data: { validUntil, today, reviewEnd }, at }]
    return [{ messageId: 'expiresBeforeReview', data: { validUntil, reviewEnd }, at }]
  },
})

// The catalogue order is src/rules/index.ts (RULES).
export const educationRules: Rule[] = [
  educationDiploma,
  educationDegree,
  educationVerification,
  educationFallbackReason,
  educationVerificationCode,
  educationVerificationExpired,
]
