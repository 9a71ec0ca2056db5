import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { PackageFs } from '../fs/package-fs.js'
import { compareCodePoints, type PackageSource } from '../fs/package-source.js'
import { readEvidence, type FileEvidence } from '../evidence/read.js'
import type { FileFacts } from '../inspect/facts.js'
import { inspectFiles, type FileToInspect } from '../inspect/inspect-package.js'
import { ocrCoverage } from './ocr-coverage.js'
import { fileRefs, type FileRef } from '../manifest/file-refs.js'
import { MANIFEST_NAMES, MAX_MANIFEST_BYTES, loadManifestBytes, type LoadedManifest } from '../manifest/load.js'
import { builtinPolicyIds, type Policy } from '../policy/load.js'
import { summarize, type Report } from '../report/finding.js'
import type { Lang, OutsideReason } from '../rules/define-rule.js'
import { RULES } from '../rules/index.js'
import { ruleContext } from '../rules/context.js'
import { identityTermsOfRaw, maskIdentity } from '../identity/match.js'
import { escapeControls } from '../report/sanitize.js'
import { UsageError } from '../usage-error.js'
import { runRules, showMasked } from './run-rules.js'
import { openSession, type Session, type SessionOptions } from './session.js'
import { catalogueOf } from '../report/catalogue.js'
import { wordFindings } from '../report/word.js'
import { VERSION } from './version.js'

/** One check: what differs from package to package of a run. */
interface CheckRun {
  /** --policy: overrides the manifest's own `policy:`. */
  policy?: string
  /** The package path shown in reports (batch: relative to ROOT; a zip's own path), instead of the folder relative to `cwd`. */
  displayPath?: string
  /** Called as each named file has been inspected (progress): its facts, and how many files there are. */
  onFile?: (facts: FileFacts, total: number) => void
}

/**
 * A check within a run's session (the CLI's), or on its own: then a session is made from the
 * options for this one check and closed after it (tests, library use).
 */
export type CheckOptions = CheckRun & ({ session: Session } | SessionOptions)

export interface CheckResult {
  report: Report
  manifest: LoadedManifest
  policy: Policy
  /** The package the check read, still open (HTML thumbnails read the pages the findings are about from it). */
  pkg: PackageSource
  /** What inspection found in each named file. */
  facts: ReadonlyMap<string, FileFacts>
}

/** Finds the manifest for a folder or manifest path, relative to `cwd`. Throws UsageError when there is none. */
export function locateManifest(target: string, cwd: string = process.cwd()): { root: string; manifestFile: string } {
  const abs = resolve(cwd, target)
  if (!existsSync(abs)) throw new UsageError('no-target', { target })
  if (statSync(abs).isDirectory()) {
    for (const name of MANIFEST_NAMES) {
      const file = join(abs, name)
      if (existsSync(file)) return { root: abs, manifestFile: file }
    }
    // A folder of packages (HR's unit folder) wants batch, not init.
    if (holdsPackages(abs)) throw new UsageError('no-manifest-batch', { target })
    throw new UsageError('no-manifest', { target })
  }
  // A scan or any other file given by mistake: one line, not "not valid YAML" about a PDF.
  if (!/\.ya?ml$/i.test(target)) throw new UsageError('not-a-manifest', { target })
  return { root: dirname(abs), manifestFile: abs }
}

/** Checks the package folder (or manifest) `target`, a path relative to the session's working folder. */
export async function checkPackage(target: string, opts: CheckOptions): Promise<CheckResult & { root: string }> {
  const cwd = 'session' in opts ? opts.session.cwd : opts.cwd
  const { root, manifestFile } = locateManifest(target, cwd)
  const result = await checkSource(new PackageFs(root), basename(manifestFile), { ...opts, displayPath: opts.displayPath ?? displayPath(root, cwd) })
  return { ...result, root }
}

/** Checks a package, whatever holds it (a folder, a zip, memory): everything is read through `pkg`. */
export async function checkSource(pkg: PackageSource, manifestName: string, opts: CheckOptions & { displayPath: string }): Promise<CheckResult> {
  const session = 'session' in opts ? opts.session : openSession(opts)
  try {
    return await checkWith(pkg, manifestName, session, opts)
  } finally {
    if (!('session' in opts)) await session.close()
  }
}

