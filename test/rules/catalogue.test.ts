import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { loadPolicy } from '../../src/policy/load.js'
import { RETIRED_RULES, RULES } from '../../src/rules/index.js'

// The registry and the catalogue in shared/RULES.md must agree both ways, like markdownlint's
// README test. RULES.md lives beside the project (CI has it; a fresh clone may not).
const RULES_MD = new URL('../../../shared/RULES.md', import.meta.url)
const hasCatalogue = existsSync(RULES_MD)

/** Rules of the catalogue that later issues build; each names its issue. */
const PENDING: Record<string, string> = {}

/**
 * Rules the project added that RULES.md does not list ("add rules freely"), with their severity
 * and clause, so the registry is still checked against something both ways.
 */
const NOT_IN_CATALOGUE: Record<string, { severity: string; clause: string | null; why: string }> = {
  'timeline.future-date': { severity: 'warning', clause: '三', why: 'a date of something that has happened (submission, fee, title …) is after today: a typo, or a check as of the wrong day' },
  'timeline.policy-over': { severity: 'info', clause: '三（四）', why: 'a check run after the policy year (the default --today is the real date) says the report judges by that year' },
  'redaction.field-leak': { severity: 'error', clause: '四（一）3', why: 'issue 12: 所有填写内容 — free-text manifest values typed into the platform hold the name, employer, ID number, phone or e-mail' },
  'redaction.ocr-skipped': { severity: 'info', clause: '四（一）3', why: 'issue 5: without --deep, says how many image-only pages were not read for leaks' },
}

interface Row {
  id: string
  severity: string
  clause?: string
}

function catalogue(): Row[] {
  const rows: Row[] = []
  for (const line of readFileSync(RULES_MD, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 4 || !/^[a-z]+\.[a-z-]+$/.test(cells[1] ?? '')) continue
    const [, id, severity, third] = cells
    const clause = cells.length >= 6 ? third : undefined
    rows.push({ id: id!, severity: severity!, clause: clause === '—' ? undefined : clause })
  }
  return rows
}

describe.skipIf(!hasCatalogue)('registry ↔ shared/RULES.md', () => {
  const rows = hasCatalogue ? catalogue() : []
  const scanIds = rows.filter((r) => r.id.startsWith('scan.')).map((r) => r.id)
  const registered = new Set(RULES.map((r) => r.id))
  // The scan rules arrive together with scan inspection (issue 4): pending until the first one is registered.
  const pending = { ...PENDING, ...(RULES.some((r) => r.id.startsWith('scan.')) ? {} : Object.fromEntries(scanIds.map((id) => [id, 'issue 4']))) }

  test('the catalogue parsed', () => {
    expect(rows.length).toBeGreaterThan(50)
  })

  test.for(RULES.map((r) => [r.id, r] as const))('%s is in RULES.md with its severity and clause', ([id, rule]) => {
    const extra = NOT_IN_CATALOGUE[id]
    if (extra) {
      expect(rows.find((r) => r.id === id), `${id} is in RULES.md now: drop it from NOT_IN_CATALOGUE`).toBeUndefined()
      expect([rule.severity, rule.clause]).toEqual([extra.severity, extra.clause])
      return
    }
    const row = rows.find((r) => r.id === id)
    expect(row, `${id} is not in RULES.md`).toBeDefined()
    expect(rule.severity).toBe(row!.severity)
    if (row!.clause !== undefined) expect(rule.clause).toBe(row!.clause)
  })

  test('every catalogue rule is registered, or pending with the issue that builds it', () => {
    const missing = rows.map((r) => r.id).filter((id) => !registered.has(id) && !(id in pending))
    expect(missing).toEqual([])
  })

  test('nothing pending is registered already (then it is not pending)', () => {
    expect(Object.keys(PENDING).filter((id) => registered.has(id))).toEqual([])
  })
})

describe('the registry itself', () => {
  test('ids are unique, well-formed, never a retired id', () => {
    const ids = RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)*$/)
    expect(ids.filter((id) => RETIRED_RULES.includes(id))).toEqual([])
  })

  const policy = loadPolicy()
  test.for(RULES.map((r) => [r.id, r] as const))('%s: clause and policy keys exist in the policy, every message has zh and en', ([, rule]) => {
    if (rule.clause) expect(policy.clauses, `clause ${rule.clause}`).toHaveProperty([rule.clause])
    for (const key of rule.policy ?? []) expect(policy.settings.has(key), `policy setting ${key}`).toBe(true)
    for (const [id, text] of Object.entries(rule.messages)) {
      const t = text as { zh: string; en: string }
      expect(t.zh, `${id}.zh`).toMatch(/\S/)
      expect(t.en, `${id}.en`).toMatch(/\S/)
    }
    expect(rule.description.zh).toMatch(/\S/)
    expect(rule.description.en).toMatch(/\S/)
  })
})
