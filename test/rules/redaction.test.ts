import { describe, expect, test } from 'vitest'
import { maskPersonal, scrub } from '../../src/identity/mask.js'
import { renderHit } from '../../src/report/render-message.js'
import { redactionFieldLeak } from '../../src/rules/redaction/fields.js'
import { redactionClassified, redactionFlags } from '../../src/rules/redaction/flags.js'
import { redactionCoveredText, redactionFilenameLeak, redactionMetadataLeak, redactionOcrLeak, redactionTextLeak } from '../../src/rules/redaction/leaks.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { redactionPhotoLeak } from '../../src/rules/redaction/photo.js'
import { findIdentity, identityTerms } from '../../src/identity/match.js'
import type { PageFacts, ScanFacts } from '../../src/inspect/facts.js'
import { ruleCases, runRule } from '../helpers/rule-cases.js'

// The base manifest's applicant: 欧阳明远, 阿克苏地区融媒体中心 (short form 地区融媒体中心).
const ID = '652901198001011234'
const ID_X = '65290119800101123X'
const PHONE = '13812345678'
const EMAIL = 'ouyang.mingyuan@example.com'
const title = (t: string) => ({ achievements: [{ title: t, file: 'files/业绩/代表作一.pdf' }] })

ruleCases(redactionFieldLeak, {
  fires: [
    { name: 'the issue’s title: name and employer, two findings at the title', set: title('欧阳明远在阿克苏地区融媒体中心的年度重点报道'), expect: [{ messageId: 'name', at: 'achievements.0.title' }, { messageId: 'employer', at: 'achievements.0.title' }] },
    { name: 'the short employer name in a title', set: title('地区融媒体中心年度报道'), expect: [{ messageId: 'employer', at: 'achievements.0.title' }] },
    { name: 'the exemption reason names the applicant', set: { 'continuing_education.exemption': { years: [2023], reason: '欧阳明远同志驻村' } }, expect: [{ messageId: 'name', at: 'continuing_education.exemption.reason' }] },
    { name: 'why 学信网 has no record names the employer', set: { 'education.verification.unavailable_reason': '阿克苏地区融媒体中心档案遗失', 'education.verification.kind': '毕业生登记表' }, expect: [{ messageId: 'employer', at: 'education.verification.unavailable_reason' }] },
    { name: 'a phone number in a title', set: { 'applicant.phone': PHONE, ...title('联系 138-1234-5678') }, expect: [{ messageId: 'personal', at: 'achievements.0.title', data: { field: 'achievements.0.title' } }] },
  ],
  silent: [
    { name: 'the base package' },
    { name: 'the identity fields themselves are exempt', set: { 'applicant.name_variants': ['欧阳 明远'], 'applicant.id_number': ID, 'applicant.phone': PHONE, 'applicant.email': EMAIL } },
    { name: 'a masked name in a title', set: title('欧**在████的年度重点报道') },
    { name: 'file paths are filename-leak’s, not this rule’s', set: { 'education.diploma': 'files/欧阳明远学历证书.pdf' } },
    { name: 'another person sharing a character', set: title('欧阳修研究') },
  ],
  edge: [
    { name: 'Traditional characters and spaces', set: title('歐陽 明遠的報道'), expect: [{ messageId: 'name', at: 'achievements.0.title' }] },
    { name: 'the name in the second of three achievements', set: { achievements: [{ title: 'a' }, { title: '记者欧阳明远' }, { title: 'c' }] }, expect: [{ messageId: 'name', at: 'achievements.1.title' }] },
  ],
})

test('redaction.field-leak: the finding masks what it found, in both languages', () => {
  const hits = runRule(redactionFieldLeak, { set: title('欧阳明远在阿克苏地区融媒体中心的年度重点报道') })
  const words = hits.flatMap((h) => (['zh', 'en'] as const).map((l) => renderHit(redactionFieldLeak, h, l).message)).join('\n')
  expect(words).toContain('欧**')
  expect(words).toContain('阿克苏****中心')
  expect(words).not.toContain('欧阳明远')
  expect(words).not.toContain('阿克苏地区融媒体中心')
})

