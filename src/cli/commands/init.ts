import { existsSync, linkSync, lstatSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { PackageFs } from '../../fs/package-fs.js'
import { classifyFile, worthReadingText } from '../../init/classify.js'
import { draftFromFiles, type Draft, type SeenFile } from '../../init/draft.js'
import { writeManifest } from '../../init/manifest-writer.js'
import { askQuestions, KIND_NAMES, type Asker } from '../../init/questions.js'
import { MANIFEST_NAMES } from '../../manifest/load.js'
import { loadPolicy } from '../../policy/load.js'
import { readPdfText } from '../../preview/pdf.js'
import { homedir } from 'node:os'
import { VERSION } from '../../core/version.js'
import { readEvidence } from '../../evidence/read.js'
import { FactsCache, defaultCacheDir } from '../../inspect/cache.js'
import { inspectFiles } from '../../inspect/inspect-package.js'
import { DEFAULT_LIMITS } from '../../inspect/limits.js'
import { ocrEngineName } from '../../inspect/ocr.js'
import { withEvidence } from '../../init/from-scans.js'
import { EVIDENCE_DEFAULTS } from '../../rules/evidence/readings.js'
import { padEndWidth, stringWidth } from '../../report/wrap-text.js'
import { escapeControls } from '../../report/sanitize.js'
import type { Lang } from '../../rules/define-rule.js'
import { UsageError } from '../../usage-error.js'
import { makeContext, type Io } from '../context.js'
import { inquirerAsker, isPromptCancelled } from '../prompts.js'
import { jobsFor, runCheck } from './check.js'

// `zhicheng-check init [DIR]`: from a folder of scans to a checked package. It guesses what each
// file is (src/init/classify.ts), asks only what it could not guess (src/init/questions.ts),
// writes a commented manifest.yaml (src/init/manifest-writer.ts) — the one file the tool ever
// writes into a package, on this explicit command, never over an existing manifest without a
// yes — then runs the check. `--yes` asks nothing and marks what is left to fill in.

export interface InitFlags {
  yes?: boolean
  policy?: string
  lang?: string
  today?: string
  /** false with --no-check: write the manifest only. */
  check?: boolean
}

/** Text layers read per file, and the bounds on reading them (a name that says nothing). */
const TEXT_PAGES = 2
const TEXT_MS = 4000
const TEXT_MAX_BYTES = 32 * 1024 * 1024
const TEXT_MAX_FILES = 60

const W = {
  zh: {
    found: (n: number, dir: string) => `${dir} 里有 ${n} 个文件：`,
    unknown: '（不知道是什么）',
    overwrite: (f: string) => `${f} 已经存在，要覆盖它吗？`,
    kept: (f: string) => `保留原有的 ${f}，没有改动。`,
    written: (f: string, todo: number) =>
      todo > 0 ? `已写入 ${f}；还有 ${todo} 处待填写，已在文件中用“待填写”标出。` : `已写入 ${f}。`,
    checking: '检查申报包：',
    noFiles: '（文件夹里没有文件：先把扫描件放进来）',
  },
  en: {
    found: (n: number, dir: string) => `${n} file(s) in ${dir}:`,
    unknown: '(not recognised)',
    overwrite: (f: string) => `${f} already exists. Overwrite it?`,
    kept: (f: string) => `Kept ${f} as it was.`,
    written: (f: string, todo: number) =>
      todo > 0 ? `Wrote ${f}; ${todo} place(s) still to fill in, marked 待填写 in the file.` : `Wrote ${f}.`,
    checking: 'Checking the package:',
    noFiles: '(the folder has no files yet: put the scans in it first)',
  },
}

export async function runInit(dir: string, flags: InitFlags, io: Io): Promise<number> {
  const ctx = makeContext(io, { lang: flags.lang, today: flags.today })
  const w = W[ctx.lang]
  const abs = resolve(ctx.cwd, dir)
  if (!existsSync(abs)) throw new UsageError('no-target', { target: dir })
  if (!statSync(abs).isDirectory()) throw new UsageError('not-a-folder', { target: dir })
  const existing = MANIFEST_NAMES.find((name) => existsSync(join(abs, name)))
  const manifestName = existing ?? 'manifest.yaml'
  const shownFile = shown(join(abs, manifestName), ctx.cwd)
  // Writing through a link would write wherever it points (outside the package): never.
  if (isLink(join(abs, manifestName))) throw new UsageError('init-symlink', { file: shownFile })
  if (existing && flags.yes) throw new UsageError('manifest-exists', { file: shownFile })
  const ask: Asker | undefined = flags.yes ? undefined : (io.prompts ?? (io.interactive ? inquirerAsker({ input: process.stdin, output: process.stderr }, ctx.lang) : undefined))
  if (!flags.yes && !ask) throw new UsageError('no-terminal', {})
  const policy = loadPolicy(flags.policy)

  try {
    if (existing && ask && !(await ask.confirm(w.overwrite(shownFile), false))) {
      ctx.stderr(`${w.kept(shownFile)}\n`)
      return 0
    }
    const minConfidence = (policy.values.evidence ?? EVIDENCE_DEFAULTS).min_confidence
    const files = await readScans(abs, await seeFiles(abs), io.env, minConfidence)
    ctx.stderr(`${summary(files, shown(abs, ctx.cwd), ctx.lang)}\n`)
    const draft: Draft = draftFromFiles(files, policy.id, policy.values)
    if (ask) await askQuestions(draft, policy.values, ask, ctx.lang)
    const written = writeManifest(draft, policy.values, ctx.lang, schemaRef(abs))
    // Never over a manifest without a yes: with --yes, the link fails if one appeared meanwhile.
    writeBeside(join(abs, manifestName), written.text, existing !== undefined)
    ctx.stderr(`${w.written(shownFile, written.todo.length)}\n`)
  } catch (err) {
    if (isPromptCancelled(err)) throw new UsageError('cancelled', { file: shownFile })
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError('manifest-exists', { file: shownFile })
    throw err
  }
  if (flags.check === false) return 0
  ctx.stderr(`\n${w.checking}\n`)
  return runCheck(dir, { format: 'pretty', lang: ctx.lang, today: flags.today, policy: flags.policy }, io)
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

/**
 * Writes a temporary file in the same folder, then puts it in place: rename replaces whatever
 * name is there (a link that appeared since the check included) instead of writing through it,
 * and a link (hard link of the temp file) fails when the name is taken and `replace` is false.
 */
function writeBeside(file: string, text: string, replace: boolean): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 })
  try {
    if (replace) renameSync(tmp, file)
    else linkOrCreate(tmp, file, text)
  } finally {
    rmSync(tmp, { force: true })
  }
}

