import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import sharp from 'sharp'
import { checkPackage, locateManifest, type CheckResult } from '../core/check-package.js'
import type { Session } from '../core/session.js'
import { VERSION } from '../core/version.js'
import { writesInto } from '../fs/inside.js'
import type { PackageSource } from '../fs/package-source.js'
import { DEFAULT_LIMITS } from '../inspect/limits.js'
import { UsageError } from '../usage-error.js'
import { encodeImage, fixImage, type ImageTarget } from './image.js'
import { HTML_LOG_FILE, LOG_FILE, buildLog, sha256, type FileOutcome, type FixLog } from './log.js'
import { editPaths } from './manifest.js'
import { withExt } from './names.js'
import { fixPdf } from './pdf.js'
import { planFix, type FilePlan, type FixPlan } from './plan.js'

// `fix`: check the package, plan, write a fixed copy into --out, check the copy. The package is
// only read (never opened for writing: its bytes and mtimes stay as they were); the copy's folder
// must be outside it, and is either new, empty, or a copy fix made before (--force).

/** Resolution pages are redrawn at: above the resolution rule, legible for small print. */
export const RASTER_DPI = 200

export interface FixOptions {
  /** The run's session: both checks (the package, then the copy) share its pool, cache and policies. */
  session: Session
  /** --policy: overrides the manifest's own `policy:`. */
  policy?: string
  out: string
  dryRun?: boolean
  force?: boolean
}

export interface FixOutcome {
  before: CheckResult
  plan: FixPlan
  /** Absent with --dry-run. */
  after?: CheckResult
  log?: FixLog
  outcomes?: FileOutcome[]
  outAbs: string
}

export async function fixPackage(target: string, opts: FixOptions): Promise<FixOutcome> {
  const { cwd } = opts.session
  const { root } = locateManifest(target, cwd)
  const outAbs = resolve(cwd, opts.out)
  refuseOut(outAbs, root, cwd, opts.force === true)
  const check = { session: opts.session, ...(opts.policy !== undefined ? { policy: opts.policy } : {}) }
  const before = await checkPackage(target, check)
  const plan = planFix(before)
  if (opts.dryRun) return { before, plan, outAbs }

  prepareOut(outAbs)
  const values = before.policy.values.scans
  const accepted = values.accepted_types.map((t) => (t === 'jpeg' ? 'jpg' : t.toLowerCase()))
  const imageTarget: ImageTarget = { maxBytes: values.max_file_bytes, minDpi: values.min_dpi, accepted }
  const pdfTarget = { dpi: Math.max(RASTER_DPI, values.min_dpi), minDpi: values.min_dpi, maxBytes: values.max_file_bytes, terms: plan.terms }
  const fs = before.pkg
  const outcomes: FileOutcome[] = []
  for (const p of plan.files) outcomes.push(await writeOne(fs, p, outAbs, pdfTarget, imageTarget, opts.session.inspector.limits.maxBytes))

  // The manifest: the renamed paths changed in place, everything else as written.
  const manifestName = basename(before.manifest.file)
  const read = await fs.read(manifestName, 4 * 1024 * 1024)
  if (!read.ok) throw new UsageError('manifest-unreadable', { file: manifestName, reason: read.detail })
  const text = new TextDecoder().decode(read.bytes)
  const edits = plan.files.flatMap((p) => (p.out === p.rel ? [] : p.pointers.map((pointer) => ({ pointer, to: pathAsWritten(before, pointer, p) }))))
  writeFileSync(join(outAbs, manifestName), editPaths(text, edits).text, { flag: 'wx' })

  const after = await checkPackage(outAbs, { ...check, displayPath: opts.out })
  const named = new Set(plan.files.map((p) => p.rel))
  const notCopied = (await fs.list()).filter((f) => !named.has(f)).length
  const log = buildLog({ version: VERSION, policy: before.report.policy, today: before.report.today, package: before.report.package }, plan, outcomes, notCopied, after.report)
  writeFileSync(join(outAbs, LOG_FILE), `${JSON.stringify(log, null, 2)}\n`)
  return { before, plan, after, log, outcomes, outAbs }
}

