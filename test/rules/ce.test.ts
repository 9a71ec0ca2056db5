import { describe, expect, test } from 'vitest'
import { renderHit } from '../../src/report/render-message.js'
import { ceCertificateUpload, ceExemptionForm, ceNoEvidence, ceSystemSource } from '../../src/rules/ce/evidence.js'
import { ceBeforeWorkStart, ceProfessionalHours, ceTotalHours, ceYears } from '../../src/rules/ce/hours.js'
import { RULES } from '../../src/rules/index.js'
import { ruleCases, runRule } from '../helpers/rule-cases.js'

const Y = 'continuing_education.years'
const EXEMPT_2023 = { years: [2023], reason: '访惠聚驻村', file: 'files/免学审批表.pdf' }
const SYSTEM = (hours: number) => ({ hours, source: 'system' })

describe('continuing-education rules', () => {
  test('are registered in RULES.md order with their meta', () => {
    const ceRules = RULES.filter((r) => r.area === 'ce')
    expect(ceRules.map((r) => [r.id, r.severity, r.clause, r.area])).toEqual([
      ['ce.years', 'error', '四（五）', 'ce'],
      ['ce.total-hours', 'error', '四（五）', 'ce'],
      ['ce.professional-hours', 'error', '四（五）', 'ce'],
      ['ce.certificate-upload', 'error', '四（一）4', 'ce'],
      ['ce.system-source', 'warning', '四（一）4', 'ce'],
      ['ce.exemption-form', 'error', '四（一）4', 'ce'],
      ['ce.before-work-start', 'warning', '四（五）', 'ce'],
      ['ce.no-evidence', 'warning', '四（一）4', 'ce'],
    ])
  })

  test('a year can be short on both total and professional hours', () => {
    const set = { [`${Y}.2023.professional`]: SYSTEM(50) }
    expect(runRule(ceTotalHours, { set }).map((h) => [h.messageId, h.data?.year, h.data?.hours])).toEqual([['short', 2023, 80]])
    expect(runRule(ceProfessionalHours, { set }).map((h) => [h.messageId, h.data?.year, h.data?.hours])).toEqual([['short', 2023, 50]])
  })

  test('the 2024 fix says plainly that all four years, 2024 included, are required', () => {
    const cases = [
      [ceYears, { [`${Y}.2024`]: undefined }],
      [ceTotalHours, { [`${Y}.2024.public`]: SYSTEM(10) }],
      [ceProfessionalHours, { [`${Y}.2024.professional`]: SYSTEM(40) }],
    ] as const
    for (const [rule, set] of cases) {
      const [hit] = runRule(rule, { set })
      expect(hit?.messageId, rule.id).toMatch(/Current$/)
      const zh = renderHit(rule, hit!, 'zh').fix
      const en = renderHit(rule, hit!, 'en').fix
      expect(zh).toContain('近4年（2021—2024年）每年都完成不少于90学时')
      expect(zh).toContain('包括申报当年2024年')
      expect(en).toContain('in each of all 4 years 2021–2024, including 2024')
    }
  })

  test('messages carry the package values', () => {
    const [hit] = runRule(ceTotalHours, { set: { [`${Y}.2023.public`]: SYSTEM(29.5) } })
    expect(renderHit(ceTotalHours, hit!, 'zh').message).toBe('2023年继续教育共89.5学时（公需课29.5，专业课60），少于每年90学时')
  })
})

