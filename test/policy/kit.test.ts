// The policy regression kit (issue 8): `policy test|diff|new|lint`, the expectations it shares
// with test/examples.test.ts, and the proof the issue asks for: the shipped policies pass, and
// editing one number (60 professional hours → 70) makes `policy test` fail and name
// ce.professional-hours on the examples it affects.
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/context.js'
import { collectPackages } from '../../src/kit/packages.js'
import { compareExpectations, expectMarks, parseExpected, type Outcome } from '../../src/kit/expectations.js'
import { updateExpectedText } from '../../src/kit/expected-update.js'
import { addDays, weekday } from '../../src/policy/dates.js'
import { diffPolicies } from '../../src/policy/diff.js'
import { policyExamplesDir } from '../../src/policy/files.js'
import { BUILTIN_POLICY_DIR, DEFAULT_POLICY_ID, builtinPolicyIds, loadPolicy } from '../../src/policy/load.js'
import type { Finding } from '../../src/report/finding.js'
import { tmpDir } from '../helpers/tmp-package.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const EXAMPLES = join(ROOT, 'examples')
const AKSU = join(BUILTIN_POLICY_DIR, 'aksu-2024.yaml')
const SAMPLE = join(BUILTIN_POLICY_DIR, 'sample-2025.yaml')
/** One inspection cache for the whole file, so each scan is inspected once. */
const CACHE_HOME = tmpDir('zc-kit-cache-')

