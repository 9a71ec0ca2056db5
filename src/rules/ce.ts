import { defineRule, type DataRuleContext, type Hit, type Rule } from './define-rule.js'
import type { ManifestData } from '../manifest/schema.js'

// 四（五）: every policy year needs min_total_hours, of which min_professional_hours professional.
// 四（一）4: certificates the platform holds (system_from on, per kind) come from the system; earlier
// ones are uploaded by hand; an exemption needs the 免学审批表（附件4）.
// Exempt years are skipped by every per-year rule: the exemption and its form replace them.

type CeData = NonNullable<ManifestData['continuing_education']>
type CeYear = NonNullable<CeData['years']>[string]
type CeKind = 'public' | 'professional'

const KINDS: readonly CeKind[] = ['public', 'professional']
/** Official names of the two kinds: values, shown as they are in both languages. */
const KIND_NAME: Record<CeKind, string> = { public: '公需课', professional: '专业课' }
const YEARS = 'continuing_education.years'

interface PolicyYear {
  year: number
  entry: CeYear | undefined
}

/** The policy's years that are not exempt, with the package's entry for each. */
function checkedYears({ data, policy }: DataRuleContext): PolicyYear[] {
  const ce = data.continuing_education
  const exempt = new Set(ce?.exemption?.years ?? [])
  return policy.continuing_education.years.filter((year) => !exempt.has(year)).map((year) => ({ year, entry: ce?.years?.[String(year)] }))
}

/** The year the applications are made in (the deadline's year): its hours are still being earned. */
function applicationYear(ctx: DataRuleContext): number {
  return Number(ctx.policy.timeline.deadline.slice(0, 4))
}

/** Sums to 1/100 hour, so data shows 60.8, not 60.800000000000004 (0.7 + 60.1). */
function hoursSum(...hours: number[]): number {
  return Math.round(hours.reduce((a, b) => a + b, 0) * 100) / 100
}

/** Data every CE message about the policy's years may use. */
function yearsData(ctx: DataRuleContext) {
  const { years, min_total_hours: minTotal, min_professional_hours: minProfessional } = ctx.policy.continuing_education
  return { first: Math.min(...years), last: Math.max(...years), count: years.length, minTotal, minProfessional }
}

const ALL_YEARS_FIX = {
  zh: '通知四（五）要求近{count}年（{first}—{last}年）每年都完成不少于{minTotal}学时的继续教育（专业课不少于{minProfessional}学时），包括申报当年{year}年，年中申报也不例外：提交前补足{year}年学时，取得合格证书后更新 continuing_education.years.{year}',
  en: 'the notice (四（五）) asks for at least {minTotal} hours ({minProfessional} of them 专业课) in each of all {count} years {first}–{last}, including {year}, the year of application, even when applying mid-year: complete the {year} hours before submitting, then update continuing_education.years.{year}',
}

export const ceYears = defineRule({
  id: 'ce.years',
  area: 'ce',
  severity: 'error',
  clause: '四（五）',
  policy: ['continuing_education.years', 'continuing_education.min_total_hours', 'continuing_education.min_professional_hours', 'timeline.deadline'],
  description: { zh: '缺少政策要求年度的继续教育（未申请免学）', en: 'A policy year of continuing education is missing and not exempted' },
  messages: {
    missing: {
      zh: '没有{year}年的继续教育（通知要求{first}—{last}年每年都有）',
      en: 'no continuing education for {year} (the notice asks for every year {first}–{last})',
    },
    missingCurrent: {
      zh: '没有申报当年{year}年的继续教育（通知要求{first}—{last}年每年都有）',
      en: 'no continuing education for {year}, the year of application (the notice asks for every year {first}–{last})',
    },
    kindMissing: {
      zh: '{year}年没有{kind}（通知要求上传公需课及专业课培训合格证书）',
      en: 'no {kind} course for {year} (the notice asks for both the 公需课 and the 专业课 certificates)',
    },
  },
  fix: {
    missing: {
      zh: '在 continuing_education.years.{year} 填写公需课和专业课学时及证书来源；符合免学条件的，在 continuing_education.exemption 写上该年度并上传免学审批表（附件4）',
      en: 'add continuing_education.years.{year} with the 公需课 and 专业课 hours and their certificates; if exempt, list the year in continuing_education.exemption and upload the 免学审批表 (annex 4)',
    },
    missingCurrent: ALL_YEARS_FIX,
    kindMissing: {
      zh: '在 continuing_education.years.{year}.{key} 填写{kind}学时和证书（source: system 或 certificate）',
      en: 'add the {kind} hours and certificate (source: system or certificate) in continuing_education.years.{year}.{key}',
    },
  },
  examples: {
    fail: { zh: 'continuing_education:\n  years:\n    2024:          # 没有写 2024 年', en: 'continuing_education:\n  years:\n    2024:          # no entry for 2024' },
    pass: 'continuing_education:\n  years:\n    2024:\n      public: { hours: 30, source: system }\n      professional: { hours: 60, source: system }',
  },
  check(ctx) {
    const current = applicationYear(ctx)
    return checkedYears(ctx).flatMap(({ year, entry }): Hit<'missing' | 'missingCurrent' | 'kindMissing'>[] => {
      const data = { year, ...yearsData(ctx) }
      if (!entry || (!entry.public && !entry.professional)) {
        return [{ messageId: year === current ? ('missingCurrent' as const) : ('missing' as const), data, at: `${YEARS}.${year}` }]
      }
      return KINDS.filter((key) => !entry[key]).map((key) => ({
        messageId: 'kindMissing' as const,
        data: { ...data, key, kind: KIND_NAME[key] },
        at: `${YEARS}.${year}.${key}`,
      }))
    })
  },
})

