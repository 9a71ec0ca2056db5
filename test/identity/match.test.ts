// The one matcher every leak rule uses (src/identity/match.ts): what real documents do to a
// name must not hide it, and masks or other people must not be taken for it.
import { describe, expect, test } from 'vitest'
import { findIdentity, identityTerms, isMaskOnly, maskHits, normalise } from '../../src/identity/match.js'

const APPLICANT = { name: '欧阳明远', name_variants: ['欧阳 明远', 'Ouyang Mingyuan'], employer: '阿克苏地区融媒体中心', employer_variants: ['地区融媒体中心'] }
const terms = identityTerms(APPLICANT)
const found = (text: string) => findIdentity(text, terms).map((h) => `${h.kind}:${h.matched}`)

describe('identityTerms', () => {
  test('name, variants, employer and its short form; duplicates after normalising dropped; longest first', () => {
    expect(terms.map((t) => [t.kind, t.needle])).toEqual([
      ['name', 'ouyangmingyuan'],
      ['employer', '阿克苏地区融媒体中心'],
      ['employer', '地区融媒体中心'],
      ['name', '欧阳明远'],
    ])
  })
  test.for([
    ['a one-character name', { name: '欧' }],
    ['a masked variant', { name: '欧阳明远', name_variants: ['欧**', '欧××', '欧○○'] }],
    ['a short Latin variant', { name: '欧阳明远', name_variants: ['Ou'] }],
  ] as const)('leaves out %s', ([, applicant]) => {
    expect(identityTerms(applicant).map((t) => t.needle)).toEqual(applicant.name.length >= 2 ? ['欧阳明远'] : [])
  })
})

describe('findIdentity', () => {
  test.for([
    ['plain', '申报人欧阳明远', ['name:欧阳明远']],
    ['spaces between characters', '欧 阳 明 远', ['name:欧 阳 明 远']],
    ['ideographic spaces and a line break', '欧阳　明\n远', ['name:欧阳　明\n远']],
    ['a middle dot', '欧阳·明远', ['name:欧阳·明远']],
    ['Traditional characters', '歐陽明遠', ['name:歐陽明遠']],
    ['full-width Latin', 'ＯＵＹＡＮＧ　ＭＩＮＧＹＵＡＮ', ['name:ＯＵＹＡＮＧ　ＭＩＮＧＹＵＡＮ']],
    ['pinyin in a file name', 'ouyang_mingyuan_学历.pdf', ['name:ouyang_mingyuan']],
    ['pinyin with a capital and no space', 'OuyangMingyuan', ['name:OuyangMingyuan']],
    ['the employer in Traditional', '阿克蘇地區融媒體中心', ['employer:阿克蘇地區融媒體中心']],
    ['the short form inside another name', '新疆地区融媒体中心', ['employer:地区融媒体中心']],
    ['the full employer is one hit, not two', '阿克苏地区融媒体中心', ['employer:阿克苏地区融媒体中心']],
  ] as const)('finds: %s', ([, text, expected]) => {
    expect(found(text)).toEqual(expected)
  })

  test.for([
    ['the masked name', '欧**'],
    ['a masked name with crosses', '欧阳××'],
    ['block masks', '████ ████'],
    ['a different person sharing one character', '欧阳春'],
    ['a different person sharing three', '欧阳明'],
    ['one character swapped', '欧阳明X'],
    ['a list, not a name broken apart', '欧阳，明远'],
    ['pinyin inside a longer word', 'xouyangmingyuanx'],
    ['half the employer', '阿克苏地区'],
  ] as const)('does not find: %s', ([, text]) => {
    expect(found(text)).toEqual([])
  })

  test('positions map back to the source, surrogate pairs included', () => {
    const text = '𠀀 欧 阳 明 远 𠀀'
    const [h] = findIdentity(text, terms)
    expect(text.slice(h!.start, h!.end)).toBe('欧 阳 明 远')
  })

  test('maskHits shows the first character only', () => {
    const text = 'files/欧阳明远-学历证书.pdf'
    expect(maskHits(text, findIdentity(text, terms))).toBe('files/欧**-学历证书.pdf')
  })

  test('normalise keeps a map from every character back to the source', () => {
    const n = normalise('Ａ 歐')
    expect(n.text).toBe('a欧')
    expect(n.from).toEqual([0, 2])
  })

  test('isMaskOnly', () => {
    expect(['████', 'XXXX', '* * *', '××'].map(isMaskOnly)).toEqual([true, true, true, true])
    expect(['欧**', '0997', ''].map(isMaskOnly)).toEqual([false, false, false])
  })
})
