// The example packages (examples/<case>/) run through the built CLI, as a user would run them,
// against the expectations beside them (expected.yaml) and the `# expect: rule.id` marks on the
// manifest lines that trigger a finding (markdownlint's fixture style: too few and too many).
// `npm test` builds first; run `npx tsc -p .` before `npx vitest run test/examples.test.ts`.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { baseManifest } from './helpers/base-manifest.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = 'bin/zhicheng-check.js'
const EXAMPLES = join(ROOT, 'examples')
const MANIFEST_NAMES = ['manifest.yaml', '申报.yaml']
const RULE_ID = /^[a-z]+\.[a-z][a-z-]*$/
const MAX_SCAN_BYTES = 150 * 1024

/** The cases the project promises (examples/README.md); more may be added. */
const REQUIRED_CASES = [
  'clean',
  'ce-hours-short',
  'mandarin-broadcaster',
  'late-resubmission',
  'publicity-dragon-boat',
  'missing-pieces',
  'manifest-typos',
  'graduate-register',
  'old-verification-code',
  'publishing-exam-title',
  'shenbao-yaml',
]

interface Expected {
  description: string
  today: string
  exit: number
  must_fire: string[]
  must_not_fire: string[]
  /** Optional: text each rule's findings must carry (message or fix), e.g. a did-you-mean. */
  must_mention?: Record<string, string[]>
}

interface Finding {
  rule: string
  severity: string
  message: string
  fix: string
  file?: string
  page?: number
  line?: number
  column?: number
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function cli(args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ZHICHENG_DEBUG: '' },
    timeout: 120_000,
  })
  if (r.error) throw r.error
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npx tsc -p .` (npm test does) first')
}

function manifestOf(dir: string): string {
  const name = MANIFEST_NAMES.find((n) => existsSync(join(dir, n)))
  if (!name) throw new Error(`${relative(ROOT, dir)}: no manifest.yaml or 申报.yaml`)
  return join(dir, name)
}

/** `# expect: a.b, c.d` at the end of a manifest line: those rules must have a finding on it. */
function expectMarks(text: string): Array<{ line: number; rule: string }> {
  return text.split(/\r?\n/).flatMap((l, i) => {
    const m = /#\s*expect:\s*([^#]*)$/.exec(l)
    return m ? m[1]!.split(/[\s,]+/).filter(Boolean).map((rule) => ({ line: i + 1, rule })) : []
  })
}

/** The name and employer (with variants) as written in the manifest: none may show in a report. */
function identityTerms(manifestText: string): string[] {
  const a = (parse(manifestText) as { applicant?: Record<string, unknown> } | null)?.applicant ?? {}
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])
  return [...list(a.name), ...list(a.name_variants), ...list(a.employer), ...list(a.employer_variants)].filter((t) => [...t.trim()].length >= 2)
}

function checkExpectedShape(e: Expected, marks: Array<{ line: number; rule: string }>): void {
  const known = new Set(['description', 'today', 'exit', 'must_fire', 'must_not_fire', 'must_mention'])
  expect(Object.keys(e).filter((k) => !known.has(k)), 'unknown keys in expected.yaml').toEqual([])
  expect(typeof e.description === 'string' && e.description.trim() !== '', 'description').toBe(true)
  expect(e.today, 'today').toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect([0, 1], 'exit').toContain(e.exit)
  expect(Array.isArray(e.must_fire) && Array.isArray(e.must_not_fire), 'must_fire and must_not_fire are lists').toBe(true)
  for (const id of [...e.must_fire, ...e.must_not_fire, ...Object.keys(e.must_mention ?? {})]) expect(id, 'rule id').toMatch(RULE_ID)
  expect(e.must_fire.filter((id) => e.must_not_fire.includes(id)), 'in both must_fire and must_not_fire').toEqual([])
  expect(new Set(e.must_fire).size, 'duplicate in must_fire').toBe(e.must_fire.length)
  expect(marks.map((m) => m.rule).filter((id) => !e.must_fire.includes(id)), '# expect: marks missing from must_fire').toEqual([])
  for (const id of Object.keys(e.must_mention ?? {})) expect(e.must_fire, 'must_mention names a rule of must_fire').toContain(id)
}

const cases = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES)
      .filter((d) => statSync(join(EXAMPLES, d)).isDirectory() && existsSync(join(EXAMPLES, d, 'expected.yaml')))
      .sort()
  : []

test('the promised example packages exist, each with its expected.yaml', () => {
  expect(cases).toEqual(expect.arrayContaining(REQUIRED_CASES))
  const packages = readdirSync(EXAMPLES).filter((d) => MANIFEST_NAMES.some((n) => existsSync(join(EXAMPLES, d, n))))
  expect(packages.filter((d) => !cases.includes(d)), 'packages without expected.yaml').toEqual([])
})

