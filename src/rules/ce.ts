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

/** Decimal places of a number as written (29.999 → 3). */
function decimals(x: number): number {
  const m = /\.(\d+)$/.exec(String(x))
  return m ? m[1]!.length : 0
}

/**
 * Hours added exactly, in units of the finest decimal written, and compared with the minimum in
 * those units: 29.999 + 60 is below 90, and 29.9 + 60.1 is exactly 90 (binary floating point would
 * give 89.99999999999999 or round 89.999 up to 90). `hours` is the exact sum, for wording only.
 */
export function hoursAtLeast(parts: number[], min: number): { hours: number; enough: boolean } {
  const scale = 10 ** Math.max(0, ...[...parts, min].map(decimals))
  const units = parts.reduce((sum, h) => sum + Math.round(h * scale), 0)
  return { hours: units / scale, enough: units >= Math.round(min * scale) }
}

/** The year work started, when the manifest gives it. */
function workStartYear(ctx: DataRuleContext): number | undefined {
  const ws = ctx.data.applicant.work_start
  return ws === undefined ? undefined : Number(ws.slice(0, 4))
}

/** A policy year wholly before work started, which the policy reads as a warning to confirm. */
function softenedBeforeWork(ctx: DataRuleContext, year: number): boolean {
  const start = workStartYear(ctx)
  return ctx.policy.continuing_education.soften_before_work_start && start !== undefined && year < start
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
  policy: ['continuing_education.years', 'continuing_education.min_total_hours', 'continuing_education.min_professional_hours', 'timeline.deadline', 'continuing_education.soften_before_work_start'],
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
        if (softenedBeforeWork(ctx, year)) return [] // ce.before-work-start's warning
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
      // Compared exactly; never a sum rounded for display (89.999 is not 90).
      const { hours, enough } = hoursAtLeast([pub, professional], min)
      if (enough) return []
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
      if (hoursAtLeast([hours], min).enough) return []
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

export const ceBeforeWorkStart = defineRule({
  id: 'ce.before-work-start',
  area: 'ce',
  severity: 'warning',
  clause: '四（五）',
  policy: ['continuing_education.years', 'continuing_education.soften_before_work_start'],
  description: {
    zh: '缺少参加工作之前年度的继续教育：通知按字面仍要求，如何处理是对通知的理解，须向职称办确认',
    en: 'Continuing education is missing for a policy year before work started: the notice still asks for it; how such years are treated is a reading to confirm',
  },
  messages: {
    beforeWork: {
      zh: '没有{year}年的继续教育；{year}年在参加工作（{workStart}）之前。通知要求{first}—{last}年每年都有，未说明参加工作前的年度（只作警告是对通知的一种理解，待核实）',
      en: 'no continuing education for {year}, which is before work started ({workStart}). The notice asks for every year {first}–{last} and says nothing of years before work (a warning only: a reading of the notice, to confirm)',
    },
  },
  fix: {
    zh: '向职称办或行业主管部门确认参加工作前的{year}年是否需要继续教育；需要的，补学或按免学审批表（附件4）办理；不需要的，保留这份确认',
    en: 'ask the title office or the department in charge whether {year}, before you started work, needs continuing education; if it does, complete it or apply for exemption (annex 4); if not, keep their answer',
  },
  examples: {
    fail: { zh: 'applicant:\n  work_start: 2023-07-01   # 2023 年才参加工作\n  current_title:\ncontinuing_education:\n  years:\n    2021:\n    2022:', en: 'applicant:\n  work_start: 2023-07-01   # started work in 2023\n  current_title:\ncontinuing_education:\n  years:\n    2021:\n    2022:' },
    pass: 'applicant:\n  work_start: 2009-07-01',
  },
  check(ctx) {
    const workStart = ctx.data.applicant.work_start
    return checkedYears(ctx)
      .filter(({ year, entry }) => (!entry || (!entry.public && !entry.professional)) && softenedBeforeWork(ctx, year))
      .map(({ year }) => ({ messageId: 'beforeWork' as const, data: { year, workStart: workStart!, ...yearsData(ctx) }, at: `${YEARS}.${year}` }))
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

// Rules of this area, in RULES.md order; then those RULES.md does not list.
export const ceRules: Rule[] = [ceYears, ceTotalHours, ceProfessionalHours, ceCertificateUpload, ceSystemSource, ceExemptionForm, ceBeforeWorkStart, ceNoEvidence]
