import type { Lang, Severity } from '../rules/define-rule.js'
import { RULES } from '../rules/index.js'
import type { PackageReport } from './batch.js'
import type { Finding } from './finding.js'

// SARIF 2.1.0 for code-scanning tools: one run, every rule as a reportingDescriptor, one result
// per finding pointing at the file (and page) or at the manifest line and column. URIs are
// relative (to the working folder for `check`, to ROOT for `batch`) and percent-encoded: reports
// hold no absolute path. A package that could not be checked is a tool execution notification.

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' }
const WORDS = {
  zh: { fix: '修改：', page: (n: number) => `第 ${n} 页` },
  en: { fix: 'Fix: ', page: (n: number) => `page ${n}` },
}

export interface SarifOptions {
  lang: Lang
  version: string
}

export function renderSarif(packages: readonly PackageReport[], opts: SarifOptions): string {
  const w = WORDS[opts.lang]
  const rules = [...RULES.map((r) => r.id)]
  for (const p of packages) for (const f of p.findings) if (!rules.includes(f.rule)) rules.push(f.rule)
  const descriptors = rules.map((id) => {
    const r = RULES.find((x) => x.id === id)
    return {
      id,
      ...(r
        ? {
            shortDescription: { text: r.description[opts.lang] },
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
      message: { text: `${f.message}\n${w.fix}${f.fix}` },
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
