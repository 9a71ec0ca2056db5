import type { ManifestData } from '../../manifest/schema.js'
import type { DataRuleContext } from '../define-rule.js'

// What the continuing-education rules share: the policy's years, the two kinds, the application year.
// Exempt years are skipped by every per-year rule: the exemption and its form replace them.

export type CeData = NonNullable<ManifestData['continuing_education']>
export type CeYear = NonNullable<CeData['years']>[string]
export type CeKind = 'public' | 'professional'

export const KINDS: readonly CeKind[] = ['public', 'professional']
/** Official names of the two kinds: values, shown as they are in both languages. */
export const KIND_NAME: Record<CeKind, string> = { public: '公需课', professional: '专业课' }
export const YEARS = 'continuing_education.years'

interface PolicyYear {
  year: number
  entry: CeYear | undefined
}

/** The policy's years that are not exempt, with the package's entry for each. */
export function checkedYears({ data, policy }: DataRuleContext): PolicyYear[] {
  const ce = data.continuing_education
  const exempt = new Set(ce?.exemption?.years ?? [])
  return policy.continuing_education.years.filter((year) => !exempt.has(year)).map((year) => ({ year, entry: ce?.years?.[String(year)] }))
}

/** The year the applications are made in (the deadline's year): its hours are still being earned. */
export function applicationYear(ctx: DataRuleContext): number {
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
export function workStartYear(ctx: DataRuleContext): number | undefined {
  const ws = ctx.data.applicant.work_start
  return ws === undefined ? undefined : Number(ws.slice(0, 4))
}

/** A policy year wholly before work started, which the policy reads as a warning to confirm. */
export function softenedBeforeWork(ctx: DataRuleContext, year: number): boolean {
  const start = workStartYear(ctx)
  return ctx.policy.continuing_education.soften_before_work_start && start !== undefined && year < start
}

/** Data every CE message about the policy's years may use. */
export function yearsData(ctx: DataRuleContext) {
  const { years, min_total_hours: minTotal, min_professional_hours: minProfessional } = ctx.policy.continuing_education
  return { first: Math.min(...years), last: Math.max(...years), count: years.length, minTotal, minProfessional }
}
