import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { WorkCalendar } from '../../src/policy/calendar.js'
import { addDays } from '../../src/policy/dates.js'
import { loadPolicy } from '../../src/policy/load.js'
import { requires, SHARED_DIR } from '../helpers/requires.js'

// The policy calendar must match the list in the shared rule catalogue (国办发明电〔2023〕7号).
// That file lives beside the repository, not in it: a user's fresh clone has no copy.
// The catalogue beside the repository (CI has it; a fresh clone elsewhere may not: requires()).
const RULES_MD = join(SHARED_DIR, 'RULES.md')
const HAS_RULES_MD = requires('team-notes')

/** "2-12…2-16" → every day of the range; "4-4" → that day. Month-day pairs of `year`. */
function expandDays(list: string, year: number): string[] {
  const iso = (md: string) => {
    const [m, d] = md.trim().split('-').map(Number)
    return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  }
  return list
    .replace(/\.$/, '')
    .split(';')
    .flatMap((part) => part.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((item) => {
      const [from, to] = item.split(/…|\.\.\./).map(iso)
      if (!to) return [from!]
      const days: string[] = []
      for (let d = from!; d <= to; d = addDays(d, 1)) days.push(d)
      return days
    })
}

/** The year and the two day lists of RULES.md's working-day calendar section. */
function parseRulesCalendar(text: string): { year: number; holidays: string[]; workdays: string[] } {
  const heading = /^###\s+The (\d{4}) working-day calendar/m.exec(text)
  if (!heading) throw new Error('RULES.md: no "### The YYYY working-day calendar" heading')
  const year = Number(heading[1])
  const line = (label: string) => {
    const m = new RegExp(`^${label}:\\s*(.+)$`, 'm').exec(text)
    if (!m) throw new Error(`RULES.md: no line "${label}:"`)
    return m[1]!
  }
  return {
    year,
    holidays: expandDays(line('Days off on weekdays'), year),
    workdays: expandDays(line('Weekend days that are working days'), year),
  }
}

describe.skipIf(!HAS_RULES_MD)(
  'policy calendar matches RULES.md',
  () => {
    const listed = HAS_RULES_MD ? parseRulesCalendar(readFileSync(RULES_MD, 'utf8')) : { year: 0, holidays: [], workdays: [] }
    const calendar = loadPolicy('aksu-2024').values.calendar

    test('the parser read the lists', () => {
      expect(listed.holidays.length).toBeGreaterThan(10)
      expect(listed.workdays.length).toBeGreaterThan(5)
    })
    test('the calendar covers the listed year', () => {
      expect(calendar.years).toContain(listed.year)
    })
    test('days off on weekdays are the same', () => {
      expect([...calendar.holidays].sort()).toEqual([...listed.holidays].sort())
    })
    test('weekend working days are the same', () => {
      expect([...calendar.workdays].sort()).toEqual([...listed.workdays].sort())
    })
  },
)

describe('policy calendar data', () => {
  const data = loadPolicy('aksu-2024').values.calendar
  const dow = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay()

  test('every listed day off falls on a weekday (otherwise it changes nothing)', () => {
    expect(data.holidays.filter((d) => dow(d) === 0 || dow(d) === 6)).toEqual([])
  })
  test('every make-up working day falls on a weekend', () => {
    expect(data.workdays.filter((d) => dow(d) !== 0 && dow(d) !== 6)).toEqual([])
  })
  test('every listed day lies in a covered year', () => {
    expect([...data.holidays, ...data.workdays].filter((d) => !data.years.includes(Number(d.slice(0, 4))))).toEqual([])
  })
})

describe('WorkCalendar', () => {
  const cal = loadPolicy('aksu-2024').calendar

  test.for([
    ['2024-07-10', 'workday', 'an ordinary Wednesday'],
    ['2024-07-13', 'off', 'an ordinary Saturday'],
    ['2024-07-14', 'off', 'an ordinary Sunday'],
    ['2024-09-16', 'off', 'Mid-Autumn holiday (Monday)'],
    ['2024-09-17', 'off', 'Mid-Autumn holiday (Tuesday)'],
    ['2024-09-14', 'workday', 'make-up Saturday'],
    ['2024-09-29', 'workday', 'make-up Sunday'],
    ['2024-10-07', 'off', 'National Day holiday (Monday)'],
    ['2024-10-12', 'workday', 'make-up Saturday'],
    ['2024-01-01', 'off', 'New Year'],
    ['2024-12-31', 'workday', 'last day of the covered year'],
  ] as const)('kind(%s) is %s: %s', ([day, kind]) => {
    expect(cal.kind(day)).toBe(kind)
  })

  test('kind() outside the covered years is undefined, never a guess', () => {
    expect(cal.covers('2023-12-31')).toBe(false)
    expect(cal.kind('2023-12-31')).toBeUndefined()
    expect(cal.kind('2025-01-01')).toBeUndefined()
    expect(cal.covers('2024-06-30')).toBe(true)
  })

  test('workingDaysInclusive counts both ends', () => {
    expect(cal.workingDaysInclusive('2024-07-10', '2024-07-16')).toEqual({
      count: 5,
      days: ['2024-07-10', '2024-07-11', '2024-07-12', '2024-07-15', '2024-07-16'],
    })
    expect(cal.workingDaysInclusive('2024-07-10', '2024-07-10')).toEqual({ count: 1, days: ['2024-07-10'] })
    expect(cal.workingDaysInclusive('2024-07-13', '2024-07-13')).toEqual({ count: 0, days: [] })
  })

  test('workingDaysInclusive across Mid-Autumn counts the make-up Saturday and skips the holiday', () => {
    expect(cal.workingDaysInclusive('2024-09-13', '2024-09-19')).toEqual({
      count: 4,
      days: ['2024-09-13', '2024-09-14', '2024-09-18', '2024-09-19'],
    })
  })

  test('workingDaysInclusive with end before start is empty', () => {
    expect(cal.workingDaysInclusive('2024-07-16', '2024-07-10')).toEqual({ count: 0, days: [] })
  })

  test('workingDaysInclusive is undefined when any day is outside the calendar', () => {
    expect(cal.workingDaysInclusive('2024-12-30', '2025-01-02')).toBeUndefined()
    expect(cal.workingDaysInclusive('2023-12-29', '2024-01-02')).toBeUndefined()
  })

  test('a hand-made calendar: make-up days beat weekends, holidays beat weekdays', () => {
    const c = new WorkCalendar({ years: [2030], holidays: ['2030-01-02'], workdays: ['2030-01-05'] })
    // 2030-01-01 Tue … 01-06 Sun: Tue, Thu, Fri, Sat (make-up).
    expect(c.workingDaysInclusive('2030-01-01', '2030-01-06')).toEqual({
      count: 4,
      days: ['2030-01-01', '2030-01-03', '2030-01-04', '2030-01-05'],
    })
    expect(c.kind('2031-01-01')).toBeUndefined()
  })
})
