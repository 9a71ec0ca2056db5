import { compareCodePoints } from '../fs/package-fs.js'
import type { Lang } from '../rules/define-rule.js'
import type { Catalogue } from './catalogue.js'
import type { PackageReport } from './batch.js'
import type { Finding } from './finding.js'

// JUnit XML for CI (GitLab, Jenkins): one <testsuite> per package, one <testcase> per rule, so a
// pipeline lists every rule of every package. A rule fails when it has an error finding; its
// warnings and notes go in <system-out>. A package that could not be checked is one <error>.
// No time or timestamp: the same input gives the same bytes.

const WORDS = {
  zh: { fix: '修改', where: '位置', clause: '依据', page: (n: number) => `第 ${n} 页`, package: '申报包', severity: { error: '错误', warning: '警告', info: '提示' } },
  en: { fix: 'fix', where: 'where', clause: 'clause', page: (n: number) => `page ${n}`, package: 'package', severity: { error: 'error', warning: 'warning', info: 'info' } },
}

export function renderJunit(packages: readonly PackageReport[], lang: Lang, catalogue: Catalogue): string {
  const suites = packages.map((p) => suite(p, lang, catalogue))
  const tests = suites.reduce((n, s) => n + s.tests, 0)
  const failures = suites.reduce((n, s) => n + s.failures, 0)
  const errors = suites.reduce((n, s) => n + s.errors, 0)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zhicheng-check" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n')
}

function suite(p: PackageReport, lang: Lang, catalogue: Catalogue): { xml: string; tests: number; failures: number; errors: number } {
  const name = attr(p.package)
  // Jenkins and GitLab read a classname's dots as Java packages: "张三.zip" would be class "zip"
  // in package "张三". The suite keeps the real path; the classname has no dot to split at.
  const classname = attr(p.package.replaceAll('.', '_'))
  if (p.error !== undefined) {
    const xml = [
      `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0">`,
      ...properties(p),
      `    <testcase name="${attr(WORDS[lang].package)}" classname="${classname}">`,
      `      <error message="${attr(p.error)}" type="package">${text(p.error)}</error>`,
      '    </testcase>',
      '  </testsuite>',
    ].join('\n')
    return { xml, tests: 1, failures: 0, errors: 1 }
  }
  const byRule = new Map<string, Finding[]>()
  for (const f of p.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f])
  const ids = [...catalogue.rules.map((r) => r.id), ...[...byRule.keys()].filter((id) => !catalogue.get(id)).sort(compareCodePoints)]
  let failures = 0
  const cases = ids.map((id) => {
    const found = byRule.get(id) ?? []
    const errs = found.filter((f) => f.severity === 'error')
    const rest = found.filter((f) => f.severity !== 'error')
    const lines = [`    <testcase name="${attr(id)}" classname="${classname}">`]
    if (errs.length > 0) {
      failures++
      lines.push(`      <failure message="${attr(errs[0]!.message)}" type="${attr(id)}">${text(errs.map((f) => describe(f, p, lang)).join('\n\n'))}</failure>`)
    }
    if (rest.length > 0) lines.push(`      <system-out>${text(rest.map((f) => describe(f, p, lang)).join('\n\n'))}</system-out>`)
    if (lines.length === 1) return `${lines[0]!.slice(0, -1)}/>`
    lines.push('    </testcase>')
    return lines.join('\n')
  })
  const xml = [`  <testsuite name="${name}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0">`, ...properties(p), ...cases, '  </testsuite>'].join('\n')
  return { xml, tests: ids.length, failures, errors: 0 }
}

/** The policy and the day the package was judged by, as suite properties (JUnit's own place for them). */
function properties(p: PackageReport): string[] {
  const props = [...(p.policy !== null ? [['policy', p.policy]] : []), ...(p.today !== undefined ? [['today', p.today]] : [])]
  if (props.length === 0) return []
  return ['    <properties>', ...props.map(([k, v]) => `      <property name="${attr(k!)}" value="${attr(v!)}"/>`), '    </properties>']
}

function describe(f: Finding, p: PackageReport, lang: Lang): string {
  const w = WORDS[lang]
  const where = [f.file && (f.page ? `${f.file} ${w.page(f.page)}` : f.file), f.line !== undefined && `${p.manifest ?? 'manifest.yaml'}:${f.line}:${f.column}`]
    .filter(Boolean)
    .join('  ')
  return [
    `[${w.severity[f.severity]}] ${f.message}`,
    `${w.fix}: ${f.fix}`,
    ...(where ? [`${w.where}: ${where}`] : []),
    ...(f.clause ? [`${w.clause}: ${f.clause}`] : []),
  ].join('\n')
}

/** Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

const text = xmlText
const attr = xmlAttr