async function run(argv: string[], cwd = ROOT) {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    env: { XDG_CACHE_HOME: CACHE_HOME },
    cwd,
    now: new Date('2024-08-05T10:00:00'),
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/** A copy of a policy file with one text replaced (which must be there once). */
function editedPolicy(source: string, from: string, to: string, name = 'edited.yaml'): string {
  const text = readFileSync(source, 'utf8')
  expect(text.split(from).length - 1, `"${from}" once in ${source}`).toBe(1)
  const file = join(tmpDir(), name)
  writeFileSync(file, text.replace(from, to))
  return file
}

/**
 * A copy of a built-in policy for lint, edited once, in a folder of its own beside a copy of its
 * notice, with `examples:` pointing at the repository's examples (so only the edit is a problem).
 */
function lintCopy(source: string, from: string, to: string): string {
  const dir = tmpDir()
  const name = source.split(/[\\/]/).at(-1)!
  let text = readFileSync(source, 'utf8')
  expect(text.split(from).length - 1, `"${from}" once in ${name}`).toBe(1)
  text = text.replace(from, to)
  if (!to.startsWith('examples:')) text = text.replace('examples: ../../examples', `examples: ${JSON.stringify(EXAMPLES)}`)
  writeFileSync(join(dir, name), text)
  const notice = name.replace(/\.yaml$/, '.notice.txt')
  cpSync(join(BUILTIN_POLICY_DIR, notice), join(dir, notice))
  return join(dir, name)
}

const SEVENTY = ['  min_professional_hours:\n    value: 60\n', '  min_professional_hours:\n    value: 70\n'] as const

interface TestJson {
  policy: string
  summary: { packages: number; passed: number; failed: number; errors: number; updated: number; skipped: number }
  rules: Array<{ rule: string; packages: number }>
  packages: Array<{ package: string; status: string; updated?: boolean; differences: Array<{ kind: string; rules: string[]; message: string }> }>
}

// ---------------------------------------------------------------------------------------------
// A small XML reader for the JUnit output: well-formed or it throws.

interface XmlNode {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  text: string
}

function parseXml(xml: string): XmlNode {
  const unescape = (s: string) =>
    s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!)
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' }
  const stack: XmlNode[] = [root]
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy
  let m: RegExpExecArray | null
  let at = 0
  while (at < body.length) {
    token.lastIndex = at
    m = token.exec(body)
    if (!m) throw new Error(`not well-formed XML at ${at}: ${body.slice(at, at + 40)}`)
    at = token.lastIndex
    const [, close, name, attrText, selfClose, text] = m
    const top = stack.at(-1)!
    if (text !== undefined) {
      top.text += unescape(text)
      continue
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`)
      stack.pop()
      continue
    }
    const attrs: Record<string, string> = {}
    for (const a of attrText!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = unescape(a[2]!)
    const node: XmlNode = { name: name!, attrs, children: [], text: '' }
    top.children.push(node)
    if (!selfClose) stack.push(node)
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`)
  const elements = root.children
  if (elements.length !== 1) throw new Error('one root element expected')
  return elements[0]!
}

// ---------------------------------------------------------------------------------------------

describe('the shipped policies pass their own examples', () => {
  test.for(builtinPolicyIds())('policy test --policy %s: exit 0, every package matches', { timeout: 600_000 }, async (id) => {
    const r = await run(['policy', 'test', '--policy', id, '--format', 'json'])
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as TestJson
    expect(json.policy).toBe(id)
    expect(json.summary.packages, 'a policy ships with examples').toBeGreaterThan(0)
    expect(json.packages.filter((p) => p.status !== 'pass').map((p) => `${p.package}: ${p.differences.map((d) => d.message).join('; ')}`)).toEqual([])
    expect(r.code).toBe(0)
  })

  test('policy test without --policy runs the default policy, in pretty text', { timeout: 240_000 }, async () => {
    const r = await run(['policy', 'test'])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^政策 ${DEFAULT_POLICY_ID} · `))
    expect(r.stdout).toMatch(/^✔ examples\/clean$/m)
    expect(r.stdout).toMatch(new RegExp(`全部 ${collectPackages([EXAMPLES], [DEFAULT_POLICY_ID]).packages.length} 个与预期一致`))
  })

  test.for(builtinPolicyIds())('policy lint %s: no problem at all', (id) => {
    return run(['policy', 'lint', join(BUILTIN_POLICY_DIR, `${id}.yaml`), '--format', 'json']).then((r) => {
      expect(JSON.parse(r.stdout).problems).toEqual([])
      expect(r.code).toBe(0)
    })
  })

  test('every example package belongs to exactly one built-in policy, and every policy has examples', () => {
    const ids = builtinPolicyIds()
    const all = collectPackages([EXAMPLES], ids)
    expect(all.skipped, 'packages naming a policy that is not built in').toBe(0)
    const owned = ids.flatMap((id) => collectPackages([policyExamplesDir(join(BUILTIN_POLICY_DIR, `${id}.yaml`))!], [id]).packages)
    expect(owned.sort()).toEqual(all.packages)
    for (const id of ids) expect(collectPackages([EXAMPLES], [id]).packages.length, id).toBeGreaterThan(0)
  })
})

/** How many example packages the default policy has (the examples grow). */
const AKSU_PACKAGES = collectPackages([EXAMPLES], [DEFAULT_POLICY_ID]).packages.length

describe('one number edited: 60 professional hours → 70', () => {
  // 70 hours a year is more than any example records, so ce.professional-hours fires on every
  // package of the policy. must_fire lists every error and warning rule (exact is the default), so
  // every one of them fails, including those that already exited 1 and whose must_not_fire does not
  // name the rule (before exact, seven of them still showed ✔).
  const AFFECTED = collectPackages([EXAMPLES], [DEFAULT_POLICY_ID]).packages.map((p) => relative(ROOT, p).split('\\').join('/'))

  test('policy test fails and names ce.professional-hours on the examples it affects', { timeout: 600_000 }, async () => {
    const policy = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')
    const r = await run(['policy', 'test', '--policy', policy, 'examples', '--format', 'json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout) as TestJson
    const failed = json.packages.filter((p) => p.status === 'fail')
    expect(failed.map((p) => p.package)).toEqual(AFFECTED)
    for (const p of failed) {
      expect(p.differences.length, p.package).toBeGreaterThan(0)
      for (const d of p.differences) expect(d.rules, `${p.package}: ${d.message}`).toEqual(['ce.professional-hours'])
    }
    expect(json.rules).toEqual([{ rule: 'ce.professional-hours', packages: AFFECTED.length }])
    expect(json.summary).toMatchObject({ packages: AKSU_PACKAGES, failed: AFFECTED.length, errors: 0, skipped: 4 })
    // Where the exit code was already 1 and must_not_fire is silent, the full set is what catches it.
    const mandarin = failed.find((p) => p.package === 'examples/mandarin-broadcaster')!
    expect(mandarin.differences.map((d) => d.kind)).toEqual(['unlisted'])
    expect(mandarin.differences[0]!.message).toMatch(/^ce\.professional-hours（错误）触发了 4 次，must_fire 却没有列出它/)
  })

  test('an example that opts out (exact: false) still passes when a new error fires', { timeout: 240_000 }, async () => {
    const dir = tmpDir()
    cpSync(join(EXAMPLES, 'mandarin-broadcaster'), join(dir, 'mandarin-broadcaster'), { recursive: true })
    const file = join(dir, 'mandarin-broadcaster', 'expected.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('exit: 1\n', 'exit: 1\nexact: false\n'))
    const policy = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')
    const r = await run(['policy', 'test', '--policy', policy, dir, '--format', 'json'])
    expect(r.code, r.stdout).toBe(0)
    expect((JSON.parse(r.stdout) as TestJson).summary).toMatchObject({ packages: 1, passed: 1 })
  })

  test('pretty text says what differs per package, in zh and en', { timeout: 240_000 }, async () => {
    const policy = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')
    const zh = await run(['policy', 'test', '--policy', policy, 'examples'])
    expect(zh.code).toBe(1)
    expect(zh.stdout).toMatch(/^✘ examples\/clean$/m)
    expect(zh.stdout).toContain('退出码：预期 0，实际 1（错误来自 ce.professional-hours）')
    expect(zh.stdout).toMatch(/ce\.professional-hours 不应触发（must_not_fire），却触发了 4 次：第 \d+ 行 2021年专业课60学时，少于每年70学时/)
    expect(zh.stdout).toContain(`涉及的规则：ce.professional-hours (${AFFECTED.length})`)
    // The hint reruns what was run: the same policy and folders, with --update.
    expect(zh.stdout).toContain(`如果这是有意的改动，运行 zhicheng-check policy test --policy ${policy} examples --update 改写 expected.yaml`)
    const en = await run(['policy', 'test', '--policy', policy, 'examples', '--lang', 'en'])
    expect(en.stdout).toContain('exit code: expected 0, got 1 (errors from ce.professional-hours)')
    expect(en.stdout).toContain(`rules involved: ce.professional-hours (${AFFECTED.length})`)
  })

  test('--format junit parses back: one failing testcase per affected package, typed by the rule', { timeout: 240_000 }, async () => {
    const policy = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')
    const out = join(tmpDir(), 'junit.xml')
    const r = await run(['policy', 'test', '--policy', policy, 'examples', '--format', 'junit', '--output', out])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const root = parseXml(readFileSync(out, 'utf8'))
    expect(root.name).toBe('testsuites')
    expect(root.attrs).toMatchObject({ tests: String(AKSU_PACKAGES), failures: String(AFFECTED.length), errors: '0' })
    const cases = root.children[0]!.children
    expect(cases).toHaveLength(AKSU_PACKAGES)
    const failing = cases.filter((c) => c.children.some((f) => f.name === 'failure'))
    expect(failing.map((c) => c.attrs.name)).toEqual(AFFECTED)
    for (const c of failing) {
      const f = c.children.find((x) => x.name === 'failure')!
      expect(f.attrs.type).toBe('ce.professional-hours')
      expect(f.text).toContain('ce.professional-hours')
    }
  })

  test('the sample-2025 policy edited the same way fails on its clean example', { timeout: 240_000 }, async () => {
    const policy = editedPolicy(SAMPLE, ...SEVENTY, 'sample-2025.yaml')
    const r = await run(['policy', 'test', '--policy', policy, 'examples', '--format', 'json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout) as TestJson
    const clean = json.packages.find((p) => p.package === 'examples/sample-2025-clean')!
    expect(clean.status).toBe('fail')
    expect(new Set(clean.differences.flatMap((d) => d.rules))).toEqual(new Set(['ce.professional-hours']))
    // fires_exactly pins the full list: the new rule is named even where must_not_fire would not.
    expect(clean.differences.map((d) => d.kind)).toEqual(expect.arrayContaining(['exit', 'fired']))
    // The others have no fires_exactly: their must_fire is the full set of errors and warnings.
    const others = json.packages.filter((p) => p.package !== 'examples/sample-2025-clean')
    expect(others.map((p) => `${p.package} ${p.status} ${[...new Set(p.differences.flatMap((d) => d.rules))].join()}`)).toEqual(
      others.map((p) => `${p.package} fail ce.professional-hours`),
    )
  })

  test('policy diff names the changed value and where ce.professional-hours appears', { timeout: 240_000 }, async () => {
    const policy = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')
    const r = await run(['policy', 'diff', 'aksu-2024', policy, 'examples', '--format', 'json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.values).toEqual([{ key: 'continuing_education.min_professional_hours', kind: 'changed', old: 60, new: 70 }])
    expect(json.rules.map((x: { rule: string }) => x.rule)).toEqual(['ce.professional-hours'])
    expect(json.rules[0].appeared).toBe(AKSU_PACKAGES)
    const clean = json.packages.find((p: { package: string }) => p.package === 'examples/clean')
    expect(clean.exit).toEqual({ old: 0, new: 1 })
    expect(clean.changes.every((c: { rule: string; kind: string }) => c.rule === 'ce.professional-hours' && c.kind === 'appeared')).toBe(true)
  })
})

describe('--update', () => {
  /** Path → sha256 of every file under dir. */
  function tree(dir: string): Record<string, string> {
    const out: Record<string, string> = {}
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const abs = join(d, e.name)
        if (e.isDirectory()) walk(abs)
        else out[relative(dir, abs)] = createHash('sha256').update(readFileSync(abs)).digest('hex')
      }
    }
    walk(dir)
    return out
  }

  test('rewrites expected.yaml only, only with --update, and only the values that flipped', { timeout: 240_000 }, async () => {
    const dir = tmpDir()
    for (const name of ['clean', 'ce-hours-short', 'old-verification-code', 'mandarin-broadcaster']) cpSync(join(EXAMPLES, name), join(dir, name), { recursive: true })
    const before = tree(dir)
    const policy = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')

    const plain = await run(['policy', 'test', '--policy', policy, dir])
    expect(plain.code).toBe(1)
    expect(tree(dir), 'without --update nothing is written').toEqual(before)

    const updated = await run(['policy', 'test', '--policy', policy, dir, '--update', '--format', 'json'])
    const json = JSON.parse(updated.stdout) as TestJson
    const after = tree(dir)
    const changedFiles = Object.keys(before).filter((f) => before[f] !== after[f]).sort()
    // mandarin-broadcaster already exited 1: its must_fire gains the new error (the full set).
    expect(changedFiles).toEqual(['clean/expected.yaml', 'mandarin-broadcaster/expected.yaml', 'old-verification-code/expected.yaml'])
    expect(json.summary.updated).toBe(3)
    expect(readFileSync(join(dir, 'mandarin-broadcaster', 'expected.yaml'), 'utf8')).toContain('must_fire: [mandarin.grade, ce.professional-hours]\n')
    // ce-hours-short: the new findings are on manifest lines without a mark; the manifest is never
    // rewritten, so that difference remains for a person.
    expect(json.packages.filter((p) => p.status === 'fail').map((p) => p.package)).toEqual(['ce-hours-short'])
    expect(updated.code).toBe(1)

    const clean = readFileSync(join(dir, 'clean', 'expected.yaml'), 'utf8')
    const original = readFileSync(join(EXAMPLES, 'clean', 'expected.yaml'), 'utf8')
    expect(clean).toContain('exit: 1\n')
    expect(clean).toContain('must_fire: [defense.required, fee.amount, seniority.summary, review.pass-rate, ce.professional-hours]\n')
    expect(clean).not.toMatch(/must_not_fire:[^#]*ce\.professional-hours/)
    // Exactly three edits; comments, description and the other lines are as written.
    expect(clean).toBe(
      original
        .replace('exit: 0', 'exit: 1')
        .replace('must_fire: [defense.required, fee.amount, seniority.summary, review.pass-rate]', 'must_fire: [defense.required, fee.amount, seniority.summary, review.pass-rate, ce.professional-hours]')
        .replace('ce.total-hours, ce.professional-hours, ', 'ce.total-hours, '),
    )

    const again = await run(['policy', 'test', '--policy', policy, dir, '--update'])
    expect(tree(dir), 'a second --update changes nothing').toEqual(after)
    expect(again.stdout).not.toContain('已按本次结果改写')
  })
})

describe('policy diff', () => {
  test('aksu-2024 → sample-2025: the values that changed and the findings that flip', { timeout: 240_000 }, async () => {
    const r = await run(['policy', 'diff', 'aksu-2024', 'sample-2025', '--format', 'json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    const keys = json.values.map((v: { key: string }) => v.key)
    expect(keys).toEqual(
      expect.arrayContaining(['timeline.deadline', 'timeline.window.start', 'seniority.cutoff', 'continuing_education.years', 'calendar.years', 'clauses.四（五）']),
    )
    expect(json.values.find((v: { key: string }) => v.key === 'continuing_education.years')).toEqual({ key: 'continuing_education.years', kind: 'list', added: [2025], removed: [] })
    expect(json.summary.packages).toBe(collectPackages([EXAMPLES], builtinPolicyIds()).packages.length)
    const clean = json.packages.find((p: { package: string }) => p.package === 'examples/clean')
    expect(clean.changes.filter((c: { kind: string }) => c.kind === 'appeared').map((c: { rule: string }) => c.rule)).toContain('ce.years')
    const sampleClean = json.packages.find((p: { package: string }) => p.package === 'examples/sample-2025-clean')
    expect(sampleClean.exit).toEqual({ old: 1, new: 0 })
    expect(json.rules.find((x: { rule: string }) => x.rule === 'ce.years').appeared).toBeGreaterThan(0)
  })

  test('a policy against itself: no value, no finding changes, exit 0', { timeout: 240_000 }, async () => {
    const r = await run(['policy', 'diff', 'sample-2025', 'sample-2025'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('政策取值没有变化')
    expect(r.stdout).toContain('没有哪个包的发现出现或消失')
  })

  test('diffPolicies walks settings down to their leaves and compares lists as sets', () => {
    const a = loadPolicy('aksu-2024')
    const b = loadPolicy('sample-2025')
    const changes = diffPolicies(a, b)
    expect(changes).toContainEqual({ key: 'timeline.window.start', kind: 'changed', old: '2024-07-22', new: '2025-07-21' })
    expect(changes).toContainEqual({ key: 'calendar.years', kind: 'list', added: [2025], removed: [2024] })
    expect(changes.some((c) => c.key.startsWith('fee.'))).toBe(false)
    expect(diffPolicies(a, a)).toEqual([])
  })
})

describe('policy lint', () => {
  test.for([
    ['fee deadline before the deadline', AKSU, '  fee_deadline:\n    value: 2024-09-15', '  fee_deadline:\n    value: 2024-08-15', 'date-order'],
    ['an audit period that ends before the deadline', AKSU, 'value: { start: 2024-08-01, end: 2024-09-10 }', 'value: { start: 2024-08-01, end: 2024-08-20 }', 'date-order'],
    ['a weekend listed as a holiday', AKSU, 'holidays: [2024-01-01,', 'holidays: [2024-01-01, 2024-01-06,', 'holiday-on-weekend'],
    ['a weekday listed as a make-up working day', AKSU, 'workdays: [2024-02-04,', 'workdays: [2024-02-05,', 'workday-on-weekday'],
    ['a cutoff in a year the calendar lacks', SAMPLE, '  cutoff:\n    value: 2025-12-31', '  cutoff:\n    value: 2026-12-31', 'calendar-year-missing'],
    ['a calendar year no date uses', AKSU, 'years: [2024]', 'years: [2023, 2024]', 'calendar-year-unused'],
    ['a quote that is not in the notice', SAMPLE, '（专业课不少于60学时），需上传近5年', '（专业课不少于70学时），需上传近5年', 'quote-not-in-notice'],
    ['a setting citing an unquoted clause', AKSU, 'value: 90\n    clause: 四（五）', 'value: 90\n    clause: 九（九）', 'clause-not-quoted'],
    ['CE years out of order', AKSU, 'value: [2021, 2022, 2023, 2024]', 'value: [2021, 2023, 2022, 2024]', 'ce-years-order'],
    ['New Year missing from the holidays', SAMPLE, 'holidays: [2025-01-01, 2025-01-28,', 'holidays: [2025-01-28,', 'statutory-day-working'],
    ['a value of the wrong type', AKSU, 'min_total_hours:\n    value: 90', 'min_total_hours:\n    value: ninety', 'schema'],
    ['an examples folder that is not there', AKSU, 'examples: ../../examples', 'examples: ../nowhere', 'examples-missing'],
  ] as const)('%s → %s', async ([, source, from, to, code]) => {
    const file = lintCopy(source, from, to)
    const r = await run(['policy', 'lint', file, '--format', 'json'])
    const json = JSON.parse(r.stdout) as { problems: Array<{ code: string; severity: string; line?: number }> }
    const hit = json.problems.find((p) => p.code === code)
    expect(hit, `${code} in ${JSON.stringify(json.problems.map((p) => p.code))}`).toBeDefined()
    expect(hit!.line, 'a problem points at its line').toBeGreaterThan(0)
    expect(r.code).toBe(json.problems.some((p) => p.severity === 'error') ? 1 : 0)
  })

  test('the edited copies differ from a clean one only by what was edited', async () => {
    const r = await run(['policy', 'lint', lintCopy(AKSU, 'years: [2024]', 'years: [2024]'), '--format', 'json'])
    expect(JSON.parse(r.stdout).problems).toEqual([])
    expect(r.code).toBe(0)
  })

  test('not YAML: one problem with its line; a missing file: exit 2', async () => {
    const file = join(tmpDir(), 'x.yaml')
    writeFileSync(file, 'id: [\n')
    const r = await run(['policy', 'lint', file, '--format', 'json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).problems.map((p: { code: string }) => p.code)).toEqual(['not-yaml'])
    const missing = await run(['policy', 'lint', '/no/such/policy.yaml'])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
  })

  test('--format junit is well-formed, one failing testcase per error', async () => {
    const file = lintCopy(AKSU, 'workdays: [2024-02-04,', 'workdays: [2024-02-05,')
    const r = await run(['policy', 'lint', file, '--format', 'junit'])
    const root = parseXml(r.stdout)
    const failures = root.children[0]!.children.filter((c) => c.children.some((x) => x.name === 'failure'))
    expect(failures.map((c) => c.children[0]!.attrs.type)).toContain('workday-on-weekday')
  })
})

describe('policy new', () => {
  test('copies a policy with its examples; the copy passes policy test; nothing is overwritten', { timeout: 240_000 }, async () => {
    const cwd = tmpDir()
    const r = await run(['policy', 'new', 'sample-2025', '--id', 'mytest-2026'], cwd)
    expect(r.code, r.stderr).toBe(0)
    const out = join(cwd, 'mytest-2026')
    const policyFile = join(out, 'mytest-2026.yaml')
    expect(existsSync(join(out, 'mytest-2026.notice.txt'))).toBe(true)
    const policy = loadPolicy(policyFile)
    expect(policy.id).toBe('mytest-2026')
    expect(diffPolicies(loadPolicy('sample-2025'), policy), 'a copy has the same values').toEqual([])
    const cases = readdirSync(join(out, 'examples')).sort()
    expect(cases).toEqual(['mytest-2026-ce-2025-missing', 'mytest-2026-clean', 'mytest-2026-publicity-labour-day', 'mytest-2026-window-closed'])
    const manifest = readFileSync(join(out, 'examples', 'mytest-2026-clean', 'manifest.yaml'), 'utf8')
    expect(manifest).toContain('\npolicy: mytest-2026\n')
    // Only the policy line differs from the source manifest (marks keep their lines).
    const source = readFileSync(join(EXAMPLES, 'sample-2025-clean', 'manifest.yaml'), 'utf8')
    expect(manifest.replace('policy: mytest-2026', 'policy: sample-2025')).toBe(source)

    const tested = await run(['policy', 'test', '--policy', policyFile, '--format', 'json'], cwd)
    expect(tested.code, tested.stdout).toBe(0)
    expect((JSON.parse(tested.stdout) as TestJson).summary.packages).toBe(4)
    const linted = await run(['policy', 'lint', policyFile, '--format', 'json'], cwd)
    expect(JSON.parse(linted.stdout).problems).toEqual([])

    const snapshot = statSync(policyFile).mtimeMs
    const again = await run(['policy', 'new', 'sample-2025', '--id', 'mytest-2026'], cwd)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/已经存在：policy new 从不覆盖文件/)
    expect(statSync(policyFile).mtimeMs).toBe(snapshot)
  })

  test('--out and --examples-out place the policy and its packages apart; a bad --id is exit 2', async () => {
    const cwd = tmpDir()
    const r = await run(['policy', 'new', 'aksu-2024', '--id', 'aksu-2025', '--out', 'policies', '--examples-out', 'packages', '--format', 'json'], cwd)
    expect(r.code, r.stderr).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.files).toEqual(['policies/aksu-2025.yaml', 'policies/aksu-2025.notice.txt'])
    expect(json.packages).toContain('packages/aksu-2025-clean')
    expect(readFileSync(join(cwd, 'policies', 'aksu-2025.yaml'), 'utf8')).toMatch(/^examples: \.\.\/packages$/m)
    const bad = await run(['policy', 'new', 'aksu-2024', '--id', 'Bad Id'], cwd)
    expect(bad.code).toBe(2)
  })
})

describe('one-line errors, exit 2', () => {
  test.for([
    ['an unknown policy', ['policy', 'test', '--policy', 'nowhere-1999'], /没有名为 nowhere-1999 的政策/],
    ['a policy file whose examples folder is not there', ['policy', 'test', '--policy', '__EDITED__'], /里没有属于政策 aksu-2024 的示例申报包/],
    ['a folder with no package of the policy', ['policy', 'test', '--policy', 'sample-2025', 'src'], /里没有属于政策 sample-2025 的示例申报包/],
    ['a folder that does not exist', ['policy', 'test', '/no/such/dir'], /找不到 \/no\/such\/dir/],
    ['diff without a second policy', ['policy', 'diff', 'aksu-2024'], /缺少要比较的新政策/],
    ['no subcommand', ['policy'], /policy 后面要写子命令/],
    ['an unknown subcommand', ['policy', 'bogus'], /没有命令 policy bogus/],
    ['a report written into a package', ['policy', 'test', '--format', 'junit', '--output', 'examples/clean/report.xml'], /不能把报告写进申报包/],
  ] as const)('%s', async ([, argv, pattern]) => {
    const edited = editedPolicy(AKSU, ...SEVENTY, 'aksu-2024.yaml')
    const r = await run(argv.map((a) => (a === '__EDITED__' ? edited : a)))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(pattern)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

// ---------------------------------------------------------------------------------------------
// The shared expectations (src/kit/expectations.ts), case by case.

const finding = (rule: string, line?: number, severity: Finding['severity'] = 'error', message = `${rule} message`): Finding => ({
  rule,
  severity,
  message,
  fix: 'fix',
  ...(line !== undefined ? { line } : {}),
})

describe('expectations', () => {
  const base = 'description: d\ntoday: 2024-08-05\nexit: 1\n# why\nmust_fire: [mandarin.grade]\nmust_not_fire: [mandarin.required, ce.years]\n'

  test.for([
    ['not YAML', 'a: [', 'not-yaml'],
    ['a list at the top', '- a\n', 'not-a-map'],
    ['an unknown key', `${base}surprise: 1\n`, 'unknown-key'],
    ['no description', base.replace('description: d\n', ''), 'no-description'],
    ['a bad date', base.replace('2024-08-05', '2024-13-01'), 'bad-today'],
    ['exit 2', base.replace('exit: 1', 'exit: 2'), 'bad-exit'],
    ['a rule in both lists', base.replace('[mandarin.required, ce.years]', '[mandarin.grade]'), 'in-both'],
    ['a duplicate', base.replace('[mandarin.grade]', '[mandarin.grade, mandarin.grade]'), 'duplicate'],
    ['a rule id that is not one', base.replace('[mandarin.grade]', '[MandarinGrade]'), 'bad-rule-id'],
    ['a rule that does not exist, in must_fire', base.replace('[mandarin.grade]', '[mandarin.grad]'), 'unknown-rule'],
    ['must_mention of a rule not in must_fire', `${base}must_mention:\n  ce.years: [x]\n`, 'mention-not-in-must-fire'],
    ['fires_exactly leaving out a rule of must_fire', `${base}fires_exactly: [fee.amount]\n`, 'exactly-conflict'],
  ] as const)('%s → %s', ([, text, code]) => {
    expect(parseExpected(text).problems.map((p) => p.code)).toContain(code)
  })

  test('a pending catalogue rule may be named in must_not_fire', () => {
    expect(parseExpected(base.replace('ce.years]', 'redaction.text-leak]')).problems).toEqual([])
  })

  test('a # expect: mark of a rule not in must_fire is a shape problem', () => {
    const marks = expectMarks('a: 1\nb: 2  # expect: ce.years, mandarin.grade\n')
    expect(marks).toEqual([
      { line: 2, rule: 'ce.years' },
      { line: 2, rule: 'mandarin.grade' },
    ])
    expect(parseExpected(base, marks).problems).toEqual([{ code: 'mark-not-in-must-fire', rule: 'ce.years', line: 2 }])
  })

  test('compareExpectations: exit, fired, not fired, marks both ways, mentions, fires_exactly', () => {
    const e = parseExpected(`${base}must_mention:\n  mandarin.grade: [二级乙等]\nfires_exactly: [mandarin.grade, fee.amount]\n`).expected!
    const marks = [{ line: 7, rule: 'mandarin.grade' }]
    const outcome: Outcome = { exit: 1, findings: [finding('mandarin.grade', 7, 'error', '等级二级乙等不够'), finding('fee.amount', 3, 'info')] }
    expect(compareExpectations(e, marks, outcome)).toEqual([])
    const bad: Outcome = { exit: 0, findings: [finding('mandarin.grade', 9, 'warning'), finding('ce.years', 4, 'info'), finding('scope.exam-based', 2, 'info')] }
    expect(compareExpectations(e, marks, bad).map((d) => `${d.kind}${'rule' in d ? ` ${d.rule}` : ''}`)).toEqual([
      'exit',
      'fired ce.years',
      'not-fired fee.amount',
      'fired scope.exam-based',
      'mark-missing mandarin.grade',
      'mark-stray mandarin.grade',
      'mention mandarin.grade',
    ])
  })

  test('updateExpectedText: flips both ways, keeps comments, drops a stale must_mention, settles', () => {
    const text = `${base}must_mention:\n  mandarin.grade: [二级乙等]  # the did-you-mean\n`
    const outcome: Outcome = { exit: 0, findings: [finding('ce.years', undefined, 'warning')] }
    const u = updateExpectedText(text, [], outcome)
    expect(u.changed).toBe(true)
    expect(u.remaining).toEqual([])
    expect(u.text).toContain('# why')
    const e = parseExpected(u.text).expected!
    expect(e).toMatchObject({ exit: 0, must_fire: ['ce.years'], must_not_fire: ['mandarin.required', 'mandarin.grade'] })
    expect(e.must_mention).toBeUndefined()
    expect(updateExpectedText(u.text, [], outcome)).toMatchObject({ changed: false, remaining: [] })
  })

  test('updateExpectedText: a new exit code brings the unlisted error rules into must_fire', () => {
    const outcome: Outcome = { exit: 1, findings: [finding('mandarin.grade', 5), finding('ce.total-hours', 9)] }
    const text = base.replace('exit: 1', 'exit: 0')
    const u = updateExpectedText(text, [], outcome)
    expect(u.text).toBe(text.replace('exit: 0', 'exit: 1').replace('must_fire: [mandarin.grade]', 'must_fire: [mandarin.grade, ce.total-hours]'))
    expect(u.remaining).toEqual([])
  })

  test('exact by default: an unlisted error or warning is a difference, an unlisted info is not', () => {
    const e = parseExpected(base).expected!
    const outcome: Outcome = {
      exit: 1,
      findings: [finding('mandarin.grade', 5), finding('ce.total-hours', 9), finding('timeline.fee-order', 3, 'warning'), finding('fee.amount', 2, 'info')],
    }
    const diffs = compareExpectations(e, [], outcome)
    expect(diffs.map((d) => (d.kind === 'unlisted' ? `${d.rule} ${d.severity}` : d.kind))).toEqual(['ce.total-hours error', 'timeline.fee-order warning'])
    expect(compareExpectations(e, [], { exit: 1, findings: [finding('mandarin.grade', 5), finding('fee.amount', 2, 'info')] })).toEqual([])
  })

  test('exact: false opts out of the full set; exact: true is the default written out; anything else is a shape problem', () => {
    const outcome: Outcome = { exit: 1, findings: [finding('mandarin.grade', 5), finding('ce.total-hours', 9)] }
    const loose = parseExpected(base.replace('exit: 1\n', 'exit: 1\nexact: false\n'))
    expect(loose.problems).toEqual([])
    expect(compareExpectations(loose.expected!, [], outcome)).toEqual([])
    const strict = parseExpected(base.replace('exit: 1\n', 'exit: 1\nexact: true\n'))
    expect(compareExpectations(strict.expected!, [], outcome).map((d) => d.kind)).toEqual(['unlisted'])
    expect(parseExpected(base.replace('exit: 1\n', 'exit: 1\nexact: no\n')).problems.map((p) => p.code)).toEqual(['bad-exact'])
    // must_not_fire already names ce.years: one difference ('fired'), not two.
    expect(compareExpectations(parseExpected(base).expected!, [], { exit: 1, findings: [finding('mandarin.grade', 5), finding('ce.years', 4)] }).map((d) => d.kind)).toEqual(['fired'])
  })

  test('updateExpectedText writes the full set, unless exact: false', () => {
    const outcome: Outcome = { exit: 1, findings: [finding('mandarin.grade', 5), finding('timeline.fee-order', 3, 'warning'), finding('fee.amount', 2, 'info')] }
    const u = updateExpectedText(base, [], outcome)
    expect(u.text).toBe(base.replace('must_fire: [mandarin.grade]', 'must_fire: [mandarin.grade, timeline.fee-order]'))
    expect(u.remaining).toEqual([])
    const loose = base.replace('exit: 1\n', 'exit: 1\nexact: false\n')
    expect(updateExpectedText(loose, [], outcome)).toMatchObject({ text: loose, changed: false, remaining: [] })
  })

  test('updateExpectedText never settles a mark: that needs the manifest', () => {
    const marks = [{ line: 7, rule: 'mandarin.grade' }]
    const u = updateExpectedText(base, marks, { exit: 1, findings: [finding('mandarin.grade', 8)] })
    expect(u.changed).toBe(false)
    expect(u.remaining.map((d) => d.kind)).toEqual(['mark-missing', 'mark-stray'])
  })
})

// ---------------------------------------------------------------------------------------------

test('the sample-2025 calendar is the official 2025 one (国办发明电〔2024〕12号)', () => {
  // The notice's ranges of days off, and its make-up working days, as the State Council wrote them.
  const off: Array<[string, string]> = [
    ['2025-01-01', '2025-01-01'],
    ['2025-01-28', '2025-02-04'],
    ['2025-04-04', '2025-04-06'],
    ['2025-05-01', '2025-05-05'],
    ['2025-05-31', '2025-06-02'],
    ['2025-10-01', '2025-10-08'],
  ]
  const working = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']
  const days = off.flatMap(([from, to]) => {
    const out: string[] = []
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
    return out
  })
  const weekdaysOff = days.filter((d) => weekday(d) !== 0 && weekday(d) !== 6)
  const cal = loadPolicy('sample-2025').values.calendar
  expect(cal.years).toEqual([2025])
  expect([...cal.holidays].sort()).toEqual(weekdaysOff.sort())
  expect([...cal.workdays].sort()).toEqual(working.sort())
  for (const d of working) expect([0, 6], `${d} is a weekend day`).toContain(weekday(d))
})

test('sample-2025 differs from aksu-2024 as a new notice would, and says it is a sample', () => {
  const p = loadPolicy('sample-2025')
  expect(p.name.zh).toMatch(/^示例政策/)
  expect(p.noticeText!.trimStart()).toMatch(/^【示例】/)
  expect(p.values.continuing_education.years).toEqual([2021, 2022, 2023, 2024, 2025])
  expect(p.values.seniority.cutoff).toBe('2025-12-31')
  expect(p.values.timeline.window.start.startsWith('2025-')).toBe(true)
})
