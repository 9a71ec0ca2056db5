import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { FactsCache, defaultCacheDir } from '../../src/inspect/cache.js'
import { SharedInspector, inspectFiles } from '../../src/inspect/inspect-package.js'
import type { ContentFacts } from '../../src/inspect/inspect-bytes.js'
import type { InspectPool, PoolResult } from '../../src/inspect/pool.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { makePdf, makeScan } from './helpers/scans.js'
import { tempDir } from './helpers/package.js'

async function oneScanFile(): Promise<{ dir: string; rel: string; abs: string }> {
  const dir = tempDir('pool')
  const abs = join(dir, 'scan.pdf')
  writeFileSync(abs, await makePdf([{ image: await makeScan({ dpi: 150 }) }]))
  return { dir, rel: 'scan.pdf', abs }
}

describe('worker pool', () => {
  test('a file over the time bound is reported as a timeout, and the run goes on', async () => {
    const f = await oneScanFile()
    const limits = { ...DEFAULT_LIMITS, hardTimeMs: 1 }
    const facts = await inspectFiles([f], { jobs: 1, cache: null, limits })
    expect(facts.get('scan.pdf')!.scan).toMatchObject({ readable: false, unreadable: { reason: 'timeout' } })
  })

  test('a worker that runs out of memory is reported, not fatal, and not cached', async () => {
    const f = await oneScanFile()
    const cacheRoot = tempDir('cache')
    const limits = { ...DEFAULT_LIMITS, workerHeapMb: 16 }
    const cache = new FactsCache(cacheRoot, 'test', limits)
    const facts = await inspectFiles([f], { jobs: 1, cache, limits })
    expect(facts.get('scan.pdf')!.scan).toMatchObject({ readable: false, unreadable: { reason: 'crashed' } })
    expect(readdirSync(cacheRoot)).toEqual([])
  })

  test('results are keyed by path, in the order asked, whatever order workers finish in', async () => {
    const dir = tempDir('order')
    const files = []
    for (let i = 0; i < 6; i++) {
      const rel = `f${i}.${i % 2 ? 'jpg' : 'pdf'}`
      const bytes = i % 2 ? await makeScan({ dpi: 100 + i * 20, seed: i }) : await makePdf([{ text: `page ${i}` }])
      writeFileSync(join(dir, rel), bytes)
      files.push({ rel, abs: join(dir, rel) })
    }
    const facts = await inspectFiles(files.slice().reverse(), { jobs: 3, cache: null })
    expect([...facts.keys()]).toEqual(files.map((f) => f.rel).reverse())
    for (const f of files) expect(facts.get(f.rel)!.scan!.readable).toBe(true)
  })

  test('a missing file is facts (exists: false), not an error', async () => {
    const facts = await inspectFiles([{ rel: 'gone.pdf', abs: join(tempDir('gone'), 'gone.pdf') }], { jobs: 1, cache: null })
    expect(facts.get('gone.pdf')).toEqual({ path: 'gone.pdf', exists: false, declaredExt: 'pdf' })
  })
})

describe('a file whose OCR ran out of time is read once more, after the others', () => {
  // A scripted pool: each inspection of a file answers the next of its scripted results, so the
  // retry is decided by what the facts say, never by how long anything took.
  const page = (ocr: NonNullable<ContentFacts['scan']['pages'][number]['ocr']>) => ({ page: 1, widthPt: 595, heightPt: 842, rotateDeg: 0 as const, textChars: 0, textRotationDeg: null, hasGraphics: true, scanImage: null, ocr })
  const timedOut: PoolResult = { facts: { sniffed: { ext: 'pdf', mime: 'application/pdf' }, scan: { kind: 'pdf', readable: true, pageCount: 1, pages: [page({ status: 'timeout', detail: 'not read in 30 s' })] } }, cacheable: false }
  const read: PoolResult = { facts: { sniffed: { ext: 'pdf', mime: 'application/pdf' }, scan: { kind: 'pdf', readable: true, pageCount: 1, pages: [page({ status: 'read', dpi: 150, lines: [] })] } }, cacheable: true }
  const scripted = (answers: Record<string, PoolResult[]>) => {
    const asked: string[] = []
    const pool = {
      jobs: 1,
      limits: DEFAULT_LIMITS,
      inspect: async (bytes: Uint8Array) => {
        const key = Buffer.from(bytes).toString()
        asked.push(key)
        return answers[key]!.shift() ?? answers[key]!.at(-1)!
      },
      close: async () => {},
    }
    return { inspector: new SharedInspector(pool as unknown as InspectPool, null), asked }
  }
  const files = () => {
    const dir = tempDir('retry')
    for (const n of ['a', 'b']) writeFileSync(join(dir, `${n}.pdf`), n)
    return ['a', 'b'].map((n) => ({ rel: `${n}.pdf`, abs: join(dir, `${n}.pdf`) }))
  }

  test('fires: a page that timed out is read again after the rest, and the second reading stands', async () => {
    const { inspector, asked } = scripted({ a: [timedOut, read], b: [read] })
    const facts = await inspectFiles(files(), { jobs: 1, cache: null, ocr: true, shared: inspector })
    expect(asked).toEqual(['a', 'b', 'a'])
    expect(facts.get('a.pdf')!.scan!.pages[0]!.ocr!.status).toBe('read')
  })

  test('edge: timed out twice is declared unread (timeout), with no third try', async () => {
    const { inspector, asked } = scripted({ a: [timedOut, timedOut, read], b: [read] })
    const facts = await inspectFiles(files(), { jobs: 1, cache: null, ocr: true, shared: inspector })
    expect(asked).toEqual(['a', 'b', 'a'])
    expect(facts.get('a.pdf')!.scan!.pages[0]!.ocr!.status).toBe('timeout')
  })

  test('silent: nothing timed out, or --no-ocr: each file is inspected once', async () => {
    const clean = scripted({ a: [read], b: [read] })
    await inspectFiles(files(), { jobs: 1, cache: null, ocr: true, shared: clean.inspector })
    expect(clean.asked).toEqual(['a', 'b'])
    const quick = scripted({ a: [timedOut, read], b: [read] })
    await inspectFiles(files(), { jobs: 1, cache: null, ocr: false, shared: quick.inspector })
    expect(quick.asked).toEqual(['a', 'b'])
  })
})

