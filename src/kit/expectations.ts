import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type YAMLSeq } from 'yaml'
import { isIsoDate } from '../policy/dates.js'
import type { Finding } from '../report/finding.js'
import { RETIRED_RULES, findRule } from '../rules/index.js'

// What an example package promises (its expected.yaml, and `# expect: rule.id` marks at the end of
// the manifest lines that trigger a finding), and how a run is held against it. One implementation
// for `policy test` and test/examples.test.ts. Differences are data, worded by the reporter.

export const EXPECTED_FILE = 'expected.yaml'

export interface Expected {
  /** One sentence: why this package exists. */
  description: string
  /** The `--today` the expectations hold on. */
  today: string
  exit: 0 | 1
  must_fire: string[]
  must_not_fire: string[]
  /** Text each rule's findings must carry (in message or fix), e.g. a did-you-mean. */
  must_mention?: Record<string, string[]>
  /** Optional: the full list of rules that fire, no more, no fewer. */
  fires_exactly?: string[]
  /**
   * false only when written `exact: false`. By default must_fire is the full list of the error and
   * warning rules that fire (infos may be listed or not): a policy edit that adds an error or a
   * warning fails the example even where must_not_fire does not name it. `exact: false` opts out,
   * for an example about one rule whose other findings are not its point.
   */
  exact?: false
}

const KEYS = ['description', 'today', 'exit', 'exact', 'must_fire', 'must_not_fire', 'must_mention', 'fires_exactly'] as const

/** The severities every exact example lists in full. */
const LISTED_SEVERITIES: ReadonlyArray<Finding['severity']> = ['error', 'warning']

/** By default an example lists every error and warning rule that fires. */
export const isExact = (e: Expected): boolean => e.exact !== false
const RULE_ID = /^[a-z]+\.[a-z][a-z-]*$/

export interface ExpectMark {
  line: number
  rule: string
}

/** `# expect: a.b, c.d` at the end of a manifest line: those rules must report on that line. */
export function expectMarks(manifestText: string): ExpectMark[] {
  return manifestText.split(/\r?\n/).flatMap((l, i) => {
    const m = /#\s*expect:\s*([^#]*)$/.exec(l)
    return m ? m[1]!.split(/[\s,]+/).filter(Boolean).map((rule) => ({ line: i + 1, rule })) : []
  })
}

/** A fault of expected.yaml itself (or of its marks): the package cannot pass until it is fixed. */
export type ShapeProblem =
  | { code: 'not-yaml'; reason: string }
  | { code: 'not-a-map' }
  | { code: 'unknown-key'; key: string }
  | { code: 'no-description' }
  | { code: 'bad-today'; value: string }
  | { code: 'bad-exit'; value: string }
  | { code: 'bad-exact'; value: string }
  | { code: 'not-a-list'; key: string }
  | { code: 'bad-rule-id'; key: string; rule: string }
  | { code: 'unknown-rule'; key: string; rule: string }
  | { code: 'in-both'; rule: string }
  /** fires_exactly leaves out a rule of must_fire, or names one of must_not_fire. */
  | { code: 'exactly-conflict'; key: 'must_fire' | 'must_not_fire'; rule: string }
  | { code: 'duplicate'; key: string; rule: string }
  | { code: 'mark-not-in-must-fire'; rule: string; line: number }
  | { code: 'mention-not-in-must-fire'; rule: string }

export type Difference =
  | { kind: 'shape'; problem: ShapeProblem }
  /** The exit code differs; `rules` are the error rules that fired (why it is 1), if any. */
  | { kind: 'exit'; expected: number; actual: number; rules: string[] }
  /** A rule of must_fire (or fires_exactly) did not fire. */
  | { kind: 'not-fired'; rule: string; list: 'must_fire' | 'fires_exactly' }
  /** A rule of must_not_fire fired (or, with fires_exactly, a rule not in it). */
  | { kind: 'fired'; rule: string; list: 'must_not_fire' | 'fires_exactly'; findings: FindingBrief[] }
  /** An error or warning rule fired that must_fire does not list (an exact example, the default). */
  | { kind: 'unlisted'; rule: string; severity: 'error' | 'warning'; findings: FindingBrief[] }
  | { kind: 'mark-missing'; rule: string; line: number; lines: number[] }
  | { kind: 'mark-stray'; rule: string; line: number; finding: string }
  | { kind: 'mention'; rule: string; text: string }