ruleCases(ceYears, {
  fires: [
    { name: '2023 missing', set: { [`${Y}.2023`]: undefined }, expect: [{ messageId: 'missing', at: `${Y}.2023`, data: { year: 2023, first: 2021, last: 2024 } }] },
    { name: '2024 missing (the year of application)', set: { [`${Y}.2024`]: undefined }, expect: [{ messageId: 'missingCurrent', at: `${Y}.2024`, data: { year: 2024, count: 4 } }] },
    {
      name: 'no continuing_education section: one finding per year',
      set: { continuing_education: undefined },
      expect: [
        { messageId: 'missing', data: { year: 2021 } },
        { messageId: 'missing', data: { year: 2022 } },
        { messageId: 'missing', data: { year: 2023 } },
        { messageId: 'missingCurrent', data: { year: 2024 } },
      ],
    },
    { name: 'an empty year entry', set: { [`${Y}.2022`]: {} }, expect: [{ messageId: 'missing', data: { year: 2022 } }] },
    {
      name: 'a year without its 公需课',
      set: { [`${Y}.2022.public`]: undefined },
      expect: [{ messageId: 'kindMissing', at: `${Y}.2022.public`, data: { year: 2022, key: 'public', kind: '公需课' } }],
    },
  ],
  silent: [
    { name: 'the base package (2021–2024)' },
    { name: 'an exempt year missing', set: { 'continuing_education.exemption': EXEMPT_2023, [`${Y}.2023`]: undefined } },
    { name: 'a year outside the policy is ignored', set: { [`${Y}.2020`]: { public: SYSTEM(30), professional: SYSTEM(60) } } },
  ],
  edge: [
    {
      name: 'an exempt year missing without the form: ce.exemption-form’s finding, not this',
      set: { 'continuing_education.exemption': { years: [2023] }, [`${Y}.2023`]: undefined },
      expect: [],
    },
    {
      name: 'the policy years decide (2020–2023: 2024 not asked)',
      set: { [`${Y}.2024`]: undefined, [`${Y}.2020`]: { public: { hours: 30, certificate: 'files/继续教育/2020公需课.pdf' }, professional: { hours: 60, certificate: 'files/继续教育/2020专业课.pdf' } } },
      policy: (p) => {
        p.values.continuing_education.years = [2020, 2021, 2022, 2023]
      },
      expect: [],
    },
    {
      name: 'years before work started are ce.before-work-start’s warning, not this error',
      set: { 'applicant.work_start': '2023-07-01', [`${Y}.2021`]: undefined, [`${Y}.2022`]: undefined },
      expect: [],
    },
    {
      name: 'the year work started is still asked for',
      set: { 'applicant.work_start': '2023-07-01', [`${Y}.2023`]: undefined },
      expect: [{ messageId: 'missing', data: { year: 2023 } }],
    },
    {
      name: 'the literal reading, if the policy says so: years before work are errors',
      set: { 'applicant.work_start': '2023-07-01', [`${Y}.2021`]: undefined },
      policy: (p) => {
        p.values.continuing_education.soften_before_work_start = false
      },
      expect: [{ messageId: 'missing', data: { year: 2021 } }],
    },
    {
      name: 'a policy that adds 2025',
      policy: (p) => {
        p.values.continuing_education.years = [2021, 2022, 2023, 2024, 2025]
      },
      expect: [{ messageId: 'missing', data: { year: 2025, first: 2021, last: 2025, count: 5 } }],
    },
  ],
})

