import { parse } from 'yaml'
import { isIsoDate } from '../policy/dates.js'
import { z } from '../util/zod.js'
import type { Finding } from '../report/finding.js'
import { renderValue } from '../report/render-message.js'
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
  /**
   * Text each rule's findings must carry, e.g. a did-you-mean: in the zh message or fix (what the
   * applicant reads), or in one of the finding's data values (in either language).
   */
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

const ruleId = z.string().regex(RULE_ID)

/**
 * The shape of expected.yaml, checked with zod like every other input (the manifest, the policy,
 * the facts cache). A rule id must be written as one; whether the rule exists, duplicates and
 * contradictions between the lists are checked after it (parseExpected).
 */
export const expectedSchema = z
  .object({
    description: z.string().trim().min(1),
    // yaml reads an unquoted 2024-08-05 as a string (core schema): keep it that way.
    today: z.string().refine(isIsoDate),
    exit: z.union([z.literal(0), z.literal(1)]),
    exact: z.boolean().optional(),
    must_fire: z.array(ruleId),
    must_not_fire: z.array(ruleId),
    must_mention: z.record(z.string(), z.array(z.unknown())).optional(),
    fires_exactly: z.array(ruleId).optional(),
  })
  .strict()

/** A zod issue of expected.yaml as the kit's shape problem (worded by kit/words.ts). */
function shapeProblem(issue: z.core.$ZodIssue, r: Record<string, unknown>): ShapeProblem[] {
  const [key, index] = issue.path as Array<string | number | undefined>
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ code: 'unknown-key', key: k }))
  switch (key) {
    case 'description':
      return [{ code: 'no-description' }]
    case 'today':
      return [{ code: 'bad-today', value: String(r.today) }]
    case 'exit':
      return [{ code: 'bad-exit', value: String(r.exit) }]
    case 'exact':
      return [{ code: 'bad-exact', value: String(r.exact) }]
    case 'must_mention':
      return [{ code: 'not-a-list', key: index === undefined ? 'must_mention' : `must_mention.${index}` }]
    default:
      // A list that is not one, or an item that is not a rule id.
      return index === undefined ? [{ code: 'not-a-list', key: String(key) }] : [{ code: 'bad-rule-id', key: String(key), rule: String((r[String(key)] as unknown[])[index as number]) }]
  }
}

/** Parses expected.yaml and checks its shape (zod), then against the rule registry and the marks. */
export function parseExpected(text: string, marks: ExpectMark[] = []): ParsedExpected {
  let raw: unknown
  try {
    raw = parse(text)
  } catch (err) {
    return { problems: [{ code: 'not-yaml', reason: String(err instanceof Error ? err.message : err).split('\n')[0]! }] }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: [{ code: 'not-a-map' }] }
  const checked = expectedSchema.safeParse(raw)
  const r = raw as Record<string, unknown>
  // Unknown keys first, then in the schema's order.
  const issues = checked.success ? [] : checked.error.issues
  const problems: ShapeProblem[] = [...issues.filter((i) => i.code === 'unrecognized_keys'), ...issues.filter((i) => i.code !== 'unrecognized_keys')].flatMap((i) =>
    shapeProblem(i, r),
  )
  // What can still be judged of a file with problems: lists as far as they are lists.
  const list = (key: string): string[] | undefined => (Array.isArray(r[key]) ? (r[key] as unknown[]).map(String) : r[key] === undefined ? undefined : [])
  const mustFire = list('must_fire') ?? []
  const mustNotFire = list('must_not_fire') ?? []
  const firesExactly = list('fires_exactly')
  for (const [key, ids] of [['must_fire', mustFire], ['must_not_fire', mustNotFire], ['fires_exactly', firesExactly ?? []]] as const) {
    const seen = new Set<string>()
    for (const rule of ids) {
      if (RULE_ID.test(rule)) problems.push(...ruleIdProblems(key, rule))
      if (seen.has(rule)) problems.push({ code: 'duplicate', key, rule })
      seen.add(rule)
    }
  }
  for (const rule of mustFire) if (mustNotFire.includes(rule)) problems.push({ code: 'in-both', rule })
  if (firesExactly) {
    for (const rule of mustFire) if (!firesExactly.includes(rule)) problems.push({ code: 'exactly-conflict', key: 'must_fire', rule })
    for (const rule of mustNotFire) if (firesExactly.includes(rule)) problems.push({ code: 'exactly-conflict', key: 'must_not_fire', rule })
  }
  let mustMention: Record<string, string[]> | undefined
  const mentions = r.must_mention
  if (typeof mentions === 'object' && mentions !== null && !Array.isArray(mentions)) {
    mustMention = {}
    for (const [rule, texts] of Object.entries(mentions as Record<string, unknown>)) {
      problems.push(...(RULE_ID.test(rule) ? ruleIdProblems('must_mention', rule) : [{ code: 'bad-rule-id' as const, key: 'must_mention', rule }]))
      if (!mustFire.includes(rule)) problems.push({ code: 'mention-not-in-must-fire', rule })
      mustMention[rule] = Array.isArray(texts) ? texts.map(String) : []
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

/** A well-formed id that names no rule: must_not_fire may (RULES.md's pending rules), the others may not. */
function ruleIdProblems(key: string, rule: string): ShapeProblem[] {
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
    const words = findings.filter((f) => f.rule === rule).map((f) => [f.message, f.fix, ...dataWords(f)].join(' / '))
    for (const text of texts) if (!words.some((w) => w.includes(text))) diffs.push({ kind: 'mention', rule, text })
  }
  return diffs
}

/**
 * A finding's data values in both languages: a mention is found there too, so an expectation
 * about a value (a did-you-mean, a file name) holds whatever the wording around it.
 */
function dataWords(f: Finding): string[] {
  return Object.values(f.data ?? {}).flatMap((v) => [...new Set([renderValue(v, 'zh'), renderValue(v, 'en')])])
}

/**
 * Error and warning rules that fired and that neither must_fire nor must_not_fire names (a rule
 * of must_not_fire that fires is already that list's difference), sorted.
 */
export function unlistedRules(expected: Expected, findings: Finding[]): string[] {
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
