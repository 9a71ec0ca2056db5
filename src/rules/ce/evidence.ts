import { defineRule, type DataRuleContext, type Rule } from '../define-rule.js'
import { KINDS, KIND_NAME, YEARS, checkedYears } from './common.js'

// 四（一）4: certificates the platform holds (system_from on, per kind) come from the system; earlier
// ones are uploaded by hand; an exemption needs the 免学审批表（附件4）. Exempt years are skipped.

/** Each present kind of each checked year, with whether the platform holds its certificate. */
function certificates(ctx: DataRuleContext) {
  const from = ctx.policy.continuing_education.system_from
  return checkedYears(ctx).flatMap(({ year, entry }) =>
    KINDS.flatMap((key) => {
      const item = entry?.[key]
      return item ? [{ year, key, item, from: from[key], inSystem: year >= from[key] }] : []
    }),
  )
}

export const ceCertificateUpload = defineRule({
  id: 'ce.certificate-upload',
  area: 'ce',
  severity: 'error',
  clause: '四（一）4',
  policy: ['continuing_education.years', 'continuing_education.system_from'],
  description: {
    zh: '平台没有的继续教育证书（早于专业课、公需课各自从系统获取的起始年度）没有上传扫描件',
    en: 'A certificate the platform does not hold (a year before the platform has that kind) has no uploaded scan',
  },
  messages: {
    missing: {
      zh: '{year}年{kind}合格证书没有上传扫描件（{kind}证书{from}年起才从系统获取）',
      en: 'no scan of the {year} {kind} certificate ({kind} certificates come from the platform only from {from})',
    },
    notInSystem: {
      zh: '{year}年{kind}写了从系统获取（source: system），但平台只有{from}年起的{kind}证书',
      en: 'the {year} {kind} certificate is marked source: system, but the platform holds {kind} certificates only from {from}',
    },
  },
  fix: {
    zh: '把{year}年{kind}合格证书原件扫描后手动上传到继续教育栏，在 continuing_education.years.{year}.{key}.certificate 写上文件',
    en: 'scan the original {year} {kind} certificate, upload it by hand under 继续教育, and name it in continuing_education.years.{year}.{key}.certificate',
  },
  examples: {
    fail: { zh: 'continuing_education:\n  years:\n    2021:\n      public: { hours: 30, source: system }   # 平台没有 2021 年的公需课证书', en: 'continuing_education:\n  years:\n    2021:\n      public: { hours: 30, source: system }   # the platform has no 2021 公需课 certificates' },
    pass: 'continuing_education:\n  years:\n    2021:\n      public: { hours: 30, certificate: files/继续教育/2021公需课.pdf }',
  },
  check(ctx) {
    return certificates(ctx)
      .filter((c) => !c.inSystem && !c.item.certificate)
      .map(({ year, key, item, from }) => ({
        messageId: item.source === 'system' ? ('notInSystem' as const) : ('missing' as const),
        data: { year, key, kind: KIND_NAME[key], from },
        at: `${YEARS}.${year}.${key}`,
      }))
  },
})

export const ceSystemSource = defineRule({
  id: 'ce.system-source',
  area: 'ce',
  severity: 'warning',
  clause: '四（一）4',
  policy: ['continuing_education.years', 'continuing_education.system_from'],
  description: {
    zh: '平台已有的继续教育证书（专业课、公需课各自从系统获取的起始年度起）被手动上传，而不是从系统获取',
    en: 'A certificate the platform holds (from the year the platform has that kind) is uploaded by hand instead',
  },
  messages: {
    uploaded: {
      zh: '{year}年{kind}合格证书手动上传了（{file}），{kind}证书{from}年起须从系统获取',
      en: 'the {year} {kind} certificate is uploaded by hand ({file}); {kind} certificates from {from} on must come from the platform',
    },
  },
  fix: {
    zh: '在申报平台的继续教育栏从系统获取{year}年{kind}证书，把 continuing_education.years.{year}.{key} 改为 source: system 并去掉 certificate；系统里没有的，先核实学时是否已录入平台',
    en: 'fetch the {year} {kind} certificate from the platform (继续教育 section), set continuing_education.years.{year}.{key} to source: system and drop certificate; if the platform does not have it, check that the hours were recorded there',
  },
  examples: {
    fail: { zh: 'continuing_education:\n  years:\n    2023:\n      professional: { hours: 60, certificate: files/继续教育/2023专业课.pdf }   # 应从系统获取', en: 'continuing_education:\n  years:\n    2023:\n      professional: { hours: 60, certificate: files/继续教育/2023专业课.pdf }   # should come from the platform' },
    pass: 'continuing_education:\n  years:\n    2023:\n      professional: { hours: 60, source: system }',
  },
  check(ctx) {
    return certificates(ctx)
      .filter((c) => c.inSystem && c.item.certificate !== undefined && c.item.source !== 'system')
      .map(({ year, key, item, from }) => ({
        messageId: 'uploaded' as const,
        data: { year, key, kind: KIND_NAME[key], from, file: item.certificate! },
        at: `${YEARS}.${year}.${key}.certificate`,
      }))
  },
})

