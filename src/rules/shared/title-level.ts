import type { PolicyValues, TitleLevel } from '../../policy/schema.js'

// Which level a title is at, read from the policy's title lists (titles.by_series). 编辑 and
// 助理编辑 exist in both 新闻 and 出版, so a title is always looked up within a series.

/** The policy settings every rule that reads a title's level reads (rule meta `policy`). */
export const TITLE_POLICY = ['titles.by_series', 'titles.aliases']

type Titles = Pick<PolicyValues, 'titles'>

export interface ResolvedTitle {
  /** The policy's own name for the title, after aliases (文学创作一级 → 一级文学创作). */
  title: string
  series: string
  level: TitleLevel
}

/** The title under its current name: an alias (the older 文学创作一级 form) becomes the policy's name. */
export function canonicalTitle(policy: Titles, title: string): string {
  const t = title.trim()
  return policy.titles.aliases[t] ?? t
}

export function isCoveredSeries(policy: Titles, series: string): boolean {
  return Object.hasOwn(policy.titles.by_series, series)
}

/** Every title of a series, highest level first; empty for a series the policy does not cover. */
export function titlesOf(policy: Titles, series: string): string[] {
  if (!isCoveredSeries(policy, series)) return []
  return Object.values(policy.titles.by_series[series]!).flatMap((titles) => titles ?? [])
}

/** The title within one series, aliases resolved; undefined when that series has no such title. */
export function resolveTitle(policy: Titles, series: string, title: string): ResolvedTitle | undefined {
  if (!isCoveredSeries(policy, series)) return undefined
  const name = canonicalTitle(policy, title)
  for (const [level, titles] of Object.entries(policy.titles.by_series[series]!)) {
    if (titles?.includes(name)) return { title: name, series, level: level as TitleLevel }
  }
  return undefined
}

/** 正高级 / 副高级 / 中级 / 初级 of a title in a series; undefined when it is not one of the series' titles. */
export function titleLevel(policy: Titles, series: string, title: string): TitleLevel | undefined {
  return resolveTitle(policy, series, title)?.level
}

/** The covered series (in policy order) that have this title. */
export function seriesOfTitle(policy: Titles, title: string): string[] {
  return Object.keys(policy.titles.by_series).filter((s) => resolveTitle(policy, s, title) !== undefined)
}

/**
 * A title held by the applicant, who may have obtained it in another series (转系列): looked up in
 * `preferSeries` first, then in every covered series. Undefined when no series has it, or when the
 * series that do disagree on its level.
 */
export function levelOfHeldTitle(policy: Titles, title: string, preferSeries: string): TitleLevel | undefined {
  const own = titleLevel(policy, preferSeries, title)
  if (own) return own
  const levels = new Set(seriesOfTitle(policy, title).map((s) => titleLevel(policy, s, title)!))
  return levels.size === 1 ? [...levels][0] : undefined
}

/** The series outside this notice (titles.other_series, e.g. 播音主持) that has this title, if any. */
export function otherSeriesOf(policy: Titles, title: string): string | undefined {
  const name = title.trim()
  return Object.entries(policy.titles.other_series).find(([, titles]) => titles.includes(name))?.[0]
}