ruleCases(ceTotalHours, {
  fires: [
    {
      name: '2023 with 80 hours',
      set: { [`${Y}.2023.public`]: SYSTEM(20) },
      expect: [{ messageId: 'short', at: `${Y}.2023`, data: { year: 2023, hours: 80, public: 20, professional: 60, min: 90 } }],
    },
    {
      name: '2024 short: the year of application',
      set: { [`${Y}.2024.public`]: SYSTEM(10), [`${Y}.2024.professional`]: SYSTEM(45) },
      expect: [{ messageId: 'shortCurrent', at: `${Y}.2024`, data: { year: 2024, hours: 55 } }],
    },
    {
      name: 'two short years, one finding each',
      set: { [`${Y}.2021.professional`]: SYSTEM(0), [`${Y}.2022.public`]: SYSTEM(0) },
      expect: [
        { messageId: 'short', data: { year: 2021, hours: 30 } },
        { messageId: 'short', data: { year: 2022, hours: 60 } },
      ],
    },
  ],
  silent: [
    { name: 'the base package (30 + 60 every year)' },
    { name: '0 公需课 and 90 专业课 is 90', set: { [`${Y}.2023.public`]: SYSTEM(0), [`${Y}.2023.professional`]: SYSTEM(90) } },
    { name: 'a missing year is ce.years’ finding', set: { [`${Y}.2023`]: undefined } },
    { name: 'an exempt year is not counted', set: { 'continuing_education.exemption': EXEMPT_2023, [`${Y}.2023.public`]: SYSTEM(0) } },
  ],
  edge: [
    { name: 'exactly 90 hours', set: { [`${Y}.2023.public`]: SYSTEM(30), [`${Y}.2023.professional`]: SYSTEM(60) }, expect: [] },
    { name: '89.5 hours', set: { [`${Y}.2023.public`]: SYSTEM(29.5) }, expect: [{ messageId: 'short', at: `${Y}.2023`, data: { year: 2023, hours: 89.5 } }] },
    { name: 'fractions that add up to 90', set: { [`${Y}.2023.public`]: SYSTEM(29.9), [`${Y}.2023.professional`]: SYSTEM(60.1) }, expect: [] },
    {
      // Rounded for display first, 89.999 would read as 90 and pass.
      name: 'a hair under 90 (29.999 + 60): compared exactly, worded exactly',
      set: { [`${Y}.2023.public`]: SYSTEM(29.999) },
      expect: [{ messageId: 'short', data: { year: 2023, hours: 89.999, min: 90 } }],
    },
    { name: 'fractions in binary floating point (0.7 + 89.3) are exactly 90', set: { [`${Y}.2023.public`]: SYSTEM(0.7), [`${Y}.2023.professional`]: SYSTEM(89.3) }, expect: [] },
    { name: 'a missing 公需课 counts as 0', set: { [`${Y}.2022.public`]: undefined }, expect: [{ messageId: 'short', data: { year: 2022, hours: 60, public: 0 } }] },
    {
      name: 'the minimum comes from the policy',
      set: { [`${Y}.2021`]: undefined, [`${Y}.2022`]: undefined, [`${Y}.2023`]: undefined },
      policy: (p) => {
        p.values.continuing_education.min_total_hours = 100
      },
      expect: [{ messageId: 'shortCurrent', data: { year: 2024, hours: 90, min: 100 } }],
    },
  ],
})

ruleCases(ceProfessionalHours, {
  fires: [
    {
      name: '2023 with 59 专业课 hours',
      set: { [`${Y}.2023.professional`]: SYSTEM(59) },
      expect: [{ messageId: 'short', at: `${Y}.2023.professional.hours`, data: { year: 2023, hours: 59, min: 60 } }],
    },
    {
      name: '2024 short: the year of application',
      set: { [`${Y}.2024.professional`]: SYSTEM(20) },
      expect: [{ messageId: 'shortCurrent', at: `${Y}.2024.professional.hours`, data: { year: 2024, hours: 20, min: 60, first: 2021, last: 2024, count: 4 } }],
    },
  ],
  silent: [
    { name: 'the base package (60 every year)' },
    { name: '40 公需课 and 60 专业课', set: { [`${Y}.2023.public`]: SYSTEM(40) } },
    { name: 'an exempt year is not counted', set: { 'continuing_education.exemption': EXEMPT_2023, [`${Y}.2023.professional`]: SYSTEM(0) } },
    { name: 'a missing year is ce.years’ finding', set: { [`${Y}.2024`]: undefined } },
  ],
  edge: [
    { name: 'exactly 60 专业课 hours', set: { [`${Y}.2022.professional`]: SYSTEM(60) }, expect: [] },
    { name: '59.5 专业课 hours', set: { [`${Y}.2022.professional`]: SYSTEM(59.5) }, expect: [{ messageId: 'short', data: { year: 2022, hours: 59.5 } }] },
    {
      name: 'a missing 专业课 counts as 0',
      set: { [`${Y}.2022.professional`]: undefined, [`${Y}.2022.public`]: SYSTEM(90) },
      expect: [{ messageId: 'short', at: `${Y}.2022.professional`, data: { year: 2022, hours: 0 } }],
    },
    {
      name: 'min_professional_hours 70 in the policy flips the base package',
      policy: (p) => {
        p.values.continuing_education.min_professional_hours = 70
      },
      expect: [
        { messageId: 'short', data: { year: 2021, hours: 60, min: 70 } },
        { messageId: 'short', data: { year: 2022, min: 70 } },
        { messageId: 'short', data: { year: 2023, min: 70 } },
        { messageId: 'shortCurrent', data: { year: 2024, min: 70 } },
      ],
    },
  ],
})

