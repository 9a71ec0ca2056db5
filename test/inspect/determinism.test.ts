import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkPackage } from '../../src/core/check-package.js'
import { renderJson } from '../../src/report/json.js'
import { CORPUS_DIR, HAS_CORPUS } from './helpers/corpus.js'
import { prefers } from '../helpers/requires.js'
import { makePackage, snapshot, tempDir } from './helpers/package.js'
import { makePdf, makeScan } from './helpers/scans.js'

// Same package → byte-identical JSON, with one worker or four, cached or not; and the package
// is never written to.

async function scanPackage(): Promise<string> {
  const files: Record<string, Uint8Array> = {
    'files/扫描/清晰.pdf': await makePdf([{ image: await makeScan({ dpi: 200 }) }, { image: await makeScan({ dpi: 200, seed: 3 }) }]),
    'files/扫描/侧放.pdf': await makePdf([{ image: await makeScan({ dpi: 150 }), rotate: 90 }]),
    'files/扫描/模糊.jpg': await makeScan({ dpi: 150, blurMm: 0.8 }),
    'files/扫描/低分辨率.jpg': await makeScan({ dpi: 72 }),
    'files/扫描/空白.png': await makeScan({ dpi: 100, lines: 0, format: 'png' }),
    'files/扫描/其实是PNG.jpg': await makeScan({ dpi: 150, format: 'png' }),
    'files/扫描/截断.jpg': (await makeScan({ dpi: 150 })).subarray(0, 5000),
    'files/扫描/空文件.pdf': new Uint8Array(0),
  }
  if (HAS_CORPUS) {
    for (const f of ['pdf-rotated/qpdf_to-rotate.pdf', 'pdf-encrypted/pypdf_r6-empty-password.pdf', 'img-exif-orientation/exifsamples_landscape_6.jpg', 'pdf-malformed/ocrmypdf_invalid.pdf']) {
      files[`files/corpus/${f}`] = readFileSync(join(CORPUS_DIR, f))
    }
  }
  return makePackage(files, await makePdf([{ image: await makeScan({ dpi: 200, seed: 11 }) }]))
}

// The corpus adds real files to the package when it is there (required under CI=true).
prefers('corpus')

describe('determinism', () => {
  test('--jobs 1 and --jobs 4, cold and cached: byte-identical JSON; the package untouched', { timeout: 600_000 }, async () => {
    const pkg = await scanPackage()
    const before = snapshot(pkg)
    const base = { today: '2024-08-05', lang: 'zh' as const, cwd: pkg }
    const cacheDir = tempDir('cache')
    const one = renderJson((await checkPackage(pkg, { ...base, jobs: 1, cacheDir: null })).report)
    const four = renderJson((await checkPackage(pkg, { ...base, jobs: 4, cacheDir: null })).report)
    const cold = renderJson((await checkPackage(pkg, { ...base, jobs: 4, cacheDir })).report)
    const warm = renderJson((await checkPackage(pkg, { ...base, jobs: 2, cacheDir })).report)
    expect(four).toBe(one)
    expect(cold).toBe(one)
    expect(warm).toBe(one)
    expect(snapshot(pkg)).toEqual(before)
    // the package's scan findings are there at all
    const rules = new Set((JSON.parse(one) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule))
    for (const id of ['scan.rotated', 'scan.blurry', 'scan.low-resolution', 'scan.blank-page', 'scan.type-mismatch', 'scan.unreadable']) expect(rules).toContain(id)
  })
})