describe('ID-card number, phone, e-mail: matched as written in documents', () => {
  const terms = identityTerms({ name: '欧阳明远', employer: '阿克苏地区融媒体中心', id_number: ID_X, phone: '+86 138 1234 5678', email: EMAIL })
  test.for([
    ['the ID number as it is', `身份证号：${ID_X}`, 'idNumber'],
    ['with spaces', '身份证 652901 19800101 123X', 'idNumber'],
    ['with a lowercase x', '65290119800101123x', 'idNumber'],
    ['full-width digits', '６５２９０１１９８００１０１１２３Ｘ', 'idNumber'],
    ['the phone with hyphens', '电话 138-1234-5678', 'phone'],
    ['the phone as the manifest’s +86 form drops', '13812345678', 'phone'],
    ['the e-mail, upper case', 'OUYANG.MINGYUAN@EXAMPLE.COM', 'email'],
  ])('fires: %s', ([, text, kind]) => {
    expect(findIdentity(text, terms).map((h) => h.kind)).toEqual([kind])
  })
  test.for([
    ['another ID number', '652901198001011235'],
    ['the ID inside a longer number', '1652901198001011234X9'],
    ['the phone inside a longer number', '9913812345678'],
    ['a masked ID', '6529**********123X'],
  ])('silent: %s', ([, text]) => {
    expect(findIdentity(text, identityTerms({ id_number: ID, phone: PHONE }))).toEqual([])
  })
  test('edge: masked values in the manifest are not searched (nothing to find)', () => {
    expect(identityTerms({ id_number: '6529**********1234', phone: '138****5678' })).toEqual([])
  })
  test('masks show neither the value nor its length', () => {
    expect(maskPersonal('idNumber', ID_X)).toBe('65****3X')
    expect(maskPersonal('idNumber', '6529 0119 8001 0112 34')).toBe('65****34')
    expect(maskPersonal('phone', PHONE)).toBe('138****78')
    expect(maskPersonal('email', EMAIL)).toBe('o***@e***')
    expect(scrub(`号码 ${ID_X} 与 ${PHONE}`, { names: [], employers: [], personal: [{ kind: 'idNumber', value: ID_X }, { kind: 'phone', value: PHONE }] })).toBe('号码 65****3X 与 138****78')
  })
})

// The leak rules' ID number, phone and e-mail messages are this file's; their other messages, leaks.test.ts's and ocr.test.ts's.
coverMessages([redactionFilenameLeak, redactionMetadataLeak, redactionTextLeak, redactionCoveredText, redactionOcrLeak], { only: (id) => /personal/iu.test(id) })

