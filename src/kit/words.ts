import type { ChalkInstance } from 'chalk'
import type { DiffResult, FindingChange } from './diff.js'
import type { NewResult } from './new.js'
import type { KitError } from './packages.js'
import type { TestResult } from './test.js'
import { differenceRules, type Difference, type FindingBrief, type ShapeProblem } from './expectations.js'
import type { LintProblem, LintResult } from './lint.js'
import type { ValueChange } from '../policy/diff.js'
import type { Lang, Text } from '../rules/define-rule.js'
import { fill } from '../report/render-message.js'
import { renderJunitXml, type JunitCase } from '../report/xml.js'
import WORDS from './words.json' with { type: 'json' }

// Words and formats for the policy regression kit: `policy test`, `diff`, `lint`, `new`, each
// as pretty text (zh / en), JSON and JUnit XML. Data in, string out; no clock, no absolute path
// beyond what the caller passes. The words themselves (every template, in zh and en, with its
// {placeholders}) are data: words.json, one table per command.

type Data = Record<string, string | number | ReadonlyArray<string | number>>
const t = (text: Text, lang: Lang, data: Data = {}) => fill(text[lang], data, lang)

/** Words a UsageError code and data (the CLI's templates), for a package that could not run. */
export type WordUsage = (code: string, data: Record<string, string | number>, lang: Lang) => string

const SHAPE: Record<ShapeProblem['code'], Text> = WORDS.shape

const DIFF = WORDS.diff

/** The first finding of a rule, with where it is: "第 12 行 …" or "file: …". */
function firstFinding(findings: FindingBrief[], lang: Lang): string {
  const first = findings[0]
  const where = first?.line !== undefined ? (lang === 'zh' ? `第 ${first.line} 行 ` : `line ${first.line}: `) : first?.file ? `${first.file}: ` : ''
  return `${where}${first?.message ?? ''}`
}

export function wordDifference(d: Difference, lang: Lang): string {
  switch (d.kind) {
    case 'shape':
      return t(SHAPE[d.problem.code], lang, d.problem as unknown as Data)
    case 'exit':
      return t(DIFF.exit, lang, d) + (d.rules.length > 0 ? t(DIFF.exitWhy, lang, { rules: d.rules }) : '')
    case 'not-fired':
      return t(DIFF.notFired, lang, d)
    case 'fired':
      return t(DIFF.fired, lang, { rule: d.rule, list: d.list, n: d.findings.length, first: firstFinding(d.findings, lang) })
    case 'unlisted':
      return t(DIFF.unlisted, lang, { rule: d.rule, severity: SEV[d.severity]![lang], n: d.findings.length, first: firstFinding(d.findings, lang) })
    case 'mark-missing':
      return t(DIFF.markMissing, lang, { rule: d.rule, line: d.line, lines: d.lines.length > 0 ? d.lines : DIFF.none[lang] })
    case 'mark-stray':
      return t(DIFF.markStray, lang, { rule: d.rule, line: d.line, finding: d.finding })
    case 'mention':
      return t(DIFF.mention, lang, d)
  }
}

const ERRORS = WORDS.errors

/** The head of every kit JSON report, in this key order. */
const envelope = (command: string, version: string) => ({ tool: 'zhicheng-check' as const, version, command })

export function wordPackageError(e: KitError, lang: Lang, wordUsage: WordUsage): string {
  if (e.kind === 'no-expected') return t(ERRORS['no-expected'], lang)
  if (e.kind === 'usage') return wordUsage(e.code, e.data, lang)
  return t(ERRORS.internal, lang, { message: e.message })
}

// ---------------------------------------------------------------------------------------------
// policy test

const TEST = WORDS.test

/** Rule ids named by the differences of failing packages, with how many packages each. */
function rulesInvolved(result: TestResult): Array<{ rule: string; packages: number }> {
  const count = new Map<string, number>()
  for (const p of result.packages) for (const rule of new Set(p.differences.flatMap(differenceRules))) count.set(rule, (count.get(rule) ?? 0) + 1)
  return [...count].map(([rule, packages]) => ({ rule, packages })).sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
}

