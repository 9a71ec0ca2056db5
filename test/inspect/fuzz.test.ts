import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { inspectFiles, type FileToInspect } from '../../src/inspect/inspect-package.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { CORPUS_DIR, GROUND_TRUTH_GROUPS } from './helpers/corpus.js'
import { requires } from '../helpers/requires.js'
import { tempDir } from './helpers/package.js'

// Byte-flipped and truncated copies of the corpus files, a fixed seed: the checker must report
// every one (facts with a verdict) within the per-file bound, never crash or hang. The clock never
// decides: a mutant that needed the bound on a busy machine is inspected again alone with ten
// times the time, and only one that times out again is a hang.

const MUTANTS = 300
const SEED = 20240805
// Lower than the default so a hang would show inside the test's time; still 10× a real file's time.
const limits = { ...DEFAULT_LIMITS, hardTimeMs: 10_000, softTimeMs: 5_000 }

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = bytes.slice()
  const mode = rand()
  if (mode < 0.35) return out.subarray(0, Math.floor(rand() * out.length)) // truncated
  const flips = 1 + Math.floor(rand() * (mode < 0.7 ? 8 : 200))
  for (let i = 0; i < flips; i++) {
    // half the flips in the first KB, where headers and dictionaries are
    const at = rand() < 0.5 ? Math.floor(rand() * Math.min(1024, out.length)) : Math.floor(rand() * out.length)
    out[at] = mode < 0.85 ? out[at]! ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256)
  }
  return out
}

describe.skipIf(!requires('corpus'))(`fuzz (${MUTANTS} mutants, seed ${SEED})`, () => {
  test('every mutant is reported, none crashes or hangs', { timeout: 300_000 }, async () => {
    const sources = GROUND_TRUTH_GROUPS.flatMap((g) => readdirSync(join(CORPUS_DIR, g)).sort().map((f) => join(CORPUS_DIR, g, f)))
    const rand = rng(SEED)
    const dir = tempDir('fuzz')
    mkdirSync(join(dir, 'm'))
    const files: FileToInspect[] = []
    for (let i = 0; i < MUTANTS; i++) {
      const src = sources[Math.floor(rand() * sources.length)]!
      const ext = src.split('.').at(-1)
      const rel = `m/${String(i).padStart(3, '0')}.${ext}`
      writeFileSync(join(dir, rel), mutate(readFileSync(src), rand))
      files.push({ rel, abs: join(dir, rel) })
    }
    const facts = await inspectFiles(files, { jobs: 2, cache: null, limits })
    const timedOut = files.filter((f) => facts.get(f.rel)?.scan?.unreadable?.reason === 'timeout')
    if (timedOut.length > 0) {
      const again = await inspectFiles(timedOut, { jobs: 1, cache: null, limits: { ...limits, hardTimeMs: limits.hardTimeMs * 10 } })
      for (const [rel, ff] of again) facts.set(rel, ff)
    }
    expect(facts.size).toBe(MUTANTS)
    const reasons = new Map<string, number>()
    for (const f of files) {
      const ff = facts.get(f.rel)!
      expect(ff.exists, f.rel).toBe(true)
      const scan = ff.scan!
      expect(scan, f.rel).toBeDefined()
      // a verdict: read, or why not (a type we do not open counts as one)
      expect(scan.readable || scan.unreadable !== undefined || scan.kind === 'other', f.rel).toBe(true)
      expect(JSON.parse(JSON.stringify(ff))).toEqual(ff)
      const key = scan.readable ? 'readable' : (scan.unreadable?.reason ?? `kind:${scan.kind}`)
      reasons.set(key, (reasons.get(key) ?? 0) + 1)
    }
    // No file may need the hard bound: a timeout here is a hang the bounds did not catch.
    expect(reasons.get('timeout') ?? 0).toBe(0)
    expect(reasons.get('crashed') ?? 0).toBe(0)
    console.log(`fuzz: ${MUTANTS} mutants (${timedOut.length} inspected again):`, Object.fromEntries([...reasons].sort()))
  })
})
