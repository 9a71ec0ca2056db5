import { describe, expect, test } from 'vitest'
import stringWidth from 'string-width'
import { stripVTControlCharacters } from 'node:util'
import type { Io } from '../../src/cli/context.js'
import { main } from '../../src/cli/main.js'
import { wrapWidth } from '../../src/report/wrap-text.js'
import { writePackage } from '../helpers/tmp-package.js'

async function run(argv: string[], opts: Partial<Io> = {}) {
  let stdout = ''
  let stderr = ''
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false, env: {}, cwd: process.cwd(), now: new Date('2024-08-05T10:00:00'), ...opts }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

const ESC = '\u001b['
const faulty = () => writePackage({ set: { 'continuing_education.years.2023.professional.hours': 40, 'applicant.post': '播音员主持人', 'mandarin.grade': '三级甲等' } })

describe('pretty output on a terminal', () => {
  test('grouped by area, with colours on a terminal', async () => {
    const r = await run(['check', faulty(), '--today', '2024-08-05'], { isTTY: true, columns: 100 })
    expect(r.stdout).toContain(ESC)
    const plain = stripVTControlCharacters(r.stdout)
    expect(plain.indexOf('继续教育')).toBeLessThan(plain.indexOf('普通话'))
    expect(plain).toMatch(/继续教育\n {2}✖ 错误 2023年继续教育共70学时/)
  })

  test.for([
    ['not a terminal', { isTTY: false }],
    ['NO_COLOR', { isTTY: true, env: { NO_COLOR: '1' } }],
    ['TERM=dumb', { isTTY: true, env: { TERM: 'dumb' } }],
  ] as const)('no colour: %s', async ([, opts]) => {
    const r = await run(['check', faulty(), '--today', '2024-08-05'], { columns: 100, ...opts })
    expect(r.stdout).not.toContain(ESC)
  })

  test.for([40, 60, 80])('every line fits %i columns, CJK counted as two', async (columns) => {
    const r = await run(['check', faulty(), '--today', '2024-08-05'], { isTTY: true, columns, env: { NO_COLOR: '1' } })
    const lines = r.stdout.split('\n')
    for (const line of lines) {
      // A file path or rule id longer than the line is cut where it must; nothing else overflows.
      expect(stringWidth(line), line).toBeLessThanOrEqual(columns)
    }
    // Wrapped lines keep their indent under the label.
    expect(r.stdout).toMatch(/\n {6}修改：.*\n {12}\S/)
  })

  test('inside an area, errors come before warnings and notes (missing-pieces: two errors then a warning under 清单与文件)', async () => {
    // Read without OCR: the order of the findings is the point, not the pixels.
    const r = await run(['check', 'examples/missing-pieces', '--today', '2024-08-05', '--no-ocr'])
    const area = r.stdout.split('\n\n').find((block) => block.startsWith('清单与文件'))!
    const marks = area.split('\n').filter((l) => /^ {2}[✖▲ℹ]/u.test(l)).map((l) => l.trim()[0])
    expect(marks).toEqual([...'✖✖▲'])
  })

  test('off a terminal, one finding is three lines, unwrapped', async () => {
    const r = await run(['check', faulty(), '--today', '2024-08-05'], { columns: 40 })
    expect(r.stdout).toMatch(/✖ 错误 2023年专业课40学时，少于每年60学时  ce\.professional-hours · 四（五）\n/)
  })
})

describe('wrapWidth', () => {
  test('breaks between CJK characters, after spaces, never before closing punctuation', () => {
    expect(wrapWidth('申报材料显示“已接收材料”后，通过扫码缴费', 10)).toEqual(['申报材料显', '示“已接收', '材料”后，', '通过扫码缴', '费'])
    expect(wrapWidth('fix the package and resubmit', 12)).toEqual(['fix the', 'package and', 'resubmit'])
    for (const line of wrapWidth('学时，少于每年60学时（公需课30，专业课40）', 8)) expect(stringWidth(line)).toBeLessThanOrEqual(8)
  })

  test('a word longer than the line is cut, never lost', () => {
    const lines = wrapWidth('continuing_education.years.2023.professional', 12)
    expect(lines.join('')).toBe('continuing_education.years.2023.professional')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(12)
  })
})