async function checkWith(pkg: PackageSource, manifestName: string, session: Session, opts: CheckRun & { displayPath: string }): Promise<CheckResult> {
  const manifest = loadManifestBytes(await readManifest(pkg, manifestName), manifestName)
  const policy = session.policy(opts.policy ?? manifestPolicy(manifest))

  const refs = fileRefs(manifest.raw)
  const resolved = new Map<string, string>()
  const outside: Array<FileRef & { reason: OutsideReason; inside?: string }> = []
  const toInspect: FileToInspect[] = []
  for (const ref of refs) {
    const r = pkg.resolve(ref.path)
    if (!r.ok) {
      outside.push(r.inside ? { ...ref, reason: r.reason, inside: r.inside } : { ...ref, reason: r.reason })
      continue
    }
    resolved.set(ref.pointer, r.rel)
    const rel = r.rel
    toInspect.push({ rel, read: (maxBytes, headBytes) => pkg.read(rel, maxBytes, headBytes) })
  }
  const facts: Map<string, FileFacts> = await inspectFiles(toInspect, {
    jobs: session.inspector.pool.jobs,
    cache: session.inspector.cache,
    ocr: session.ocr,
    shared: session.inspector,
    ...(opts.onFile ? { onFile: (f: FileFacts) => opts.onFile!(f, new Set(toInspect.map((t) => t.rel)).size) } : {}),
  })

  const found = runRules(
    RULES,
    ruleContext({ manifest, policy, today: session.today, fileRefs: refs, facts, outside, packageFiles: await pkg.list(), resolved }),
  )
  // The words come last: the rules' data in the report's language.
  const findings = wordFindings(found, catalogueOf(RULES), session.lang)
  const report: Report = {
    tool: 'zhicheng-check',
    version: VERSION,
    policy: policy.id,
    today: session.today,
    // A policy file someone chose (--policy FILE) may call itself anything: say which file it was.
    ...(policy.shipped ? {} : { policyFile: opts.policy ?? policy.origin }),
    package: escapeControls(maskIdentity(opts.displayPath, identityTermsOfRaw(manifest.raw))),
    summary: summarize(findings, facts.size, ocrCoverage(facts.values())),
    findings,
    evidence: evidenceOf(facts, showMasked(manifest)),
  }
  return { report, manifest, policy, pkg, facts }
}

/** What was read on each file, in path order, shown as findings are (masked, escaped). */
function evidenceOf(facts: ReadonlyMap<string, FileFacts>, shown: (s: string) => string): FileEvidence[] {
  return [...facts.values()]
    .sort((a, b) => compareCodePoints(a.path, b.path))
    .flatMap((f) => {
      const e = readEvidence(f)
      if (!e) return []
      const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, typeof v.value === 'string' ? { ...v, value: shown(v.value) } : v]))
      return [{ ...e, file: shown(e.file), fields }]
    })
}

/**
 * The manifest's bytes, under the rules every file of the package obeys: confined to the package (a
 * link out of it is refused, not followed), a regular file (a FIFO would block for ever), and read
 * only up to the manifest bound (/dev/zero never ends).
 */
async function readManifest(pkg: PackageSource, file: string): Promise<Uint8Array> {
  const r = pkg.resolve(file)
  if (!r.ok) throw new UsageError('manifest-outside', { file })
  const read = await pkg.read(r.rel, MAX_MANIFEST_BYTES)
  if (!read.ok) throw new UsageError('manifest-unreadable', { file, reason: read.detail })
  if (read.sizeBytes > MAX_MANIFEST_BYTES) throw new UsageError('manifest-too-large', { file, size: read.sizeBytes, max: MAX_MANIFEST_BYTES })
  return read.bytes
}

/**
 * The policy a manifest names: only a shipped one, by id. A package never picks a policy file: it
 * could name /dev/zero, a secret of the machine, or a lenient copy of the policy it brings along.
 */
function manifestPolicy(manifest: LoadedManifest): string | undefined {
  const id = manifest.data?.policy ?? undefined
  if (id === undefined) return undefined
  const known = builtinPolicyIds()
  if (!known.includes(id)) throw new UsageError('manifest-policy-file', { policy: id, known: known.join(', ') })
  return id
}

function holdsPackages(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some(
      (e) => (e.isDirectory() && MANIFEST_NAMES.some((m) => existsSync(join(dir, e.name, m)))) || (e.isFile() && /\.zip$/i.test(e.name)),
    )
  } catch {
    return false
  }
}

/** The package path as shown in reports: relative to the working folder, never absolute. */
export function displayPath(root: string, cwd: string): string {
  const abs = isAbsolute(root) ? root : join(cwd, root)
  const rel = relative(cwd, abs)
  if (rel === '') return '.'
  if (rel.startsWith('..') || isAbsolute(rel)) return basename(abs)
  return rel.split(sep).join('/')
}
