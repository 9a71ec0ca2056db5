import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import type { FileFacts, ScanFacts } from '../../src/inspect/facts.js'
import { fileRefs } from '../../src/manifest/file-refs.js'
import { loadManifestText } from '../../src/manifest/load.js'
import { loadPolicy, type Policy } from '../../src/policy/load.js'
import { renderHit, unfilledPlaceholders } from '../../src/report/render-message.js'
import { ruleContext } from '../../src/rules/context.js'
import type { Hit, Rule } from '../../src/rules/define-rule.js'
import { BASE_TODAY, baseManifest } from './base-manifest.js'

export interface CaseInput {
  /** Why this case exists. */
  name: string
  /** Dotted paths into the base manifest; `undefined` deletes the field. */
  set?: Record<string, unknown>
  today?: string
  /** Named files that do not exist. */
  missing?: string[]
  /** Package files (besides the named ones) for package.* rules. */
  extraFiles?: string[]
  /** Another policy (id or file), or edits to the default one's values. */
  policy?: string | ((p: Policy) => void)
  /** What inspection found in named files, by path (files without one have no scan facts). */
  scans?: Record<string, ScanFacts>
}

export interface ExpectedHit {
  messageId: string
  at?: string
  file?: string
  data?: Record<string, unknown>
}

export interface Cases {
  fires: Array<CaseInput & { expect: ExpectedHit[] }>
  silent: CaseInput[]
  edge: Array<CaseInput & { expect: ExpectedHit[] }>
}

export function applySet(data: Record<string, any>, set: Record<string, unknown> = {}): Record<string, any> {
  for (const [path, value] of Object.entries(set)) {
    const segs = path.split('.')
    let node = data
    for (const seg of segs.slice(0, -1)) {
      if (typeof node[seg] !== 'object' || node[seg] === null) node[seg] = {}
      node = node[seg]
    }
    const last = segs.at(-1)!
    if (value === undefined) delete node[last]
    else node[last] = value
  }
  return data
}

/** Runs one rule on the base manifest with a case's changes; the manifest must stay schema-valid. */
export function runRule(rule: Rule, input: Omit<CaseInput, 'name'> = {}): Hit[] {
  const data = applySet(baseManifest(), input.set)
  const manifest = loadManifestText(stringify(data))
  expect(manifest.problems, 'the case manifest must be valid').toEqual([])
  const policy = typeof input.policy === 'string' ? loadPolicy(input.policy) : loadPolicy()
  if (typeof input.policy === 'function') input.policy(policy)
  const refs = fileRefs(manifest.data)
  const facts = new Map<string, FileFacts>()
  const resolved = new Map<string, string>()
  for (const ref of refs) {
    resolved.set(ref.pointer, ref.path)
    const exists = !input.missing?.includes(ref.path)
    const ext = ref.path.split('.').at(-1)!.toLowerCase()
    const scan = exists ? input.scans?.[ref.path] : undefined
    facts.set(ref.path, { path: ref.path, exists, declaredExt: ext, ...(exists ? { sizeBytes: 50_000, sniffed: { ext, mime: ext === 'pdf' ? 'application/pdf' : `image/${ext}` } } : {}), ...(scan ? { scan } : {}) })
  }
  const ctx = ruleContext({
    manifest,
    policy,
    today: input.today ?? BASE_TODAY,
    fileRefs: refs,
    facts,
    packageFiles: [...new Set([...resolved.values(), ...(input.extraFiles ?? [])])].sort(),
    resolved,
  })
  const hits = rule.check(ctx)
  for (const hit of hits) {
    for (const lang of ['zh', 'en'] as const) {
      const { message, fix } = renderHit(rule, hit, lang)
      expect(unfilledPlaceholders(message + fix), `${rule.id}/${hit.messageId} (${lang}) has unfilled placeholders`).toEqual([])
    }
  }
  return hits
}

function pointerString(at: Hit['at']): string | undefined {
  return at === undefined ? undefined : typeof at === 'string' ? at : at.join('.')
}

/**
 * Table-driven tests for one rule, ESLint-style: it fires where it must, stays silent where it
 * must, and the edge cases say which way they go. The table itself is checked too.
 */
export function ruleCases(rule: Rule, cases: Cases): void {
  const names = [...cases.fires, ...cases.silent, ...cases.edge].map((c) => c.name)
  const dup = names.find((n, i) => names.indexOf(n) !== i)
  if (dup) throw new Error(`${rule.id}: duplicate case name "${dup}"`)
  if (cases.fires.length === 0 || cases.silent.length === 0 || cases.edge.length === 0) {
    throw new Error(`${rule.id}: needs at least one fires, one silent and one edge case`)
  }
  for (const c of [...cases.fires, ...cases.edge]) {
    for (const e of c.expect) {
      if (!(e.messageId in rule.messages)) throw new Error(`${rule.id}: case "${c.name}" expects unknown messageId ${e.messageId}`)
    }
  }
  for (const c of cases.fires) if (c.expect.length === 0) throw new Error(`${rule.id}: fires case "${c.name}" expects nothing`)

  const check = (c: CaseInput, expected: ExpectedHit[]) => {
    const hits = runRule(rule, c)
    expect(hits.map((h) => h.messageId), 'message ids').toEqual(expected.map((e) => e.messageId))
    expected.forEach((e, i) => {
      const hit = hits[i]!
      if (e.at !== undefined) expect(pointerString(hit.at)).toBe(e.at)
      if (e.file !== undefined) expect(hit.file).toBe(e.file)
      if (e.data !== undefined) expect(hit.data).toMatchObject(e.data)
    })
  }

  describe(rule.id, () => {
    // Every message the rule can say is said by some case (and the cases assert what is said), so a
    // message no input can reach shows up here: make it reachable or remove it.
    test('every message id is produced by a fires or edge case', () => {
      const produced = new Set([...cases.fires, ...cases.edge].flatMap((c) => c.expect.map((e) => e.messageId)))
      expect(Object.keys(rule.messages).filter((id) => !produced.has(id)), `${rule.id}: message ids no case produces`).toEqual([])
    })
    test.for(cases.fires.map((c) => [c.name, c] as const))('fires: %s', ([, c]) => check(c, c.expect))
    test.for(cases.silent.map((c) => [c.name, c] as const))('silent: %s', ([, c]) => check(c, []))
    test.for(cases.edge.map((c) => [c.name, c] as const))('edge: %s', ([, c]) => check(c, c.expect))
  })
}
