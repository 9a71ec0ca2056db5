import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkPackage } from '../../src/core/check-package.js'
import { manifestFileMissing, manifestInvalid, manifestPathOutside, packageUnreferencedFile } from '../../src/rules/manifest.js'
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
