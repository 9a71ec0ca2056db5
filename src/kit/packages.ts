import { existsSync, readFileSync, statSync } from 'node:fs'
import { parse } from 'yaml'
import { checkPackage, locateManifest } from '../core/check-package.js'
import type { Session } from '../core/session.js'
import { findPackages, hasManifest } from '../core/find-packages.js'
import type { PackageError } from '../core/check-batch.js'
import { compareCodePoints } from '../fs/package-fs.js'
import { policyExamplesDir } from '../policy/files.js'
import { DEFAULT_POLICY_ID, type Policy } from '../policy/load.js'
import { exitCodeFor } from '../report/finding.js'
import type { Lang } from '../rules/define-rule.js'
import { UsageError } from '../usage-error.js'
import type { Outcome } from './expectations.js'

// The policy regression kit: example packages with their expected findings, run under a policy
// (`policy test`), under two policies (`policy diff`), and copied to start a new policy
// (`policy new`). No console: the CLI words and prints what these return. This file: what the
// three share (which packages, how one is run, why one could not be).

export interface KitRunOptions {
  /** The run's session (the CLI's): every example package shares its pool and cache. */
  session?: Session
  cwd: string
  jobs?: number
  cacheDir?: string | null
}

/** Expectations are written against the default-language (zh) reports, so every run is in zh. */
const EXPECTATION_LANG: Lang = 'zh'

/**
 * Why a package could not be run: the batch's reasons (a UsageError's code and data, or another
 * error), or, the kit's own, no expected.yaml.
 */
export type KitError = PackageError | { kind: 'no-expected' }

export interface PolicyRef {
  id: string
  name: { zh: string; en: string }
  /** The policy file (absolute). */
  file: string
}

export function policyRef(policy: Policy, file: string): PolicyRef {
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

/**
 * Packages to run: a DIR that holds a manifest is a package and is always taken; any other DIR is
 * a folder of packages, found as `batch` finds them (the package folders; a zip or a folder
 * without a manifest is no example), of which those whose manifest names one of `ids` are taken
 * (the others are counted as skipped). Sorted by path, code point order.
 */
export function collectPackages(dirs: string[], ids: string[]): { packages: string[]; skipped: number } {
  const found = new Set<string>()
  let skipped = 0
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('no-target', { target: dir })
    if (hasManifest(dir)) {
      found.add(dir)
      continue
    }
    for (const pkg of packagesUnder(dir)) {
      const id = manifestPolicyId(pkg)
      if (id !== undefined && ids.includes(id)) found.add(pkg)
      else skipped++
    }
  }
  return { packages: [...found].sort(compareCodePoints), skipped }
}

/** The package folders batch would check under `dir` (none: an empty list, the caller says so). */
function packagesUnder(dir: string): string[] {
  try {
    return findPackages(dir)
      .filter((p) => p.kind === 'folder')
      .map((p) => p.abs)
  } catch (err) {
    if (err instanceof UsageError && err.code === 'no-packages') return []
    throw err
  }
}

/** The policy's own example folder, or a UsageError saying there is none. */
export function defaultDirs(file: string, policy: Policy): string[] {
  const dir = policyExamplesDir(file)
  if (!dir) throw new UsageError('no-examples', { policy: policy.id })
  if (!existsSync(dir)) throw new UsageError('no-example-packages', { policy: policy.id, dir })
  return [dir]
}

/** One package checked under a policy on a day, in zh: its exit code and findings. */
export async function runOne(dir: string, policyFile: string, today: string, opts: KitRunOptions): Promise<Outcome> {
  const run = opts.session
    ? { session: opts.session.asOf(today, EXPECTATION_LANG) }
    : { today, lang: EXPECTATION_LANG, cwd: opts.cwd, ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}), cacheDir: opts.cacheDir ?? null }
  const { report } = await checkPackage(dir, { policy: policyFile, ...run })
  return { exit: exitCodeFor(report.summary), findings: report.findings }
}

/** As the batch words a package it could not check: a UsageError's code and data, else the first line. */
export function kitError(err: unknown): KitError {
  if (err instanceof UsageError) return { kind: 'usage', code: err.code, data: err.data }
  return { kind: 'internal', message: String(err instanceof Error ? err.message : err).split('\n')[0]! }
}
