import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkPackage } from '../../src/core/check-package.js'
import { exitCodeFor } from '../../src/report/finding.js'
import { ABSOLUTE_RULES } from '../../src/rules/absolute.js'
import { findRule } from '../../src/rules/index.js'
import { manifestAccepted, manifestFileMissing, manifestInvalid, manifestPathOutside, neutralPath } from '../../src/rules/manifest.js'
import { identityTermsOfRaw } from '../../src/identity/match.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { baseManifest } from '../helpers/base-manifest.js'
import { applySet } from '../helpers/rule-cases.js'
import { tmpDir, writePackage } from '../helpers/tmp-package.js'

// The manifest rules (and package.unreferenced-file, in a case here) judge what loading and path resolution found, so they are run
// through the whole check on real package folders. Every message each of them has is produced here.

coverMessages([manifestInvalid, manifestFileMissing, manifestPathOutside, manifestAccepted])

const cacheDir = tmpDir('zc-cache-')
const check = async (dir: string) => (await checkPackage(dir, { today: '2024-08-05', lang: 'en', cwd: dir, cacheDir, jobs: 1, ocr: false })).report.findings
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

// The manifest's accepted: list (issue 18): a finding accepted on purpose becomes an info showing
// the reason; an absolute error cannot be accepted, and trying is itself a finding.

const run = async (set: Record<string, unknown>, extra?: Record<string, string>, lang: 'zh' | 'en' = 'zh') => {
  const dir = writePackage({ set, ...(extra ? { extra } : {}) })
  const { report } = await checkPackage(dir, { today: '2024-08-05', lang, cwd: dir, cacheDir, jobs: 1, ocr: false })
  return { findings: report.findings, exit: exitCodeFor(report.summary), summary: report.summary }
}
/** Dragon-boat publicity: publicity.duration (error) and publicity.before-notice (warning). */
const SHORT = { 'publicity.start': '2024-06-06', 'publicity.end': '2024-06-12' }
const of = (findings: Awaited<ReturnType<typeof run>>['findings'], rule: string) => findings.filter((f) => f.rule === rule)

describe('accepted: turns a matching finding into an info with the reason', { timeout: 120_000 }, () => {
  test('without accepted: the error and the warning stand (the baseline)', async () => {
    const r = await run(SHORT)
    expect(of(r.findings, 'publicity.duration').map((f) => f.severity)).toEqual(['error'])
    expect(of(r.findings, 'publicity.before-notice').map((f) => f.severity)).toEqual(['warning'])
    expect(r.findings.some((f) => f.accepted !== undefined)).toBe(false)
  })

  test('a warning and an error accepted by field: infos with the reason, exit 0', async () => {
    const r = await run({
      ...SHORT,
      accepted: [
        { rule: 'publicity.before-notice', field: 'publicity', reason: '本年度单位公示，已向职称办确认' },
        { rule: 'publicity.duration', reason: '职称办同意按 4 个工作日公示' },
      ],
    })
    const [warning] = of(r.findings, 'publicity.before-notice')
    expect(warning).toMatchObject({ severity: 'info', accepted: '本年度单位公示，已向职称办确认' })
    expect(warning!.message).toMatch(/（已接受：本年度单位公示，已向职称办确认）$/)
    expect(of(r.findings, 'publicity.duration')[0]).toMatchObject({ severity: 'info', accepted: '职称办同意按 4 个工作日公示' })
    expect(r.summary.errors).toBe(0)
    expect(r.exit).toBe(0)
    expect(of(r.findings, 'manifest.accepted')).toEqual([])
  })

  test('must stay: an entry for another field or another file does not match', async () => {
    const r = await run({
      ...SHORT,
      accepted: [
        { rule: 'publicity.duration', field: 'education', reason: 'x' },
        { rule: 'publicity.duration', file: 'files/附件/单位公示.pdf', reason: 'y' },
      ],
    })
    expect(of(r.findings, 'publicity.duration').map((f) => f.severity)).toEqual(['error'])
    expect(r.exit).toBe(1)
  })

  test('by file: ./ and \\\\ written or not, the file is the finding’s; in English the reason shows too', async () => {
    const r = await run({ accepted: [{ rule: 'package.unreferenced-file', file: './files\\\\旧版.pdf', reason: 'kept for the committee' }] }, { 'files/旧版.pdf': '%PDF-1.4' }, 'en')
    const [f] = of(r.findings, 'package.unreferenced-file')
    expect(f).toMatchObject({ severity: 'info', file: 'files/旧版.pdf', accepted: 'kept for the committee' })
    expect(f!.message).toMatch(/ \(accepted: kept for the committee\)$/)
    // accepted[].file names a finding's file, not a file to upload: it is no manifest.file-missing.
    expect(of(r.findings, 'manifest.file-missing')).toEqual([])
  })

  test('the reason is masked like every text of a report', async () => {
    const r = await run({ ...SHORT, accepted: [{ rule: 'publicity.before-notice', reason: '欧阳明远所在的阿克苏地区融媒体中心已确认' }] })
    const [f] = of(r.findings, 'publicity.before-notice')
    expect(f!.accepted).not.toMatch(/欧阳明远|阿克苏地区融媒体中心/)
    expect(f!.message).not.toMatch(/欧阳明远/)
  })
})

describe('what cannot be accepted', { timeout: 120_000 }, () => {
  test('an absolute error stays an error, and the entry is a manifest.accepted error saying why', async () => {
    const r = await run({ 'education.diploma': 'files/欧阳明远学历证书.pdf', accepted: [{ rule: 'redaction.filename-leak', reason: '单位要求' }] }, { 'files/欧阳明远学历证书.pdf': '%PDF-1.4' })
    expect(of(r.findings, 'redaction.filename-leak').map((f) => f.severity)).toEqual(['error'])
    const [a] = of(r.findings, 'manifest.accepted')
    expect(a!.message).toBe('redaction.filename-leak 不能接受：通知四（一）3：评审采用“盲评”，所有填写内容及上传附件中涉及本人姓名、照片和工作单位信息均需遮盖')
    expect(a!.line).toBeGreaterThan(0)
  })

  test('a rule that does not exist', async () => {
    const r = await run({ accepted: [{ rule: 'ce.totl-hours', reason: 'x' }] }, undefined, 'en')
    expect(of(r.findings, 'manifest.accepted').map((f) => f.message)).toEqual(['ce.totl-hours in accepted is not a rule'])
  })

  test('the edge: an entry without a reason is manifest.invalid and accepts nothing', async () => {
    const r = await run({ ...SHORT, accepted: [{ rule: 'publicity.before-notice', reason: '  ' }] })
    expect(of(r.findings, 'manifest.invalid').length).toBe(1)
    expect(of(r.findings, 'publicity.before-notice').map((f) => f.severity)).toEqual(['warning'])
  })

  test('every absolute rule exists, is an error, and has its why in both languages', () => {
    for (const [id, why] of Object.entries(ABSOLUTE_RULES)) {
      expect(findRule(id)?.severity, id).toBe('error')
      expect(why.zh.length * why.en.length, id).toBeGreaterThan(0)
    }
  })
})