export interface FindingBrief {
  message: string
  file?: string
  line?: number
}

/** What a run of the package gave. */
export interface Outcome {
  exit: number
  findings: Finding[]
}

export interface ParsedExpected {
  /** Present when the file is usable (shape problems may still be listed). */
  expected?: Expected
  problems: ShapeProblem[]
}

/** Parses expected.yaml and checks its shape against itself, the rule registry and the marks. */
export function parseExpected(text: string, marks: ExpectMark[] = []): ParsedExpected {
  let raw: unknown
  try {
    raw = parse(text)
  } catch (err) {
    return { problems: [{ code: 'not-yaml', reason: String(err instanceof Error ? err.message : err).split('\n')[0]! }] }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: [{ code: 'not-a-map' }] }
  const r = raw as Record<string, unknown>
  const problems: ShapeProblem[] = []
  for (const key of Object.keys(r)) if (!(KEYS as readonly string[]).includes(key)) problems.push({ code: 'unknown-key', key })
  if (typeof r.description !== 'string' || r.description.trim() === '') problems.push({ code: 'no-description' })
  // yaml reads an unquoted 2024-08-05 as a string (core schema): keep it that way.
  if (typeof r.today !== 'string' || !isIsoDate(r.today)) problems.push({ code: 'bad-today', value: String(r.today) })
  if (r.exit !== 0 && r.exit !== 1) problems.push({ code: 'bad-exit', value: String(r.exit) })
  if (r.exact !== undefined && typeof r.exact !== 'boolean') problems.push({ code: 'bad-exact', value: String(r.exact) })
  const list = (key: string, required: boolean): string[] | undefined => {
    const v = r[key]
    if (v === undefined && !required) return undefined
    if (!Array.isArray(v)) {
      problems.push({ code: 'not-a-list', key })
      return []
    }
    const ids = v.map(String)
    for (const rule of ids) problems.push(...ruleIdProblems(key, rule))
    const seen = new Set<string>()
    for (const rule of ids) {
      if (seen.has(rule)) problems.push({ code: 'duplicate', key, rule })
      seen.add(rule)
    }
    return ids
  }
  const mustFire = list('must_fire', true)!
  const mustNotFire = list('must_not_fire', true)!
  const firesExactly = list('fires_exactly', false)
  for (const rule of mustFire) if (mustNotFire.includes(rule)) problems.push({ code: 'in-both', rule })
  if (firesExactly) {
    for (const rule of mustFire) if (!firesExactly.includes(rule)) problems.push({ code: 'exactly-conflict', key: 'must_fire', rule })
    for (const rule of mustNotFire) if (firesExactly.includes(rule)) problems.push({ code: 'exactly-conflict', key: 'must_not_fire', rule })
  }
  let mustMention: Record<string, string[]> | undefined
  if (r.must_mention !== undefined) {
    if (typeof r.must_mention !== 'object' || r.must_mention === null || Array.isArray(r.must_mention)) {
      problems.push({ code: 'not-a-list', key: 'must_mention' })
    } else {
      mustMention = {}
      for (const [rule, texts] of Object.entries(r.must_mention as Record<string, unknown>)) {
        problems.push(...ruleIdProblems('must_mention', rule))
        if (!mustFire.includes(rule)) problems.push({ code: 'mention-not-in-must-fire', rule })
        if (!Array.isArray(texts)) problems.push({ code: 'not-a-list', key: `must_mention.${rule}` })
        mustMention[rule] = Array.isArray(texts) ? texts.map(String) : []
      }
    }
  }
  for (const m of marks) if (!mustFire.includes(m.rule)) problems.push({ code: 'mark-not-in-must-fire', rule: m.rule, line: m.line })
  const expected: Expected = {
    description: String(r.description ?? ''),
    today: String(r.today ?? ''),
    exit: r.exit === 1 ? 1 : 0,
    must_fire: mustFire,
    must_not_fire: mustNotFire,
    ...(mustMention ? { must_mention: mustMention } : {}),
    ...(firesExactly ? { fires_exactly: firesExactly } : {}),
    ...(r.exact === false ? { exact: false as const } : {}),
  }
  // Without a date or an exit code the run cannot be judged.
  const usable = !problems.some((p) => p.code === 'bad-today' || p.code === 'bad-exit')
  return { ...(usable ? { expected } : {}), problems }
}

