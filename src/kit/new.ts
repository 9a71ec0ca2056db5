import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import { parse, parseDocument } from 'yaml'
import { locateManifest } from '../core/check-package.js'
import { policyExamplesDir } from '../policy/files.js'
import { loadPolicy } from '../policy/load.js'
import { UsageError } from '../usage-error.js'
import { collectPackages, policyRef, type PolicyRef } from './packages.js'

// `policy new`: a policy, its notice and its examples copied as the start of another.

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
