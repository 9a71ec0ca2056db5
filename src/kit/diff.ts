import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { displayPath } from '../core/check-package.js'
import { compareCodePoints } from '../fs/package-fs.js'
import { diffPolicies, stableJson, type ValueChange } from '../policy/diff.js'
import { policyExamplesDir } from '../policy/files.js'
import { loadPolicy } from '../policy/load.js'
import type { Finding } from '../report/finding.js'
import { unfilledPlaceholders } from '../report/render-message.js'
import { findRule } from '../rules/index.js'
import type { Severity } from '../rules/define-rule.js'
import { UsageError } from '../usage-error.js'
import { EXPECTED_FILE, parseExpected } from './expectations.js'
import { collectPackages, kitError, policyRef, runOne, type KitError, type KitRunOptions, type PolicyRef } from './packages.js'

// `policy diff`: the example packages run under two policies, their findings compared as data.

export interface FindingChange {
  kind: 'appeared' | 'disappeared' | 'reworded'
  rule: string
  severity: Severity
  message: string
  /** For 'reworded': the message under the old policy. */
  oldMessage?: string
  file?: string
  page?: number
  line?: number
}

export interface PackageDiffResult {
  package: string
  today?: string
  oldExit?: number
  newExit?: number
  changes: FindingChange[]
  error?: KitError
}

export interface RuleDiffSummary {
  rule: string
  /** Packages where the rule has findings it did not have before, and the other way. */
  appeared: number
  disappeared: number
  reworded: number
}

export interface DiffResult {
  old: PolicyRef
  new: PolicyRef
  values: ValueChange[]
  packages: PackageDiffResult[]
  rules: RuleDiffSummary[]
  skipped: number
  /** Packages whose findings differ (appear or disappear). */
  changed: number
}

export interface DiffOptions extends KitRunOptions {
  oldFile: string
  newFile: string
  dirs: string[]
  /** The --today of packages without an expected.yaml to take it from. */
  today: string
}

export async function runPolicyDiff(opts: DiffOptions): Promise<DiffResult> {
  const oldPolicy = loadPolicy(opts.oldFile)
  const newPolicy = loadPolicy(opts.newFile)
  const ids = [...new Set([oldPolicy.id, newPolicy.id])]
  let dirs = opts.dirs
  if (dirs.length === 0) {
    const own = [opts.oldFile, opts.newFile].map(policyExamplesDir).filter((d): d is string => d !== undefined && existsSync(d))
    if (own.length === 0) throw new UsageError('no-examples', { policy: ids.join(', ') })
    dirs = [...new Set(own)]
  }
  const { packages, skipped } = collectPackages(dirs, ids)
  if (packages.length === 0) throw new UsageError('no-example-packages', { policy: ids.join(', '), dir: dirs.join(', ') })
  const results: PackageDiffResult[] = []
  for (const dir of packages) results.push(await diffPackage(dir, opts))
  return {
    old: policyRef(oldPolicy, opts.oldFile),
    new: policyRef(newPolicy, opts.newFile),
    values: diffPolicies(oldPolicy, newPolicy),
    packages: results,
    rules: summariseRules(results),
    skipped,
    changed: results.filter((r) => r.changes.some((c) => c.kind !== 'reworded')).length,
  }
}

async function diffPackage(dir: string, opts: DiffOptions): Promise<PackageDiffResult> {
  const shown = displayPath(dir, opts.cwd)
  try {
    const today = todayOf(dir) ?? opts.today
    const before = await runOne(dir, opts.oldFile, today, opts)
    const after = await runOne(dir, opts.newFile, today, opts)
    return { package: shown, today, oldExit: before.exit, newExit: after.exit, changes: diffFindings(before.findings, after.findings) }
  } catch (err) {
    return { package: shown, changes: [], error: kitError(err) }
  }
}