function ruleIdProblems(key: string, rule: string): ShapeProblem[] {
  if (!RULE_ID.test(rule)) return [{ code: 'bad-rule-id', key, rule }]
  // must_not_fire may name catalogue rules not built yet (RULES.md's pending ones), so only a
  // well-formed id is asked of it; a rule that must fire, or be mentioned, must exist.
  if (key !== 'must_not_fire' && !findRule(rule) && !RETIRED_RULES.includes(rule)) return [{ code: 'unknown-rule', key, rule }]
  return []
}

/** Every way the outcome differs from the expectations, in a fixed order. */
export function compareExpectations(expected: Expected, marks: ExpectMark[], outcome: Outcome): Difference[] {
  const { findings } = outcome
  const fired = new Set(findings.map((f) => f.rule))
  const brief = (rule: string): FindingBrief[] =>
    findings
      .filter((f) => f.rule === rule)
      .map((f) => ({ message: f.message, ...(f.file !== undefined ? { file: f.file } : {}), ...(f.line !== undefined ? { line: f.line } : {}) }))
  const diffs: Difference[] = []
  if (outcome.exit !== expected.exit) {
    const errors = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort()
    diffs.push({ kind: 'exit', expected: expected.exit, actual: outcome.exit, rules: errors })
  }
  for (const rule of expected.must_fire) if (!fired.has(rule)) diffs.push({ kind: 'not-fired', rule, list: 'must_fire' })
  for (const rule of expected.must_not_fire) if (fired.has(rule)) diffs.push({ kind: 'fired', rule, list: 'must_not_fire', findings: brief(rule) })
  if (expected.fires_exactly) {
    const exactly = new Set(expected.fires_exactly)
    for (const rule of expected.fires_exactly) {
      if (!fired.has(rule) && !expected.must_fire.includes(rule)) diffs.push({ kind: 'not-fired', rule, list: 'fires_exactly' })
    }
    for (const rule of [...fired].sort()) {
      if (!exactly.has(rule) && !expected.must_not_fire.includes(rule)) diffs.push({ kind: 'fired', rule, list: 'fires_exactly', findings: brief(rule) })
    }
  }
  if (isExact(expected) && !expected.fires_exactly) {
    for (const rule of unlistedRules(expected, findings)) {
      const severity = findings.find((f) => f.rule === rule && f.severity !== 'info')!.severity as 'error' | 'warning'
      diffs.push({ kind: 'unlisted', rule, severity, findings: brief(rule) })
    }
  }
  for (const m of marks) {
    const lines = findings.filter((f) => f.rule === m.rule && f.line !== undefined).map((f) => f.line!)
    if (!lines.includes(m.line)) diffs.push({ kind: 'mark-missing', rule: m.rule, line: m.line, lines })
  }
  const marked = new Set(marks.map((m) => m.rule))
  for (const f of findings) {
    if (!marked.has(f.rule) || f.line === undefined) continue
    if (!marks.some((m) => m.rule === f.rule && m.line === f.line)) diffs.push({ kind: 'mark-stray', rule: f.rule, line: f.line, finding: f.message })
  }
  for (const [rule, texts] of Object.entries(expected.must_mention ?? {})) {
    const words = findings.filter((f) => f.rule === rule).map((f) => `${f.message} / ${f.fix}`)
    for (const text of texts) if (!words.some((w) => w.includes(text))) diffs.push({ kind: 'mention', rule, text })
  }
  return diffs
}

