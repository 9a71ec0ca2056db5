import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import { diffFindings } from '../../src/kit/diff.js'
import { compareExpectations, parseExpected } from '../../src/kit/expectations.js'
import { collectPackages } from '../../src/kit/packages.js'
import type { TestResult } from '../../src/kit/test.js'
import { renderLintJunit, renderTestJunit } from '../../src/kit/words.js'
import type { Finding } from '../../src/report/finding.js'
import { renderJunit } from '../../src/report/junit.js'
import { CATALOGUE } from '../../src/cli/catalogue.js'
import { tmpDir } from '../helpers/tmp-package.js'

// The kit compares what findings say as data (issue 16): a wording fix is no change; expected.yaml
// is validated with zod; the kit finds packages as batch does; its JUnit is the product's.

const ce = (hours: number, message: string, extra: Partial<Finding> = {}): Finding => ({
  rule: 'ce.professional-hours',
  severity: 'error',
  message,
  fix: 'f',
  line: 43,
  column: 9,
  messageId: 'short',
  data: { year: 2023, hours, min: 60, first: 2021, last: 2024 },
  ...extra,
})

describe('policy diff compares (rule, place, messageId, data)', () => {
  test('the same data in other words is no change (a wording fix in a release)', () => {
    expect(diffFindings([ce(40, '2023年专业课40学时，少于每年60学时')], [ce(40, '2023 年专业课只有 40 学时（每年须 60）')])).toEqual([])
  })

  test('another value at the same place is a change, shown with the old message', () => {
    const changes = diffFindings([ce(40, 'old words 40')], [ce(30, 'new words 30')])
    expect(changes).toMatchObject([{ kind: 'reworded', rule: 'ce.professional-hours', message: 'new words 30', oldMessage: 'old words 40', line: 43 }])
  })

  test('data only the fix shows (the years to make up) does not make two equal lines', () => {
    const later = ce(40, 'm', { data: { year: 2023, hours: 40, min: 60, first: 2021, last: 2025 } })
    expect(diffFindings([ce(40, 'm')], [later])).toEqual([])
  })

  test('an acceptance that appears is a change; findings of reports without messageId compare by message', () => {
    expect(diffFindings([ce(40, 'm')], [ce(40, 'm', { accepted: 'ok' })]).map((c) => c.kind)).toEqual(['reworded'])
    const old = (message: string): Finding => ({ rule: 'x.y', severity: 'error', message, fix: 'f' })
    expect(diffFindings([old('a')], [old('a')])).toEqual([])
    expect(diffFindings([old('a')], [old('b')]).map((c) => c.kind)).toEqual(['reworded'])
  })
})

describe('expected.yaml, validated with zod', () => {
  const base = 'description: d\ntoday: 2024-08-05\nexit: 1\nmust_fire: [mandarin.grade]\nmust_not_fire: [ce.years]\n'

  test.for([
    ['a number among the rule ids', base.replace('[mandarin.grade]', '[mandarin.grade, 12]'), { code: 'bad-rule-id', key: 'must_fire', rule: '12' }],
    ['must_mention of a rule that is not a list', `${base}must_mention:\n  mandarin.grade: 二级乙等\n`, { code: 'not-a-list', key: 'must_mention.mandarin.grade' }],
    ['must_mention not a map', `${base}must_mention: [a]\n`, { code: 'not-a-list', key: 'must_mention' }],
    ['fires_exactly not a list', `${base}fires_exactly: mandarin.grade\n`, { code: 'not-a-list', key: 'fires_exactly' }],
    ['a blank description', base.replace('description: d', 'description: "  "'), { code: 'no-description' }],
    ['exit as a string', base.replace('exit: 1', 'exit: "1"'), { code: 'bad-exit', value: '1' }],
    ['two unknown keys', `${base}a: 1\nb: 2\n`, { code: 'unknown-key', key: 'b' }],
  ] as const)('%s', ([, text, problem]) => {
    expect(parseExpected(text).problems).toContainEqual(problem)
  })

  test('a valid file has no problem', () => {
    expect(parseExpected(base).problems).toEqual([])
  })

  test('must_mention is found in a finding’s data too, in either language', () => {
    const e = parseExpected(`${base.replace('must_not_fire: [ce.years]', 'must_not_fire: []')}must_mention:\n  mandarin.grade: [二级甲等, second grade A]\n`).expected!
    const f: Finding = { rule: 'mandarin.grade', severity: 'error', message: 'm', fix: 'f', messageId: 'low', data: { need: { zh: '二级甲等', en: 'second grade A' } } }
    expect(compareExpectations(e, [], { exit: 1, findings: [f] })).toEqual([])
    expect(compareExpectations(e, [], { exit: 1, findings: [{ ...f, data: {} }] }).map((d) => d.kind)).toEqual(['mention', 'mention'])
  })
})