/** The path as the manifest should now say it: the new file name in the folder the manifest wrote. */
function pathAsWritten(before: CheckResult, pointer: string, p: FilePlan): string {
  const ref = String(pointer.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], before.manifest.raw) ?? p.rel)
  const cut = Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('\\'))
  return `${cut >= 0 ? ref.slice(0, cut + 1) : ''}${p.out.slice(p.out.lastIndexOf('/') + 1)}`
}

/** Inside the package, holding the package, an existing file, or a non-empty folder that fix did not make: refused. */
export function refuseOut(outAbs: string, root: string, cwd: string, force: boolean): void {
  if (writesInto(outAbs, root, cwd) || writesInto(root, outAbs, cwd)) throw new UsageError('fix-out-inside', { out: outAbs })
  if (!existsSync(outAbs)) return
  if (!statSync(outAbs).isDirectory()) throw new UsageError('fix-out-not-empty', { out: outAbs })
  if (readdirSync(outAbs).length === 0) return
  if (!force) throw new UsageError('fix-out-not-empty', { out: outAbs })
  if (!existsSync(join(outAbs, LOG_FILE))) throw new UsageError('fix-out-not-ours', { out: outAbs })
}

/** A folder made before by fix (checked by refuseOut) is emptied; a new one is made. */
function prepareOut(outAbs: string): void {
  if (existsSync(outAbs)) for (const e of readdirSync(outAbs)) rmSync(join(outAbs, e), { recursive: true, force: true })
  mkdirSync(outAbs, { recursive: true })
}

async function writeOne(fs: PackageSource, p: FilePlan, outAbs: string, pdfTarget: Parameters<typeof fixPdf>[2], imageTarget: ImageTarget, maxBytes: number): Promise<FileOutcome> {
  const r = fs.resolve(p.rel)
  if (!r.ok) return { plan: p, written: false, problem: 'outside the package' }
  if (p.facts && !p.facts.exists) return { plan: p, written: false, problem: 'missing' }
  const read = await fs.read(r.rel, maxBytes)
  if (!read.ok) return { plan: p, written: false, problem: read.detail }
  if (read.sizeBytes > maxBytes) return { plan: p, written: false, problem: `larger than ${maxBytes} bytes: not read` }
  const before = { bytes: read.bytes.length, sha256: sha256(read.bytes) }
  let bytes: Uint8Array = read.bytes
  let problem: string | undefined
  const extra: Partial<FileOutcome> = {}
  try {
    if (p.type === 'pdf') {
      const res = await fixPdf(read.bytes, p, pdfTarget)
      bytes = res.bytes
      extra.rasterised = res.rasterised
    } else if (p.type === 'image' && p.changes.length > 0) {
      const ext = p.changes.some((c) => c.kind === 'convert') && !/\.png$/iu.test(p.out) ? 'jpg' : p.facts?.scan?.kind === 'png' ? 'png' : 'jpg'
      const res = await encodeImage(await fixImage(read.bytes, p), ext, p.changes.some((c) => c.kind === 'shrink'), imageTarget)
      bytes = res.bytes
      extra.encoded = { scale: res.scale, ...(res.quality !== undefined ? { quality: res.quality } : {}) }
      if (res.ext !== ext || !p.out.toLowerCase().endsWith(`.${res.ext}`)) p.out = withExt(p.out, res.ext)
    } else if (p.changes.some((c) => c.kind === 'convert') && /\.jpg$/iu.test(p.out) && p.facts?.sniffed?.ext !== 'jpg') {
      // HEIC, TIFF, WebP …: decoded by sharp when its build can, written as JPEG without metadata.
      bytes = await sharp(read.bytes, { limitInputPixels: DEFAULT_LIMITS.maxPixels }).rotate().flatten({ background: '#ffffff' }).jpeg({ quality: 90, mozjpeg: true }).toBuffer()
    }
  } catch (err) {
    // A fix that fails leaves the file as it was in the copy, and says so: the copy's check reports what is left.
    problem = `not fixed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`
    bytes = read.bytes
    if (p.out !== p.rel && !p.changes.some((c) => c.kind === 'rename')) p.out = p.rel
  }
  const dest = join(outAbs, p.out)
  mkdirSync(dirname(dest), { recursive: true })
  writeFileSync(dest, bytes, { flag: 'wx' })
  return { plan: p, written: true, ...(problem ? { problem } : {}), before, after: { bytes: bytes.length, sha256: sha256(bytes) }, ...extra, bytesOut: bytes }
}