/**
 * Error and warning rules that fired and that neither must_fire nor must_not_fire names (a rule
 * of must_not_fire that fires is already that list's difference), sorted.
 */
function unlistedRules(expected: Expected, findings: Finding[]): string[] {
  const listed = new Set([...expected.must_fire, ...expected.must_not_fire])
  const rules = findings.filter((f) => LISTED_SEVERITIES.includes(f.severity) && !listed.has(f.rule)).map((f) => f.rule)
  return [...new Set(rules)].sort()
}

/** The rule ids a difference is about (for summaries: "which rules flipped"). */
export function differenceRules(d: Difference): string[] {
  switch (d.kind) {
    case 'shape':
      return 'rule' in d.problem ? [d.problem.rule] : []
    case 'exit':
      return d.rules
    default:
      return [d.rule]
  }
}

export interface UpdateResult {
  text: string
  changed: boolean
  /** Differences an update cannot settle: they need the manifest (marks) or a person (mentions). */
  remaining: Difference[]
}

/**
 * expected.yaml rewritten to match the outcome, after a deliberate change. A rule that fired
 * against must_not_fire moves to must_fire, one of must_fire that no longer fires moves to
 * must_not_fire, `exit` takes the new code (when it changes, the error rules that now fire and are
 * in neither list join must_fire, so the file says why), and fires_exactly, when present, becomes
 * the rules that fired; an exact example (the default) gets every error and warning rule that fired
 * in must_fire (its full set). Only those values are rewritten, in place (node ranges from the yaml
 * Document API): comments, description and layout stay as written. The manifest's `# expect:`
 * marks are never touched: a difference there remains, for a person to settle.
 */
export function updateExpectedText(text: string, marks: ExpectMark[], outcome: Outcome): UpdateResult {
  const parsed = parseExpected(text, marks)
  if (!parsed.expected) return { text, changed: false, remaining: parsed.problems.map((problem) => ({ kind: 'shape', problem })) }
  const e = parsed.expected
  const fired = new Set(outcome.findings.map((f) => f.rule))
  const nowFiring = e.must_not_fire.filter((r) => fired.has(r))
  const noLongerFiring = e.must_fire.filter((r) => !fired.has(r))
  const listed = new Set([...e.must_fire, ...e.must_not_fire])
  const explainExit =
    outcome.exit !== e.exit
      ? [...new Set(outcome.findings.filter((f) => f.severity === 'error' && !listed.has(f.rule)).map((f) => f.rule))].sort()
      : []
  // An exact example (the default) lists every error and warning rule that fires.
  const unlisted = isExact(e) ? unlistedRules(e, outcome.findings) : []
  const mustFire = [...new Set([...e.must_fire.filter((r) => fired.has(r)), ...nowFiring, ...explainExit, ...unlisted])]
  const mustNotFire = [...new Set([...e.must_not_fire.filter((r) => !fired.has(r)), ...noLongerFiring])]
  const firesExactly = e.fires_exactly ? [...fired].sort() : undefined

  let out = text
  const doc = parseDocument(text)
  const staleMentions = noLongerFiring.filter((r) => e.must_mention?.[r])
  if (staleMentions.length > 0) {
    // A must_mention of a rule that no longer fires would be a shape problem: drop it. This one
    // edit goes through the Document (comments kept, layout may be reflowed).
    for (const rule of staleMentions) doc.deleteIn(['must_mention', rule])
    const mentions = doc.get('must_mention')
    if (isMap(mentions) && mentions.items.length === 0) doc.delete('must_mention')
    setList(doc, 'must_fire', mustFire)
    setList(doc, 'must_not_fire', mustNotFire)
    if (firesExactly) setList(doc, 'fires_exactly', firesExactly)
    doc.set('exit', outcome.exit)
    out = doc.toString({ lineWidth: 0, flowCollectionPadding: false })
  } else {
    out = editList(out, 'must_fire', mustFire)
    out = editList(out, 'must_not_fire', mustNotFire)
    if (firesExactly) out = editList(out, 'fires_exactly', firesExactly)
    if (outcome.exit !== e.exit) {
      const node = parseDocument(out).get('exit', true)
      if (isScalar(node) && node.range) out = out.slice(0, node.range[0]) + String(outcome.exit) + out.slice(node.range[1])
    }
  }
  const changed = out !== text
  const after = parseExpected(out, marks)
  const remaining = [
    ...after.problems.map((problem): Difference => ({ kind: 'shape', problem })),
    ...(after.expected ? compareExpectations(after.expected, marks, outcome) : []),
  ]
  return { text: out, changed, remaining }
}