test('examples/clean/manifest.yaml is the base manifest of the rule tests', () => {
  const yaml = parse(readFileSync(join(EXAMPLES, 'clean', 'manifest.yaml'), 'utf8'))
  expect(yaml).toEqual(baseManifest())
})

test('every example scan is under 150 KB (the repository stays light)', () => {
  const big: string[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name)
      if (e.isDirectory()) walk(abs)
      else if (/\.(pdf|jpe?g|png)$/i.test(e.name) && statSync(abs).size >= MAX_SCAN_BYTES) big.push(relative(ROOT, abs))
    }
  }
  walk(EXAMPLES)
  expect(big).toEqual([])
})

for (const name of cases) {
  describe(`examples/${name}`, () => {
    const dir = join(EXAMPLES, name)
    const expected = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Expected
    const manifestText = readFileSync(manifestOf(dir), 'utf8')
    const marks = expectMarks(manifestText)
    const args = ['check', `examples/${name}`, '--format', 'json', '--today', String(expected.today)]
    let first: Run
    let second: Run
    let findings: Finding[] = []
    let parseError = ''

    beforeAll(() => {
      assertBuilt()
      first = cli(args)
      second = cli(args)
      try {
        findings = (JSON.parse(first.stdout) as { findings: Finding[] }).findings
      } catch (err) {
        parseError = `no JSON report (exit ${first.status}): ${first.stderr.trim() || String(err)}`
      }
    }, 240_000)

    const fired = () => [...new Set(findings.map((f) => f.rule))].sort()
    const report = () => (parseError ? parseError : `fired: ${fired().join(', ') || '(nothing)'}`)

    test('expected.yaml and the # expect: marks are consistent', () => {
      checkExpectedShape(expected, marks)
    })

    test(`exits with ${expected.exit}`, () => {
      expect(parseError, parseError).toBe('')
      expect(first.status, report()).toBe(expected.exit)
    })

    for (const id of expected.must_fire) {
      test(`fires ${id}`, () => {
        expect(parseError, parseError).toBe('')
        expect(fired(), report()).toContain(id)
      })
    }

    test('fires none of must_not_fire', () => {
      expect(parseError, parseError).toBe('')
      const wrong = findings.filter((f) => expected.must_not_fire.includes(f.rule)).map((f) => `${f.rule}: ${f.message}`)
      expect(wrong).toEqual([])
    })

    for (const m of marks) {
      test(`line ${m.line}: ${m.rule}`, () => {
        expect(parseError, parseError).toBe('')
        const lines = findings.filter((f) => f.rule === m.rule).map((f) => f.line ?? '(no line)')
        expect(lines, `${m.rule} on lines ${lines.join(', ') || '(none)'}, expected on line ${m.line}`).toContain(m.line)
      })
    }

    if (marks.length > 0) {
      test('no finding of a marked rule on an unmarked line', () => {
        expect(parseError, parseError).toBe('')
        const markedRules = new Set(marks.map((m) => m.rule))
        const stray = findings
          .filter((f) => markedRules.has(f.rule) && f.line !== undefined && !marks.some((m) => m.rule === f.rule && m.line === f.line))
          .map((f) => `${f.rule} on line ${f.line}: ${f.message}`)
        expect(stray).toEqual([])
      })
    }

    for (const [id, texts] of Object.entries(expected.must_mention ?? {})) {
      for (const text of texts) {
        test(`${id} mentions “${text}”`, () => {
          expect(parseError, parseError).toBe('')
          const words = findings.filter((f) => f.rule === id).map((f) => `${f.message} / ${f.fix}`)
          expect(words.some((w) => w.includes(text)), `${id}: ${words.join(' | ') || '(no finding)'}`).toBe(true)
        })
      }
    }

    test('the JSON report is byte-identical on a second run', () => {
      expect(second.status).toBe(first.status)
      expect(second.stdout === first.stdout, 'stdout differs between two runs').toBe(true)
    })

    test("no report text shows the applicant's name or employer", () => {
      const leaks = identityTerms(manifestText).filter((t) => first.stdout.includes(t) || first.stderr.includes(t))
      expect(leaks).toEqual([])
    })
  })
}

describe('pretty output', () => {
  let run: Run
  beforeAll(() => {
    assertBuilt()
    run = cli(['check', 'examples/clean'])
  }, 120_000)

  test('examples/clean passes (exit 0) and prints its summary line, without colour', () => {
    expect(run.status, run.stderr || run.stdout).toBe(0)
    expect(run.stdout).not.toMatch(/\u001b\[/)
    expect(run.stdout).toMatch(/^✔ 通过：没有必须修改的问题/m)
    expect(run.stdout).toMatch(/^检查了 \d+ 个文件$/m)
  })

  test("the pretty report shows neither the applicant's name nor the employer", () => {
    const terms = identityTerms(readFileSync(join(EXAMPLES, 'clean', 'manifest.yaml'), 'utf8'))
    expect(terms.filter((t) => run.stdout.includes(t))).toEqual([])
  })
})