describe('ID-card number, phone, e-mail: searched in every layer, never printed', () => {
  const set = { 'applicant.id_number': ID_X, 'applicant.phone': PHONE, 'applicant.email': EMAIL }
  const PDF = 'files/学历证书.pdf'
  const JPG = 'files/普通话证书.jpg'
  const page = (p: Partial<PageFacts>): PageFacts => ({ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 10, textRotationDeg: 0, hasGraphics: false, scanImage: null, ...p })
  const pdf = (p: Partial<PageFacts>, extra: Partial<ScanFacts> = {}): ScanFacts => ({ kind: 'pdf', readable: true, pageCount: 1, pages: [page(p)], ...extra })
  const rendered = (rule: Parameters<typeof renderHit>[0], hits: ReturnType<typeof runRule>) => hits.flatMap((h) => (['zh', 'en'] as const).map((l) => renderHit(rule, h, l).message)).join('\n')
  const noRaw = (text: string) => {
    for (const raw of [ID_X, PHONE, EMAIL, '123X', '12345678']) expect(text).not.toContain(raw)
  }
  test('file name', () => {
    const hits = runRule(redactionFilenameLeak, { set: { ...set, 'education.diploma': `files/学历证书_${PHONE}.pdf` } })
    expect(hits.map((h) => [h.messageId, h.file])).toEqual([['personal', 'files/学历证书_138****78.pdf']])
    expect(rendered(redactionFilenameLeak, hits)).toContain('电话号码（138****78）')
    noRaw(rendered(redactionFilenameLeak, hits))
  })
  test('metadata', () => {
    const hits = runRule(redactionMetadataLeak, { set, scans: { [PDF]: pdf({}, { metadata: [{ field: 'Info /Author', value: EMAIL }] }) } })
    expect(hits.map((h) => h.messageId)).toEqual(['pdfPersonal'])
    noRaw(rendered(redactionMetadataLeak, hits))
  })
  test('text layer, ID number with spaces and a lowercase x', () => {
    const hits = runRule(redactionTextLeak, { set, scans: { [PDF]: pdf({ text: [{ s: '身份证号 652901 19800101', box: [0, 0, 1, 1] }, { s: '123x', box: [1, 0, 2, 1] }] }) } })
    expect(hits.map((h) => [h.messageId, h.page])).toEqual([['personal', 1]])
    expect(rendered(redactionTextLeak, hits)).toContain('身份证号（65****3x）')
    noRaw(rendered(redactionTextLeak, hits))
  })
  test('OCR lines of a scanned image', () => {
    const ocrPage = page({ textChars: 0, ocr: { status: 'read', dpi: 150, lines: [{ text: `电话：${PHONE}`, box: [72, 72, 200, 90], confidence: 0.9 }] } })
    const hits = runRule(redactionOcrLeak, { set, scans: { [JPG]: { kind: 'jpeg', readable: true, pageCount: 1, pages: [ocrPage] } } })
    expect(hits.map((h) => h.messageId)).toEqual(['personal'])
    noRaw(rendered(redactionOcrLeak, hits))
  })
  test('image metadata and annotation authors', () => {
    const image = runRule(redactionMetadataLeak, { set, scans: { [JPG]: { kind: 'jpeg', readable: true, pageCount: 1, pages: [page({ textChars: 0 })], metadata: [{ field: 'EXIF Artist', value: PHONE }] } } })
    expect(image.map((h) => h.messageId)).toEqual(['imagePersonal'])
    noRaw(rendered(redactionMetadataLeak, image))
    const annotation = runRule(redactionMetadataLeak, { set, scans: { [PDF]: pdf({}, { metadata: [{ field: 'Annotation /T (page 1)', value: EMAIL }] }) } })
    expect(annotation.map((h) => h.messageId)).toEqual(['annotationPersonal'])
    noRaw(rendered(redactionMetadataLeak, annotation))
  })
  test('under a box that still copies', () => {
    const hits = runRule(redactionCoveredText, { set, scans: { [PDF]: pdf({ covered: [{ box: [72, 72, 300, 90], text: `身份证号 ${ID_X}`, by: 'rect', colour: '#000000', dark: true }] }) } })
    expect(hits.map((h) => [h.messageId, h.page])).toEqual([['personal', 1]])
    noRaw(rendered(redactionCoveredText, hits))
  })
  test('without them in the manifest, nothing is looked for', () => {
    expect(runRule(redactionTextLeak, { scans: { [PDF]: pdf({ text: [{ s: ID_X, box: [0, 0, 1, 1] }] }) } })).toEqual([])
  })
})

