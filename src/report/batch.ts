import { compareCodePoints } from '../fs/package-fs.js'
import type { Severity } from '../rules/define-rule.js'
import { EMPTY_OCR, SEVERITY_RANK, exitCodeFor, type Finding, type Report, type Summary } from './finding.js'
import type { Catalogue } from './catalogue.js'

// The batch report: DESIGN.md's `{ tool, version, policy, summary, packages: [report…] }`. Each
// package entry is the single-package JSON report plus who it is (masked) and, for a package that
// could not be checked, its one-line error. Every reporter of the batch reads only this.

export interface Applicant {
  /** Masked (张**). */
  name?: string
  series?: string
  title?: string
}

/** What a batch keeps of each file read: enough to compare packages later, from the reports alone. */
export interface FileDigest {
  /** As findings name it (masked). */
  file: string
  sha256: string
  /** Per page, a hash of the scanned picture (hex; null when the page has none worth comparing). */
  pages?: Array<string | null>
}

/** --since: what changed in a package since the earlier batch report. */
export interface PackageChanges {
  /** The package's status in the earlier report; null when it was not in it. */
  was: PackageStatus | null
  /** Error and warning findings of then that are gone now, and those that are new. */
  fixed: ChangedFinding[]
  new: ChangedFinding[]
  /** Files of then whose bytes changed, files added and removed (by path). */
  replaced: string[]
  added: string[]
  removed: string[]
}

export interface ChangedFinding {
  rule: string
  severity: Severity
  message: string
  file?: string
  page?: number
}

export interface PackageReport {
  tool: 'zhicheng-check'
  version: string
  /** null when the package could not be read far enough to know. */
  policy: string | null
  /** The day the package was judged by (absent only in reports of older versions). */
  today?: string
  package: string
  /** The manifest's file name: findings' line and column are in it. */
  manifest?: string
  applicant?: Applicant
  summary: Summary
  findings: Finding[]
  /** Why the package could not be checked (one line, worded like the CLI's errors). */
  error?: string
  /** The files read, with their hashes (batch: cross-applicant duplicates, --since). */
  files?: FileDigest[]
  /** --since: what changed since the earlier report. */
  changes?: PackageChanges
}

export interface RuleCount {
  rule: string
  severity: Severity
  /** Packages with at least one finding of the rule. */
  packages: number
  findings: number
}

export interface BatchSummary {
  packages: number
  /** No error finding. */
  passed: number
  /** At least one error finding. */
  failed: number
  /** Could not be checked at all. */
  unreadable: number
  errors: number
  warnings: number
  infos: number
  files: number
  /** Every rule that fired, most packages first. */
  rules: RuleCount[]
}

export interface BatchReport {
  tool: 'zhicheng-check'
  version: string
  /** The policy of every package (--policy, or their manifests'); several are listed with commas. */
  policy: string
  /** The day every package was judged by. */
  today: string
  summary: BatchSummary
  packages: PackageReport[]
  /** --since: the earlier report compared with (its file name) and the packages no longer there. */
  since?: { report: string; today: string; gone: string[] }
  /** batch --shard: which share of ROOT this is; `merge` joins the shards into the whole batch. */
  shard?: ShardInfo
}

export interface ShardInfo {
  index: number
  total: number
  /** What `merge` needs to redo what only the whole batch can: the language and --quiet. */
  lang: 'zh' | 'en'
  quiet: boolean
}

export type PackageStatus = 'pass' | 'fail' | 'unreadable'

export function packageReport(report: Report, extra: { manifest?: string; applicant?: Applicant; files?: FileDigest[] }): PackageReport {
  return {
    tool: report.tool,
    version: report.version,
    policy: report.policy,
    today: report.today,
    package: report.package,
    ...(extra.manifest !== undefined ? { manifest: extra.manifest } : {}),
    ...(extra.applicant ? { applicant: extra.applicant } : {}),
    summary: report.summary,
    findings: report.findings,
    ...(extra.files ? { files: extra.files } : {}),
  }
}

