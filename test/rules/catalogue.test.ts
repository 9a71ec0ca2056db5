import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadPolicy } from '../../src/policy/load.js'
import { RETIRED_RULES, RULES, RULE_SOURCES, ruleSource } from '../../src/rules/index.js'
import { requires, SHARED_DIR } from '../helpers/requires.js'

// The registry and the catalogue in shared/RULES.md must agree both ways, like markdownlint's
// README test. RULES.md lives beside the project (CI has it; a fresh clone may not: requires()).
const RULES_MD = join(SHARED_DIR, 'RULES.md')
const hasCatalogue = requires('team-notes')

/** Rules of the catalogue that later issues build; each names its issue. */
const PENDING: Record<string, string> = {}

/**
 * Rules the project added that RULES.md does not list ("add rules freely"), with their severity
 * and clause, so the registry is still checked against something both ways.
 */
const NOT_IN_CATALOGUE: Record<string, { severity: string; clause: string | null; why: string }> = {
  'timeline.future-date': { severity: 'warning', clause: '三', why: 'a date of something that has happened (submission, fee, title …) is after today: a typo, or a check as of the wrong day' },
  'timeline.policy-over': { severity: 'info', clause: '三（四）', why: 'a check run after the policy year (the default --today is the real date) says the report judges by that year' },
  'scan.damaged': { severity: 'warning', clause: '四（一）1', why: 'issue 11: a PDF that opens only after repair, or with damaged objects, fonts or images, may show wrong on the platform' },
  'scan.ocr-failed': { severity: 'warning', clause: '四（一）3', why: 'issue 11: a scanned page OCR could not read (time, memory, model) is named, and the check is not a pass' },
  'timeline.resubmission-after-audit': { severity: 'error', clause: '三（二）', why: 'issue 14: a resubmission after the 审核 period (8-01…9-10) ended is not audited' },
  'timeline.history': { severity: 'error', clause: '四（一）1', why: 'issue 14: a history that cannot be (a return before its submission, a resubmission before the return, no return between two submissions)' },
  'ce.before-work-start': { severity: 'warning', clause: '四（五）', why: 'issue 14: a missing policy year before work_start: the literal years stay, as a warning to confirm (a policy reading)' },
  'ce.no-evidence': { severity: 'warning', clause: '四（一）4', why: 'issue 14: a CE entry with neither source: system nor a certificate names no evidence' },
  'mandarin.post-advisory': { severity: 'warning', clause: '四（一）5', why: 'issue 14: 四（一）5 binds 事业单位; a 企业 broadcaster below the post grade is reminded, not failed (a policy reading)' },
  'review.pass-rate': { severity: 'info', clause: '四（七）', why: 'issue 14: the 正高/副高 review has a pass rate' },
  'publicity.after-submission': { severity: 'error', clause: '四（二）', why: 'issue 14: 经公示无异议的按程序提交: a publicity that ends after the last submission' },
  'publicity.before-notice': { severity: 'warning', clause: '四（二）', why: 'issue 14: a publicity that ended before this year’s notice looks like an earlier year’s (a policy reading)' },
  'timeline.fee-order': { severity: 'warning', clause: '四（六）缴费', why: 'issue 14: the fee follows 已接收材料: paid before the first submission, or with none' },
  'manifest.accepted': { severity: 'error', clause: null, why: 'issue 18: an accepted: entry of the manifest names an error the notice makes absolute, or no rule' },
  'scan.same-elsewhere': { severity: 'warning', clause: '四（二）', why: 'issue 18: batch only — the same scan in two applicants’ packages; 四（二） has the unit check 材料的真实性' },
  'evidence.mismatch': { severity: 'error', clause: '四（一）1', why: 'issue 13: a value the scan clearly prints (grade, hours, code, dates, level) differs from the manifest (错传)' },
  'evidence.wrong-document': { severity: 'error', clause: '四（一）1', why: 'issue 13: the file in a slot is clearly another document, or another year’s or course’s certificate (错传)' },
  'evidence.duplicate-file': { severity: 'warning', clause: '四（一）1', why: 'issue 13: the same scan (file, bytes or picture) named in two slots (错传)' },
  'evidence.unread': { severity: 'info', clause: '四（一）1', why: 'issue 13: a value to compare could not be read with confidence: checked by eye, never an error' },
  'redaction.field-leak': { severity: 'error', clause: '四（一）3', why: 'issue 12: 所有填写内容 — free-text manifest values typed into the platform hold the name, employer, ID number, phone or e-mail' },
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

// A rule is found by its id: scan.blurry is in src/rules/scan.ts or in a file of src/rules/scan/,
// and nowhere else. `explain` and `rules` show the file (ruleSource).
const REPO = new URL('../../', import.meta.url).pathname

/** The file may hold rules of this id: it is src/rules/<prefix>.ts or in src/rules/<prefix>/. */
function fileFitsId(file: string, id: string): boolean {
  const prefix = id.split('.')[0]!
  return file === `src/rules/${prefix}.ts` || new RegExp(`^src/rules/${prefix}/[a-z-]+\\.ts$`).test(file)
}

/** Every rule id defined (`id: '…'` in a rule's meta) in the files of src/rules, by file. */
function definedIds(): Array<{ file: string; id: string }> {
  const files = readdirSync(`${REPO}src/rules`, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  return files.flatMap((f) => {
    const file = `src/rules/${f.replaceAll('\\', '/')}`
    return [...readFileSync(`${REPO}${file}`, 'utf8').matchAll(/^\s+id: '([a-z]+\.[a-z-]+)',$/gm)].map((m) => ({ file, id: m[1]! }))
  })
}

describe('a rule is found by its id', () => {
  test('the check tells a wrong file from a right one', () => {
    expect(fileFitsId('src/rules/publicity.ts', 'publicity.duration')).toBe(true)
    expect(fileFitsId('src/rules/scan/page.ts', 'scan.blurry')).toBe(true)
    expect(fileFitsId('src/rules/attachments.ts', 'publicity.duration')).toBe(false)
    expect(fileFitsId('src/rules/timeline.ts', 'resubmission.late')).toBe(false)
    expect(fileFitsId('src/rules/scan-elsewhere.ts', 'scan.same-elsewhere')).toBe(false)
    expect(fileFitsId('src/rules/shared/scan.ts', 'scan.blurry')).toBe(false)
  })

  test.for(RULES.map((r) => [r.id] as const))('%s is defined in the file its prefix names, and ruleSource says which', ([id]) => {
    const file = ruleSource(id)
    expect(file, `${id} has no source file`).toBeDefined()
    expect(fileFitsId(file!, id), `${id} is in ${file}`).toBe(true)
    expect(readFileSync(`${REPO}${file}`, 'utf8'), `${file} does not define ${id}`).toContain(`id: '${id}',`)
  })

  test('every id defined in src/rules is in the file its prefix names, and registered once', () => {
    const defined = definedIds()
    expect(defined.length).toBe(RULES.length)
    expect(defined.filter(({ file, id }) => !fileFitsId(file, id)).map(({ file, id }) => `${id} in ${file}`)).toEqual([])
    expect(defined.filter(({ file, id }) => ruleSource(id) !== file).map(({ file, id }) => `${id} in ${file}`)).toEqual([])
  })

  test('a rule file imports no other rule file: what rules share lives in shared/, a folder’s common.ts or the context', () => {
    const ruleFiles = new Set(definedIds().map((d) => d.file))
    const crossing: string[] = []
    for (const file of ruleFiles) {
      for (const m of readFileSync(`${REPO}${file}`, 'utf8').matchAll(/from '(\.[^']+)\.js'/g)) {
        const target = relative(REPO, join(REPO, dirname(file), `${m[1]}.ts`))
        if (ruleFiles.has(target)) crossing.push(`${file} → ${target}`)
      }
    }
    expect(crossing).toEqual([])
  })

  test('every id prefix has its test file, named like its source: test/rules/<prefix>.test.ts', () => {
    const prefixes = [...new Set(RULES.map((r) => r.id.split('.')[0]!))]
    expect(prefixes.filter((p) => !existsSync(`${REPO}test/rules/${p}.test.ts`))).toEqual([])
  })

  test('the source table and the catalogue hold the same rules, each once', () => {
    const fromSources = RULE_SOURCES.flatMap(([, rules]) => rules.map((r) => r.id))
    expect(new Set(fromSources).size).toBe(fromSources.length)
    expect([...fromSources].sort()).toEqual(RULES.map((r) => r.id).sort())
  })
})