describe('cache', () => {
  test('XDG_CACHE_HOME first, then the OS cache folder', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe(join('/x', 'zhicheng-check'))
    expect(defaultCacheDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.cache', 'zhicheng-check'))
    expect(defaultCacheDir({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Caches', 'zhicheng-check'))
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\AppData' }, 'win32', 'C:\\u')).toBe(join('C:\\AppData', 'zhicheng-check', 'Cache'))
  })

  test('a second inspection of unchanged bytes is read from the cache, whatever the file is called', async () => {
    const f = await oneScanFile()
    const cacheRoot = tempDir('cache')
    const cache = new FactsCache(cacheRoot, 'test', DEFAULT_LIMITS)
    const first = await inspectFiles([f], { jobs: 1, cache })
    const renamed = { rel: 'elsewhere/renamed.pdf', abs: f.abs }
    // A pool that can only time out: any miss would show as a timeout.
    const second = await inspectFiles([renamed], { jobs: 1, cache, limits: { ...DEFAULT_LIMITS, hardTimeMs: 1 } })
    expect(second.get(renamed.rel)!.scan).toMatchObject({ readable: true })
    const a = first.get('scan.pdf')!
    expect(second.get(renamed.rel)).toEqual({ ...a, path: renamed.rel })
  })

  test('a torn cache entry is a miss', async () => {
    const f = await oneScanFile()
    const cacheRoot = tempDir('cache')
    const cache = new FactsCache(cacheRoot, 'test', DEFAULT_LIMITS)
    const first = await inspectFiles([f], { jobs: 1, cache })
    const sha = first.get('scan.pdf')!.sha256!
    writeFileSync(join(cache.dir, sha.slice(0, 2), `${sha}.json`), '{"scan": ')
    expect(cache.get(sha)).toBeUndefined()
    const again = await inspectFiles([f], { jobs: 1, cache })
    expect(again.get('scan.pdf')).toEqual(first.get('scan.pdf'))
  })

  const facts = (n: number) => ({ sniffed: { mime: 'application/pdf', ext: 'pdf' }, scan: { kind: 'pdf', readable: true, pages: [], note: 'x'.repeat(n) } }) as never
  const sha = (i: number) => i.toString(16).padStart(64, '0')

  test('pruning after a run that wrote: other versions go, this version is capped oldest first', () => {
    const root = tempDir('cache-prune')
    const old = new FactsCache(root, '0.0.9', DEFAULT_LIMITS)
    old.set(sha(1), facts(10))
    const deepSameVersion = new FactsCache(root, '1.0.0', DEFAULT_LIMITS, 'engine')
    deepSameVersion.set(sha(2), facts(10))
    const cache = new FactsCache(root, '1.0.0', DEFAULT_LIMITS)
    // Nothing written by this one: nothing is touched, whatever the size.
    cache.prune(1)
    expect(existsSync(old.dir)).toBe(true)
    for (let i = 10; i < 20; i++) {
      cache.set(sha(i), facts(1000))
      // written one second apart, oldest first
      const file = join(cache.dir, sha(i).slice(0, 2), `${sha(i)}.json`)
      utimesSync(file, 1_700_000_000 + i, 1_700_000_000 + i)
    }
    mkdirSync(join(root, 'facts', 'stray-file-holder'))
    writeFileSync(join(root, 'facts', 'not-a-folder'), 'x')
    const size = JSON.stringify(facts(1000)).length
    cache.prune(size * 5 + 1000) // 80 %: four entries and the small --deep one
    expect(existsSync(old.dir)).toBe(false)
    // Same version, another kind of facts (--deep): kept, and counted.
    expect(deepSameVersion.get(sha(2))).toBeTruthy()
    const kept = Array.from({ length: 10 }, (_, k) => 10 + k).filter((i) => cache.get(sha(i)) !== undefined)
    // Down to 80 % of the cap: the newest entries stay.
    expect(kept).toEqual([16, 17, 18, 19])
  })
})
