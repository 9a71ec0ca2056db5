import { compareCodePoints } from '../fs/package-fs.js'
import type { Lang } from '../rules/define-rule.js'
import { UsageError } from '../usage-error.js'
import { addElsewhereFindings, type AcrossStats } from './batch-across.js'
import { buildBatchReport, type BatchReport, type PackageReport } from './batch.js'

// What only the whole batch can do, done the same way by `batch` and by `merge` (from the shard
// reports): order the packages, find the scans shared across applicants, count. So the shards of
// a batch, merged, are byte for byte the batch.

export interface FinishOptions {
  version: string
  lang: Lang
  quiet: boolean
  today: string
  /** The batch's policy when no package names one (--policy as given). */
  policy?: string
  stats?: AcrossStats
}

export function finishBatch(packages: PackageReport[], opts: FinishOptions): BatchReport {
  // By the path shown (code point): a shard's packages slot in where the whole batch has them.
  const ordered = [...packages].sort((a, b) => compareCodePoints(a.package, b.package))
  const withDuplicates = addElsewhereFindings(ordered, opts.lang, opts.quiet, opts.stats)
  const named = withDuplicates.some((p) => p.policy !== null)
  return buildBatchReport(withDuplicates, opts.version, named ? undefined : opts.policy, opts.today)
}

const WORDS = {
  zh: {
    json: '不是 JSON',
    notShard: '没有 shard 信息',
    total: (a: number, b: number) => `分片总数不同（${a} 和 ${b}）`,
    field: (f: string) => `${f} 不同`,
    twice: (i: number, n: number) => `分片 ${i}/${n} 给了两次`,
    missing: (list: string) => `缺少分片 ${list}`,
  },
  en: {
    json: 'not JSON',
    notShard: 'no shard information',
    total: (a: number, b: number) => `different shard totals (${a} and ${b})`,
    field: (f: string) => `different ${f}`,
    twice: (i: number, n: number) => `shard ${i}/${n} given twice`,
    missing: (list: string) => `shard(s) ${list} missing`,
  },
}

/** A shard's JSON report, checked for what merging needs. Throws UsageError (bad-shard-report). */
export function parseShardReport(text: string, shownAs: string, lang: Lang): BatchReport & { shard: NonNullable<BatchReport['shard']> } {
  const w = WORDS[lang]
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError('bad-shard-report', { file: shownAs, reason: w.json })
  }
  const d = data as Partial<BatchReport> | null
  const s = d?.shard
  const ok =
    d && typeof d === 'object' && d.tool === 'zhicheng-check' && Array.isArray(d.packages) && s && Number.isInteger(s.index) && Number.isInteger(s.total) && s.index >= 1 && s.index <= s.total
  if (!ok) throw new UsageError('bad-shard-report', { file: shownAs, reason: w.notShard })
  return d as BatchReport & { shard: NonNullable<BatchReport['shard']> }
}

/** Every shard once, of one batch (version, day, language, --quiet): else UsageError (shards-mismatch). */
export function checkShards(shards: ReadonlyArray<BatchReport & { shard: NonNullable<BatchReport['shard']> }>, lang: Lang): void {
  const w = WORDS[lang]
  const first = shards[0]!
  const seen = new Set<number>()
  for (const r of shards) {
    if (r.shard.total !== first.shard.total) throw new UsageError('shards-mismatch', { reason: w.total(first.shard.total, r.shard.total) })
    for (const [field, a, b] of [
      ['version', first.version, r.version],
      ['--today', first.today, r.today],
      ['--lang', first.shard.lang, r.shard.lang],
      ['--quiet', first.shard.quiet, r.shard.quiet],
    ] as const) {
      if (a !== b) throw new UsageError('shards-mismatch', { reason: w.field(field) })
    }
    if (seen.has(r.shard.index)) throw new UsageError('shards-mismatch', { reason: w.twice(r.shard.index, r.shard.total) })
    seen.add(r.shard.index)
  }
  const missing = Array.from({ length: first.shard.total }, (_, i) => i + 1).filter((i) => !seen.has(i))
  if (missing.length > 0) throw new UsageError('shards-mismatch', { reason: w.missing(missing.map((i) => `${i}/${first.shard.total}`).join(lang === 'zh' ? '、' : ', ')) })
}

/** The shards joined: what one `batch` over ROOT writes (without --since, which merge applies after). */
export function mergeShards(shards: ReadonlyArray<BatchReport & { shard: NonNullable<BatchReport['shard']> }>, stats?: AcrossStats): BatchReport {
  const first = shards[0]!
  return finishBatch(
    shards.flatMap((s) => s.packages),
    { version: first.version, lang: first.shard.lang, quiet: first.shard.quiet, today: first.today, policy: first.policy, ...(stats ? { stats } : {}) },
  )
}
