import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Rule } from '../../src/rules/define-rule.js'
import { RULES } from '../../src/rules/index.js'

// Every message id of every rule is produced by at least one test case. Two mechanisms prove it,
// each inside the test file that holds the cases:
//  - a ruleCases table (test/helpers/rule-cases.ts) fails unless its fires and edge expectations
//    name every message id of the rule (and each case asserts that exactly those ids are produced);
//  - coverMessages(rules) (test/helpers/message-coverage.ts) records what the rules produce while
//    its file runs and fails after the file on a message id nothing produced.
// This test checks that every registered rule is under one of the two, so no rule (and no message
// the manifest schema or another rule makes impossible) can go unexercised.

const TEST_DIR = new URL('../', import.meta.url).pathname
const RULE_DIR = new URL('../../src/rules/', import.meta.url).pathname

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return testSources(p)
    return e.name.endsWith('.test.ts') ? [readFileSync(p, 'utf8')] : []
  })
}

/** Every exported rule (or list of rules) of src/rules and its folders, by its export name. */
async function exportedRules(): Promise<Map<string, Rule[]>> {
  const byName = new Map<string, Rule[]>()
  const ids = new Set(RULES.map((r) => r.id))
  const files = readdirSync(RULE_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  for (const file of files) {
    const mod: Record<string, unknown> = await import(join(RULE_DIR, file))
    for (const [name, value] of Object.entries(mod)) {
      const list = Array.isArray(value) ? value : [value]
      if (list.length > 0 && list.every((v) => typeof v === 'object' && v !== null && ids.has((v as Rule).id) && 'check' in v)) byName.set(name, list as Rule[])
    }
  }
  return byName
}

describe('message coverage', () => {
  test('every rule is table-tested (ruleCases) or covered by coverMessages in a test file', async () => {
    const byName = await exportedRules()
    const covered = new Set<string>()
    for (const src of testSources(TEST_DIR)) {
      for (const m of src.matchAll(/ruleCases\(\s*([A-Za-z_$][\w$]*)/g)) for (const r of byName.get(m[1]!) ?? []) covered.add(r.id)
      for (const m of src.matchAll(/coverMessages\(\s*(\[[^\]]*\]|[A-Za-z_$][\w$]*)/g)) {
        const names = m[1]!.startsWith('[') ? m[1]!.slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean) : [m[1]!]
        for (const n of names) for (const r of byName.get(n) ?? []) covered.add(r.id)
      }
    }
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id)), 'rules whose messages no test is made to produce').toEqual([])
  })

  test('the check itself finds rules: it is not vacuous', async () => {
    const byName = await exportedRules()
    expect(byName.get('timelineWindow')?.[0]?.id).toBe('timeline.window')
    expect(byName.get('scanPageRules')?.length).toBeGreaterThan(4)
    // A rule in a folder (src/rules/scan/) is found too.
    expect(byName.get('scanSameElsewhere')?.[0]?.id).toBe('scan.same-elsewhere')
  })
})
