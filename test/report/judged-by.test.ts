import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { tmpDir } from '../helpers/tmp-package.js'

// A report read weeks later must say what day it judged by: deadlines, "overdue" and "not yet
// submitted" all move with it. Every format states --today and the policy id. The day chosen here
// (2024-08-06) appears in no finding of the clean example, so finding it proves the header says it.

const TODAY = '2024-08-06'
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-') }
const root = tmpDir('zc-judged-')
const out = tmpDir('zc-judged-out-')

beforeAll(() => {
  cpSync('examples/clean', join(root, 'clean'), { recursive: true })
})

const check = (format: string, lang = 'zh') => runCli(['check', join(root, 'clean'), '--today', TODAY, '--format', format, '--lang', lang], { env })
const batch = (format: string, extra: string[] = []) => runCli(['batch', root, '--today', TODAY, '--format', format, ...extra], { env })

describe('check: every format states the day and the policy', () => {
  test('json: `today` beside `policy`', async () => {
    const r = await check('json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ policy: 'aksu-2024', today: TODAY })
  })

  test.for([
    ['pretty', 'zh', `判断日期 ${TODAY}`],
    ['pretty', 'en', `as of ${TODAY}`],
    ['html', 'zh', `判断日期 ${TODAY}`],
  ] as const)('%s (%s)', async ([format, lang, words]) => {
    const r = await check(format, lang)
    expect(r.stdout).toContain(words)
    expect(r.stdout).toContain('aksu-2024')
  })

  test('junit: suite properties policy and today', async () => {
    const r = await check('junit')
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'property'].includes(n) }).parse(r.stdout)
    expect(doc.testsuites.testsuite[0].properties.property).toEqual([
      { name: 'policy', value: 'aksu-2024' },
      { name: 'today', value: TODAY },
    ])
  })

  test('sarif: run properties', async () => {
    const r = await check('sarif')
    expect(JSON.parse(r.stdout).runs[0].properties).toEqual({ policies: ['aksu-2024'], today: TODAY })
  })
})

describe('batch: every format states the day and the policy', () => {
  test('json: `today` at the top and in every package', async () => {
    const r = await batch('json')
    const b = JSON.parse(r.stdout)
    expect(b).toMatchObject({ policy: 'aksu-2024', today: TODAY })
    expect(b.packages.map((p: { today: string }) => p.today)).toEqual([TODAY])
  })

  test.for([
    ['pretty', `判断日期 ${TODAY}`],
    ['html', `判断日期 ${TODAY}`],
    ['csv', `"${TODAY}"`],
    ['junit', `<property name="today" value="${TODAY}"/>`],
    ['sarif', `"today": "${TODAY}"`],
  ] as const)('%s', async ([format, words]) => {
    const r = await batch(format)
    expect(r.stdout).toContain(words)
    expect(r.stdout).toContain('aksu-2024')
  })

  test('xlsx: a column of the day on the summary sheet', async () => {
    const file = join(out, 'b.xlsx')
    await batch('xlsx', ['--output', file])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(file))
    const sheet = wb.getWorksheet('汇总')!
    const head = (sheet.getRow(1).values as unknown[]).slice(1)
    const col = head.indexOf('判断日期') + 1
    expect(col).toBeGreaterThan(0)
    expect(sheet.getRow(2).getCell(col).value).toBe(TODAY)
    expect(head).toContain('政策')
  })

  test('--reports: each package’s JSON and HTML say the day', async () => {
    const dir = join(out, 'reports')
    await batch('json', ['--reports', dir])
    expect(JSON.parse(readFileSync(join(dir, 'clean.json'), 'utf8'))).toMatchObject({ policy: 'aksu-2024', today: TODAY })
    expect(readFileSync(join(dir, 'clean.html'), 'utf8')).toContain(`判断日期 ${TODAY}`)
  })
})
