import type { Lang } from '../../rules/define-rule.js'
import { UsageError } from '../../usage-error.js'

// --shard i/N, as Playwright's: shard i (1-based) of N. `auto/N` takes i from the environment of
// a job scheduler: Kubernetes sets JOB_COMPLETION_INDEX (0-based) in each pod of an Indexed Job;
// on GitHub Actions, set it from the matrix (`JOB_COMPLETION_INDEX: ${{ strategy.job-index }}`).

export interface Shard {
  index: number
  total: number
}

export const SHARD_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX'
/** More shards than this is a typo, not a plan. */
const MAX_SHARDS = 10_000

export function parseShard(value: string, env: Record<string, string | undefined>, lang: Lang): Shard {
  const bad = (why: { zh: string; en: string }) => new UsageError('bad-option', { reason: `--shard ${value}${lang === 'zh' ? '：' : ': '}${why[lang]}` })
  const m = /^(auto|\d+)\/(\d+)$/u.exec(value.trim())
  if (!m) throw bad({ zh: '应为 i/N（第 i 份，共 N 份，如 1/3），或 auto/N（i 取自环境变量 JOB_COMPLETION_INDEX）', en: 'expected i/N (share i of N, e.g. 1/3), or auto/N (i from JOB_COMPLETION_INDEX)' })
  const total = Number(m[2])
  if (total < 1 || total > MAX_SHARDS) throw bad({ zh: `N 应在 1 到 ${MAX_SHARDS} 之间`, en: `N must be between 1 and ${MAX_SHARDS}` })
  if (m[1] === 'auto') {
    const raw = env[SHARD_INDEX_VARIABLE]
    if (raw === undefined || !/^\d+$/u.test(raw.trim())) {
      throw bad({
        zh: `环境变量 ${SHARD_INDEX_VARIABLE} 没有设置或不是数字（Kubernetes Indexed Job 会设置它；GitHub Actions 里请设为 \${{ strategy.job-index }}）`,
        en: `${SHARD_INDEX_VARIABLE} is not set or not a number (a Kubernetes Indexed Job sets it; on GitHub Actions set it to \${{ strategy.job-index }})`,
      })
    }
    const index = Number(raw.trim()) + 1
    if (index > total) throw bad({ zh: `${SHARD_INDEX_VARIABLE}=${raw.trim()} 超出了 N=${total}（它从 0 开始数）`, en: `${SHARD_INDEX_VARIABLE}=${raw.trim()} is past N=${total} (it counts from 0)` })
    return { index, total }
  }
  const index = Number(m[1])
  if (index < 1 || index > total) throw bad({ zh: `i 应在 1 到 ${total} 之间（从 1 开始数）`, en: `i must be between 1 and ${total} (it counts from 1)` })
  return { index, total }
}
