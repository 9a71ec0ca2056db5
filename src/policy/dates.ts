// Calendar dates as 'YYYY-MM-DD' strings everywhere: they sort, compare and serialise
// without a time zone. Arithmetic goes through day numbers (days since 1970-01-01, UTC).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

export function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso)
  if (!m) throw new RangeError(`not a date: ${iso}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10)
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days)
}

/** Calendar days from a to b (b − a); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(dayNumber(iso) * 86_400_000).getUTCDay()
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4))
}

/** Whole years from a to b, as a person counts them (birthday rule). */
export function wholeYearsBetween(a: string, b: string): number {
  let years = yearOf(b) - yearOf(a)
  if (b.slice(5) < a.slice(5)) years -= 1
  return years
}
