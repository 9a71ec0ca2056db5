import { Chalk } from 'chalk'
import { describe, expect, test } from 'vitest'
import type { PackageReport } from '../../src/report/batch.js'
import { catalogueOf, type CatalogueRule } from '../../src/report/catalogue.js'
import type { Finding, Report } from '../../src/report/finding.js'
import { mergeShards } from '../../src/report/batch-merge.js'
import { renderPretty } from '../../src/report/pretty.js'
import { renderSarif } from '../../src/report/sarif.js'
import { renderJunit } from '../../src/report/junit.js'
import { findingOf, maskData, wordFinding, wordFindings } from '../../src/report/word.js'
import { secret } from '../../src/rules/define-rule.js'
import { validateSarif } from '../batch/validate.js'

// Findings are data until one word step (issue 16): the core's finding carries a messageId and
// its data, masked by construction; report/word words it; reporters take the catalogue.

const NAME = '欧阳明华'
const ID = '652901199001011234'

const leak: CatalogueRule = {
  id: 'redaction.made-up',
  area: 'scan',
  severity: 'error',
  clause: '四（一）',
  description: { zh: '虚构的规则', en: 'a made-up rule' },
  messages: {
    named: { zh: '{file} 写着姓名 {name}', en: '{file} shows the name {name}' },
    personal: { zh: '{file} 有 {id}，{literal}', en: '{file} has the {id}; {literal}' },
  },
  fix: { zh: '遮住 {name}', en: 'cover {name}' },
}
const other: CatalogueRule = {
  id: 'ce.made-up',
  area: 'ce',
  severity: 'warning',
  clause: null,
  description: { zh: '另一条', en: 'another' },
  messages: { few: { zh: '{year}年只有{hours}学时（{{不是占位}}）', en: '{year}: {hours} hours ({{not a placeholder}})' } },
  fix: { few: { zh: '补足 {years}', en: 'make up {years}' } },
}
const CATALOGUE = catalogueOf([other, leak])
const show = (s: string) => s.split(NAME).join('欧**')

describe('finding data: secrets masked by construction', () => {
  const data = findingOf(leak, { messageId: 'named', data: { file: `files/${NAME}.pdf`, name: secret('name', NAME) }, file: `files/${NAME}.pdf`, page: 2 }, show)

  test('the name is in no field of the data: a Secret keeps its kind and its mask, not its value', () => {
    expect(JSON.stringify(data)).not.toContain(NAME)
    expect(data).toEqual({
      rule: 'redaction.made-up',
      severity: 'error',
      clause: '四（一）',
      area: 'scan',
      messageId: 'named',
      data: { file: 'files/欧**.pdf', name: { secret: 'name', masked: '欧**' } },
      file: 'files/欧**.pdf',
      page: 2,
    })
  })

  test('an ID number is worded with what it is, in each language, from its mask', () => {
    const d = maskData({ file: 'a.pdf', id: secret('idNumber', ID), literal: 'x' }, (s) => s)
    expect(JSON.stringify(d)).not.toContain(ID)
    const f = { ...data, messageId: 'personal', data: d }
    expect(wordFinding(f, CATALOGUE, 'zh').message).toBe('a.pdf 有 身份证号（65****34），x')
    expect(wordFinding(f, CATALOGUE, 'en').message).toBe('a.pdf has the ID-card number (65****34); x')
  })

  test('words: message and fix in the language asked, the data kept beside them, in the JSON key order', () => {
    const zh = wordFinding(data, CATALOGUE, 'zh')
    expect(Object.keys(zh)).toEqual(['rule', 'severity', 'message', 'fix', 'clause', 'file', 'page', 'area', 'messageId', 'data'])
    expect(zh.message).toBe('files/欧**.pdf 写着姓名 欧**')
    expect(zh.fix).toBe('遮住 欧**')
    expect(wordFinding(data, CATALOGUE, 'en').message).toBe('files/欧**.pdf shows the name 欧**')
  })

  test('an accepted finding says so with its reason, in each language', () => {
    const f = { ...data, severity: 'info' as const, accepted: '已确认' }
    expect(wordFinding(f, CATALOGUE, 'zh').message).toBe('files/欧**.pdf 写着姓名 欧**（已接受：已确认）')
    expect(wordFinding(f, CATALOGUE, 'en').message).toBe('files/欧**.pdf shows the name 欧** (accepted: 已确认)')
  })

  test('a messageId the catalogue does not have is a programming error, not a silent empty message', () => {
    expect(() => wordFinding({ ...data, messageId: 'nope' }, CATALOGUE, 'zh')).toThrow(/unknown messageId nope/)
  })

  test('wordFindings sorts as every report does (file, page, …, message)', () => {
    const a = findingOf(other, { messageId: 'few', data: { year: 2023, hours: 40, years: [2021, 2022] } }, show)
    const words = wordFindings([data, a], CATALOGUE, 'zh')
    expect(words.map((f) => f.rule)).toEqual(['ce.made-up', 'redaction.made-up'])
  })
})

const report = (findings: Finding[]): Report => ({
  tool: 'zhicheng-check',
  version: '0',
  policy: 'aksu-2024',
  today: '2024-08-05',
  package: 'p',
  summary: { errors: 1, warnings: 1, infos: 0, files: 1, ocr: { pages: 0, read: 0, notRead: [], failed: [] } },
  findings,
})
const pkg = (findings: Finding[]): PackageReport => ({ ...report(findings), policy: 'aksu-2024', manifest: 'manifest.yaml' }) as PackageReport