/**
 * `rerun`: the command that was run, with --update, for the hint after a difference (the same
 * folders and policy, so it rewrites the expectations that differed and no others).
 */
export function renderTestPretty(result: TestResult, lang: Lang, c: ChalkInstance, wordUsage: WordUsage, rerun = 'zhicheng-check policy test --update'): string {
  const out: string[] = []
  const s = result.summary
  out.push(
    c.bold(t(TEST.header, lang, { id: result.policy.id, name: result.policy.name[lang], n: s.packages })) +
      (result.skipped > 0 ? c.dim(t(TEST.skipped, lang, { n: result.skipped })) : ''),
  )
  for (const p of result.packages) {
    const mark = p.status === 'pass' ? c.green('✔') : c.red('✘')
    out.push(`${mark} ${p.package}${p.updated ? c.dim(`  ${t(TEST.updated, lang)}`) : ''}`)
    if (p.error) out.push(`    ${wordPackageError(p.error, lang, wordUsage)}`)
    for (const d of p.differences) out.push(`    ${wordDifference(d, lang)}`)
  }
  out.push('')
  if (s.passed === s.packages) out.push(c.green(t(TEST.allPass, lang, { n: s.packages })))
  else {
    out.push(c.red(t(TEST.someFail, lang, { n: s.packages, passed: s.passed, failed: s.failed, errors: s.errors })))
    const rules = rulesInvolved(result)
    if (rules.length > 0) out.push(t(TEST.rules, lang, { rules: rules.map((r) => `${r.rule} (${r.packages})`) }))
  }
  if (s.updated > 0) out.push(t(TEST.updatedCount, lang, { n: s.updated }))
  else if (s.failed > 0) out.push(c.dim(t(TEST.update, lang, { command: rerun })))
  return `${out.join('\n')}\n`
}

