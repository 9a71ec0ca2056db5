import type { Report } from './finding.js'

/** The JSON report of DESIGN.md: fixed key order, no clock time, no absolute path. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
