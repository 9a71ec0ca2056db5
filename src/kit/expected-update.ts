import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLSeq } from 'yaml'
import { compareExpectations, isExact, parseExpected, unlistedRules, type Difference, type ExpectMark, type Outcome } from './expectations.js'

// `policy test --update`: expected.yaml rewritten to match a run, in place, comments and layout kept.

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
