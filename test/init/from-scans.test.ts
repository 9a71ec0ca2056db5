import { describe, expect, test } from 'vitest'
import { readEvidence } from '../../src/evidence/read.js'
import { draftFromFiles } from '../../src/init/draft.js'
import { withEvidence } from '../../src/init/from-scans.js'
import { writeManifest } from '../../src/init/manifest-writer.js'
import { loadPolicy } from '../../src/policy/load.js'
import { ocrScan } from '../helpers/ocr-facts.js'

// init's use of the scan reading: what a scan states clearly completes the guess, marked as read.
const ev = (lines: Parameters<typeof ocrScan>[0], path = 'x.pdf') => readEvidence({ path, exists: true, declaredExt: 'pdf', scan: ocrScan(lines) })

describe('withEvidence', () => {
  test('a certificate the name says nothing of: its kind, year, course and hours from the scan', () => {
    const g = withEvidence(null, ev([['专业技术人员继续教育'], ['专业科目培训合格证明'], ['于2023年参加专业科目培训，共计60学时。']]), 0.9)
    expect(g).toEqual({ kind: 'ce-certificate', from: 'text', year: 2023, ceKind: 'professional', hours: 60, scanned: ['year', 'ceKind', 'hours'] })
  })
  test('what the name already said stays; only what it did not say is taken from the scan', () => {
    const g = withEvidence({ kind: 'ce-certificate', from: 'name', year: 2021, ceKind: 'public' }, ev([['继续教育培训合格证书'], ['于2021年参加公需科目培训，共计30学时。']]), 0.9)
    expect(g).toMatchObject({ year: 2021, ceKind: 'public', hours: 30, scanned: ['hours'] })
  })
  test('silent: a value read below the minimum confidence is not written', () => {
    const g = withEvidence(null, ev([['普通话水平测试等级证书'], ['等级：二级甲等', 0.6]]), 0.9)
    expect(g).toEqual({ kind: 'mandarin', from: 'text' })
  })
  test('edge: only the score legible → the score; a graduation date without its day is not written', () => {
    expect(withEvidence(null, ev([['普通话水平测试等级证书'], ['成绩：84.2分']]), 0.9)).toMatchObject({ score: 84.2, scanned: ['score'] })
    const g = withEvidence(null, ev([['普通高等学校毕业生登记表'], ['毕业时间：2000年7月']]), 0.9)
    expect(g).toEqual({ kind: 'graduate-register', from: 'text' })
  })
  test('no kind on the scan: the guess is left as it was', () => {
    expect(withEvidence(null, ev([['荣誉证书'], ['共计30学时']]), 0.9)).toBeNull()
  })
})

test('the manifest writes what the scans said with a comment to check it', () => {
  const policy = loadPolicy()
  const files = [
    { rel: 'a.pdf', guess: withEvidence(null, ev([['普通话水平测试等级证书'], ['等级：二级乙等']]), 0.9) },
    { rel: 'b.pdf', guess: withEvidence(null, ev([['关于欧**同志申报主任编辑职称的公示'], ['公示时间：2024年7月10日至2024年7月16日。']]), 0.9) },
  ]
  const d = draftFromFiles(files, policy.id, policy.values)
  const { text } = writeManifest(d, policy.values, 'zh', 'schema.json')
  expect(text).toMatch(/grade: 二级乙等 # 从扫描件读取，请核对/)
  expect(text).toMatch(/start: 2024-07-10 # 从扫描件读取，请核对/)
  expect(writeManifest(d, policy.values, 'en', 'schema.json').text).toMatch(/grade: 二级乙等 # read from the scan, please check/)
})