export function unreadablePackageReport(pkg: string, error: string, version: string, policy: string | null, today?: string): PackageReport {
  return { tool: 'zhicheng-check', version, policy, ...(today !== undefined ? { today } : {}), package: pkg, summary: { errors: 0, warnings: 0, infos: 0, files: 0, ocr: EMPTY_OCR }, findings: [], error }
}

/** Most urgent first: how the tables' status cells sort (HR sorts the column to see who to chase). */
export const STATUS_RANK: Record<PackageStatus, number> = { unreadable: 1, fail: 2, pass: 3 }

export function statusOf(p: PackageReport): PackageStatus {
  if (p.error !== undefined) return 'unreadable'
  // A scanned page OCR could not read is not a pass (as check's exit code says).
  return exitCodeFor(p.summary) === 1 ? 'fail' : 'pass'
}


/** `today`: the day the batch judged by (default: the packages' own). */
export function buildBatchReport(packages: PackageReport[], version: string, policy?: string, today?: string): BatchReport {
  const rules = new Map<string, RuleCount>()
  let errors = 0
  let warnings = 0
  let infos = 0
  let files = 0
  for (const p of packages) {
    errors += p.summary.errors
    warnings += p.summary.warnings
    infos += p.summary.infos
    files += p.summary.files
    const seen = new Set<string>()
    for (const f of p.findings) {
      let r = rules.get(f.rule)
      if (!r) rules.set(f.rule, (r = { rule: f.rule, severity: f.severity, packages: 0, findings: 0 }))
      r.findings++
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[r.severity]) r.severity = f.severity
      if (!seen.has(f.rule)) {
        seen.add(f.rule)
        r.packages++
      }
    }
  }
  const count = (s: PackageStatus) => packages.filter((p) => statusOf(p) === s).length
  const used = [...new Set(packages.map((p) => p.policy).filter((x): x is string => x !== null))].sort(compareCodePoints)
  return {
    tool: 'zhicheng-check',
    version,
    policy: policy ?? used.join(','),
    today: today ?? packages.find((p) => p.today !== undefined)?.today ?? '',
    summary: {
      packages: packages.length,
      passed: count('pass'),
      failed: count('fail'),
      unreadable: count('unreadable'),
      errors,
      warnings,
      infos,
      files,
      rules: [...rules.values()].sort(
        (a, b) =>
          b.packages - a.packages ||
          b.findings - a.findings ||
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          compareCodePoints(a.rule, b.rule),
      ),
    },
    packages,
  }
}

/** 1 when any package has an error finding or could not be checked. */
export function batchExitCode(batch: BatchReport): 0 | 1 {
  return batch.summary.failed + batch.summary.unreadable > 0 ? 1 : 0
}

/** What HR reads first about a package: its error, else its error messages, then its warnings. */
export function topReasons(p: PackageReport, catalogue: Catalogue, n = 3): string[] {
  if (p.error !== undefined) return [p.error]
  const out: string[] = []
  // Catalogue order within a severity: a root cause (manifest.invalid, a missing file) before the
  // findings that follow from it.
  for (const sev of ['error', 'warning'] as const) {
    const ofSeverity = p.findings.filter((f) => f.severity === sev)
    for (const f of ofSeverity.sort((a, b) => catalogue.rank(a.rule) - catalogue.rank(b.rule))) {
      if (!out.includes(f.message)) out.push(f.message)
      if (out.length >= n) return out
    }
  }
  return out
}

/** Applicant cell: 欧** · 新闻 · 主任编辑. */
export function applicantLine(a: Applicant | undefined, sep = ' · '): string {
  return a ? [a.name, a.series, a.title].filter(Boolean).join(sep) : ''
}

/** `{ tool, version, policy, today, summary, packages }`, fixed key order, no clock time, no absolute path. */
export function renderBatchJson(batch: BatchReport): string {
  return `${JSON.stringify(batch, null, 2)}\n`
}
