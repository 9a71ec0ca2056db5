import { defineRule, type Hit, type Rule } from '../define-rule.js'
import { KINDS, KIND_NAME, YEARS, applicationYear, checkedYears, hoursAtLeast, softenedBeforeWork, yearsData } from './common.js'

// 四（五）: every policy year needs min_total_hours, of which min_professional_hours professional.
// Exempt years are skipped by every per-year rule: the exemption and its form replace them.

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

export const ceHoursRules: Rule[] = [ceYears, ceTotalHours, ceProfessionalHours, ceBeforeWorkStart]