export function renderTestJson(result: TestResult, lang: Lang, version: string, wordUsage: WordUsage): string {
  const json = {
    ...envelope('policy test', version),
    policy: result.policy.id,
    summary: { ...result.summary, skipped: result.skipped },
    rules: rulesInvolved(result),
    packages: result.packages.map((p) => ({
      package: p.package,
      status: p.status,
      ...(p.today ? { today: p.today } : {}),
      ...(p.updated ? { updated: true } : {}),
      ...(p.error ? { error: wordPackageError(p.error, lang, wordUsage) } : {}),
      differences: p.differences.map((d) => ({ ...d, rules: differenceRules(d), message: wordDifference(d, lang) })),
    })),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function renderTestJunit(result: TestResult, lang: Lang, wordUsage: WordUsage): string {
  const cases = result.packages.map((p): JunitCase => {
    const name = p.package
    const classname = result.policy.id
    if (p.error) return { name, classname, error: { message: wordPackageError(p.error, lang, wordUsage), type: 'error', body: '' } }
    if (p.differences.length === 0) return { name, classname }
    const lines = p.differences.map((d) => wordDifference(d, lang))
    const rules = [...new Set(p.differences.flatMap(differenceRules))]
    return { name, classname, failure: { message: lines[0]!, type: rules.join(' ') || 'expectations', body: lines.join('\n') } }
  })
  return renderJunitXml(`zhicheng-check policy test ${result.policy.id}`, [{ name: result.policy.id, cases }])
}

// ---------------------------------------------------------------------------------------------
// policy diff

const DIFFP = WORDS.diffp

const SEV: Record<string, Text> = WORDS.severity

function show(v: unknown): string {
  if (v === null || v === undefined) return '—'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 120 ? `${s.slice(0, 119)}…` : s
}

export function wordValueChange(ch: ValueChange, lang: Lang): string {
  switch (ch.kind) {
    case 'changed':
      return `${ch.key}: ${show(ch.old)} → ${show(ch.new)}`
    case 'added':
      return `${ch.key}: ${lang === 'zh' ? '新增' : 'added'} ${show(ch.new)}`
    case 'removed':
      return `${ch.key}: ${lang === 'zh' ? '删去' : 'removed'} ${show(ch.old)}`
    case 'list': {
      const part = (sign: string, xs: unknown[]) => (xs.length === 0 ? [] : [`${sign}${xs.length > 6 ? `${xs.slice(0, 5).map(show).join(' ')} …（${xs.length}）` : xs.map(show).join(' ')}`])
      return `${ch.key}: ${[...part('+', ch.added), ...part('−', ch.removed)].join('  ')}`
    }
  }
}

function wordChange(ch: FindingChange, lang: Lang): string {
  const sign = { appeared: '+', disappeared: '−', reworded: '~' }[ch.kind]
  const where = [ch.file, ch.page !== undefined ? `p.${ch.page}` : undefined, ch.line !== undefined ? t(DIFFP.line, lang, { n: ch.line }) : undefined].filter(Boolean).join(' ')
  const base = `${sign} ${ch.rule}  ${t(SEV[ch.severity]!, lang)}${where ? `  ${where}` : ''}  ${ch.message}`
  return ch.kind === 'reworded' ? `${base}\n        ${t(DIFFP.was, lang)}${ch.oldMessage}` : base
}

function ruleParts(r: DiffResult['rules'][number], lang: Lang): string[] {
  return [
    ...(r.appeared ? [t(DIFFP.appearedIn, lang, { n: r.appeared })] : []),
    ...(r.disappeared ? [t(DIFFP.disappearedIn, lang, { n: r.disappeared })] : []),
    ...(r.reworded ? [t(DIFFP.rewordedIn, lang, { n: r.reworded })] : []),
  ]
}

export function renderDiffPretty(result: DiffResult, lang: Lang, c: ChalkInstance, wordUsage: WordUsage): string {
  const out: string[] = []
  out.push(c.bold(t(DIFFP.header, lang, { old: result.old.id, new: result.new.id })))
  out.push('')
  if (result.values.length === 0) out.push(t(DIFFP.noValues, lang))
  else {
    out.push(c.bold(t(DIFFP.values, lang, { n: result.values.length })))
    for (const ch of result.values) out.push(`  ${wordValueChange(ch, lang)}`)
  }
  out.push('')
  out.push(c.bold(t(DIFFP.packages, lang, { n: result.packages.length })))
  for (const p of result.packages) {
    const head = `  ${p.package}${p.today ? c.dim(` (${p.today})`) : ''}`
    if (p.error) {
      out.push(`${head}  ${c.red(wordPackageError(p.error, lang, wordUsage))}`)
      continue
    }
    const exit = p.oldExit !== p.newExit ? `  ${t(DIFFP.exit, lang, { old: p.oldExit!, new: p.newExit! })}` : ''
    if (p.changes.length === 0) {
      out.push(`${head}  ${c.dim(t(DIFFP.unchanged, lang))}`)
      continue
    }
    out.push(`${head}${exit}`)
    for (const ch of p.changes) {
      const line = `    ${wordChange(ch, lang)}`
      out.push(ch.kind === 'appeared' ? c.red(line) : ch.kind === 'disappeared' ? c.green(line) : c.dim(line))
    }
  }
  if (result.rules.length > 0) {
    out.push('')
    out.push(c.bold(t(DIFFP.rules, lang)))
    for (const r of result.rules) out.push(`  ${t(DIFFP.ruleLine, lang, { rule: r.rule, parts: ruleParts(r, lang) })}`)
  }
  out.push('')
  out.push(result.changed > 0 ? t(DIFFP.summary, lang, { changed: result.changed }) : t(DIFFP.summaryNone, lang))
  if (result.skipped > 0) out.push(c.dim(t(DIFFP.skipped, lang, { n: result.skipped })))
  return `${out.join('\n')}\n`
}

export function renderDiffJson(result: DiffResult, lang: Lang, version: string, wordUsage: WordUsage): string {
  const json = {
    ...envelope('policy diff', version),
    old: result.old.id,
    new: result.new.id,
    summary: { packages: result.packages.length, changed: result.changed, values: result.values.length, skipped: result.skipped },
    values: result.values,
    rules: result.rules,
    packages: result.packages.map((p) => ({
      package: p.package,
      ...(p.today ? { today: p.today } : {}),
      ...(p.oldExit !== undefined ? { exit: { old: p.oldExit, new: p.newExit } } : {}),
      ...(p.error ? { error: wordPackageError(p.error, lang, wordUsage) } : {}),
      changes: p.changes,
    })),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function renderDiffJunit(result: DiffResult, lang: Lang, wordUsage: WordUsage): string {
  const suite = `${result.old.id} → ${result.new.id}`
  const cases = result.packages.map((p): JunitCase => {
    const name = p.package
    if (p.error) return { name, classname: suite, error: { message: wordPackageError(p.error, lang, wordUsage), type: 'error', body: '' } }
    const flips = p.changes.filter((ch) => ch.kind !== 'reworded')
    if (flips.length === 0) return { name, classname: suite }
    const lines = flips.map((ch) => wordChange(ch, lang))
    return { name, classname: suite, failure: { message: lines[0]!, type: [...new Set(flips.map((f) => f.rule))].join(' '), body: lines.join('\n') } }
  })
  return renderJunitXml(`zhicheng-check policy diff ${suite}`, [{ name: suite, cases }])
}

// ---------------------------------------------------------------------------------------------
// policy lint

const LINT: Record<LintProblem['code'], Text> = WORDS.lint

const LINTP = WORDS.lintp

export function wordLintProblem(p: LintProblem, lang: Lang): string {
  return t(LINT[p.code], lang, p.data)
}

export function renderLintPretty(result: LintResult, shownFile: string, lang: Lang, c: ChalkInstance): string {
  if (result.problems.length === 0) return `${c.green('✔')} ${t(LINTP.ok, lang, { file: shownFile })}\n`
  const out = result.problems.map((p) => {
    const where = `${shownFile}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}`
    const sev = p.severity === 'error' ? c.red(t(SEV.error!, lang)) : c.yellow(t(SEV.warning!, lang))
    return `${where}  ${sev}  ${wordLintProblem(p, lang)}${p.key ? c.dim(`  [${p.key}]`) : ''}`
  })
  const errors = result.problems.filter((p) => p.severity === 'error').length
  out.push('', t(LINTP.counts, lang, { errors, warnings: result.problems.length - errors }))
  return `${out.join('\n')}\n`
}

export function renderLintJson(result: LintResult, shownFile: string, lang: Lang, version: string): string {
  const errors = result.problems.filter((p) => p.severity === 'error').length
  const json = {
    ...envelope('policy lint', version),
    file: shownFile,
    ...(result.id ? { policy: result.id } : {}),
    summary: { errors, warnings: result.problems.length - errors },
    problems: result.problems.map((p) => ({ ...p, message: wordLintProblem(p, lang) })),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

export function renderLintJunit(result: LintResult, shownFile: string, lang: Lang): string {
  const cases = result.problems.map((p): JunitCase => {
    const name = `${shownFile}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''} ${p.code}`
    const message = wordLintProblem(p, lang)
    // Warnings pass: they are listed as passing cases with the text in system-out.
    return p.severity === 'error' ? { name, classname: shownFile, failure: { message, type: p.code, body: message } } : { name, classname: shownFile, systemOut: message }
  })
  if (cases.length === 0) cases.push({ name: 'policy lint', classname: shownFile })
  return renderJunitXml(`zhicheng-check policy lint ${shownFile}`, [{ name: shownFile, cases }])
}

// ---------------------------------------------------------------------------------------------
// policy new

const NEW = WORDS.new

export function renderNewPretty(result: NewResult, shown: (abs: string) => string, lang: Lang): string {
  const out = [t(NEW.done, lang, { id: result.id, from: result.from.id })]
  out.push(`  ${shown(result.policyFile)}`)
  if (result.noticeFile) out.push(`  ${shown(result.noticeFile)}`)
  for (const p of result.packages) out.push(`  ${shown(p)}/`)
  out.push('', t(NEW.next, lang, { file: shown(result.policyFile) }))
  return `${out.join('\n')}\n`
}

export function renderNewJson(result: NewResult, shown: (abs: string) => string, version: string): string {
  const json = {
    ...envelope('policy new', version),
    from: result.from.id,
    policy: result.id,
    files: [shown(result.policyFile), ...(result.noticeFile ? [shown(result.noticeFile)] : [])],
    packages: result.packages.map(shown),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}
