import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { run } from './helpers.js'

// `batch --since EARLIER.json`: the round after HR returned packages. Per package: the findings
// fixed and new, the files replaced, added, removed; the packages gone.

const TODAY = ['--today', '2024-08-05']
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-since-') }
type C = { was: string | null; fixed: Array<{ rule: string }>; new: Array<{ rule: string }>; replaced: string[]; added: string[]; removed: string[] }
type P = { package: string; changes?: C }

describe('--since', () => {
  test('fixed, new, replaced, added, removed, gone; batch and merge agree; the tables say it', { timeout: 600_000 }, async () => {
    const root = tmpDir('zc-since-')
    cpSync(writePackage({ set: { 'mandarin.grade': '三级乙等', 'applicant.post': '播音员主持人' } }), join(root, '甲'), { recursive: true })
    cpSync(writePackage(), join(root, '乙'), { recursive: true })
    cpSync(writePackage(), join(root, '丙'), { recursive: true })
    const out = tmpDir('zc-since-out-')
    const earlier = join(out, '第一轮.json')
    const first = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', '--output', earlier], { env })
    expect(first.code).toBe(1)

    // 甲 fixes the grade; 乙 scans a certificate again (other bytes) and leaves one out; 丙 leaves; 丁 comes.
    const m = join(root, '甲', 'manifest.yaml')
    writeFileSync(m, readFileSync(m, 'utf8').replace(/grade: 三级乙等/u, 'grade: 一级乙等'))
    const cert = join(root, '乙', 'files', '学历证书.pdf')
    writeFileSync(cert, Buffer.concat([readFileSync(cert), Buffer.from('\n% scanned again\n')]))
    put(root, '乙/files/新加的.pdf', readFileSync(cert))
    put(root, '乙/files/业绩/补充.pdf', readFileSync(cert))
    const m2 = join(root, '乙', 'manifest.yaml')
    writeFileSync(m2, readFileSync(m2, 'utf8').replace(/file: files\/业绩\/代表作一\.pdf/u, 'file: files/业绩/补充.pdf'))
    rmSync(join(root, '丙'), { recursive: true })
    cpSync(writePackage(), join(root, '丁'), { recursive: true })

    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', '--since', earlier], { env })
    expect(r.stderr).toBe('')
    const batch = JSON.parse(r.stdout)
    expect(batch.since).toEqual({ report: '第一轮.json', today: '2024-08-05', gone: ['丙'] })
    const get = (name: string) => (batch.packages as P[]).find((p) => p.package === name)!.changes!
    expect(get('甲').was).toBe('fail')
    expect(get('甲').fixed.map((f) => f.rule)).toContain('mandarin.grade')
    expect(get('甲').new.filter((f) => f.rule !== 'scan.same-elsewhere')).toEqual([])
    expect(get('甲').replaced).toEqual([])
    expect(get('乙')).toMatchObject({ was: 'pass', replaced: ['files/学历证书.pdf'], added: ['files/业绩/补充.pdf'], removed: ['files/业绩/代表作一.pdf'] })
    // The file added is not named in the manifest: a new finding, not a file read.
    expect(get('乙').new.map((f) => f.rule)).toContain('package.unreferenced-file')
    expect(get('丁')).toEqual({ was: null, fixed: [], new: [], replaced: [], added: [], removed: [] })

    // merge --since: the same bytes as batch --since.
    const shards = [1, 2].map((i) => join(out, `s${i}.json`))
    for (const [i, file] of shards.entries()) await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', '--shard', `${i + 1}/2`, '--output', file], { env })
    const merged = await run(['merge', ...shards, '--format', 'json', '--since', earlier], { env })
    expect(merged.stdout).toBe(r.stdout)

    const csv = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'csv', '--since', earlier], { env })
    const lines = csv.stdout.replace(/^\uFEFF/u, '').split('\r\n')
    expect(lines[0]).toMatch(/"与上一轮（第一轮\.json）相比"$/u)
    expect(lines.find((l) => l.startsWith('"乙"'))).toMatch(/换了 1 个文件/u)
    expect(lines.find((l) => l.startsWith('"丁"'))).toMatch(/"上一轮没有这个申报包"$/u)
    const pretty = await run(['batch', root, ...TODAY, '--no-ocr', '--since', earlier], { env })
    expect(pretty.stdout).toMatch(/甲.*已改 \d+ 项/u)
    expect(pretty.stdout).toContain('丙')
  })

  test('--since a file that is not a batch report, or with --shard: exit 2, one line', async () => {
    const bad = join(tmpDir('zc-since-bad-'), 'x.json')
    writeFileSync(bad, '{"tool":"zhicheng-check","package":"one"}')
    const r = await run(['batch', 'examples/clean', ...TODAY, '--no-ocr', '--since', bad], { env })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/不是 zhicheng-check batch --format json 写出的报告/u)
    const s = await run(['batch', 'examples', ...TODAY, '--no-ocr', '--since', bad, '--shard', '1/2'], { env })
    expect(s.code).toBe(2)
    expect(s.stderr).toMatch(/--since 要用在合并后的结果上/u)
  })
})
