import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import type { FileFacts } from '../../src/inspect/facts.js'
import { fileRefs } from '../../src/manifest/file-refs.js'
import { loadManifestText } from '../../src/manifest/load.js'
import { loadPolicy } from '../../src/policy/load.js'
import { ruleContext } from '../../src/rules/context.js'
import type { Fragment, Rule } from '../../src/rules/define-rule.js'
import { RULES } from '../../src/rules/index.js'
import { BASE_TODAY, baseManifest } from '../helpers/base-manifest.js'
import { mergeFragment } from '../helpers/fragment.js'

// Every rule shows `explain` readers a manifest fragment that triggers it and one that does not.
// Where the rule reads only the manifest, the fragments are checked here: merged into the clean
// base manifest, the failing one fires the rule and the passing one does not.

const texts = (f: Fragment) => (typeof f === 'string' ? [f] : [f.zh, f.en])

function run(rule: Rule, fragment: string, today: string) {
  const data = mergeFragment(baseManifest(), fragment)
  const manifest = loadManifestText(stringify(data))
  const policy = loadPolicy()
  const refs = fileRefs(manifest.raw)
  const facts = new Map<string, FileFacts>()
  const resolved = new Map<string, string>()
  for (const ref of refs) {
    resolved.set(ref.pointer, ref.path)
    facts.set(ref.path, { path: ref.path, exists: true, declaredExt: ref.path.split('.').at(-1)!.toLowerCase() })
  }
  const ctx = ruleContext({ manifest, policy, today, fileRefs: refs, facts, resolved })
  return { hits: rule.check(ctx), problems: manifest.problems }
}

describe('explain examples', () => {
  test('every rule has a failing and a passing fragment', () => {
    const without = RULES.filter((r) => !r.examples?.fail || !r.examples?.pass).map((r) => r.id)
    expect(without, 'rules without examples: { fail, pass } in their meta').toEqual([])
  })

  const manifestRules = RULES.filter((r) => r.examples && !r.examples.fromFiles)
  test.for(manifestRules.map((r) => [r.id, r] as const))('%s: the failing fragment fires, the passing one does not', ([, rule]) => {
    const ex = rule.examples!
    const today = ex.today ?? BASE_TODAY
    // The zh and en fragments differ only in their comments: both are checked.
    for (const fail of texts(ex.fail)) {
      const r = run(rule, fail, today)
      if (rule.id !== 'manifest.invalid') expect(r.problems, `${rule.id}: the failing fragment must be a valid manifest`).toEqual([])
      expect(r.hits.length, `${rule.id} must fire on:\n${fail}`).toBeGreaterThan(0)
    }
    for (const pass of texts(ex.pass)) {
      const r = run(rule, pass, ex.passToday ?? today)
      expect(r.problems, `${rule.id}: the passing fragment must be a valid manifest`).toEqual([])
      expect(r.hits, `${rule.id} must stay silent on:\n${pass}`).toEqual([])
    }
  })

  test('fragments are YAML', () => {
    for (const rule of RULES) {
      if (!rule.examples) continue
      for (const f of [...texts(rule.examples.fail), ...texts(rule.examples.pass)]) {
        expect(() => mergeFragment({}, f), `${rule.id}: ${f}`).not.toThrow()
      }
    }
  })
})
