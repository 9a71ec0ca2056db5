import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkPackage } from '../../src/core/check-package.js'
import { manifestFileMissing, manifestInvalid, manifestPathOutside, neutralPath, packageUnreferencedFile } from '../../src/rules/manifest.js'
import { identityTermsOfRaw } from '../../src/identity/match.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { baseManifest } from '../helpers/base-manifest.js'
import { applySet } from '../helpers/rule-cases.js'
import { tmpDir, writePackage } from '../helpers/tmp-package.js'

// The manifest and package rules judge what loading and path resolution found, so they are run
// through the whole check on real package folders. Every message each of them has is produced here.

coverMessages([manifestInvalid, manifestFileMissing, manifestPathOutside, packageUnreferencedFile])

const cacheDir = tmpDir('zc-cache-')
const check = async (dir: string) => (await checkPackage(dir, { today: '2024-08-05', lang: 'en', cwd: dir, cacheDir, jobs: 1 })).report.findings
const messages = (findings: Awaited<ReturnType<typeof check>>, rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.message)

describe('manifest.invalid: one finding per problem, each worded for its kind', () => {
  test('keys, values, types, dates, bounds, formats and 待填写', async () => {
    const dir = writePackage({
      set: {
        qwertyuiop: 1,
        'redaction.nmae': true,
        'mandarin.grade': '二级甲',
        'publicity.start': '2024-13-01',
        'continuing_education.years.2023.public.hours': -1,
        'continuing_education.years.abcd': {},
        'applicant.name_variants': 5,
        'applicant.title': undefined,
        'applicant.work_start': '待填写',
      },
    })
    const found = messages(await check(dir), 'manifest.invalid')
    expect(found).toEqual(
      expect.arrayContaining([
        'unknown key qwertyuiop',
        'unknown key nmae: did you mean name?',
        expect.stringMatching(/^mandarin\.grade: "二级甲" is not allowed; did you mean "二级甲等"\?/),
        expect.stringMatching(/^publicity\.start: "2024-13-01" is not a valid date/),
        expect.stringMatching(/hours: "-1" is too small/),
        expect.stringMatching(/years\.abcd.*wrong format/),
        expect.stringMatching(/name_variants: "5" has the wrong type/),
        'required field applicant.title is missing',
        expect.stringMatching(/work_start is still to fill in/),
      ]),
    )
  })

  test('a value outside the choices, with no near one; a score above 100', async () => {
    const dir = writePackage({ set: { 'applicant.post': '摄影记者', 'mandarin.grade': 101 } })
    const found = messages(await check(dir), 'manifest.invalid')
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^applicant\.post: "摄影记者" is not one of/), expect.stringMatching(/^mandarin\.grade: "101" is too large/)]))
  })
})

describe('one bad value does not cascade (issue 18)', () => {
  const zhCheck = async (dir: string) => (await checkPackage(dir, { today: '2024-08-05', lang: 'zh', cwd: dir, cacheDir, jobs: 1, ocr: false })).report.findings

  test('hours: 30学时 is one manifest.invalid, in Chinese throughout, and no 学时 error for that year', async () => {
    const dir = writePackage({ set: { 'continuing_education.years.2021.public.hours': '30学时' } })
    const found = await zhCheck(dir)
    const invalid = found.filter((f) => f.rule === 'manifest.invalid')
    expect(invalid.map((f) => [f.message, f.fix])).toEqual([['continuing_education.years.2021.public.hours 的值“30学时”应只写数字，不带单位或文字', '改为 30']])
    expect(invalid[0]!.message + invalid[0]!.fix).not.toMatch(/\bnumber\b/)
    expect(found.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['manifest.invalid'])
  })

  test('the same value written right: no finding at all (must stay silent)', async () => {
    const found = await zhCheck(writePackage({ set: { 'continuing_education.years.2021.public.hours': 30 } }))
    expect(found.filter((f) => f.severity !== 'info')).toEqual([])
  })

  test('the edge: the other years are still judged; a year with too few hours beside the bad one still fires', async () => {
    const dir = writePackage({ set: { 'continuing_education.years.2021.public.hours': '30 学时', 'continuing_education.years.2022.professional.hours': 40 } })
    const found = await zhCheck(dir)
    expect(found.filter((f) => f.rule === 'manifest.invalid')).toHaveLength(1)
    const ce = found.filter((f) => f.rule.startsWith('ce.'))
    expect(ce.length).toBeGreaterThan(0)
    expect(ce.every((f) => f.message.includes('2022')), ce.map((f) => f.message).join('\n')).toBe(true)
  })

  test('a wrong type that is not a number with a unit: the type in Chinese words, never a bare English type name', async () => {
    const found = await zhCheck(writePackage({ set: { 'continuing_education.years.2021.public.hours': '三十', 'applicant.name_variants': 5 } }))
    const texts = found.filter((f) => f.rule === 'manifest.invalid').map((f) => `${f.message} ${f.fix}`)
    expect(texts).toEqual(
      expect.arrayContaining([expect.stringMatching(/hours 的值“三十”类型不对（应为数字（如 30））/), expect.stringMatching(/name_variants 的值“5”类型不对（应为列表/)]),
    )
    for (const t of texts) expect(t).not.toMatch(/\b(number|string|array|boolean|object)\b/)
  })
})