ruleCases(redactionPhotoLeak, {
  fires: [
    {
      name: 'a face on page 2 of a PDF, redaction.photo not ticked',
      set: { 'redaction.photo': false },
      scans: { 'files/学历证书.pdf': { kind: 'pdf', readable: true, pageCount: 2, pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null }, { page: 2, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, faces: [{ box: [85, 170, 140, 240], score: 0.8 }] }] } },
      expect: [{ messageId: 'face', at: 'education.diploma', file: 'files/学历证书.pdf', data: { page: 2, x: 30, y: 60, w: 19, h: 25 } }],
    },
    {
      name: 'redaction.photo: true and a face shows: the flag is wrong',
      scans: { 'files/普通话证书.jpg': { kind: 'jpeg', readable: true, pageCount: 1, pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, faces: [{ box: [85, 170, 140, 240], score: 0.6 }] }] } },
      expect: [{ messageId: 'imageFaceFlagWrong', at: 'mandarin.certificate', file: 'files/普通话证书.jpg' }],
    },
    {
      name: 'a face on an image file, redaction.photo not ticked',
      set: { 'redaction.photo': false },
      scans: { 'files/普通话证书.jpg': { kind: 'jpeg', readable: true, pageCount: 1, pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, faces: [{ box: [85, 170, 140, 240], score: 0.7 }] }] } },
      expect: [{ messageId: 'imageFace', at: 'mandarin.certificate', file: 'files/普通话证书.jpg' }],
    },
    {
      name: 'redaction.photo: true and a face on a PDF page: the flag is wrong',
      scans: { 'files/学历证书.pdf': { kind: 'pdf', readable: true, pageCount: 1, pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, faces: [{ box: [85, 170, 140, 240], score: 0.8 }] }] } },
      expect: [{ messageId: 'faceFlagWrong', at: 'education.diploma', file: 'files/学历证书.pdf', data: { page: 1 } }],
    },
  ],
  silent: [
    { name: 'the base package (no faces found)' },
    { name: 'a face under a box drawn after the picture', scans: { 'files/学历证书.pdf': { kind: 'pdf', readable: true, pageCount: 1, pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, faces: [{ box: [85, 170, 140, 240], score: 0.8, covered: true }] }] } } },
  ],
  edge: [
    {
      name: 'two faces on one page are two findings, top one first',
      set: { 'redaction.photo': false },
      scans: { 'files/学历证书.pdf': { kind: 'pdf', readable: true, pageCount: 1, pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, faces: [{ box: [85, 100, 140, 170], score: 0.8 }, { box: [300, 500, 360, 580], score: 0.5 }] }] } },
      expect: [{ messageId: 'face', data: { y: 35 } }, { messageId: 'face', data: { y: 176 } }],
    },
  ],
})

test('a mistyped ID number, phone or e-mail is manifest.invalid without its value', async () => {
  const { loadManifestText } = await import('../../src/manifest/load.js')
  const { stringify } = await import('yaml')
  const { baseManifest } = await import('../helpers/base-manifest.js')
  const data = baseManifest()
  Object.assign(data.applicant, { id_number: '6529011980010112X', phone: 'call me', email: 'no-at-sign' })
  const m = loadManifestText(stringify(data))
  const got = m.problems.filter((p) => String(p.pointer.join('.')).startsWith('applicant.')).map((p) => [p.pointer.join('.'), p.data?.got])
  expect(got).toEqual([
    ['applicant.id_number', '****'],
    ['applicant.phone', '****'],
    ['applicant.email', '****'],
  ])
})

test('an 18-digit ID number and an 11-digit phone written without quotes are read as written', async () => {
  const { loadManifestText } = await import('../../src/manifest/load.js')
  const { stringify } = await import('yaml')
  const { baseManifest } = await import('../helpers/base-manifest.js')
  const text = stringify(baseManifest()).replace(/^applicant:\n/mu, 'applicant:\n  id_number: 652901198001011239\n  phone: 13812345678\n')
  const m = loadManifestText(text)
  expect(m.problems).toEqual([])
  expect([m.data?.applicant.id_number, m.data?.applicant.phone]).toEqual(['652901198001011239', '13812345678'])
})

describe('OCR: a character read with doubt (a seal over the name)', () => {
  // The base applicant is 欧阳明远. The model read one character wrong but saw the right one too.
  const JPG = 'files/普通话证书.jpg'
  const scanOf = (text: string, alt?: Array<[number, string]>): ScanFacts => ({
    kind: 'jpeg',
    readable: true,
    pageCount: 1,
    pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, ocr: { status: 'read', dpi: 150, lines: [{ text: '普通话水平测试等级证书', box: [100, 50, 400, 80], confidence: 0.99 }, { text, box: [72, 120, 300, 140], confidence: 0.9, ...(alt ? { alt } : {}) }] } }],
  })
  const ocrHits = (scan: ScanFacts) => runRule(redactionOcrLeak, { scans: { [JPG]: scan } }).map((h) => [h.messageId, h.data?.y])
  test('fires: 欧阳朋远 with 明 the runner-up at the third character', () => {
    expect(ocrHits(scanOf('姓名：欧阳朋远', [[5, '月明']]))).toEqual([['name', expect.anything()]])
  })
  test('silent: the same misreading with no runner-up, or another runner-up', () => {
    expect(ocrHits(scanOf('姓名：欧阳朋远'))).toEqual([])
    expect(ocrHits(scanOf('姓名：欧阳朋远', [[5, '月用']]))).toEqual([])
  })
  test('edge: a runner-up elsewhere in the line does not lend a name its missing character', () => {
    // 明 seen at the colon, not inside the name: still 欧阳朋远.
    expect(ocrHits(scanOf('姓名：欧阳朋远', [[2, '明']]))).toEqual([])
    // Two characters wrong: one runner-up each is one at a time, never both.
    expect(ocrHits(scanOf('姓名：欧阳朋运', [[5, '明'], [6, '远']]))).toEqual([])
  })
  test('a name read right stays one finding, the runner-up adds none', () => {
    expect(ocrHits(scanOf('姓名：欧阳明远', [[5, '朋']]))).toEqual([['name', expect.anything()]])
  })
})

