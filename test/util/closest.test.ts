import { expect, test } from 'vitest'
import { closest } from '../../src/util/closest.js'

test.for([
  ['educaton', ['education', 'mandarin'], 'education'],
  ['二级甲', ['一级甲等', '二级甲等', '二级乙等'], '二级甲等'],
  ['硕士', ['博士研究生', '硕士研究生', '本科'], '硕士研究生'],
  ['主任编缉', ['主任编辑', '主任记者'], '主任编辑'],
  ['favourite_colour', ['name', 'employer'], undefined],
  ['二级', ['二级甲等', '二级乙等'], undefined], // two candidates extend it: no guess
  ['本科', ['本科', '大专'], undefined], // already right: nothing to suggest
] as const)('closest(%s) = %s', ([word, candidates, expected]) => {
  expect(closest(word, candidates)).toBe(expected)
})
