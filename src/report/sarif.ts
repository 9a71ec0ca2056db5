import type { Lang, Severity } from '../rules/define-rule.js'
import type { Catalogue } from './catalogue.js'
import { fixFor } from '../rules/define-rule.js'
import { renderValue } from './render-message.js'
import { ACCEPTED_NOTE } from './word.js'
import type { PackageReport } from './batch.js'
import type { Finding } from './finding.js'

// SARIF 2.1.0 for code-scanning tools: one run, every rule as a reportingDescriptor, one result
// per finding pointing at the file (and page) or at the manifest line and column. URIs are
// relative (to the working folder for `check`, to ROOT for `batch`) and percent-encoded: reports
// hold no absolute path. A package that could not be checked is a tool execution notification.
// Each rule's descriptor carries its messages as `messageStrings` ({0}, {1} … for the data), and
// each result names its string (`message.id`) with the data worded (`message.arguments`), beside
// the finished `message.text`: a viewer may word it either way and reads the same.

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' }
const WORDS = {
  zh: { fix: '修改：', page: (n: number) => `第 ${n} 页` },
  en: { fix: 'Fix: ', page: (n: number) => `page ${n}` },
}

export interface SarifOptions {
  lang: Lang
  version: string
  /** The rules' meta: the descriptors and their message strings. */
  catalogue: Catalogue
}

export function renderSarif(packages: readonly PackageReport[], opts: SarifOptions): string {
  const w = WORDS[opts.lang]
  const cat = opts.catalogue
  const rules = [...cat.rules.map((r) => r.id)]
  for (const p of packages) for (const f of p.findings) if (!rules.includes(f.rule)) rules.push(f.rule)
  const strings = new Map(rules.map((id) => [id, messageStrings(id, packages, opts)]))
  const descriptors = rules.map((id) => {
    const r = cat.get(id)
    return {
      id,
      ...(r
        ? {
            shortDescription: { text: r.description[opts.lang] },
            messageStrings: Object.fromEntries([...strings.get(id)!].map(([key, s]) => [key, { text: s.text }])),
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { area: r.area, ...(r.clause ? { clause: r.clause } : {}) },
          }
        : {}),
    }
  })
  const results = packages.flatMap((p) =>
    p.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: rules.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: `${f.message}\n${w.fix}${f.fix}`, ...messageRef(f, strings.get(f.rule)!, opts.lang) },
      locations: [primaryLocation(f, p, opts.lang)],
      ...(f.file && f.line !== undefined ? { relatedLocations: [{ id: 1, ...manifestLocation(f, p) }] } : {}),
      properties: { package: p.package, fix: f.fix, ...(f.clause ? { clause: f.clause } : {}), ...(f.page ? { page: f.page } : {}) },
    })),
  )
  const notifications = packages
    .filter((p) => p.error !== undefined)
    .map((p) => ({
      level: 'error' as const,
      message: { text: `${p.package}: ${p.error}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(p.package), uriBaseId: '%SRCROOT%' } } }],
    }))
  const policies = [...new Set(packages.map((p) => p.policy).filter((x): x is string => x !== null))]
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'zhicheng-check', version: opts.version, semanticVersion: opts.version, rules: descriptors } },
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
        // The day the findings were judged by (deadlines move with it): one for every package.
        properties: { policies, today: [...new Set(packages.flatMap((p) => (p.today !== undefined ? [p.today] : [])))].sort().join(',') },
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}

/** A message string: its text with {0}, {1} … and the data key each index stands for. */
interface MessageString {
  text: string
  keys: string[]
}

const PLACEHOLDER = /\{(\w+)\}/g
const ACCEPTED = '.accepted'

/**
 * SARIF's form of a template: `{key}` becomes `{i}`, keys numbered in order of first use across
 * the calls that share `keys`; a literal brace is doubled (SARIF 2.1.0 §3.11.5).
 */
function sarifString(template: string, keys: string[]): string {
  let out = ''
  let last = 0
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += braces(template.slice(last, m.index))
    if (!keys.includes(m[1]!)) keys.push(m[1]!)
    out += `{${keys.indexOf(m[1]!)}}`
    last = m.index + m[0].length
  }
  return out + braces(template.slice(last))
}

const braces = (text: string) => text.replace(/[{}]/g, (c) => c + c)

/**
 * A rule's message strings, by messageId: the message, a line break and the fix, as the result's
 * text is. A message some finding carries as accepted also has `<messageId>.accepted`: the message
 * with report/word's note of the acceptance, whose reason is one more argument.
 */
function messageStrings(id: string, packages: readonly PackageReport[], opts: SarifOptions): Map<string, MessageString> {
  const out = new Map<string, MessageString>()
  const rule = opts.catalogue.get(id)
  if (!rule) return out
  const lang = opts.lang
  const accepted = new Set(packages.flatMap((p) => p.findings.filter((f) => f.rule === id && f.accepted !== undefined && f.messageId).map((f) => f.messageId!)))
  const string = (message: string, fix: string): MessageString => {
    const keys: string[] = []
    const text = `${sarifString(message, keys)}\n${braces(WORDS[lang].fix)}${sarifString(fix, keys)}`
    return { text, keys }
  }
  for (const [messageId, message] of Object.entries(rule.messages)) {
    const fix = fixFor(rule, messageId)[lang]
    out.set(messageId, string(message[lang], fix))
    if (accepted.has(messageId)) out.set(`${messageId}${ACCEPTED}`, string(message[lang] + ACCEPTED_NOTE[lang], fix))
  }
  return out
}

/** `id` and `arguments` of a result's message, when its rule's strings hold its messageId. */
function messageRef(f: Finding, strings: ReadonlyMap<string, MessageString>, lang: Lang): { id?: string; arguments?: string[] } {
  if (!f.messageId || !f.data) return {}
  const id = f.accepted !== undefined ? `${f.messageId}${ACCEPTED}` : f.messageId
  const s = strings.get(id)
  if (!s) return {}
  const data = f.accepted !== undefined ? { ...f.data, accepted: f.accepted } : f.data
  return { id, arguments: s.keys.map((key) => (data[key] === undefined ? `{${key}}` : renderValue(data[key]!, lang))) }
}

function primaryLocation(f: Finding, p: PackageReport, lang: Lang) {
  if (f.file) {
    return {
      physicalLocation: { artifactLocation: { uri: uriOf(p.package, f.file), uriBaseId: '%SRCROOT%' } },
      ...(f.page ? { message: { text: WORDS[lang].page(f.page) }, properties: { page: f.page } } : {}),
    }
  }
  return manifestLocation(f, p)
}

function manifestLocation(f: Finding, p: PackageReport) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(p.package, p.manifest ?? 'manifest.yaml'), uriBaseId: '%SRCROOT%' },
      ...(f.line !== undefined ? { region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column ?? 1) } } : {}),
    },
  }
}

/** A relative URI reference: each path segment percent-encoded (Chinese names, spaces, #). */
export function uriOf(pkg: string, file?: string): string {
  const path = [pkg === '.' ? '' : pkg, file ?? ''].filter(Boolean).join('/')
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/')
}
