import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { builtinPolicyIds, loadPolicy } from '../../src/policy/load.js'
import { UsageError } from '../../src/usage-error.js'
import { requires, SHARED_DIR } from '../helpers/requires.js'
import { tmpDir } from '../helpers/tmp-package.js'

const squash = (s: string) => s.replace(/\s+/g, '')

describe.for(builtinPolicyIds())('built-in policy %s', (id) => {
  const policy = loadPolicy(id)

  test('every clause quote is the notice\'s own words', () => {
    expect(policy.noticeText, 'the notice text ships beside the policy').toBeDefined()
    const notice = squash(policy.noticeText!)
    for (const [ref, quote] of Object.entries(policy.clauses)) {
      expect(notice.includes(squash(quote)), `clause ${ref}: "${quote.slice(0, 30)}…" is not in the notice`).toBe(true)
    }
  })

  test('settings that name a clause name one the policy quotes', () => {
    for (const [key, s] of policy.settings) if (s.clause) expect(policy.clauses, key).toHaveProperty([s.clause])
  })

  test('dates are in order: window, deadline, fee deadline, review, seniority cutoff', () => {
    const t = policy.values.timeline
    expect(t.window.start < t.window.end).toBe(true)
    expect(t.deadline >= t.window.start).toBe(true)
    expect(t.fee_deadline >= t.deadline).toBe(true)
    expect(t.review_period.start <= t.review_period.end).toBe(true)
    expect(policy.values.seniority.cutoff >= t.review_period.end).toBe(true)
  })
})

test.skipIf(!requires('team-notes'))('the shipped notice is the one in shared/', () => {
  expect(loadPolicy('aksu-2024').noticeText).toBe(readFileSync(join(SHARED_DIR, 'policy/aksu-2024-notice.txt'), 'utf8'))
})

describe('loading a policy file', () => {
  const source = readFileSync(new URL('../../src/policies/aksu-2024.yaml', import.meta.url), 'utf8')

  test('a policy file by path works like the built-in one', () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'mine.yaml'), source.replace('min_total_hours:\n    value: 90', 'min_total_hours:\n    value: 100'))
    const p = loadPolicy(join(dir, 'mine.yaml'))
    expect(p.values.continuing_education.min_total_hours).toBe(100)
    expect(p.settings.get('continuing_education.min_total_hours')).toMatchObject({ value: 100, clause: '四（五）' })
  })

  test.for([
    ['not YAML', '{ id: [', /policy-invalid/],
    ['a value of the wrong type', source.replace('min_total_hours:\n    value: 90', 'min_total_hours:\n    value: ninety'), /continuing_education\.min_total_hours\.value/],
    ['a clause that is not quoted', source.replace('clause: 四（五）', 'clause: 九（九）'), /clause 九（九） is not in clauses/],
    ['an unknown section', `${source}\nsurprise: { value: 1 }\n`, /policy-invalid/],
  ])('%s is a UsageError with one line', ([, text, pattern]) => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'bad.yaml'), text as string)
    try {
      loadPolicy(join(dir, 'bad.yaml'))
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError)
      expect(`${(err as UsageError).code} ${JSON.stringify((err as UsageError).data)}`).toMatch(pattern as RegExp)
    }
  })

  test('an unknown id lists the known ones', () => {
    try {
      loadPolicy('aksu-1999')
      expect.unreachable()
    } catch (err) {
      expect((err as UsageError).code).toBe('policy-not-found')
      expect((err as UsageError).data.known).toContain('aksu-2024')
    }
  })
})