describe('reporters take the catalogue', () => {
  const findings = wordFindings(
    [
      findingOf(leak, { messageId: 'named', data: { file: 'a.pdf', name: secret('name', NAME) }, file: 'a.pdf' }, show),
      findingOf(other, { messageId: 'few', data: { year: 2023, hours: 40, years: [2021, 2022] } }, show),
    ],
    CATALOGUE,
    'zh',
  )

  test('pretty groups by the area the catalogue gives, for rules the registry does not have', () => {
    const text = renderPretty(report(findings), { manifestFile: 'manifest.yaml' }, 'zh', new Chalk({ level: 0 }), { catalogue: CATALOGUE })
    const ce = text.indexOf('继续教育')
    const scan = text.indexOf('扫描件')
    expect(ce).toBeGreaterThan(0)
    expect(scan).toBeGreaterThan(ce)
    expect(text.indexOf('2023年只有40学时')).toBeGreaterThan(ce)
    expect(text.indexOf('a.pdf 写着姓名 欧**')).toBeGreaterThan(scan)
  })

  test('a finding of an older report (no area, no messageId) is still grouped, by the catalogue', () => {
    const old = findings.map(({ area: _a, messageId: _m, data: _d, ...rest }) => rest)
    const text = renderPretty(report(old), { manifestFile: 'manifest.yaml' }, 'zh', new Chalk({ level: 0 }), { catalogue: CATALOGUE })
    expect(text.indexOf('a.pdf 写着姓名')).toBeGreaterThan(text.indexOf('扫描件'))
  })

  test('JUnit lists the catalogue’s rules, in its order', () => {
    const xml = renderJunit([pkg(findings)], 'en', CATALOGUE)
    expect([...xml.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1])).toEqual(['ce.made-up', 'redaction.made-up'])
  })
})

/** SARIF 2.1.0 §3.11.5: {n} is argument n, {{ and }} are braces. */
const format = (template: string, args: readonly string[]) => template.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, n: string | undefined) => (n === undefined ? m[0]! : args[Number(n)]!))

describe('SARIF message strings', () => {
  const accepted = { ...findingOf(leak, { messageId: 'named', data: { file: 'b.pdf', name: secret('name', NAME) }, file: 'b.pdf' }, show), severity: 'info' as const, accepted: '同意' }
  const findings = wordFindings(
    [
      findingOf(leak, { messageId: 'named', data: { file: 'a.pdf', name: secret('name', NAME) }, file: 'a.pdf' }, show),
      findingOf(other, { messageId: 'few', data: { year: 2023, hours: 40, years: [2021, 2022] } }, show),
      accepted,
    ],
    CATALOGUE,
    'zh',
  )
  const log = JSON.parse(renderSarif([pkg(findings)], { lang: 'zh', version: '0', catalogue: CATALOGUE }))
  const run = log.runs[0]

  test('every result names its string; the string filled with its arguments is its text', () => {
    for (const r of run.results) {
      const rule = run.tool.driver.rules[r.ruleIndex]
      expect(r.message.id, r.ruleId).toBeDefined()
      expect(format(rule.messageStrings[r.message.id].text, r.message.arguments)).toBe(r.message.text)
    }
  })

  test('literal braces are doubled, placeholders numbered, the accepted form only where used', () => {
    const rules = Object.fromEntries(run.tool.driver.rules.map((r: { id: string }) => [r.id, r]))
    expect(rules['ce.made-up'].messageStrings.few.text).toBe('{0}年只有{1}学时（{{{{不是占位}}}}）\n修改：补足 {2}')
    expect(Object.keys(rules['redaction.made-up'].messageStrings)).toEqual(['named', 'named.accepted', 'personal'])
    expect(run.results.find((r: { message: { id: string } }) => r.message.id === 'named.accepted').message.arguments).toEqual(['b.pdf', '欧**', '同意'])
    expect(JSON.stringify(log)).not.toContain(NAME)
  })

  test('valid SARIF 2.1.0', () => {
    const v = validateSarif(log)
    expect(v.valid, v.errors).toBe(true)
  })
})

describe('merge: shards written before findings carried data', () => {
  test('a shard whose findings have no messageId, area or data merges with a new one', () => {
    const shard = (index: number, pkgName: string, findings: Finding[]) => ({
      tool: 'zhicheng-check',
      version: '0',
      policy: 'aksu-2024',
      today: '2024-08-05',
      summary: { packages: 1, passed: 0, failed: 1, unreadable: 0, errors: 1, warnings: 0, infos: 0, files: 1, rules: [] },
      packages: [{ ...pkg(findings), package: pkgName }],
      shard: { index, total: 2, lang: 'zh', quiet: false },
    })
    const [newer] = wordFindings([findingOf(leak, { messageId: 'named', data: { file: 'a.pdf', name: secret('name', NAME) }, file: 'a.pdf' }, show)], CATALOGUE, 'zh')
    const { area: _a, messageId: _m, data: _d, ...older } = newer!
    const merged = mergeShards([shard(1, 'a', [older]), shard(2, 'b', [newer!])] as never)
    expect(merged.packages.map((p) => p.findings[0]!.message)).toEqual([newer!.message, newer!.message])
    expect(merged.packages[0]!.findings[0]!.messageId).toBeUndefined()
    expect(merged.packages[1]!.findings[0]!.messageId).toBe('named')
  })
})