ruleCases(ceCertificateUpload, {
  fires: [
    {
      name: '2021 公需课 marked source: system',
      set: { [`${Y}.2021.public`]: SYSTEM(30) },
      expect: [{ messageId: 'notInSystem', at: `${Y}.2021.public`, data: { year: 2021, key: 'public', kind: '公需课', from: 2022 } }],
    },
    {
      name: '2021 公需课 with neither certificate nor source',
      set: { [`${Y}.2021.public`]: { hours: 30 } },
      expect: [{ messageId: 'missing', at: `${Y}.2021.public`, data: { year: 2021, kind: '公需课', from: 2022 } }],
    },
  ],
  silent: [
    { name: 'the base package (2021 公需课 uploaded, the rest from the system)' },
    { name: '2022 公需课 from the system', set: { [`${Y}.2022.public`]: SYSTEM(30) } },
    { name: 'an exempt year needs no certificate', set: { 'continuing_education.exemption': { years: [2021], file: 'files/免学审批表.pdf' }, [`${Y}.2021.public`]: SYSTEM(30) } },
  ],
  edge: [
    { name: '2021 专业课 from the system: system_from is inclusive', set: { [`${Y}.2021.professional`]: SYSTEM(60) }, expect: [] },
    {
      name: '2021 公需课 must be uploaded (public only from 2022)',
      set: { [`${Y}.2021.public`]: SYSTEM(30), [`${Y}.2021.professional`]: SYSTEM(60) },
      expect: [{ messageId: 'notInSystem', data: { year: 2021, kind: '公需课' } }],
    },
    {
      name: 'the other reading (专业课 after 2021 = from 2022) is one policy value',
      policy: (p) => {
        p.values.continuing_education.system_from.professional = 2022
      },
      expect: [{ messageId: 'notInSystem', at: `${Y}.2021.professional`, data: { year: 2021, kind: '专业课', from: 2022 } }],
    },
    {
      name: 'public from 2021 in the policy makes 2021 公需课 from the system fine',
      set: { [`${Y}.2021.public`]: SYSTEM(30) },
      policy: (p) => {
        p.values.continuing_education.system_from.public = 2021
      },
      expect: [],
    },
  ],
})

ruleCases(ceSystemSource, {
  fires: [
    {
      name: '2022 公需课 uploaded by hand',
      set: { [`${Y}.2022.public`]: { hours: 30, certificate: 'files/继续教育/2022公需课.pdf' } },
      expect: [{ messageId: 'uploaded', at: `${Y}.2022.public.certificate`, data: { year: 2022, kind: '公需课', from: 2022, file: 'files/继续教育/2022公需课.pdf' } }],
    },
    {
      name: '2021 专业课 uploaded by hand',
      set: { [`${Y}.2021.professional`]: { hours: 60, certificate: 'files/继续教育/2021专业课.pdf' } },
      expect: [{ messageId: 'uploaded', at: `${Y}.2021.professional.certificate`, data: { year: 2021, kind: '专业课', from: 2021 } }],
    },
  ],
  silent: [
    { name: 'the base package (2021 公需课 uploaded, as it must be)' },
    { name: 'a certificate next to source: system', set: { [`${Y}.2023.public`]: { hours: 30, source: 'system', certificate: 'files/继续教育/2023公需课.pdf' } } },
    {
      name: 'an exempt year is not looked at',
      set: { 'continuing_education.exemption': EXEMPT_2023, [`${Y}.2023.public`]: { hours: 30, certificate: 'files/继续教育/2023公需课.pdf' } },
    },
  ],
  edge: [
    {
      name: 'public from 2021 in the policy: the base 2021 upload is now by hand',
      policy: (p) => {
        p.values.continuing_education.system_from.public = 2021
      },
      expect: [{ messageId: 'uploaded', at: `${Y}.2021.public.certificate`, data: { year: 2021, from: 2021 } }],
    },
    {
      name: 'professional from 2022 in the policy: a 2021 专业课 upload is right',
      set: { [`${Y}.2021.professional`]: { hours: 60, certificate: 'files/继续教育/2021专业课.pdf' } },
      policy: (p) => {
        p.values.continuing_education.system_from.professional = 2022
      },
      expect: [],
    },
  ],
})

