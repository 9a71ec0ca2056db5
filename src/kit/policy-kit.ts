import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import { parse, parseDocument } from 'yaml'
import { MANIFEST_NAMES } from '../manifest/load.js'
import { diffPolicies, type ValueChange } from '../policy/diff.js'
import { policyExamplesDir } from '../policy/files.js'
import { DEFAULT_POLICY_ID, loadPolicy, type Policy } from '../policy/load.js'
import { compareCodePoints } from '../fs/package-fs.js'
import { exitCodeFor, type Finding } from '../report/finding.js'
import type { Lang, Severity } from '../rules/define-rule.js'
import { UsageError, type UsageErrorCode } from '../usage-error.js'
import { checkPackage, displayPath, locateManifest } from '../core/check-package.js'
import {
  EXPECTED_FILE,
  compareExpectations,
  expectMarks,
  parseExpected,
  updateExpectedText,
  type Difference,
  type Outcome,
} from './expectations.js'

// The policy regression kit: example packages with their expected findings, run under a policy
// (`policy test`), under two policies (`policy diff`), and copied to start a new policy
// (`policy new`). No console: the CLI words and prints what these return.

export interface KitRunOptions {
  cwd: string
  jobs?: number
  cacheDir?: string | null
}

/** Expectations are written against the default-language (zh) reports, so every run is in zh. */
const EXPECTATION_LANG: Lang = 'zh'

/** Why a package could not be run: no expected.yaml, a UsageError (code and data), or another error. */
export type PackageError =
  | { kind: 'no-expected' }
  | { kind: 'usage'; code: UsageErrorCode; data: Record<string, string | number> }
  | { kind: 'internal'; message: string }

export interface PolicyRef {
  id: string
  name: { zh: string; en: string }
  /** The policy file (absolute). */
  file: string
}

function policyRef(policy: Policy, file: string): PolicyRef {
  return { id: policy.id, name: policy.name, file }
}

/** The policy id a package's manifest names; a manifest without one belongs to the default policy. */
export function manifestPolicyId(packageDir: string): string | undefined {
  const { manifestFile } = locateManifest(packageDir)
  try {
    const raw = parse(readFileSync(manifestFile, 'utf8')) as { policy?: unknown } | null
    if (raw && typeof raw === 'object' && raw.policy !== undefined && raw.policy !== null) return String(raw.policy)
    return DEFAULT_POLICY_ID
  } catch {
    return undefined
  }
}

const holdsManifest = (dir: string) => MANIFEST_NAMES.some((n) => existsSync(join(dir, n)))

/**
 * Packages to run: a DIR that holds a manifest is a package and is always taken; any other DIR is
 * a folder of packages, of which those whose manifest names one of `ids` are taken (the others are
 * counted as skipped). Sorted by path, code point order.
 */
export function collectPackages(dirs: string[], ids: string[]): { packages: string[]; skipped: number } {
  const found = new Set<string>()
  let skipped = 0
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('no-target', { target: dir })
    if (holdsManifest(dir)) {
      found.add(dir)
      continue
    }
    for (const name of readdirSync(dir).sort(compareCodePoints)) {
      const sub = join(dir, name)
      if (!statSync(sub).isDirectory() || !holdsManifest(sub)) continue
      const id = manifestPolicyId(sub)
      if (id !== undefined && ids.includes(id)) found.add(sub)
      else skipped++
    }
  }
  return { packages: [...found].sort(compareCodePoints), skipped }
}

/** The policy's own example folder, or a UsageError saying there is none. */
function defaultDirs(file: string, policy: Policy): string[] {
  const dir = policyExamplesDir(file)
  if (!dir) throw new UsageError('no-examples', { policy: policy.id })
  if (!existsSync(dir)) throw new UsageError('no-example-packages', { policy: policy.id, dir })
  return [dir]
}

// ---------------------------------------------------------------------------------------------
// policy test

export type PackageStatus = 'pass' | 'fail' | 'error'

export interface PackageTestResult {
  /** Shown path (relative to the working folder). */
  package: string
  status: PackageStatus
  today?: string
  differences: Difference[]
  error?: PackageError
  /** With --update: expected.yaml was rewritten. */
  updated?: boolean
}

export interface TestResult {
  policy: PolicyRef
  packages: PackageTestResult[]
  /** Packages of other policies in the folders given. */
  skipped: number
  summary: { packages: number; passed: number; failed: number; errors: number; updated: number }
}

