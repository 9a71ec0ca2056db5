import { expect, test } from 'vitest'
import { maskEmployer, maskName, scrub } from '../../src/identity/mask.js'

test.for([
  ['欧阳明远', '欧**'],
  ['张三', '张**'],
  ['Zhang Sanfeng', 'Z**'],
  ['  李四 ', '李**'],
  ['', ''],
])('maskName(%s) = %s: first character, fixed stars', ([name, masked]) => {
  expect(maskName(name)).toBe(masked)
})

test.for([
  ['阿克苏地区融媒体中心', '阿克苏****中心'],
  ['地区文联', '地****'],
  ['新华社', '新****'],
])('maskEmployer(%s) = %s', ([employer, masked]) => {
  expect(maskEmployer(employer)).toBe(masked)
})

test('scrub replaces every occurrence, longest term first, and keeps nothing readable', () => {
  const out = scrub('欧阳明远在阿克苏地区融媒体中心（地区融媒体中心）工作，欧阳明远', {
    names: ['欧阳明远'],
    employers: ['阿克苏地区融媒体中心', '地区融媒体中心'],
  })
  expect(out).toBe('欧**在阿克苏****中心（地区融****中心）工作，欧**')
  expect(out).not.toContain('明远')
  expect(out).not.toContain('融媒体中心')
})

test('scrub leaves single characters alone (a one-character "name" would mask half the report)', () => {
  expect(scrub('欧式建筑', { names: ['欧'], employers: [] })).toBe('欧式建筑')
})
