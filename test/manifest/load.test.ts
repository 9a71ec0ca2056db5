import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import { MAX_MANIFEST_BYTES, loadManifestBytes, loadManifestText } from '../../src/manifest/load.js'
import { UsageError } from '../../src/usage-error.js'
import { baseManifest } from '../helpers/base-manifest.js'
import { applySet } from '../helpers/rule-cases.js'

const base = () => stringify(baseManifest())

function usageCode(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (err instanceof UsageError) return err.code
    throw err
  }
  return undefined
}

describe('loadManifestText', () => {
  test('the base manifest is valid and keeps its data', () => {
    const m = loadManifestText(base())
    expect(m.problems).toEqual([])
    expect(m.data?.applicant.title).toBe('主任编辑')
    expect(m.data?.continuing_education?.years?.['2023']?.professional?.hours).toBe(60)
  })

  test('positions are 1-based line:column of the value', () => {
    const m = loadManifestText('version: 1\napplicant:\n  name: 张三\n  title:   主任编辑\n')
    expect(m.at('applicant.title')).toEqual({ line: 4, column: 12 })
    expect(m.at('applicant')).toEqual({ line: 2, column: 1 }) // a mapping points at its key
  })

  test('a missing field points at its nearest present parent', () => {
    const m = loadManifestText('version: 1\napplicant:\n  name: 张三\n')
    expect(m.at('applicant.employer')).toEqual({ line: 2, column: 1 })
  })

  test('year keys (numbers in YAML) are found by their string pointer', () => {
    const m = loadManifestText(base())
    const pos = m.at('continuing_education.years.2023.professional.hours')
    const lines = base().split('\n')
    expect(lines[pos!.line - 1]!.slice(pos!.column - 1)).toMatch(/^60/)
  })

  test('an unknown key near a known one says "did you mean", at the key', () => {
    const text = base().replace(/^education:/m, 'educaton:')
    const m = loadManifestText(text)
    const p = m.problems.find((x) => x.messageId === 'unknown-key')!
    expect(p.data).toMatchObject({ key: 'educaton', suggestion: 'education' })
    const line = text.split('\n').findIndex((l) => l.startsWith('educaton:')) + 1
    expect(p.position).toEqual({ line, column: 1 })
  })

  test('a misspelt key stands for the field it suggests: rules stay silent about that field', () => {
    const typo = loadManifestText(base().replace(/^education:/m, 'educaton:'))
    expect(typo.dropped).toContainEqual(['education'])
    // Both written: the unknown key is only an extra, the real field is read.
    const both = loadManifestText(`${base()}\neducaton: {}\n`)
    expect(both.problems.map((p) => p.messageId)).toEqual(['unknown-key'])
    expect(both.dropped).toEqual([])
    // No suggestion, nothing stood for.
    expect(loadManifestText(stringify(applySet(baseManifest(), { 'applicant.favourite_colour': 'blue' }))).dropped).toEqual([])
  })

  test('an unknown top-level key is reported next to another problem, not swallowed by it', () => {
    const text = stringify(applySet(baseManifest(), { 'mandarin.grade': '二级甲' })).replace(/^education:/m, 'educaton:')
    const m = loadManifestText(text)
    expect(m.problems.map((p) => p.messageId).sort()).toEqual(['bad-value', 'unknown-key'])
  })

  test('待填写 (as init writes it) is still to fill in: where the schema takes text and where it takes a number', () => {
    const m = loadManifestText(stringify(applySet(baseManifest(), { 'applicant.employer_type': '待填写', 'continuing_education.years.2021.public.hours': '待填写' })))
    expect(m.problems.map((p) => [p.messageId, p.pointer.join('.')]).sort()).toEqual([
      ['to-fill', 'applicant.employer_type'],
      ['to-fill', 'continuing_education.years.2021.public.hours'],
    ])
    expect(m.toFill.map((p) => p.join('.')).sort()).toEqual(['applicant.employer_type', 'continuing_education.years.2021.public.hours'])
    // A real value that merely contains the word is not a placeholder.
    expect(loadManifestText(stringify(applySet(baseManifest(), { 'applicant.employer_type': '企业（待填写）' }))).toFill).toEqual([])
  })

  test('a missing version is "required", not a wrong value ""', () => {
    const m = loadManifestText(base().replace(/^version: 1\n/m, ''))
    expect(m.problems).toEqual([expect.objectContaining({ messageId: 'required', pointer: ['version'] })])
  })

  test('an unknown key far from every known key gets no suggestion but the list', () => {
    const m = loadManifestText(stringify(applySet(baseManifest(), { 'applicant.favourite_colour': 'blue' })))
    expect(m.problems).toHaveLength(1)
    expect(m.problems[0]).toMatchObject({ messageId: 'unknown-key', data: { key: 'favourite_colour', suggestion: '' } })
    expect(m.problems[0]!.data.known).toContain('employer_type')
  })

  test('a near-miss enum value suggests the right one: 二级甲 → 二级甲等', () => {
    const m = loadManifestText(stringify(applySet(baseManifest(), { 'mandarin.grade': '二级甲' })))
    expect(m.problems).toEqual([
      expect.objectContaining({ messageId: 'bad-value', pointer: ['mandarin', 'grade'], data: expect.objectContaining({ suggestion: '二级甲等' }) }),
    ])
  })

  test('an impossible date is a bad-date problem', () => {
    const m = loadManifestText(stringify(applySet(baseManifest(), { 'publicity.end': '2024-02-30' })))
    expect(m.problems.map((p) => [p.messageId, p.pointer.join('.')])).toEqual([['bad-date', 'publicity.end']])
  })

  test('one bad value does not hide the rest of the manifest from the rules', () => {
    const m = loadManifestText(stringify(applySet(baseManifest(), { 'mandarin.grade': '二级甲', 'publicity.end': 'soon' })))
    expect(m.problems).toHaveLength(2)
    expect(m.data?.applicant.title).toBe('主任编辑')
    expect(m.data?.mandarin).toBeUndefined() // dropped with its bad grade
    expect(m.data?.education?.level).toBe('本科')
  })

  test('a missing required field is reported once, not again for its parents', () => {
    const m = loadManifestText(stringify(applySet(baseManifest(), { 'applicant.series': undefined })))
    expect(m.problems.map((p) => [p.messageId, p.pointer.join('.')])).toEqual([['required', 'applicant.series']])
    expect(m.data).toBeUndefined() // no applicant, no rules that need one
  })

  test('several problems in one array are all reported, indexes intact', () => {
    const data = applySet(baseManifest(), {
      'submission.history': [{ submitted: '2024-07-25', returned: 'x' }, { submitted: '2024-07-28' }, { submitted: 'y' }],
    })
    const m = loadManifestText(stringify(data))
    expect(m.problems.map((p) => p.pointer.join('.')).sort()).toEqual(['submission.history.0.returned', 'submission.history.2.submitted'])
  })

  test.for([
    ['a tab-indented mess', 'version: 1\n\tapplicant: [\n'],
    ['a duplicate key', 'version: 1\nversion: 1\n'],
    ['a scalar, not a mapping', 'just some words\n'],
    ['a list, not a mapping', '- a\n- b\n'],
  ])('not a manifest: %s → manifest-not-yaml', ([, text]) => {
    expect(usageCode(() => loadManifestText(text))).toBe('manifest-not-yaml')
  })

  // Refused by the alias count, whatever the machine's speed: a bomb that were expanded would not
  // finish within the test's own timeout (vitest's, not a clock read here).
  test('an alias bomb is refused, not expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`)
    expect(usageCode(() => loadManifestText(lines.join('\n')))).toBe('manifest-not-yaml')
  })

  test('an absurdly large manifest is refused before parsing', () => {
    const bytes = new TextEncoder().encode(`version: 1\n#${'x'.repeat(MAX_MANIFEST_BYTES)}\n`)
    expect(usageCode(() => loadManifestBytes(bytes, 'manifest.yaml'))).toBe('manifest-too-large')
  })

  test('GBK bytes are an encoding error, not mojibake', () => {
    const gbk = Uint8Array.from([0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x3a, 0x20, 0x31, 0x0a, 0xc9, 0xea, 0xb1, 0xa8, 0x3a, 0x20, 0x31, 0x0a])
    expect(usageCode(() => loadManifestBytes(gbk, '申报.yaml'))).toBe('manifest-encoding')
  })

  test('a UTF-8 BOM (Windows Notepad) is accepted', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${base()}`)
    expect(loadManifestBytes(bytes, 'manifest.yaml').problems).toEqual([])
  })
})
