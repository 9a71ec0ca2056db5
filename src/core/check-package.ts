import { existsSync, readdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'
import { PackageFs, compareCodePoints } from '../fs/package-fs.js'
import { readRegularFile } from '../fs/safe-read.js'
import { readEvidence, type FileEvidence } from '../evidence/read.js'
import { FactsCache } from '../inspect/cache.js'
import type { FileFacts } from '../inspect/facts.js'
import { inspectFiles, type FileToInspect, type SharedInspector } from '../inspect/inspect-package.js'
import { DEFAULT_LIMITS, type InspectLimits } from '../inspect/limits.js'
import { ocrEngineName } from '../inspect/ocr.js'
import { ocrCoverage } from './ocr-coverage.js'
import { fileRefs, type FileRef } from '../manifest/file-refs.js'
import { MANIFEST_NAMES, MAX_MANIFEST_BYTES, loadManifestBytes, type LoadedManifest } from '../manifest/load.js'
import { builtinPolicyIds, loadPolicy, type Policy } from '../policy/load.js'
import { summarize, type Report } from '../report/finding.js'
import type { Lang, OutsideReason } from '../rules/define-rule.js'
import { RULES } from '../rules/index.js'
import { identityTermsOfRaw, maskIdentity } from '../rules/identity-match.js'
import { escapeControls } from '../report/sanitize.js'
import { UsageError } from '../usage-error.js'
import { runRules, showMasked } from './run-rules.js'
import { catalogueOf } from '../report/catalogue.js'
import { wordFindings } from '../report/word.js'
import { VERSION } from './version.js'

export interface CheckOptions {
  /** --policy: overrides the manifest's own `policy:`. */
  policy?: string
  today: string
  lang: Lang
  /** Working folder, for showing the package path relative to it. */
  cwd: string
  /** --jobs: inspection workers (default: the number of cores). */
  jobs?: number
  /** Folder of the facts cache; null or absent: no cache (--no-cache). */
  cacheDir?: string | null
  /** Per-file inspection bounds (tests lower them). */
  limits?: InspectLimits
  /** OCR the image-only pages for leaks of the name or employer: on unless false (--no-ocr). */
  ocr?: boolean
  /** Batch: one pool and cache for every package, left open (its cache and limits win over the above). */
  inspector?: SharedInspector
  /** Batch: the package path shown in reports (relative to ROOT; a zip's own path), instead of relative to `cwd`. */
  displayPath?: string
  /** Batch: policies loaded once for all packages. */
  loadPolicy?: (idOrFile: string | undefined) => Policy
  /** Called as each named file has been inspected (progress): its facts, and how many files there are. */
  onFile?: (facts: FileFacts, total: number) => void
}

export interface CheckResult {
  report: Report
  manifest: LoadedManifest
  policy: Policy
  /** The package folder, and what inspection found in each named file (HTML thumbnails use both). */
  root: string
  facts: ReadonlyMap<string, FileFacts>
}

/** Finds the manifest for a folder or manifest path. Throws UsageError when there is none. */
export function locateManifest(target: string): { root: string; manifestFile: string } {
  if (!existsSync(target)) throw new UsageError('no-target', { target })
  if (statSync(target).isDirectory()) {
    for (const name of MANIFEST_NAMES) {
      const file = join(target, name)
      if (existsSync(file)) return { root: target, manifestFile: file }
    }
    // A folder of packages (HR's unit folder) wants batch, not init.
    if (holdsPackages(target)) throw new UsageError('no-manifest-batch', { target })
    throw new UsageError('no-manifest', { target })
  }
  // A scan or any other file given by mistake: one line, not "not valid YAML" about a PDF.
  if (!/\.ya?ml$/i.test(target)) throw new UsageError('not-a-manifest', { target })
  return { root: dirname(target), manifestFile: target }
}

export async function checkPackage(target: string, opts: CheckOptions): Promise<CheckResult> {
  const { root, manifestFile } = locateManifest(target)
  const fs = new PackageFs(root)
  const manifest = loadManifestBytes(readManifest(fs, manifestFile), basename(manifestFile))
  const policy = (opts.loadPolicy ?? loadPolicy)(opts.policy ?? manifestPolicy(manifest))

  const refs = fileRefs(manifest.raw)
  const resolved = new Map<string, string>()
  const outside: Array<FileRef & { reason: OutsideReason; inside?: string }> = []
  const toInspect: FileToInspect[] = []
  for (const ref of refs) {
    const r = fs.resolve(ref.path)
    if (!r.ok) {
      outside.push(r.inside ? { ...ref, reason: r.reason, inside: r.inside } : { ...ref, reason: r.reason })
      continue
    }
    resolved.set(ref.pointer, r.rel)
    toInspect.push({ rel: r.rel, abs: r.abs })
  }
  const limits = opts.limits ?? DEFAULT_LIMITS
  const facts: Map<string, FileFacts> = await inspectFiles(toInspect, {
    jobs: opts.jobs ?? availableParallelism(),
    cache: opts.cacheDir ? new FactsCache(opts.cacheDir, VERSION, limits, opts.ocr !== false ? ocrEngineName() : null) : null,
    ocr: opts.ocr !== false,
    limits,
    ...(opts.inspector ? { shared: opts.inspector } : {}),
    ...(opts.onFile ? { onFile: (f: FileFacts) => opts.onFile!(f, new Set(toInspect.map((t) => t.rel)).size) } : {}),
  })

  const found = runRules(
    RULES,
    {
      manifest,
      policy: policy.values,
      calendar: policy.calendar,
      today: opts.today,
      fileRefs: refs,
      facts,
      outside,
      packageFiles: fs.listFiles(),
      resolved,
    },
  )
  // The words come last: the rules' data in the report's language.
  const findings = wordFindings(found, catalogueOf(RULES), opts.lang)
  const report: Report = {
    tool: 'zhicheng-check',
    version: VERSION,
    policy: policy.id,
    today: opts.today,
    // A policy file someone chose (--policy FILE) may call itself anything: say which file it was.
    ...(policy.shipped ? {} : { policyFile: opts.policy ?? policy.origin }),
    package: escapeControls(maskIdentity(opts.displayPath ?? displayPath(root, opts.cwd), identityTermsOfRaw(manifest.raw))),
    summary: summarize(findings, facts.size, ocrCoverage(facts.values())),
    findings,
    evidence: evidenceOf(facts, showMasked(manifest)),
  }
  return { report, manifest, policy, root, facts }
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
function readManifest(fs: PackageFs, manifestFile: string): Uint8Array {
  const file = basename(manifestFile)
  const r = fs.resolve(file)
  if (!r.ok) throw new UsageError('manifest-outside', { file })
  const read = readRegularFile(r.abs, MAX_MANIFEST_BYTES)
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
