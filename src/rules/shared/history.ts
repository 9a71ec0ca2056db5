import type { ManifestData } from '../../manifest/schema.js'
import type { WorkCalendar } from '../../policy/calendar.js'
import { addDays } from '../../policy/dates.js'

// The submission history, read by the timeline and resubmission rules (四（一）1).

export type HistoryEntry = NonNullable<NonNullable<ManifestData['submission']>['history']>[number]

export function historyOf(data: ManifestData): HistoryEntry[] {
  return data.submission?.history ?? []
}

/**
 * 四（一）1: 提交评审委员会审核次数不得超过3次，对于第3次提交后申报材料仍不符合要求…不予受理. Once the
 * last allowed submission has been returned the application is over: no finding may advise
 * resubmitting after that.
 */
export function submissionsExhausted(history: readonly HistoryEntry[], max: number): boolean {
  return history.length >= max && history[max - 1]?.returned !== undefined
}

/**
 * The last day to resubmit after a return, on the policy's reading of “退回后2日内”: `calendar`
 * counts calendar days; `next_working_day` moves a last day that is a rest day to the next working
 * day on the policy calendar (outside the calendar's years nothing is moved). Also gives the day the
 * other reading would give, so a finding can say where the readings part.
 */
export function resubmitLastDay(
  returned: string,
  within: number,
  rule: 'calendar' | 'next_working_day',
  calendar: WorkCalendar,
): { lastDay: string; calendarLastDay: string; movedLastDay: string } {
  const calendarLastDay = addDays(returned, within)
  let movedLastDay = calendarLastDay
  while (calendar.kind(movedLastDay) === 'off') movedLastDay = addDays(movedLastDay, 1)
  return { lastDay: rule === 'calendar' ? calendarLastDay : movedLastDay, calendarLastDay, movedLastDay }
}
