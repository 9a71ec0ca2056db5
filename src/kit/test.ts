import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { displayPath, locateManifest } from '../core/check-package.js'
import { loadPolicy } from '../policy/load.js'
import { UsageError } from '../usage-error.js'
import { EXPECTED_FILE, compareExpectations, expectMarks, parseExpected, type Difference } from './expectations.js'
import { updateExpectedText } from './expected-update.js'
import { collectPackages, defaultDirs, kitError, policyRef, runOne, type KitError, type KitRunOptions, type PolicyRef } from './packages.js'

// `policy test`: each example package run under the policy and held against its expected.yaml.

export type PackageStatus = 'pass' | 'fail' | 'error'

export interface PackageTestResult {
  /** Shown path (relative to the working folder). */
  package: string
  status: PackageStatus
  today?: string
  differences: Difference[]
  error?: KitError
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
    return { package: shown, status: 'error', differences: [], error: kitError(err) }
  }
}
