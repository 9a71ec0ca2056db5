import { describe, expect, test } from 'vitest'
import { loadPolicy } from '../../../src/policy/load.js'
import { canonicalTitle, levelOfHeldTitle, seriesOfTitle, titleLevel } from '../../../src/rules/shared/title-level.js'

// The levels of titles read from the policy's title lists, shared by the defense, fee, review,
// seniority and title rules.

describe('title-level', () => {
  const policy = loadPolicy().values
  test.for([
    ['新闻', '高级记者', '正高级'],
    ['新闻', '主任编辑', '副高级'],
    ['新闻', '编辑', '中级'],
    ['出版', '编辑', '中级'],
    ['出版', '助理编辑', '初级'],
    ['出版', '编审', '正高级'],
    ['文学创作', '文学创作一级', '正高级'],
    ['文学创作', '四级文学创作', '初级'],
  ] as const)('%s %s is %s', ([series, title, level]) => {
    expect(titleLevel(policy, series, title)).toBe(level)
  })
  test('unknown titles and series have no level', () => {
    expect(titleLevel(policy, '出版', '高级记者')).toBeUndefined()
    expect(titleLevel(policy, '播音主持', '播音指导')).toBeUndefined()
    expect(titleLevel(policy, '文学创作', '一级作家')).toBeUndefined()
  })
  test('编辑 is in two series; aliases resolve', () => {
    expect(seriesOfTitle(policy, '编辑')).toEqual(['新闻', '出版'])
    expect(canonicalTitle(policy, '文学创作二级')).toBe('二级文学创作')
  })
  test('a held title from another series still has a level', () => {
    expect(levelOfHeldTitle(policy, '主任记者', '出版')).toBe('副高级')
    expect(levelOfHeldTitle(policy, '工程师', '新闻')).toBeUndefined()
  })
})
