import { createHmac } from 'node:crypto'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { filesUnder, scene } from './helpers.js'

// Items 11 and 12 of issue 15: the inspection cache is a folder anyone with the user's files (or a
// CI cache restored from another branch) can edit. An edited or forged entry must be a miss: the
// report stays exactly what a cold check gives, and the exit code stays 1, never 2.

const LEAKY = fileURLToPath(new URL('../../examples/leaky/', import.meta.url))
const TODAY = ['--today', '2024-08-05']

/** Facts that say "nothing here": no text, no metadata, no pages. */
const INNOCENT = JSON.stringify({ sniffed: { ext: 'pdf', mime: 'application/pdf' }, scan: { kind: 'pdf', readable: true, pageCount: 0, pages: [] } })
/** Valid JSON, not the shape of facts (rules would crash on it). */
const WRONG_SHAPES = [{ scan: { kind: 'pdf', readable: true, pages: 'many' } }, { scan: { kind: 'pdf', pages: [{ page: 1 }] } }, []].map((v) => JSON.stringify(v))

describe('cache entries are authenticated and validated (items 11, 12)', () => {
  test('edited, unsigned, wrongly signed and well-signed-but-misshapen entries are all misses: the report is the cold one', async () => {
    const s = scene()
    cpSync(LEAKY, join(s.base, 'leaky'), { recursive: true })
    const cacheHome = join(s.home, 'cache')
    const check = () => runCli(['check', join(s.base, 'leaky'), '--format', 'json', ...TODAY], { cwd: s.base, env: { XDG_CACHE_HOME: cacheHome } })
    const cold = await check()
    expect(cold.code).toBe(1)
    expect((JSON.parse(cold.stdout) as { summary: { errors: number } }).summary.errors).toBeGreaterThanOrEqual(5)

    const root = join(cacheHome, 'zhicheng-check')
    const entries = filesUnder(root).filter((f) => f.endsWith('.json')).map((f) => join(root, f))
    expect(entries.length).toBeGreaterThan(5)
    // The key is outside the cache folder; with it, this test can sign what it likes.
    const key = readFileSync(join(cacheHome, 'zhicheng-check.key'))
    entries.forEach((file, i) => {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { mac: string; facts: string }
      const sha = file.slice(file.lastIndexOf('/') + 1, -'.json'.length)
      const signed = (json: string) => JSON.stringify({ mac: createHmac('sha256', key).update(`${dirname(dirname(file))}\0${sha}\0${json}`).digest('hex'), facts: json })
      const forged = [
        JSON.stringify({ mac: entry.mac, facts: INNOCENT }), // edited facts under the old MAC
        INNOCENT, // plain facts, as an older build wrote them
        JSON.stringify({ mac: createHmac('sha256', 'guessed').update(INNOCENT).digest('hex'), facts: INNOCENT }), // another key
        signed(WRONG_SHAPES[i % 3]!), // the right key, the wrong shape
      ]
      writeFileSync(file, forged[i % forged.length]!)
    })
    const warm = await check()
    expect(warm.stderr).toBe('')
    expect(warm.code).toBe(1)
    expect(warm.stdout).toBe(cold.stdout)
  }, 120_000)
})
