import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { batchExitCode, type BatchReport } from '../../report/batch.js'
import { checkShards, mergeShards, parseShardReport } from '../../report/batch-merge.js'
import { withChanges } from '../../report/batch-since.js'
import { UsageError } from '../../usage-error.js'
import { makeContext, type Io } from '../context.js'
import type { BatchFormat } from './batch-formats.js'
import { requireXlsxOutput, writeBatchOutput } from './batch-output.js'
import { readSince } from './batch.js'

// `merge SHARD.json…`: the shards of `batch ROOT --shard i/N`, joined into exactly what one
// `batch ROOT` writes (its JSON byte for byte), in any batch format. The language, --today and
// --quiet are the shards' own (they are in each shard report).

export interface MergeFlags {
  format: BatchFormat
  output?: string
  since?: string
  lang?: string
}

export async function runMerge(files: string[], flags: MergeFlags, io: Io): Promise<number> {
  const shards = files.map((file) => {
    let text: string
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8')
    } catch {
      throw new UsageError('no-target', { target: file })
    }
    return parseShardReport(text, file, flags.lang === 'en' ? 'en' : 'zh')
  })
  const lang = shards[0]!.shard.lang
  checkShards(shards, lang)
  const ctx = makeContext(io, { lang, today: shards[0]!.today, format: flags.output ? 'file' : flags.format })
  requireXlsxOutput(flags.format, flags.output, ctx.lang)
  const earlier = flags.since !== undefined ? readSince(flags.since, ctx.cwd) : undefined
  let batch: BatchReport = mergeShards(shards)
  if (earlier) batch = withChanges(batch, earlier.report, earlier.name)
  await writeBatchOutput(batch, flags.format, flags.output, ctx)
  return batchExitCode(batch)
}
