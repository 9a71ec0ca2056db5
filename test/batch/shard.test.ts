import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { parse, stringify } from 'yaml'
import { describe, expect, test } from 'vitest'
import { findPackages, shardOf } from '../../src/core/find-packages.js'
import { parseShard } from '../../src/cli/commands/shard.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { run } from './helpers.js'

// `batch ROOT --shard i/N` + `merge`: the shards of a batch, merged, are the batch byte for byte
// (JSON), whatever falls in which shard, including the scans shared across shards.

const TODAY = ['--today', '2024-08-05']
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-shard-') }

async function shardsMerged(root: string, total: number, extra: string[] = []): Promise<{ whole: string; merged: string; sizes: number[] }> {
  const out = tmpDir('zc-shards-')
  const whole = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', ...extra], { env })
  expect(whole.stderr).toBe('')
  const files: string[] = []
  const sizes: number[] = []
  for (let i = 1; i <= total; i++) {
    const file = join(out, `shard-${i}.json`)
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', '--shard', `${i}/${total}`, '--output', file, ...extra], { env })
    expect(r.stderr).toBe('')
    expect([0, 1]).toContain(r.code)
    const shard = JSON.parse(readFileSync(file, 'utf8'))
    expect(shard.shard).toMatchObject({ index: i, total })
    sizes.push(shard.packages.length)
    files.push(file)
  }
  // In another order than written: merge orders the packages itself.
  const merged = await run(['merge', ...files.reverse(), '--format', 'json'], { env })
  expect(merged.stderr).toBe('')
  expect(merged.code).toBe(whole.code)
  return { whole: whole.stdout, merged: merged.stdout, sizes }
}