/** A file system without hard links (FAT, some shares): create it exclusively instead (`wx` does not follow a link). */
function linkOrCreate(tmp: string, file: string, text: string): void {
  try {
    linkSync(tmp, file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err
    writeFileSync(file, text, { flag: 'wx' })
  }
}

/** Every file of the folder with its guess; PDFs whose names say too little are read for their text. */
async function seeFiles(root: string): Promise<SeenFile[]> {
  const fs = new PackageFs(root)
  const rels = await fs.list()
  const out: SeenFile[] = []
  let read = 0
  for (const rel of rels) {
    let text = ''
    if (/\.pdf$/i.test(rel) && worthReadingText(rel) && read < TEXT_MAX_FILES) {
      // Read as the check reads (confined, never blocking on a FIFO, bounded), not by path.
      const got = await fs.read(rel, TEXT_MAX_BYTES)
      if (got.ok && got.sizeBytes <= TEXT_MAX_BYTES) {
        read++
        text = await readPdfText(got.bytes, TEXT_PAGES, TEXT_MS)
      }
    }
    out.push({ rel, guess: classifyFile(rel, text) })
  }
  return out
}

/** Scans read at most (OCR of each page takes about a second). */
const SCAN_MAX_FILES = 60

/**
 * The scans read as the check reads them (inspection with OCR, through the same cache, so the
 * check that follows is quick): each guess completed with what its scan states clearly.
 */
async function readScans(root: string, files: SeenFile[], env: Record<string, string | undefined>, minConfidence: number): Promise<SeenFile[]> {
  const fs = new PackageFs(root)
  const toInspect = files
    .filter((f) => /\.(pdf|jpe?g|png)$/iu.test(f.rel))
    .slice(0, SCAN_MAX_FILES)
    .flatMap((f) => {
      const r = fs.resolve(f.rel)
      return r.ok ? [{ rel: r.rel, read: (maxBytes: number, headBytes: number) => fs.read(r.rel, maxBytes, headBytes) }] : []
    })
  if (toInspect.length === 0) return files
  const cacheDir = defaultCacheDir(env, process.platform, homedir())
  const facts = await inspectFiles(toInspect, {
    jobs: jobsFor({}),
    cache: new FactsCache(cacheDir, VERSION, DEFAULT_LIMITS, ocrEngineName()),
    ocr: true,
    limits: DEFAULT_LIMITS,
  })
  return files.map((f) => {
    const ff = facts.get(f.rel)
    return { rel: f.rel, guess: withEvidence(f.guess, ff ? readEvidence(ff) : null, minConfidence) }
  })
}

function summary(files: SeenFile[], dir: string, lang: Lang): string {
  const w = W[lang]
  if (files.length === 0) return `${w.found(0, dir)} ${w.noFiles}`
  // A file name may hold terminal escapes: shown escaped, as in every report.
  const width = Math.min(40, Math.max(...files.map((f) => stringWidth(escapeControls(f.rel)))))
  const lines = files.map((f) => `  ${padEndWidth(escapeControls(f.rel), width)}  ${f.guess ? KIND_NAMES[f.guess.kind][lang] : w.unknown}`)
  return [w.found(files.length, dir), ...lines].join('\n')
}

/** The path as shown: relative to the working folder when inside it. */
function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs)
  if (rel === '') return '.'
  if (rel.startsWith('..') || isAbsolute(rel)) return abs
  return rel.split(sep).join('/')
}

/**
 * The `$schema` for editors (yaml-language-server): the schema file installed with the tool, as a
 * path relative to the package (as the examples have it), or a file: URL across drives.
 */
function schemaRef(packageDir: string): string {
  const schema = fileURLToPath(new URL('../../../schema/manifest.schema.json', import.meta.url))
  const rel = relative(packageDir, schema)
  if (isAbsolute(rel)) return pathToFileURL(schema).href
  return rel.split(sep).join('/')
}
