import type { Severity } from '../rules/define-rule.js'
import { compareCodePoints } from '../fs/package-fs.js'

export interface Finding {
  rule: string
  severity: Severity
  message: string
  fix: string
  clause?: string
  file?: string
  page?: number
  line?: number
  column?: number
}

export interface Summary {
  errors: number
  warnings: number
  infos: number
  files: number
}

export interface Report {
  tool: 'zhicheng-check'
  version: string
  policy: string
  /** The day the report judged by (--today, else the date of the run): deadlines are relative to it. */
  today: string
  package: string
  summary: Summary
  findings: Finding[]
}

/** One order for every report: file, page, line, column, rule, message; by code point. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareCodePoints(a.file ?? '', b.file ?? '') ||
      (a.page ?? 0) - (b.page ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodePoints(a.rule, b.rule) ||
      compareCodePoints(a.message, b.message),
  )
}

export function summarize(findings: Finding[], files: number): Summary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), files }
}

/** 0 when nothing must be fixed, 1 when at least one error finding. */
export function exitCodeFor(summary: Summary): 0 | 1 {
  return summary.errors > 0 ? 1 : 0
}

/** Most serious first: how reports order findings inside an area. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
