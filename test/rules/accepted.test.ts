import { describe, expect, test } from 'vitest'
import { checkPackage } from '../../src/core/check-package.js'
import { ABSOLUTE_RULES } from '../../src/rules/absolute.js'
import { manifestAccepted } from '../../src/rules/accepted.js'
import { findRule } from '../../src/rules/index.js'
import { exitCodeFor } from '../../src/report/finding.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { tmpDir, writePackage } from '../helpers/tmp-package.js'

// The manifest's accepted: list (issue 18): a finding accepted on purpose becomes an info showing
// the reason; an absolute error cannot be accepted, and trying is itself a finding.

coverMessages([manifestAccepted])

const cacheDir = tmpDir('zc-cache-')
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
