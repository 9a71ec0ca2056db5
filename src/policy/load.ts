import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { WorkCalendar } from './calendar.js'
import { policyFileSchema, type PolicyValues, type SettingMeta } from './schema.js'
import { UsageError } from '../usage-error.js'
import { readRegularFile } from '../util/safe-read.js'

export const DEFAULT_POLICY_ID = 'aksu-2024'

/** src/policies, found from src/policy or dist/policy alike (both two levels below the root). */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('../../src/policies/', import.meta.url))

export interface Policy {
  id: string
  name: { zh: string; en: string }
  /** Where it was read from: a built-in id or a file path as the user gave it. */
  origin: string
  /** One of the policies shipped with the tool (src/policies), named by its id. */
  shipped: boolean
  clauses: Record<string, string>
  noticeText?: string
  values: PolicyValues
  /** Every setting by dotted key ('continuing_education.min_total_hours'), with its clause. */
  settings: Map<string, SettingMeta>
  calendar: WorkCalendar
}

export function builtinPolicyIds(): string[] {
  return readdirSync(BUILTIN_POLICY_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort()
}

const POLICY_ID = /^[a-z0-9][a-z0-9-]*$/

/**
 * Absolute path of the policy file `idOrFile` names: a built-in id (`aksu-2024`) names
 * src/policies/<id>.yaml unless a file of that name exists in `cwd`. Throws policy-not-found.
 */
export function policyFilePath(idOrFile: string, cwd: string = process.cwd()): string {
  // A shipped id always names the shipped policy, whatever files the working folder holds.
  const isId = POLICY_ID.test(idOrFile) && (builtinPolicyIds().includes(idOrFile) || !existsSync(resolve(cwd, idOrFile)))
  const file = isId ? join(BUILTIN_POLICY_DIR, `${idOrFile}.yaml`) : resolve(cwd, idOrFile)
  if (!existsSync(file)) throw new UsageError('policy-not-found', { policy: idOrFile, known: builtinPolicyIds().join(', ') })
  return file
}

/** `idOrFile` is a built-in id (`aksu-2024`) or a path to a policy YAML file. */
export function loadPolicy(idOrFile: string = DEFAULT_POLICY_ID, cwd: string = process.cwd()): Policy {
  const file = policyFilePath(idOrFile, cwd)
  const isId = file === join(BUILTIN_POLICY_DIR, `${idOrFile}.yaml`)
  let raw: unknown
  try {
    raw = parse(readPolicyText(file), { maxAliasCount: 50 })
  } catch (err) {
    throw new UsageError('policy-invalid', { policy: idOrFile, reason: firstLine(err) })
  }
  const parsed = policyFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UsageError('policy-invalid', { policy: idOrFile, reason: `${issue.path.join('.')}: ${issue.message}` })
  }
  const { id, name, notice, clauses, format: _format, examples: _examples, ...rest } = parsed.data
  const settings = new Map<string, SettingMeta>()
  const values = unwrapSettings(rest, '', settings) as PolicyValues
  for (const [key, s] of settings) {
    if (s.clause !== undefined && !(s.clause in clauses)) {
      throw new UsageError('policy-invalid', { policy: idOrFile, reason: `${key}: clause ${s.clause} is not in clauses` })
    }
  }
  let noticeText: string | undefined
  if (notice) {
    const noticeFile = join(dirname(file), notice)
    if (existsSync(noticeFile)) noticeText = readFileSync(noticeFile, 'utf8')
  }
  return {
    id,
    name,
    origin: isId ? idOrFile : basename(file),
    shipped: isId,
    clauses,
    noticeText,
    values,
    settings,
    calendar: new WorkCalendar(values.calendar),
  }
}

/** A policy is a few pages of YAML: read non-blocking and bounded (a FIFO or /dev/zero given by mistake). */
const MAX_POLICY_BYTES = 4 * 1024 * 1024
function readPolicyText(file: string): string {
  const read = readRegularFile(file, MAX_POLICY_BYTES)
  if (!read.ok) throw new Error(`${read.detail}`)
  if (read.sizeBytes > MAX_POLICY_BYTES) throw new Error(`over ${MAX_POLICY_BYTES} bytes`)
  return new TextDecoder().decode(read.bytes)
}

function isSetting(v: unknown): v is SettingMeta {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v
}

function unwrapSettings(node: unknown, prefix: string, out: Map<string, SettingMeta>): unknown {
  if (isSetting(node)) {
    out.set(prefix, node)
    return node.value
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, unwrapSettings(v, prefix ? `${prefix}.${k}` : k, out)]),
  )
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0]!
}
