import type { Policy } from './load.js'

// What changed between two policies, value by value: the other half of `policy diff` (the first
// half being which findings flip on the example packages). Pure; worded by the reporter.

export type ValueChange =
  /** A scalar (or a whole list of non-scalars) that differs. */
  | { key: string; kind: 'changed'; old: unknown; new: unknown }
  /** A list of scalars: what left it and what joined it. */
  | { key: string; kind: 'list'; added: unknown[]; removed: unknown[] }
  | { key: string; kind: 'added'; new: unknown }
  | { key: string; kind: 'removed'; old: unknown }

/**
 * Changes from `a` to `b`: the name, the clause quotes (`clauses.四（五）`), every setting's value
 * walked down to its leaves (`timeline.window.start`, `calendar.holidays`) and the clause, source
 * and assumed marks of each setting (`continuing_education.years (clause)`). Sorted by key.
 */
export function diffPolicies(a: Policy, b: Policy): ValueChange[] {
  const out: ValueChange[] = []
  diffValue('name', a.name, b.name, out)
  diffValue('clauses', a.clauses, b.clauses, out, true)
  const keys = [...new Set([...a.settings.keys(), ...b.settings.keys()])]
  for (const key of keys) {
    const sa = a.settings.get(key)
    const sb = b.settings.get(key)
    if (!sa) {
      out.push({ key, kind: 'added', new: sb!.value })
      continue
    }
    if (!sb) {
      out.push({ key, kind: 'removed', old: sa.value })
      continue
    }
    diffValue(key, sa.value, sb.value, out)
    for (const meta of ['clause', 'source', 'assumed'] as const) {
      if (sa[meta] !== sb[meta]) out.push({ key: `${key} (${meta})`, kind: 'changed', old: sa[meta] ?? null, new: sb[meta] ?? null })
    }
  }
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v)

/** Same JSON whatever the key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** `flat`: one level only (clause quotes are compared whole, by clause). */
function diffValue(key: string, a: unknown, b: unknown, out: ValueChange[], flat = false): void {
  if (stableJson(a) === stableJson(b)) return
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      const sub = `${key}.${k}`
      if (!(k in a)) out.push({ key: sub, kind: 'added', new: b[k] })
      else if (!(k in b)) out.push({ key: sub, kind: 'removed', old: a[k] })
      else if (flat) {
        if (stableJson(a[k]) !== stableJson(b[k])) out.push({ key: sub, kind: 'changed', old: a[k], new: b[k] })
      } else diffValue(sub, a[k], b[k], out)
    }
    return
  }
  if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].every(isScalar)) {
    const inB = new Set(b.map(stableJson))
    const inA = new Set(a.map(stableJson))
    const removed = a.filter((x) => !inB.has(stableJson(x)))
    const added = b.filter((x) => !inA.has(stableJson(x)))
    // Same members in another order: a change of order is a change (grades are ranked by it).
    if (added.length === 0 && removed.length === 0) out.push({ key, kind: 'changed', old: a, new: b })
    else out.push({ key, kind: 'list', added, removed })
    return
  }
  out.push({ key, kind: 'changed', old: a, new: b })
}
