import { compareCodePoints } from '../fs/package-fs.js'
import type { Lang } from '../rules/define-rule.js'
import type { Catalogue } from './catalogue.js'
import type { PackageReport } from './batch.js'
import type { Finding } from './finding.js'
import { renderJunitXml, type JunitCase, type JunitSuite } from './xml.js'

// JUnit XML for CI (GitLab, Jenkins): one <testsuite> per package, one <testcase> per rule, so a
// pipeline lists every rule of every package. A rule fails when it has an error finding; its
// warnings and notes go in <system-out>. A package that could not be checked is one <error>.
// No time or timestamp: the same input gives the same bytes.

const WORDS = {
  zh: { fix: '修改', where: '位置', clause: '依据', page: (n: number) => `第 ${n} 页`, package: '申报包', severity: { error: '错误', warning: '警告', info: '提示' } },
  en: { fix: 'fix', where: 'where', clause: 'clause', page: (n: number) => `page ${n}`, package: 'package', severity: { error: 'error', warning: 'warning', info: 'info' } },
}

export function renderJunit(packages: readonly PackageReport[], lang: Lang, catalogue: Catalogue): string {
  return renderJunitXml('zhicheng-check', packages.map((p) => suite(p, lang, catalogue)))
}

function suite(p: PackageReport, lang: Lang, catalogue: Catalogue): JunitSuite {
  // Jenkins and GitLab read a classname's dots as Java packages: "张三.zip" would be class "zip"
  // in package "张三". The suite keeps the real path; the classname has no dot to split at.
  const classname = p.package.replaceAll('.', '_')
  const properties = [...(p.policy !== null ? [['policy', p.policy] as const] : []), ...(p.today !== undefined ? [['today', p.today] as const] : [])]
  if (p.error !== undefined) {
    return { name: p.package, properties, cases: [{ name: WORDS[lang].package, classname, error: { message: p.error, type: 'package', body: p.error } }] }
  }
  const byRule = new Map<string, Finding[]>()
  for (const f of p.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f])
  const ids = [...catalogue.rules.map((r) => r.id), ...[...byRule.keys()].filter((id) => !catalogue.get(id)).sort(compareCodePoints)]
  const cases = ids.map((id): JunitCase => {
    const found = byRule.get(id) ?? []
    const errs = found.filter((f) => f.severity === 'error')
    const rest = found.filter((f) => f.severity !== 'error')
    return {
      name: id,
      classname,
      ...(errs.length > 0 ? { failure: { message: errs[0]!.message, type: id, body: errs.map((f) => describe(f, p, lang)).join('\n\n') } } : {}),
      ...(rest.length > 0 ? { systemOut: rest.map((f) => describe(f, p, lang)).join('\n\n') } : {}),
    }
  })
  return { name: p.package, properties, cases }
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