ruleCases(ceExemptionForm, {
  fires: [
    {
      name: 'exemption without the form',
      set: { 'continuing_education.exemption': { years: [2023], reason: '访惠聚驻村' } },
      expect: [{ messageId: 'missing', at: 'continuing_education.exemption', data: { years: [2023] } }],
    },
  ],
  silent: [
    { name: 'the base package (no exemption)' },
    { name: 'exemption with the form', set: { 'continuing_education.exemption': EXEMPT_2023 } },
    { name: 'no continuing_education section', set: { continuing_education: undefined } },
  ],
  edge: [
    {
      name: 'an exempt year missing without the form: this fires, ce.years does not',
      set: { 'continuing_education.exemption': { years: [2023] }, [`${Y}.2023`]: undefined },
      expect: [{ messageId: 'missing', data: { years: [2023] } }],
    },
    {
      name: 'two exempt years, one finding',
      set: { 'continuing_education.exemption': { years: [2022, 2023] } },
      expect: [{ messageId: 'missing', data: { years: [2022, 2023] } }],
    },
  ],
})

ruleCases(ceBeforeWorkStart, {
  fires: [
    {
      name: 'a first-title applicant who began work in 2023, no CE for 2021 and 2022',
      set: { 'applicant.work_start': '2023-07-01', 'applicant.current_title': undefined, [`${Y}.2021`]: undefined, [`${Y}.2022`]: undefined },
      expect: [
        { messageId: 'beforeWork', at: `${Y}.2021`, data: { year: 2021, workStart: '2023-07-01', first: 2021, last: 2024 } },
        { messageId: 'beforeWork', at: `${Y}.2022`, data: { year: 2022 } },
      ],
    },
  ],
  silent: [
    { name: 'the base package (work since 2009)' },
    { name: 'began work in 2023 but has CE for every year', set: { 'applicant.work_start': '2023-07-01' } },
    { name: 'no work start given: ce.years decides', set: { 'applicant.work_start': undefined, [`${Y}.2021`]: undefined } },
  ],
  edge: [
    { name: 'the year work started is not before it (ce.years’ error)', set: { 'applicant.work_start': '2023-01-01', [`${Y}.2023`]: undefined }, expect: [] },
    { name: 'work started on 2022-12-31: 2021 is before it', set: { 'applicant.work_start': '2022-12-31', [`${Y}.2021`]: undefined }, expect: [{ messageId: 'beforeWork', data: { year: 2021 } }] },
    {
      name: 'the literal reading switches this warning off',
      set: { 'applicant.work_start': '2023-07-01', [`${Y}.2021`]: undefined },
      policy: (p) => {
        p.values.continuing_education.soften_before_work_start = false
      },
      expect: [],
    },
  ],
})

ruleCases(ceNoEvidence, {
  fires: [
    {
      name: '2023 专业课 with hours only',
      set: { [`${Y}.2023.professional`]: { hours: 60 } },
      expect: [{ messageId: 'none', at: `${Y}.2023.professional`, data: { year: 2023, key: 'professional', kind: '专业课', hours: 60, from: 2021 } }],
    },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'a certificate uploaded (ce.system-source may warn, not this)', set: { [`${Y}.2023.professional`]: { hours: 60, certificate: 'files/继续教育/2023专业课.pdf' } } },
  ],
  edge: [
    { name: 'a 2021 公需课 with hours only is ce.certificate-upload’s error', set: { [`${Y}.2021.public`]: { hours: 30 } }, expect: [] },
    { name: 'the first system year of 公需课 (2022) with hours only', set: { [`${Y}.2022.public`]: { hours: 30 } }, expect: [{ messageId: 'none', data: { year: 2022, kind: '公需课', from: 2022 } }] },
  ],
})