export interface TestOptions extends KitRunOptions {
  /** The policy file (absolute). */
  policyFile: string
  /** Folders or packages; default the policy's own examples. */
  dirs: string[]
  /** Rewrite expected.yaml to match (after a deliberate change). Otherwise nothing is written. */
  update?: boolean
}

export async function runPolicyTest(opts: TestOptions): Promise<TestResult> {
  const policy = loadPolicy(opts.policyFile)
  const dirs = opts.dirs.length > 0 ? opts.dirs : defaultDirs(opts.policyFile, policy)
  const { packages, skipped } = collectPackages(dirs, [policy.id])
  if (packages.length === 0) throw new UsageError('no-example-packages', { policy: policy.id, dir: dirs.join(', ') })
  const results: PackageTestResult[] = []
  for (const dir of packages) results.push(await testPackage(dir, opts))
  const count = (s: PackageStatus) => results.filter((r) => r.status === s).length
  return {
    policy: policyRef(policy, opts.policyFile),
    packages: results,
    skipped,
    summary: { packages: results.length, passed: count('pass'), failed: count('fail'), errors: count('error'), updated: results.filter((r) => r.updated).length },
  }
}

async function testPackage(dir: string, opts: TestOptions): Promise<PackageTestResult> {
  const shown = displayPath(dir, opts.cwd)
  const expectedFile = join(dir, EXPECTED_FILE)
  if (!existsSync(expectedFile)) return { package: shown, status: 'error', differences: [], error: { kind: 'no-expected' } }
  try {
    const { manifestFile } = locateManifest(dir)
    const marks = expectMarks(readFileSync(manifestFile, 'utf8'))
    const text = readFileSync(expectedFile, 'utf8')
    const parsed = parseExpected(text, marks)
    const shape = parsed.problems.map((problem): Difference => ({ kind: 'shape', problem }))
    if (!parsed.expected) return { package: shown, status: 'fail', differences: shape }
    const today = parsed.expected.today
    const outcome = await runOne(dir, opts.policyFile, today, opts)
    if (opts.update) {
      const u = updateExpectedText(text, marks, outcome)
      if (u.changed) writeFileSync(expectedFile, u.text)
      return { package: shown, status: u.remaining.length > 0 ? 'fail' : 'pass', today, differences: u.remaining, ...(u.changed ? { updated: true } : {}) }
    }
    const differences = [...shape, ...compareExpectations(parsed.expected, marks, outcome)]
    return { package: shown, status: differences.length > 0 ? 'fail' : 'pass', today, differences }
  } catch (err) {
    return { package: shown, status: 'error', differences: [], error: packageError(err) }
  }
}

async function runOne(dir: string, policyFile: string, today: string, opts: KitRunOptions): Promise<Outcome> {
  const { report } = await checkPackage(dir, {
    policy: policyFile,
    today,
    lang: EXPECTATION_LANG,
    cwd: opts.cwd,
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
    cacheDir: opts.cacheDir ?? null,
  })
  return { exit: exitCodeFor(report.summary), findings: report.findings }
}

function packageError(err: unknown): PackageError {
  if (err instanceof UsageError) return { kind: 'usage', code: err.code, data: err.data }
  return { kind: 'internal', message: String(err instanceof Error ? err.message : err).split('\n')[0]! }
}

// ---------------------------------------------------------------------------------------------
// policy diff

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
  error?: PackageError
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
    return { package: shown, changes: [], error: packageError(err) }
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

/**
 * Findings matched by rule and place (file, page, line, column): same message → unchanged; same
 * place, other message → reworded (a value in it changed); the rest appeared or disappeared.
 */