type Range = [number, number, number]
const WIDTH = 110

/**
 * Makes the list `key` hold `ids` by editing its text: items to drop are cut out with their
 * comma, new ones go before the closing bracket, and every other line stays as written (the
 * examples group their lists by area, one line each). One edit at a time, re-reading between.
 */
function editList(text: string, key: string, ids: string[]): string {
  const nodeOf = (t: string) => parseDocument(t).get(key, true) as (YAMLSeq & { range?: Range; flow?: boolean }) | undefined
  const first = nodeOf(text)
  if (!isSeq(first) || !first.range) return text
  const current = () => (nodeOf(text)!.items as Array<{ value: unknown }>).map((i) => String(i.value))
  if (!first.flow) {
    // A block list (`- id` lines) is rewritten whole, as a flow list in its place.
    const [start, end] = first.range
    return text.slice(0, start) + flowList(ids, start - lineStart(text, start)) + text.slice(end)
  }
  for (let guard = 0; guard < 1000; guard++) {
    const have = current()
    const drop = have.findIndex((id) => !ids.includes(id))
    if (drop < 0) break
    const items = nodeOf(text)!.items as Array<{ range: Range }>
    const [s, e] = items[drop]!.range
    const prev = items[drop - 1]?.range
    const next = items[drop + 1]?.range
    const sameLine = (a: number, b: number) => !text.slice(a, b).includes('\n')
    if (next && sameLine(s, next[0])) text = text.slice(0, s) + text.slice(next[0])
    else if (prev && sameLine(prev[1], e)) text = text.slice(0, prev[1]) + text.slice(e)
    else if (prev && next) text = text.slice(0, lineStart(text, s)) + text.slice(lineStart(text, next[0]))
    else if (prev) text = text.slice(0, prev[1]) + text.slice(e)
    else text = text.slice(0, s) + text.slice(e)
  }
  for (const id of ids.filter((x) => !current().includes(x))) {
    const node = nodeOf(text)!
    const close = text.lastIndexOf(']', node.range![1])
    const empty = node.items.length === 0
    const before = text.slice(0, close).replace(/[ \t]+$/, '')
    const column = before.length - lineStart(before, before.length)
    const piece = empty ? id : column + id.length + 2 > WIDTH ? `,\n  ${id}` : `, ${id}`
    text = before + piece + text.slice(close)
  }
  return text
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1
}

/** `[a, b, c]`, wrapped before column 110 with a two-space indent, as the examples are written. */
function flowList(ids: string[], column: number): string {
  let out = '['
  let col = column + 1
  ids.forEach((id, i) => {
    const item = id + (i < ids.length - 1 ? ',' : '')
    const piece = i === 0 ? item : ` ${item}`
    if (i > 0 && col + piece.length > WIDTH) {
      out += `\n  ${item}`
      col = 2 + item.length
    } else {
      out += piece
      col += piece.length
    }
  })
  return `${out}]`
}

/** Sets a list in place: items kept keep their node (and comments), new ones are appended. */
function setList(doc: Document, key: string, ids: string[]): void {
  const node = doc.get(key, true)
  if (!isSeq(node)) {
    doc.set(key, doc.createNode(ids, { flow: true }))
    return
  }
  const seq = node as YAMLSeq
  seq.items = seq.items.filter((item) => isScalar(item) && ids.includes(String(item.value)))
  const have = new Set(seq.items.map((item) => String((item as { value: unknown }).value)))
  for (const id of ids) if (!have.has(id)) seq.items.push(doc.createNode(id))
}