export const ceTotalHours = defineRule({
  id: 'ce.total-hours',
  area: 'ce',
  severity: 'error',
  clause: '四（五）',
  policy: ['continuing_education.years', 'continuing_education.min_total_hours', 'continuing_education.min_professional_hours', 'timeline.deadline'],
  description: { zh: '某年度继续教育少于每年要求的学时', en: 'A year has fewer continuing-education hours than the yearly minimum' },
  messages: {
    short: {
      zh: '{year}年继续教育共{hours}学时（公需课{public}，专业课{professional}），少于每年{min}学时',
      en: '{year}: {hours} hours of continuing education ({public} 公需课, {professional} 专业课), below the {min} a year',
    },
    shortCurrent: {
      zh: '申报当年{year}年继续教育共{hours}学时（公需课{public}，专业课{professional}），少于每年{min}学时',
      en: '{year}, the year of application: {hours} hours of continuing education ({public} 公需课, {professional} 专业课), below the {min} a year',
    },
  },
  fix: {
    short: {
      zh: '补足{year}年继续教育学时（每年不少于{min}学时，其中专业课不少于{minProfessional}学时），取得合格证书后更新 continuing_education.years.{year}',
      en: 'complete the {year} hours ({min} a year, at least {minProfessional} of them 专业课) and update continuing_education.years.{year} with the certificates',
    },
    shortCurrent: ALL_YEARS_FIX,
  },
  examples: {
    fail: { zh: 'continuing_education:\n  years:\n    2023:\n      public: { hours: 10, source: system }   # 全年只有 70 学时\n      professional: { hours: 60, source: system }', en: 'continuing_education:\n  years:\n    2023:\n      public: { hours: 10, source: system }   # 70 hours in the year\n      professional: { hours: 60, source: system }' },
    pass: 'continuing_education:\n  years:\n    2023:\n      public: { hours: 30, source: system }\n      professional: { hours: 60, source: system }',
  },
  check(ctx) {
    const min = ctx.policy.continuing_education.min_total_hours
    const current = applicationYear(ctx)
    return checkedYears(ctx).flatMap(({ year, entry }) => {
      if (!entry || (!entry.public && !entry.professional)) return [] // ce.years
      const pub = entry.public?.hours ?? 0
      const professional = entry.professional?.hours ?? 0
      const hours = hoursSum(pub, professional)
      if (hours >= min) return []
      return [
        {
          messageId: year === current ? ('shortCurrent' as const) : ('short' as const),
          data: { year, hours, public: pub, professional, min, ...yearsData(ctx) },
          at: `${YEARS}.${year}`,
        },
      ]
    })
  },
})

export const ceProfessionalHours = defineRule({
  id: 'ce.professional-hours',
  area: 'ce',
  severity: 'error',
  clause: '四（五）',
  policy: ['continuing_education.years', 'continuing_education.min_professional_hours', 'continuing_education.min_total_hours', 'timeline.deadline'],
  description: { zh: '某年度专业课少于每年要求的学时', en: 'A year has fewer professional-course hours than the yearly minimum' },
  messages: {
    short: {
      zh: '{year}年专业课{hours}学时，少于每年{min}学时',
      en: '{year}: {hours} hours of 专业课 (professional courses), below the {min} a year',
    },
    shortCurrent: {
      zh: '申报当年{year}年专业课{hours}学时，少于每年{min}学时',
      en: '{year}, the year of application: {hours} hours of 专业课 (professional courses), below the {min} a year',
    },
  },
  fix: {
    short: {
      zh: '补足{year}年专业课学时（每年不少于{min}学时），取得合格证书后更新 continuing_education.years.{year}.professional',
      en: 'complete the {year} 专业课 hours (at least {min} a year) and update continuing_education.years.{year}.professional',
    },
    shortCurrent: ALL_YEARS_FIX,
  },
  examples: {
    fail: { zh: 'continuing_education:\n  years:\n    2023:\n      public: { hours: 50, source: system }\n      professional: { hours: 40, source: system }   # 专业课不足', en: 'continuing_education:\n  years:\n    2023:\n      public: { hours: 50, source: system }\n      professional: { hours: 40, source: system }   # too few 专业课 hours' },
    pass: 'continuing_education:\n  years:\n    2023:\n      public: { hours: 30, source: system }\n      professional: { hours: 60, source: system }',
  },
  check(ctx) {
    const min = ctx.policy.continuing_education.min_professional_hours
    const current = applicationYear(ctx)
    return checkedYears(ctx).flatMap(({ year, entry }) => {
      if (!entry || (!entry.public && !entry.professional)) return [] // ce.years
      const hours = entry.professional?.hours ?? 0
      if (hours >= min) return []
      return [
        {
          messageId: year === current ? ('shortCurrent' as const) : ('short' as const),
          data: { ...yearsData(ctx), year, hours, min },
          at: entry.professional ? `${YEARS}.${year}.professional.hours` : `${YEARS}.${year}.professional`,
        },
      ]
    })
  },
})

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

// Rules of this area, in RULES.md order.
export const ceRules: Rule[] = [ceYears, ceTotalHours, ceProfessionalHours, ceCertificateUpload, ceSystemSource, ceExemptionForm]
