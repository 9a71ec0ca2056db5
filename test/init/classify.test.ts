import { describe, expect, test } from 'vitest'
import { classifyFile, classifyName, classifyText, worthReadingText } from '../../src/init/classify.js'
import { normaliseDate } from '../../src/init/questions.js'

describe('classifyName: what a file name says', () => {
  test.for([
    ['files/学历证书.pdf', { kind: 'diploma' }],
    ['毕业证.jpg', { kind: 'diploma' }],
    ['学位证书.pdf', { kind: 'degree' }],
    ['学信网备案表.pdf', { kind: 'verification-record' }],
    ['教育部学历证书电子注册备案表.pdf', { kind: 'verification-record' }],
    ['学籍在线验证报告.pdf', { kind: 'verification-report' }],
    ['毕业生登记表.pdf', { kind: 'graduate-register' }],
    ['继续教育/2021公需课.pdf', { kind: 'ce-certificate', year: 2021, ceKind: 'public' }],
    ['继续教育/2023年专业课合格证书.pdf', { kind: 'ce-certificate', year: 2023, ceKind: 'professional' }],
    ['2022/公需科目.pdf', { kind: 'ce-certificate', year: 2022, ceKind: 'public' }],
    ['继续教育证书.pdf', { kind: 'ce-certificate' }],
    ['免学审批表2023.pdf', { kind: 'ce-exemption', year: 2023 }],
    ['普通话证书.jpg', { kind: 'mandarin' }],
    ['普通话二级甲等.jpg', { kind: 'mandarin', grade: '二级甲等' }],
    ['附件/单位公示.pdf', { kind: 'unit-publicity' }],
    ['推荐单位公示.pdf', { kind: 'unit-publicity' }],
    ['公示结果.pdf', { kind: 'publicity-result' }],
    ['单位推荐意见.pdf', { kind: 'recommendation' }],
    ['推荐报告.pdf', { kind: 'recommendation' }],
    ['个人承诺书.pdf', { kind: 'commitment' }],
    ['驻村证明.pdf', { kind: 'defense-proof', exemption: '驻村' }],
    ['南疆支教证明.pdf', { kind: 'defense-proof', exemption: '南疆学前教育支教' }],
    ['业绩/代表作一.pdf', { kind: 'achievement', title: '代表作一' }],
    ['获奖证书-2022年度好新闻.pdf', { kind: 'achievement', title: '获奖证书-2022年度好新闻' }],
  ] as const)('%s', ([name, expected]) => {
    expect(classifyName(name)).toMatchObject({ ...expected, from: 'name' })
  })

  test.for(['scan0001.pdf', 'IMG_2034.jpg', '新建文件夹/未命名.pdf', '专业技术职务任职资格证书.pdf'])('%s says nothing', (name) => {
    expect(classifyName(name)).toBeNull()
  })
})

describe('classifyText: the text layer when the name says nothing', () => {
  test('a continuing-education certificate: year, kind and hours', () => {
    const text = '继续教育培训合格证书\n学员 欧** 于 2022 年度参加专业科目培训，完成 60 学时，考核合格。'
    expect(classifyText(text)).toMatchObject({ kind: 'ce-certificate', from: 'text', year: 2022, ceKind: 'professional', hours: 60 })
  })

  test('a 学信网 备案表: the code and its validity', () => {
    const text = '教育部学历证书电子注册备案表\n层次 本科\n在线验证码：A1B2C3D4E5F6G7H8\n报告有效期至：2024年12月31日'
    expect(classifyText(text)).toMatchObject({ kind: 'verification-record', code: 'A1B2C3D4E5F6G7H8', validUntil: '2024-12-31', level: '本科' })
  })

  test('a Mandarin certificate: its grade', () => {
    expect(classifyText('普通话水平测试等级证书 测试等级：二级 甲等')).toMatchObject({ kind: 'mandarin', grade: '二级甲等' })
  })

  test('the name decides the kind; the text adds the hours', () => {
    expect(classifyFile('继续教育/2021公需课.pdf', '公需科目学习证明 共计 30 学时')).toMatchObject({ kind: 'ce-certificate', year: 2021, ceKind: 'public', hours: 30 })
    expect(classifyFile('scan0003.pdf', '毕业证书\n学生 欧** 在本校本科学习，准予毕业。')).toMatchObject({ kind: 'diploma', from: 'text', level: '本科' })
    expect(classifyFile('scan0004.pdf', '')).toBeNull()
  })

  test('worth reading: names that say nothing, or not the details', () => {
    expect(worthReadingText('scan0001.pdf')).toBe(true)
    expect(worthReadingText('继续教育/2021公需课.pdf')).toBe(true) // the hours
    expect(worthReadingText('个人承诺书.pdf')).toBe(false)
  })
})

test('dates as people type them', () => {
  expect(normaliseDate('2009-7-1')).toBe('2009-07-01')
  expect(normaliseDate('2009/07/01')).toBe('2009-07-01')
  expect(normaliseDate('2009年7月1日')).toBe('2009-07-01')
  expect(normaliseDate('2009-02-30')).toBeUndefined()
  expect(normaliseDate('七月')).toBeUndefined()
})
