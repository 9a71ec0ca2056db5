import { dayNumber, fromDayNumber, weekday, yearOf } from './dates.js'

export interface CalendarData {
  /** Years the data covers completely; outside them a day cannot be classified. */
  years: number[]
  /** Weekdays that are days off (法定节假日 and 调休). */
  holidays: string[]
  /** Saturdays and Sundays that are working days (调休补班). */
  workdays: string[]
}

export type DayKind = 'workday' | 'off'

export class WorkCalendar {
  readonly #holidays: Set<string>
  readonly #workdays: Set<string>
  readonly #years: Set<number>

  constructor(readonly data: CalendarData) {
    this.#holidays = new Set(data.holidays)
    this.#workdays = new Set(data.workdays)
    this.#years = new Set(data.years)
  }

  covers(iso: string): boolean {
    return this.#years.has(yearOf(iso))
  }

  /** undefined when the calendar does not cover that year: never guess a holiday. */
  kind(iso: string): DayKind | undefined {
    if (!this.covers(iso)) return undefined
    if (this.#workdays.has(iso)) return 'workday'
    if (this.#holidays.has(iso)) return 'off'
    const wd = weekday(iso)
    return wd === 0 || wd === 6 ? 'off' : 'workday'
  }

  /**
   * Working days from start to end, both included. undefined when any day of the range
   * lies outside the calendar's years.
   */
  workingDaysInclusive(start: string, end: string): { count: number; days: string[] } | undefined {
    const days: string[] = []
    for (let n = dayNumber(start); n <= dayNumber(end); n++) {
      const iso = fromDayNumber(n)
      const k = this.kind(iso)
      if (k === undefined) return undefined
      if (k === 'workday') days.push(iso)
    }
    return { count: days.length, days }
  }
}
