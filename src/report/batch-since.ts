import { UsageError } from '../usage-error.js'
import { statusOf, type BatchReport, type ChangedFinding, type PackageChanges, type PackageReport } from './batch.js'
import type { Finding } from './finding.js'

// `batch --since EARLIER.json`: the round after HR returned packages. Per package (by its path
// under ROOT): which error and warning findings are gone and which are new, which files were
// replaced (other bytes under the same path), added or removed; and which packages are gone.

/** The earlier batch report, checked for the parts compared. Throws UsageError (bad-since-report). */
export function parseSinceReport(text: string, shownAs: string): BatchReport {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError('bad-since-report', { file: shownAs, reason: 'JSON' })
  }
  const d = data as Partial<BatchReport> | null
  if (!d || typeof d !== 'object' || d.tool !== 'zhicheng-check' || !Array.isArray(d.packages)) {
    throw new UsageError('bad-since-report', { file: shownAs, reason: 'packages' })
  }
  for (const p of d.packages) {
    if (!p || typeof p.package !== 'string' || !Array.isArray(p.findings) || !p.summary) throw new UsageError('bad-since-report', { file: shownAs, reason: 'packages' })
  }
  return d as BatchReport
}

const keyOf = (f: Finding | ChangedFinding) => `${f.rule}\0${f.file ?? ''}\0${f.page ?? 0}\0${f.message}`

function changed(f: Finding): ChangedFinding {
  return { rule: f.rule, severity: f.severity, message: f.message, ...(f.file !== undefined ? { file: f.file } : {}), ...(f.page !== undefined ? { page: f.page } : {}) }
}

export function changesOf(now: PackageReport, then: PackageReport | undefined): PackageChanges {
  if (!then) return { was: null, fixed: [], new: [], replaced: [], added: [], removed: [] }
  const serious = (p: PackageReport) => p.findings.filter((f) => f.severity !== 'info')
  const thenKeys = new Set(serious(then).map(keyOf))
  const nowKeys = new Set(serious(now).map(keyOf))
  const thenFiles = new Map((then.files ?? []).map((f) => [f.file, f.sha256]))
  const nowFiles = new Map((now.files ?? []).map((f) => [f.file, f.sha256]))
  // Without digests on one side (a package that could not be checked, an older report) nothing is said about files.
  const compareFiles = then.files !== undefined && now.files !== undefined
  return {
    was: statusOf(then),
    fixed: serious(then).filter((f) => !nowKeys.has(keyOf(f))).map(changed),
    new: serious(now).filter((f) => !thenKeys.has(keyOf(f))).map(changed),
    replaced: compareFiles ? [...nowFiles].filter(([f, sha]) => thenFiles.has(f) && thenFiles.get(f) !== sha).map(([f]) => f) : [],
    added: compareFiles ? [...nowFiles.keys()].filter((f) => !thenFiles.has(f)) : [],
    removed: compareFiles ? [...thenFiles.keys()].filter((f) => !nowFiles.has(f)) : [],
  }
}

/** The batch with each package's `changes` since `earlier`, and the packages no longer there. */
export function withChanges(batch: BatchReport, earlier: BatchReport, earlierName: string): BatchReport {
  const then = new Map(earlier.packages.map((p) => [p.package, p]))
  const here = new Set(batch.packages.map((p) => p.package))
  return {
    ...batch,
    packages: batch.packages.map((p) => ({ ...p, changes: changesOf(p, then.get(p.package)) })),
    since: { report: earlierName, today: earlier.today ?? '', gone: earlier.packages.map((p) => p.package).filter((p) => !here.has(p)) },
  }
}

/** One cell: 已改 2 项，新增 1 项，换了 1 个文件 (empty when nothing changed). */
export function changesLine(c: PackageChanges | undefined, lang: 'zh' | 'en'): string {
  if (!c) return ''
  if (c.was === null) return lang === 'zh' ? '上一轮没有这个申报包' : 'not in the earlier report'
  const parts: string[] = []
  if (lang === 'zh') {
    if (c.fixed.length) parts.push(`已改 ${c.fixed.length} 项`)
    if (c.new.length) parts.push(`新增 ${c.new.length} 项`)
    if (c.replaced.length) parts.push(`换了 ${c.replaced.length} 个文件`)
    if (c.added.length) parts.push(`加了 ${c.added.length} 个文件`)
    if (c.removed.length) parts.push(`去掉 ${c.removed.length} 个文件`)
    return parts.join('，') || '没有变化'
  }
  if (c.fixed.length) parts.push(`${c.fixed.length} fixed`)
  if (c.new.length) parts.push(`${c.new.length} new`)
  if (c.replaced.length) parts.push(`${c.replaced.length} file(s) replaced`)
  if (c.added.length) parts.push(`${c.added.length} file(s) added`)
  if (c.removed.length) parts.push(`${c.removed.length} file(s) removed`)
  return parts.join(', ') || 'no change'
}