describe('fixes never tell anyone to create a path with ** in it (issue 18)', () => {
  const fixesOf = async (dir: string, rule: string) => (await checkPackage(dir, { today: '2024-08-05', lang: 'zh', cwd: dir, cacheDir, jobs: 1, ocr: false })).report.findings.filter((f) => f.rule === rule)

  test('a missing file named after the applicant: the fix suggests the neutral name', async () => {
    const dir = writePackage({ set: { 'education.diploma': 'files/欧阳明远_学历证书.pdf' }, missing: ['files/欧阳明远_学历证书.pdf'] })
    const [f, ...rest] = await fixesOf(dir, 'manifest.file-missing')
    expect(rest).toEqual([])
    expect(f!.message).toBe('找不到文件 files/欧**_学历证书.pdf')
    expect(f!.fix).toBe('把扫描件放进申报包，文件名只写材料内容、不带姓名和单位（如 files/学历证书.pdf），再把清单里的路径改成它')
    expect(f!.fix).not.toContain('*')
  })

  test('a plain missing file: the fix names the path as written (must stay as it was)', async () => {
    const dir = writePackage({ set: { 'education.diploma': 'files/学历.pdf' }, missing: ['files/学历.pdf'] })
    const [f] = await fixesOf(dir, 'manifest.file-missing')
    expect(f!.fix).toBe('把扫描件放到申报包的 files/学历.pdf，或改正清单里的路径（区分大小写和扩展名）')
  })

  test('the edge: a folder named after the employer, a file that is only the name, an absolute path into the package', async () => {
    const dir = writePackage({
      set: { 'education.diploma': 'files/阿克苏地区融媒体中心/欧阳明远.pdf' },
      missing: ['files/阿克苏地区融媒体中心/欧阳明远.pdf'],
    })
    const [f] = await fixesOf(dir, 'manifest.file-missing')
    expect(f!.fix).toContain('（如 files/材料.pdf）')
    expect(f!.fix).not.toContain('*')
    const dir2 = writePackage({ extra: { 'files/欧阳明远学位证书.pdf': '%PDF-1.4' } })
    writeFileSync(join(dir2, 'manifest.yaml'), stringify(applySet(baseManifest(), { 'education.degree': join(dir2, 'files', '欧阳明远学位证书.pdf') })))
    const [g] = await fixesOf(dir2, 'manifest.path-outside')
    expect(g!.fix).toBe('把文件改名为只说明材料内容的名称（如 files/学位证书.pdf，文件名不带姓名和单位），并在清单里写这个相对路径')
  })

  test('neutralPath: separators at the edges go, the extension stays, a path without the name is left alone', () => {
    const terms = identityTermsOfRaw({ applicant: { name: '欧阳明远', employer: '阿克苏地区融媒体中心' } })
    expect(neutralPath('files/欧阳明远-学历证书.pdf', terms)).toBe('files/学历证书.pdf')
    expect(neutralPath('files/学历证书（欧阳明远）.jpg', terms)).toBe('files/学历证书.jpg')
    expect(neutralPath('files/学历证书.pdf', terms)).toBeUndefined()
    expect(neutralPath('files/x.pdf', [])).toBeUndefined()
  })
})

describe('files and paths', () => {
  test('a missing file, paths leaving the package by every road, an unnamed file', async () => {
    const elsewhere = tmpDir('zc-elsewhere-')
    writeFileSync(join(elsewhere, '外面.pdf'), '%PDF-1.4')
    const dir = writePackage({
      set: {
        achievements: [
          { title: '缺', file: 'files/不存在.pdf' },
          { title: '上级', file: '../外面.pdf' },
          { title: '绝对', file: join(elsewhere, '外面.pdf') },
          { title: '链接', file: 'files/链接.pdf' },
          { title: '空白', file: ' ' },
        ],
      },
      missing: ['files/不存在.pdf', 'files/链接.pdf', ' '],
      extra: { 'files/没写进清单.pdf': '%PDF-1.4' },
    })
    mkdirSync(join(dir, 'files'), { recursive: true })
    symlinkSync(join(elsewhere, '外面.pdf'), join(dir, 'files', '链接.pdf'))
    // An absolute path that is in the package after all.
    const dir2 = writePackage()
    writeFileSync(join(dir2, 'manifest.yaml'), stringify(applySet(baseManifest(), { 'education.diploma': join(dir2, 'files', '学历证书.pdf') })))

    const f = await check(dir)
    expect(messages(f, 'manifest.file-missing')).toEqual(['file files/不存在.pdf does not exist'])
    const outside = messages(f, 'manifest.path-outside')
    expect(outside).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/leaves the package folder with \.\./),
        expect.stringMatching(/is an absolute path$/),
        expect.stringMatching(/is a link that points outside the package/),
        expect.stringMatching(/is not a valid path/),
      ]),
    )
    expect(messages(f, 'package.unreferenced-file').join('\n')).toContain('没写进清单.pdf')
    const f2 = await check(dir2)
    expect(messages(f2, 'manifest.path-outside')).toEqual([expect.stringMatching(/is an absolute path \(the file is in the package: files\/学历证书\.pdf\)/)])
  })
})