describe('the kit finds packages as batch does', () => {
  test('folders with a manifest are taken by their policy; a zip or a folder of scans is no example', () => {
    const root = tmpDir('zc-kit-find-')
    const pkg = (name: string, policy?: string) => {
      mkdirSync(join(root, name), { recursive: true })
      writeFileSync(join(root, name, 'manifest.yaml'), policy ? `policy: ${policy}\n` : 'version: 1\n')
    }
    pkg('a')
    pkg('b', 'sample-2025')
    pkg('nested/c')
    mkdirSync(join(root, 'scans'))
    writeFileSync(join(root, 'scans', 'x.pdf'), '%PDF-1.4\n')
    writeFileSync(join(root, 'd.zip'), 'PK')
    const { packages, skipped } = collectPackages([root], ['aksu-2024'])
    expect(packages.map((p) => p.slice(root.length + 1))).toEqual(['a', join('nested', 'c')])
    expect(skipped).toBe(1)
  })
})

describe('one JUnit writer: the kit’s and the check’s escape alike', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true })
  const bad = 'a\u0001b\uFFFEc & <d> "e"\nf'

  test('a character XML cannot hold is U+FFFD in both; a newline in an attribute survives parsing', () => {
    const result = {
      policy: { id: 'p', name: { zh: 'p', en: 'p' }, file: '/p.yaml' },
      packages: [{ package: bad, status: 'fail', differences: [{ kind: 'mention', rule: 'x.y', text: bad }] }],
      skipped: 0,
      summary: { packages: 1, passed: 0, failed: 1, errors: 0, updated: 0 },
    } as unknown as TestResult
    const kit = renderTestJunit(result, 'en', () => '')
    const check = renderJunit([{ tool: 'zhicheng-check', version: '0', policy: 'p', package: bad, manifest: 'm.yaml', summary: { errors: 1, warnings: 0, infos: 0, files: 0, ocr: { pages: 0, read: 0, notRead: [], failed: [] } }, findings: [{ rule: 'x.y', severity: 'error', message: bad, fix: 'f' }] } as never], 'en', CATALOGUE)
    for (const xml of [kit, check]) {
      expect(xml).not.toMatch(/[\u0001\uFFFE]/)
      expect(xml).toContain('a\uFFFDb\uFFFDc &amp; &lt;d&gt;')
    }
    const suite = parser.parse(kit).testsuites.testsuite
    expect(suite.testcase.name).toBe('a\uFFFDb\uFFFDc & <d> "e"\nf')
    expect(suite.testcase.failure.message).toContain('"e"\nf')
  })

  test('lint with no problem is one passing case', () => {
    const xml = renderLintJunit({ problems: [] } as never, 'p.yaml', 'en')
    expect(parser.parse(xml).testsuites).toMatchObject({ tests: '1', failures: '0', errors: '0', testsuite: { testcase: { name: 'policy lint', classname: 'p.yaml' } } })
  })
})
