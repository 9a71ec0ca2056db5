import { describe, expect, it } from 'vitest'
import { editPaths } from '../../src/fix/manifest.js'
import { nameLeaks, neutralStem, renamed, withExt } from '../../src/fix/names.js'
import { dpiSteps } from '../../src/fix/pdf.js'
import { grow } from '../../src/fix/pixels.js'
import { identityTerms } from '../../src/identity/match.js'

const terms = identityTerms({ name: '欧阳明远', name_variants: ['Ouyang Mingyuan'], employer: '阿克苏地区融媒体中心', phone: '138 1234 5678' })

describe('neutral names', () => {
  it('names a file after its place in the manifest, never after its owner', () => {
    expect(neutralStem('education.diploma')).toBe('学历证书')
    expect(neutralStem('continuing_education.years.2022.public.certificate')).toBe('2022-公需课')
    expect(neutralStem('continuing_education.years.2023.professional.certificate')).toBe('2023-专业课')
    expect(neutralStem('attachments.recommendation')).toBe('单位推荐意见')
    expect(neutralStem('attachments.other_thing')).toBe('附件-other_thing')
    expect(neutralStem('achievements.0.file')).toBe('业绩-1')
    expect(neutralStem('defense.proof')).toBe('免答辩证明')
  })

  it('finds the name, a variant or the phone in the file name only, not in its folders', () => {
    expect(nameLeaks('files/欧阳明远-学历证书.pdf', terms)).toBe(true)
    expect(nameLeaks('files/ouyang_mingyuan.pdf', terms)).toBe(true)
    expect(nameLeaks('files/2021公需课-13812345678.pdf', terms)).toBe(true)
    expect(nameLeaks('欧阳明远/学历证书.pdf', terms)).toBe(false)
    expect(nameLeaks('files/学历证书.pdf', terms)).toBe(false)
    // Another person sharing the surname is not the applicant.
    expect(nameLeaks('files/欧阳修.pdf', terms)).toBe(false)
  })

  it('keeps the folder, never takes a name already used (case-blind), changes an extension', () => {
    expect(renamed('files/x/欧阳明远.pdf', '学历证书', 'pdf', new Set())).toBe('files/x/学历证书.pdf')
    expect(renamed('files/欧阳明远.pdf', '学历证书', 'pdf', new Set(['files/学历证书.pdf']))).toBe('files/学历证书-2.pdf')
    expect(renamed('a.PDF', 'b', 'pdf', new Set(['b.pdf', 'b-2.pdf']))).toBe('b-3.pdf')
    expect(withExt('files/证书.tif', 'jpg')).toBe('files/证书.jpg')
    expect(withExt('files.d/证书', 'jpg')).toBe('files.d/证书.jpg')
  })
})

describe('the copy manifest', () => {
  it('changes only the renamed paths, in place: comments, quotes and layout kept', () => {
    const text = [
      '# 欧阳明远的申报包',
      'education:',
      '  diploma: files/欧阳明远-学历证书.pdf   # expect: redaction.filename-leak',
      '  degree: "files/学位证书.pdf"',
      'continuing_education:',
      '  years:',
      "    2021: { public: { hours: 30, certificate: 'files/2021-138.pdf' } }",
      'achievements:',
      '  - { title: 代表作, file: files/欧阳明远代表作.pdf }',
      '',
    ].join('\n')
    const { text: out, missed } = editPaths(text, [
      { pointer: 'education.diploma', to: 'files/学历证书.pdf' },
      { pointer: 'education.degree', to: 'files/学位证书-2.pdf' },
      { pointer: 'continuing_education.years.2021.public.certificate', to: "files/2021-公需课's.pdf" },
      { pointer: 'achievements.0.file', to: 'files/业绩-1.pdf' },
      { pointer: 'education.nothing', to: 'x' },
    ])
    expect(out).toBe(
      [
        '# 欧阳明远的申报包',
        'education:',
        '  diploma: files/学历证书.pdf   # expect: redaction.filename-leak',
        '  degree: "files/学位证书-2.pdf"',
        'continuing_education:',
        '  years:',
        "    2021: { public: { hours: 30, certificate: 'files/2021-公需课''s.pdf' } }",
        'achievements:',
        '  - { title: 代表作, file: files/业绩-1.pdf }',
        '',
      ].join('\n'),
    )
    expect(missed).toEqual(['education.nothing'])
  })

  it('quotes a new path YAML would read otherwise', () => {
    expect(editPaths('a:\n  file: x.pdf\n', [{ pointer: 'a.file', to: 'files/#1: 证书.pdf' }]).text).toBe('a:\n  file: "files/#1: 证书.pdf"\n')
  })
})

describe('bounds', () => {
  it('steps resolution down to the floor and never below it', () => {
    expect(dpiSteps(200, 150)).toEqual([200, 175, 150])
    expect(dpiSteps(200, 160)).toEqual([200, 175, 160])
    expect(dpiSteps(150, 150)).toEqual([150])
  })

  it('grows boxes by the margin inside the picture, drops empty ones', () => {
    expect(grow([[10, 10, 20, 20]], 5, 100, 100)).toEqual([[5, 5, 25, 25]])
    expect(grow([[0, 0, 98, 99]], 5, 100, 100)).toEqual([[0, 0, 100, 100]])
    expect(grow([[200, 200, 300, 300]], 5, 100, 100)).toEqual([])
  })
})
