import { describe, expect, test } from 'vitest'
import { readEvidence } from '../../src/evidence/read.js'
import { parseDate, sameDate } from '../../src/evidence/values.js'
import type { FileFacts, ScanFacts } from '../../src/inspect/facts.js'
import { ocrScan } from '../helpers/ocr-facts.js'

const file = (scan: ScanFacts, path = 'files/x.jpg'): FileFacts => ({ path, exists: true, declaredExt: 'jpg', scan })
const values = (scan: ScanFacts) => {
  const e = readEvidence(file(scan))
  return { kind: e?.kind, ...Object.fromEntries(Object.entries(e?.fields ?? {}).map(([k, v]) => [k, v.value])) }
}

describe('dates as certificates print them', () => {
  test.for([
    ['2024年7月10日', '2024-07-10'],
    ['2024年07月18日', '2024-07-18'],
    ['2024-7-1', '2024-07-01'],
    ['2024.12.31', '2024-12-31'],
    ['2009年6月', '2009-06'],
    ['二〇〇九年六月三十日', '2009-06-30'],
    ['二00九年六月三十日', '2009-06-30'], // OCR reads 〇 as 0
    ['二〇二三年十二月一日', '2023-12-01'],
    ['二〇一五年六月', '2015-06'],
    ['2024年2月30日', '2024-02'], // no such day: the month is still read
    ['二00九年六月年十日', '2009-06'], // the day garbled by OCR: the month is still read
  ] as const)('%s → %s', ([raw, iso]) => expect(parseDate(raw)).toBe(iso))
  test.for(['2024年13月1日', '1850年1月1日', '明年三月'])('%s is no date', (raw) => expect(parseDate(raw)).toBeNull())
  test('dates agree at the precision both have', () => {
    expect(sameDate('2009-06', '2009-06-30')).toBe(true)
    expect(sameDate('2009-07', '2009-06-30')).toBe(false)
    expect(sameDate('2024-12-31', '2025-12-31')).toBe(false)
  })
})

describe('reading a scan', () => {
  test('a label and its value boxed apart on one row read as one (普通话证书 photo)', () => {
    const scan = ocrScan([
      ['普通话水平测试等级证书'],
      ['成', 1, 90, 345], ['绩：', 0.98, 139, 345], ['84.2分', 1, 181, 346],
      ['等', 1, 90, 387], ['级：', 0.98, 139, 388], ['二级乙等', 1, 180, 389],
      ['证书编号：65291510001234'],
    ])
    expect(values(scan)).toEqual({ kind: 'mandarin', grade: '二级乙等', score: 84.2, number: '65291510001234' })
    const grade = readEvidence(file(scan))!.fields.grade!
    expect(grade.box).toEqual([180, 389, 180 + 14 * 4, 389 + 18])
    expect(grade.page).toBe(1)
  })

  test('a sentence wrapped onto the next line (共计 | 30 学时)', () => {
    const scan = ocrScan([['专业技术人员继续教育'], ['公需科目培训合格证明'], ['欧**同志于2021年参加专业技术人员继续教育公需科目培训，共计'], ['30学时，经考核成绩合格。']])
    expect(values(scan)).toMatchObject({ kind: 'ce', year: 2021, hours: 30, course: 'public' })
  })

  test('the lowest confidence of the lines a value spans is its confidence', () => {
    const scan = ocrScan([['普通话水平测试等级证书'], ['等级：', 0.99, 90, 400], ['二级甲等', 0.62, 160, 400]])
    expect(readEvidence(file(scan))!.fields.grade).toMatchObject({ value: '二级甲等', confidence: 0.62 })
  })

  test('the same field printed with two values is not one clear value', () => {
    const scan = ocrScan([['普通话水平测试等级证书'], ['等级：二级甲等'], ['等级：二级乙等']])
    expect(readEvidence(file(scan))!.fields.grade).toMatchObject({ value: '二级甲等', conflicting: ['二级乙等'] })
  })

  test('the kind is named by the title, not by words in the body', () => {
    // 备案表's title holds 学历证书: it is the 备案表, not a diploma.
    expect(values(ocrScan([['教育部学历证书电子注册备案表'], ['在线验证码：A1B2C3D4E5F6G7H8']])).kind).toBe('chsi-record')
    // A recommendation that mentions the publicity is no publicity.
    const rec = ocrScan([['附件2'], ['单位推荐意见'], ['申报人欧**'], ['现任职称编辑'], ['已在单位内部公示不少于5个工作日，公示无异议，同意推荐。']])
    expect(values(rec).kind).toBeNull()
    expect(values(ocrScan([['关于欧**同志申报主任编辑职称的公示'], ['公示时间：2024年7月10日至2024年7月16日。']]))).toEqual({ kind: 'publicity', start: '2024-07-10', end: '2024-07-16' })
    expect(values(ocrScan([['公示结果'], ['2024年7月10日至2024年7月16日，我单位对欧**同志……进行了公示。']]))).toEqual({ kind: 'publicity-result', start: '2024-07-10', end: '2024-07-16' })
    expect(values(ocrScan([['学士学位证书'], ['授予文学学士学位。']]))).toEqual({ kind: 'degree', degree: '学士' })
    expect(values(ocrScan([['普通高等学校毕业证书'], ['在本校四年制本科学习，准予毕业。']]))).toEqual({ kind: 'diploma', level: '本科' })
    expect(values(ocrScan([['普通高等学校毕业生登记表'], ['毕业时间 2000年7月1日']]))).toEqual({ kind: 'graduate-register', graduated: '2000-07-01' })
  })

  test('a 学籍在线验证报告 with an old code, its level and dates', () => {
    const scan = ocrScan([['教育部学籍在线验证报告'], ['更新日期：2024年07月18日'], ['在线验证码：123456789012'], ['学制4年', 0.99, 70, 300], ['层次 本科', 0.99, 300, 300], ['报告有效期至：2024年12月31日']])
    expect(values(scan)).toEqual({ kind: 'chsi-status', code: '123456789012', updated: '2024-07-18', level: '本科', validUntil: '2024-12-31' })
  })

  test('a page with no words: nothing read; a PDF text layer is read like OCR', () => {
    const empty = ocrScan([])
    expect(readEvidence(file(empty))).toBeNull()
    const text: ScanFacts = { ...ocrScan([]), kind: 'pdf' }
    text.pages[0] = { ...text.pages[0]!, ocr: undefined as never, textChars: 20, text: [{ s: '普通话水平测试等级证书', box: [100, 80, 400, 100] }, { s: '等级：一级乙等', box: [100, 200, 260, 218] }] }
    delete text.pages[0].ocr
    const e = readEvidence(file(text, 'files/x.pdf'))!
    expect(e).toMatchObject({ kind: 'mandarin', source: 'text', fields: { grade: { value: '一级乙等', confidence: 1 } } })
  })

  test('no kind, no fields: a certificate of another kind is not read for them', () => {
    expect(values(ocrScan([['荣誉证书'], ['等级：二级甲等'], ['共计30学时']]))).toEqual({ kind: null })
  })
})