describe('OCR: a long line read squeezed can show a doubled character once', () => {
  const JPG = 'files/普通话证书.jpg'
  const scanOf = (text: string, squeezed: boolean): ScanFacts => ({
    kind: 'jpeg',
    readable: true,
    pageCount: 1,
    pages: [{ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, ocr: { status: 'read', dpi: 150, lines: [{ text, box: [72, 120, 500, 140], confidence: 0.96, ...(squeezed ? { squeezed: true as const } : {}) }] } }],
  })
  const kinds = (name: string, text: string, squeezed: boolean) => runRule(redactionOcrLeak, { set: { 'applicant.name': name }, scans: { [JPG]: scanOf(text, squeezed) } }).map((h) => h.messageId)
  test('fires: 买买提建华 read 买提建华 on a squeezed line', () => expect(kinds('买买提建华', '兹证明，买提建华同志，系本单位在职人员。', true)).toEqual(['name']))
  test('silent: the same on a line read at full width (there the doubled character shows)', () => expect(kinds('买买提建华', '兹证明，买提建华同志，系本单位在职人员。', false)).toEqual([]))
  test('edge: only the doubled character may be once; another name sharing the rest is not the applicant', () => {
    expect(kinds('买买提建华', '兹证明，买提建国同志，系本单位在职人员。', true)).toEqual([])
    // A name with no doubled character gains nothing from a squeezed line.
    expect(kinds('欧阳明远', '兹证明，欧明远同志，系本单位在职人员。', true)).toEqual([])
  })
})

// What the applicant ticked on the platform (src/rules/redaction/flags.ts).

ruleCases(redactionFlags, {
  fires: [
    { name: 'name not ticked', set: { 'redaction.name': false }, expect: [{ messageId: 'name', at: 'redaction.name' }] },
    { name: 'photo not ticked', set: { 'redaction.photo': false }, expect: [{ messageId: 'photo', at: 'redaction.photo' }] },
    { name: 'employer not ticked', set: { 'redaction.employer': false }, expect: [{ messageId: 'employer', at: 'redaction.employer' }] },
    {
      name: 'one finding per item, in the notice order',
      set: { 'redaction.employer': false, 'redaction.name': false },
      expect: [
        { messageId: 'name', at: 'redaction.name' },
        { messageId: 'employer', at: 'redaction.employer' },
      ],
    },
  ],
  silent: [{ name: 'the base package (all ticked)' }, { name: 'classified material is another rule', set: { 'redaction.classified_material': 'classified' } }],
  edge: [
    { name: 'an absent item counts as not ticked', set: { 'redaction.photo': undefined }, expect: [{ messageId: 'photo', at: 'redaction.photo' }] },
    {
      name: 'no redaction section: all three',
      set: { redaction: undefined },
      expect: [{ messageId: 'name' }, { messageId: 'photo' }, { messageId: 'employer' }],
    },
  ],
})

ruleCases(redactionClassified, {
  fires: [
    { name: 'classified, not declassified', set: { 'redaction.classified_material': 'classified' }, expect: [{ messageId: 'classified', at: 'redaction.classified_material' }] },
  ],
  silent: [
    { name: 'the base package (none)' },
    { name: 'declassified', set: { 'redaction.classified_material': 'declassified' } },
  ],
  edge: [
    { name: 'not declared at all is not classified', set: { 'redaction.classified_material': undefined }, expect: [] },
    { name: 'no redaction section', set: { redaction: undefined }, expect: [] },
  ],
})