export const ceExemptionForm = defineRule({
  id: 'ce.exemption-form',
  area: 'ce',
  severity: 'error',
  clause: '四（一）4',
  description: { zh: '申请免继续教育但没有上传免学审批表（附件4）', en: 'An exemption is claimed without the 免学审批表 (annex 4)' },
  messages: {
    missing: {
      zh: '{years}年申请免继续教育，但没有免学审批表（附件4）',
      en: 'continuing education is claimed exempt for {years}, but there is no 免学审批表 (annex 4)',
    },
  },
  fix: {
    zh: '填写免学审批表（附件4）并经审批，扫描后上传到继续教育栏，在 continuing_education.exemption.file 写上文件',
    en: 'fill in the 免学审批表 (annex 4), have it approved, upload the scan under 继续教育 and name it in continuing_education.exemption.file',
  },
  examples: {
    fail: { zh: 'continuing_education:\n  exemption:\n    years: [2023]\n    reason: 访惠聚驻村   # 没有免学审批表', en: 'continuing_education:\n  exemption:\n    years: [2023]\n    reason: 访惠聚驻村   # no 免学审批表' },
    pass: 'continuing_education:\n  exemption:\n    years: [2023]\n    reason: 访惠聚驻村\n    file: files/免学审批表.pdf',
  },
  check({ data }) {
    const ex = data.continuing_education?.exemption
    if (!ex || ex.file) return []
    return [{ messageId: 'missing', data: { years: ex.years }, at: 'continuing_education.exemption' }]
  },
})
export const ceNoEvidence = defineRule({
  id: 'ce.no-evidence',
  area: 'ce',
  severity: 'warning',
  clause: '四（一）4',
  policy: ['continuing_education.years', 'continuing_education.system_from'],
  description: {
    zh: '继续教育条目既没有写从系统获取（source: system），也没有写证书扫描件：没有说明证据从哪里来',
    en: 'A continuing-education entry names neither source: system nor a certificate: no evidence is named',
  },
  messages: {
    none: {
      zh: '{year}年{kind}（{hours}学时）既没有写 source: system，也没有写 certificate：清单没有说明合格证书从哪里来',
      en: 'the {year} {kind} entry ({hours} hours) has neither source: system nor a certificate: no evidence is named',
    },
  },
  fix: {
    zh: '{kind}证书{from}年起从系统获取：在申报平台核对{year}年{kind}已录入后，在 continuing_education.years.{year}.{key} 写 source: system',
    en: '{kind} certificates from {from} on come from the platform: check that the {year} {kind} hours are recorded there, then set source: system in continuing_education.years.{year}.{key}',
  },
  examples: {
    fail: { zh: 'continuing_education:\n  years:\n    2023:\n      professional: { hours: 60 }   # 没有写证书来源', en: 'continuing_education:\n  years:\n    2023:\n      professional: { hours: 60 }   # no evidence named' },
    pass: 'continuing_education:\n  years:\n    2023:\n      professional: { hours: 60, source: system }',
  },
  check(ctx) {
    // Before the platform holds a kind, a missing scan is ce.certificate-upload's error.
    return certificates(ctx)
      .filter((c) => c.inSystem && c.item.source !== 'system' && c.item.certificate === undefined)
      .map(({ year, key, item, from }) => ({
        messageId: 'none' as const,
        data: { year, key, kind: KIND_NAME[key], from, hours: item.hours },
        at: `${YEARS}.${year}.${key}`,
      }))
  },
})

export const ceEvidenceRules: Rule[] = [ceCertificateUpload, ceSystemSource, ceExemptionForm, ceNoEvidence]
