// The example packages (examples/<case>/) run through the built CLI, as a user would run them,
// against the expectations beside them (expected.yaml) and the `# expect: rule.id` marks on the
// manifest lines that trigger a finding (markdownlint's fixture style: too few and too many).
// Reading and comparing the expectations is src/kit/expectations.ts, the code `policy test`
// runs too; this file adds what only a real run of the CLI shows (byte-identical JSON, no name or
// employer in the output) and the repository's promises (cases, sizes, the base manifest).
// `npm test` builds first; run `npx tsc -p .` before `npx vitest run test/examples.test.ts`.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { compareExpectations, expectMarks, parseExpected, EXPECTED_FILE, type Difference } from '../src/kit/expectations.js'
import { MANIFEST_NAMES } from '../src/manifest/load.js'
import type { Finding } from '../src/report/finding.js'
import { wordDifference } from '../src/kit/words.js'
import { baseManifest } from './helpers/base-manifest.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = 'bin/zhicheng-check.js'
const EXAMPLES = join(ROOT, 'examples')
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
  // Blind-review leaks (issue 5).
  'leaky',
  // A name in the pixels of two scans: only the default OCR finds it (issue 11).
  'scan-name-visible',
  // Photos, what the applicant types, ID number, phone and e-mail (issue 12).
  'photo-leak',
  'personal-leak',
  // Turned pages and photos, which `fix` turns upright (issue 17).
  'scan-turned',
  // The manifest against what its scans say (issue 13).
  'scan-contradicts',
  // The sample-2025 policy's own examples (issue 8).
  'sample-2025-clean',
  'sample-2025-ce-2025-missing',
  'sample-2025-publicity-labour-day',
  'sample-2025-window-closed',
]

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
    timeout: 600_000,
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

/** The name and employer (with variants) as written in the manifest: none may show in a report. */
function identityTerms(manifestText: string): string[] {
  const a = (parse(manifestText) as { applicant?: Record<string, unknown> } | null)?.applicant ?? {}
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])
  // The ID number, phone and e-mail as written (an unquoted 18-digit number loses digits in parse()).
  const personal = [...manifestText.matchAll(/^\s*(?:id_number|phone|email):\s*["']?([^"'#\n]+?)["']?\s*(?:#.*)?$/gmu)].flatMap((m) => [m[1]!, m[1]!.replace(/[\s-]/gu, '')])
  return [...list(a.name), ...list(a.name_variants), ...list(a.employer), ...list(a.employer_variants), ...personal].filter((t) => [...t.trim()].length >= 2)
}

const cases = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES)
      .filter((d) => statSync(join(EXAMPLES, d)).isDirectory() && existsSync(join(EXAMPLES, d, EXPECTED_FILE)))
      .sort()
  : []

test('the promised example packages exist, each with its expected.yaml', () => {
  expect(cases).toEqual(expect.arrayContaining(REQUIRED_CASES))
  const packages = readdirSync(EXAMPLES).filter((d) => MANIFEST_NAMES.some((n) => existsSync(join(EXAMPLES, d, n))))
  expect(packages.filter((d) => !cases.includes(d)), 'packages without expected.yaml').toEqual([])
})

test('examples/ holds only package folders, and ci/ (the CI recipes of the README) (the pre-stop hook checks examples/*/)', () => {
  const folders = readdirSync(EXAMPLES).filter((d) => statSync(join(EXAMPLES, d)).isDirectory() && d !== 'ci')
  expect(folders.filter((d) => !MANIFEST_NAMES.some((n) => existsSync(join(EXAMPLES, d, n))))).toEqual([])
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
    const manifestText = readFileSync(manifestOf(dir), 'utf8')
    const marks = expectMarks(manifestText)
    const { expected, problems } = parseExpected(readFileSync(join(dir, EXPECTED_FILE), 'utf8'), marks)
    const args = ['check', `examples/${name}`, '--format', 'json', '--today', expected?.today ?? '']
    let first: Run
    let second: Run
    let findings: Finding[] = []
    let parseError = ''

    beforeAll(() => {
      assertBuilt()
      if (!expected) return
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
    /** The differences of some kinds, worded (so a failure says what and where). */
    const differences = (...kinds: Difference['kind'][]) => {
      expect(parseError, parseError).toBe('')
      return compareExpectations(expected!, marks, { exit: first.status ?? -1, findings })
        .filter((d) => kinds.includes(d.kind))
        .map((d) => wordDifference(d, 'en'))
    }

    test('expected.yaml and the # expect: marks are consistent', () => {
      expect(problems.map((problem) => wordDifference({ kind: 'shape', problem }, 'en'))).toEqual([])
    })

    if (!expected) return

    test(`exits with ${expected.exit}`, () => {
      expect(differences('exit'), report()).toEqual([])
    })

    for (const id of expected.must_fire) {
      test(`fires ${id}`, () => {
        expect(parseError, parseError).toBe('')
        expect(fired(), report()).toContain(id)
      })
    }

    test('fires none of must_not_fire', () => {
      expect(differences('fired').filter((d) => d.includes('(must_not_fire)'))).toEqual([])
    })

    if (expected.exact !== false && !expected.fires_exactly) {
      test('must_fire lists every error and warning rule that fires (exact, the default)', () => {
        expect(differences('unlisted')).toEqual([])
      })
    }

    if (expected.fires_exactly) {
      test('fires exactly fires_exactly', () => {
        expect(fired(), report()).toEqual([...expected.fires_exactly!].sort())
      })
    }

    for (const m of marks) {
      test(`line ${m.line}: ${m.rule}`, () => {
        expect(differences('mark-missing').filter((d) => d.includes(`line ${m.line} `) && d.includes(m.rule))).toEqual([])
      })
    }

    if (marks.length > 0) {
      test('no finding of a marked rule on an unmarked line', () => {
        expect(differences('mark-stray')).toEqual([])
      })
    }

    for (const [id, texts] of Object.entries(expected.must_mention ?? {})) {
      for (const text of texts) {
        test(`${id} mentions “${text}”`, () => {
          expect(differences('mention').filter((d) => d.startsWith(`${id}:`) && d.includes(`"${text}"`))).toEqual([])
        })
      }
    }

    test('the shared comparison finds no difference at all', () => {
      expect(differences('exit', 'not-fired', 'fired', 'unlisted', 'mark-missing', 'mark-stray', 'mention')).toEqual([])
    })

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