/** A small scan of its own for package n: a few bars of ink where n says. */
async function ownScan(n: number): Promise<Buffer> {
  const bars = Array.from({ length: 6 }, (_, k) => `<rect x="${20 + ((n * 37 + k * 53) % 300)}" y="${30 + k * 70}" width="${40 + ((n * 11 + k) % 120)}" height="18" fill="#222"/>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="594"><rect width="420" height="594" fill="#fdfdfb"/>${bars}</svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

describe('shards merged = the whole batch', () => {
  test('the examples, in 3 shards: byte-identical JSON; every package in exactly one shard', { timeout: 900_000 }, async () => {
    const { whole, merged, sizes } = await shardsMerged('examples', 3)
    expect(merged).toBe(whole)
    const batch = JSON.parse(whole)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(batch.packages.length)
    expect(sizes.every((n) => n > 0)).toBe(true)
    // The examples share their scans: the warnings across shards are found by merge, not by a shard.
    expect(batch.packages.filter((p: { findings: Array<{ rule: string }> }) => p.findings.some((f) => f.rule === 'scan.same-elsewhere')).length).toBeGreaterThan(10)
    expect(Object.keys(batch)).toEqual(['tool', 'version', 'policy', 'today', 'summary', 'packages'])
  })

  test('100 generated packages (a folder of scans without manifest and a .rar among them), 3 shards and 1 shard', { timeout: 900_000 }, async () => {
    const root = tmpDir('zc-unit100-')
    const base = writePackage()
    const relOf = (n: number) => `科室${n % 7}/申报人${String(n).padStart(3, '0')}`
    // Two packages that fall in different shards of 3 share a copy.
    const second = Array.from({ length: 90 }, (_, k) => k + 10).find((n) => shardOf(relOf(n), 3) !== shardOf(relOf(10), 3))!
    for (let n = 0; n < 100; n++) {
      const dir = join(root, ...relOf(n).split('/'))
      cpSync(base, dir, { recursive: true })
      // Each has a scan of its own; package 10 and another in another shard share one more.
      put(dir, 'files/业绩/自己的.png', await ownScan(n))
      const m = parse(readFileSync(join(dir, 'manifest.yaml'), 'utf8'))
      m.achievements.push({ title: '业绩二', file: 'files/业绩/自己的.png' })
      if (n === 10 || n === second) {
        put(dir, 'files/业绩/共用的.png', await ownScan(1000))
        m.achievements.push({ title: '业绩三', file: 'files/业绩/共用的.png' })
      }
      if (n % 9 === 0) m.mandarin.grade = '三级乙等'
      writeFileSync(join(dir, 'manifest.yaml'), stringify(m))
    }
    put(root, '科室3/没清单的人/学历证书.pdf', readFileSync(join(base, 'files/学历证书.pdf')))
    put(root, '科室5/压缩包.rar', 'Rar!\x1a\x07\x00')
    const { whole, merged, sizes } = await shardsMerged(root, 3)
    expect(merged).toBe(whole)
    const batch = JSON.parse(whole)
    expect(batch.summary.packages).toBe(102)
    expect(batch.summary.unreadable).toBe(2)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(102)
    // A hash spreads 102 paths over 3 shards: none holds most of them.
    for (const n of sizes) expect(n).toBeGreaterThan(15)
    // The copy shared by 申报人010 and the other is found across their shards, in both rows.
    const [p10, p90] = [relOf(10), relOf(second)]
    type P = { package: string; findings: Array<{ rule: string; file?: string; message: string }> }
    for (const [me, other] of [[p10, p90], [p90, p10]] as const) {
      const shared = batch.packages.find((p: P) => p.package === me).findings.filter((f: P['findings'][number]) => f.file === 'files/业绩/共用的.png' && f.rule === 'scan.same-elsewhere')
      expect(shared).toHaveLength(1)
      expect(shared[0].message).toBe(`files/业绩/共用的.png 与其他申报包里的文件完全相同（同一份文件）：${other}：files/业绩/共用的.png`)
    }
    // Each package's own scan is in no other row.
    for (const p of batch.packages as P[]) expect(p.findings.some((f) => f.file === 'files/业绩/自己的.png' && f.rule === 'scan.same-elsewhere')).toBe(false)
    const one = await shardsMerged(root, 1)
    expect(one.merged).toBe(whole)
  })
})

describe('a stable subset', () => {
  test('adding a package moves no other; shards are a partition of the paths', () => {
    const rels = Array.from({ length: 500 }, (_, i) => `单位${i % 13}/申报人${i}`)
    const before = new Map(rels.map((r) => [r, shardOf(r, 4)]))
    for (const r of [...rels, '单位1/新来的', 'zz.zip']) if (before.has(r)) expect(shardOf(r, 4)).toBe(before.get(r))
    const counts = [1, 2, 3, 4].map((i) => rels.filter((r) => shardOf(r, 4) === i).length)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(500)
    for (const c of counts) expect(c).toBeGreaterThan(90)
  })

  test('the shard of a package is its path under ROOT, not where ROOT is', () => {
    const a = tmpDir('zc-root-a-')
    put(a, '甲/manifest.yaml', 'version: 1\n')
    const b = tmpDir('zc-root-b-')
    cpSync(a, join(b, 'deeper', 'root'), { recursive: true })
    const ra = findPackages(a).map((p) => [p.rel, shardOf(p.rel, 5)])
    const rb = findPackages(join(b, 'deeper', 'root')).map((p) => [p.rel, shardOf(p.rel, 5)])
    expect(rb).toEqual(ra)
  })
})

describe('--shard from the scheduler', () => {
  test('i/N as given; auto/N from JOB_COMPLETION_INDEX (0-based, Kubernetes Indexed Job)', () => {
    expect(parseShard('2/3', {}, 'zh')).toEqual({ index: 2, total: 3 })
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '0' }, 'zh')).toEqual({ index: 1, total: 4 })
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' }, 'zh')).toEqual({ index: 4, total: 4 })
  })

  test.for([
    ['0/3', {}, /i 应在 1 到 3 之间/],
    ['4/3', {}, /i 应在 1 到 3 之间/],
    ['1/0', {}, /N 应在 1 到/],
    ['a/b', {}, /应为 i\/N/],
    ['auto/4', {}, /JOB_COMPLETION_INDEX 没有设置/],
    ['auto/4', { JOB_COMPLETION_INDEX: '4' }, /超出了 N=4/],
  ] as const)('%s is refused with a reason', ([value, env, reason]) => {
    expect(() => parseShard(value, env, 'zh')).toThrow(expect.objectContaining({ code: 'bad-option', data: { reason: expect.stringMatching(reason) } }))
  })

  test('on the command line: exit 2 and one line', async () => {
    const r = await run(['batch', 'examples', ...TODAY, '--shard', 'auto/3'], { env: {} })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('JOB_COMPLETION_INDEX')
  })
})

describe('merge refuses what is not one whole batch', () => {
  test('a shard missing, a shard twice, a report that is not a shard: exit 2, one line each', { timeout: 600_000 }, async () => {
    const root = tmpDir('zc-unit-small-')
    for (const name of ['甲', '乙', '丙', '丁', '戊', '己']) cpSync(writePackage(), join(root, name), { recursive: true })
    const out = tmpDir('zc-shards-bad-')
    for (const i of [1, 2]) await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', '--shard', `${i}/2`, '--output', join(out, `${i}.json`)], { env })
    await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json', '--output', join(out, 'whole.json')], { env })
    const cases: Array<[string[], RegExp]> = [
      [[join(out, '1.json')], /缺少分片 2\/2/],
      [[join(out, '1.json'), join(out, '1.json'), join(out, '2.json')], /分片 1\/2 给了两次/],
      [[join(out, 'whole.json'), join(out, '2.json')], /不是 batch --shard 写出的 JSON 报告（没有 shard 信息）/],
      [[join(out, 'nope.json')], /找不到/],
    ]
    for (const [files, message] of cases) {
      const r = await run(['merge', ...files, '--format', 'json'], { env })
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    }
    const ok = await run(['merge', join(out, '2.json'), join(out, '1.json'), '--format', 'json'], { env })
    expect(ok.stdout).toBe(readFileSync(join(out, 'whole.json'), 'utf8'))
    // Every format of batch: the CSV too is the whole batch's.
    const csvWhole = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'csv'], { env })
    const csvMerged = await run(['merge', join(out, '1.json'), join(out, '2.json'), '--format', 'csv'], { env })
    expect(csvMerged.stdout).toBe(csvWhole.stdout)
  })
})

describe('the CI recipes in examples/ci', () => {
  test('Kubernetes: --shard auto/N with N = completions; every pod index gives one shard of N', () => {
    const job = parse(readFileSync('examples/ci/kubernetes-indexed-job.yaml', 'utf8'))
    expect(job.spec.completionMode).toBe('Indexed')
    const args = job.spec.template.spec.containers[0].args.join(' ')
    const n = Number(/--shard auto\/(\d+)/u.exec(args)![1])
    expect(n).toBe(job.spec.completions)
    const shards = Array.from({ length: n }, (_, i) => parseShard(`auto/${n}`, { JOB_COMPLETION_INDEX: String(i) }, 'zh').index)
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    expect(args).toContain('--format json --output /data/shards/shard-$JOB_COMPLETION_INDEX.json')
  })

  test('GitHub Actions: a matrix of shards 1..N, i/N from the matrix, merge over every shard', () => {
    const wf = parse(readFileSync('examples/ci/github-actions.yml', 'utf8'))
    const matrix: number[] = wf.jobs.shard.strategy.matrix.shard
    expect(matrix).toEqual(Array.from({ length: matrix.length }, (_, i) => i + 1))
    const runs = (job: string) => wf.jobs[job].steps.map((s: { run?: string }) => s.run ?? '').join('\n')
    expect(runs('shard')).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }} --format json --output shard-${{ matrix.shard }}.json')
    expect(wf.jobs.merge.needs).toBe('shard')
    expect(runs('merge')).toMatch(/zhicheng-check merge shard-\*\.json --format xlsx/u)
  })
})