export function diffFindings(before: Finding[], after: Finding[]): FindingChange[] {
  const pool = new Map<string, Finding[]>()
  for (const f of before) pool.set(placeKey(f), [...(pool.get(placeKey(f)) ?? []), f])
  const changes: FindingChange[] = []
  const unmatched: Finding[] = []
  for (const f of after) {
    const list = pool.get(placeKey(f)) ?? []
    const i = list.findIndex((g) => g.message === f.message)
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

// ---------------------------------------------------------------------------------------------
// policy new

export interface NewOptions {
  /** The policy to copy (absolute file). */
  fromFile: string
  id: string
  /** Where the policy file and its notice go. */
  outDir: string
  /** Where the example packages go (default outDir/examples). */
  examplesDir: string
}

export interface NewResult {
  from: PolicyRef
  id: string
  policyFile: string
  noticeFile?: string
  packages: string[]
}

/**
 * Copies a policy, its notice text and its example packages as the start of a new policy: the
 * copy gets the new id, names its own notice and examples, and each package's manifest names the
 * new policy. Nothing that exists is overwritten: when any target exists, nothing is written.
 */
export function createPolicyFrom(opts: NewOptions): NewResult {
  const from = loadPolicy(opts.fromFile)
  if (!/^[a-z0-9][a-z0-9-]*$/.test(opts.id)) throw new UsageError('bad-option', { reason: `--id ${opts.id}: a-z, 0-9, -` })
  const text = readFileSync(opts.fromFile, 'utf8')
  const fromNotice = noticeFileOf(text, opts.fromFile)
  const policyFile = join(opts.outDir, `${opts.id}.yaml`)
  const noticeFile = fromNotice ? join(opts.outDir, `${opts.id}.notice.txt`) : undefined
  const examplesDir = policyExamplesDir(opts.fromFile)
  const sources = examplesDir && existsSync(examplesDir) ? collectPackages([examplesDir], [from.id]).packages : []
  const copies = sources.map((src) => ({ src, dest: join(opts.examplesDir, `${opts.id}-${caseName(basename(src), from.id)}`) }))
  for (const target of [policyFile, ...(noticeFile ? [noticeFile] : []), ...copies.map((c) => c.dest)]) {
    if (existsSync(target)) throw new UsageError('would-overwrite', { path: target })
  }

  const examplesField = relative(opts.outDir, opts.examplesDir).split(sep).join('/') || '.'
  let out = setTopScalar(text, 'id', opts.id)
  if (noticeFile) out = setTopScalar(out, 'notice', basename(noticeFile))
  out = setTopScalar(out, 'examples', examplesField)
  mkdirSync(opts.outDir, { recursive: true })
  writeFileSync(policyFile, out, { flag: 'wx' })
  if (noticeFile) writeFileSync(noticeFile, readFileSync(fromNotice!), { flag: 'wx' })
  for (const { src, dest } of copies) {
    mkdirSync(dirname(dest), { recursive: true })
    cpSync(src, dest, { recursive: true, errorOnExist: true, force: false })
    const { manifestFile } = locateManifest(dest)
    writeFileSync(manifestFile, setTopScalar(readFileSync(manifestFile, 'utf8'), 'policy', opts.id, 'version'))
  }
  return { from: policyRef(from, opts.fromFile), id: opts.id, policyFile, ...(noticeFile ? { noticeFile } : {}), packages: copies.map((c) => c.dest) }
}

/** `sample-2025-clean` copied from sample-2025 is the case `clean`; other names stay whole. */
function caseName(name: string, fromId: string): string {
  return name.startsWith(`${fromId}-`) ? name.slice(fromId.length + 1) : name
}

function noticeFileOf(text: string, policyFile: string): string | undefined {
  const notice = (parse(text) as { notice?: unknown }).notice
  if (typeof notice !== 'string') return undefined
  const file = join(dirname(policyFile), notice)
  return existsSync(file) ? file : undefined
}

/**
 * Sets a top-level scalar in YAML text, in place (the rest of the text, comments included, is
 * kept byte for byte). An absent key is added on the line after `after` (or after `id`), or at
 * the end when neither is there.
 */
export function setTopScalar(text: string, key: string, value: string, after = 'notice'): string {
  const doc = parseDocument(text)
  const node = doc.get(key, true) as { range?: [number, number, number] } | undefined
  const rendered = /^[A-Za-z0-9_./-]+$/.test(value) ? value : JSON.stringify(value)
  if (node?.range) return text.slice(0, node.range[0]) + rendered + text.slice(node.range[1])
  for (const anchor of [after, 'id']) {
    const a = doc.get(anchor, true) as { range?: [number, number, number] } | undefined
    if (!a?.range) continue
    const eol = text.indexOf('\n', a.range[1])
    const at = eol < 0 ? text.length : eol + 1
    return `${text.slice(0, at)}${eol < 0 ? '\n' : ''}${key}: ${rendered}\n${text.slice(at)}`
  }
  return `${text}${text.endsWith('\n') ? '' : '\n'}${key}: ${rendered}\n`
}