/** The `today` of the package's expected.yaml, when it has one. */
function todayOf(dir: string): string | undefined {
  const file = join(dir, EXPECTED_FILE)
  if (!existsSync(file)) return undefined
  try {
    return parseExpected(readFileSync(file, 'utf8')).expected?.today
  } catch {
    return undefined
  }
}

const placeKey = (f: Finding) => `${f.rule}\u0000${f.file ?? ''}\u0000${f.page ?? ''}\u0000${f.line ?? ''}\u0000${f.column ?? ''}`

/** The placeholders a rule's message shows (in either language), by rule and messageId. */
const shownKeys = new Map<string, Set<string>>()
function messageKeys(rule: string, messageId: string): Set<string> | undefined {
  const key = `${rule}\u0000${messageId}`
  if (!shownKeys.has(key)) {
    const message = findRule(rule)?.messages[messageId]
    if (!message) return undefined
    shownKeys.set(key, new Set([message.zh, message.en].flatMap(unfilledPlaceholders)))
  }
  return shownKeys.get(key)
}

/**
 * What a finding says, as data: its messageId, the data its message shows, and its acceptance; not
 * its words, so a change of wording in a release is no change at all. (Data only the fix shows,
 * such as the years to make up, is left out: the diff prints messages, and two equal lines would
 * say nothing.) A finding without a messageId (a report written before issue 16) or of a rule
 * this version does not know is compared by its message.
 */
export function saysKey(f: Finding): string {
  const keys = f.messageId !== undefined ? messageKeys(f.rule, f.messageId) : undefined
  if (!keys) return `\u0001${f.message}`
  const shown = Object.fromEntries(Object.entries(f.data ?? {}).filter(([k]) => keys.has(k)))
  return `${f.messageId}\u0000${stableJson(shown)}\u0000${f.accepted ?? ''}`
}

/**
 * Findings matched by (rule, place) and compared by (messageId, data): the same → unchanged; same
 * place, other data → 'reworded' (a value in it changed: the kind keeps its name in the JSON);
 * the rest appeared or disappeared.
 */
export function diffFindings(before: Finding[], after: Finding[]): FindingChange[] {
  const pool = new Map<string, Finding[]>()
  for (const f of before) pool.set(placeKey(f), [...(pool.get(placeKey(f)) ?? []), f])
  const changes: FindingChange[] = []
  const unmatched: Finding[] = []
  for (const f of after) {
    const list = pool.get(placeKey(f)) ?? []
    const i = list.findIndex((g) => saysKey(g) === saysKey(f))
    if (i >= 0) list.splice(i, 1)
    else unmatched.push(f)
  }
  for (const f of unmatched) {
    const list = pool.get(placeKey(f)) ?? []
    const old = list.shift()
    changes.push(old ? { ...brief(f, 'reworded'), oldMessage: old.message } : brief(f, 'appeared'))
  }
  for (const list of pool.values()) for (const f of list) changes.push(brief(f, 'disappeared'))
  const order = { disappeared: 0, appeared: 1, reworded: 2 }
  return changes.sort(
    (a, b) =>
      compareCodePoints(a.rule, b.rule) ||
      order[a.kind] - order[b.kind] ||
      compareCodePoints(a.file ?? '', b.file ?? '') ||
      (a.page ?? 0) - (b.page ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareCodePoints(a.message, b.message),
  )
}

function brief(f: Finding, kind: FindingChange['kind']): FindingChange {
  return {
    kind,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.page !== undefined ? { page: f.page } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
  }
}

function summariseRules(results: PackageDiffResult[]): RuleDiffSummary[] {
  const by = new Map<string, RuleDiffSummary>()
  for (const r of results) {
    for (const kind of ['appeared', 'disappeared', 'reworded'] as const) {
      for (const rule of new Set(r.changes.filter((c) => c.kind === kind).map((c) => c.rule))) {
        const s = by.get(rule) ?? { rule, appeared: 0, disappeared: 0, reworded: 0 }
        s[kind]++
        by.set(rule, s)
      }
    }
  }
  return [...by.values()].sort((a, b) => compareCodePoints(a.rule, b.rule))
}
