import { describe, expect, test } from 'vitest'
import type { PixelStats } from '../../src/inspect/facts.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { blurEffect, measureGrey } from '../../src/inspect/pixels.js'
import { loadPolicy } from '../../src/policy/load.js'
import { makeScan, type ScanSpec } from './helpers/scans.js'

// Calibration of the pixel measures behind scan.blurry / blank-page / exposure, on generated
// A4 pages of pseudo-text (test/inspect/helpers/scans.ts). The policy thresholds must separate
// each "bad" page from its "good" neighbour; the figures in the policy's `source` lines and in
// src/inspect/pixels.ts come from this table.

const scans = loadPolicy().values.scans

async function measure(spec: ScanSpec): Promise<PixelStats> {
  const b = await makeScan(spec)
  const r = await inspectBytes({ bytes: new Uint8Array(b), sizeBytes: b.length, limits: DEFAULT_LIMITS })
  return r.scan.pages[0]!.scanImage!.pixels!
}

describe('blur effect', () => {
  test.for([100, 150, 300])('a clean page at %i dpi is sharp, whatever the resolution', async (dpi) => {
    const px = await measure({ dpi })
    expect(px.blur).toBeGreaterThan(0.08)
    expect(px.blur).toBeLessThan(0.2)
  })
  test('0.3 mm of blur on paper still passes; 0.7 mm does not', async () => {
    expect((await measure({ dpi: 200, blurMm: 0.3 })).blur).toBeLessThan(scans.max_blur)
    expect((await measure({ dpi: 200, blurMm: 0.7 })).blur).toBeGreaterThan(scans.max_blur)
  })
  test('the same blur on paper measures the same at 150 and 300 dpi', async () => {
    const a = await measure({ dpi: 150, blurMm: 0.5 })
    const b = await measure({ dpi: 300, blurMm: 0.5 })
    expect(Math.abs(a.blur - b.blur)).toBeLessThan(0.05)
  })
  test('scanner noise does not read as sharpness or blur', async () => {
    expect((await measure({ dpi: 200, noise: 8 })).blur).toBeLessThan(0.2)
  })
  test('a flat image is 1 (nothing to blur): callers test blankness first', () => {
    expect(blurEffect(new Uint8Array(100 * 100).fill(200), 100, 100)).toBe(1)
  })
})

describe('ink and exposure', () => {
  test('a blank page has no ink, even with noise or grey paper', async () => {
    for (const spec of [{ lines: 0 }, { lines: 0, noise: 6 }, { lines: 0, paper: 200, noise: 4 }, { lines: 0, dpi: 300, noise: 15 }]) {
      expect((await measure(spec)).ink, JSON.stringify(spec)).toBeLessThan(scans.blank_max_ink)
    }
  })
  test('one line of text is not blank, and is enough to judge contrast', async () => {
    const px = await measure({ lines: 1 })
    expect(px.ink).toBeGreaterThan(scans.blank_max_ink)
    expect(px.ink).toBeGreaterThan(0.002)
    expect(px.p90 - px.inkLuma).toBeGreaterThan(scans.washed_out_max_contrast)
  })
  test('grey text #B4B4B4 on white is washed out; #969696 is not', async () => {
    const faded = await measure({ ink: 180, paper: 250 })
    const grey = await measure({ ink: 150, paper: 250 })
    expect(faded.p90 - faded.inkLuma).toBeLessThan(scans.washed_out_max_contrast)
    expect(grey.p90 - grey.inkLuma).toBeGreaterThan(scans.washed_out_max_contrast)
  })
  test('paper at grey 120 is too dark; at 160 (a dim photo) it is not', async () => {
    expect((await measure({ paper: 120, ink: 20 })).p90).toBeLessThan(scans.dark_max_paper)
    expect((await measure({ paper: 160, ink: 30 })).p90).toBeGreaterThan(scans.dark_max_paper)
  })
  test('page edges (4 % margins) are left out', () => {
    const w = 200
    const h = 200
    const grey = new Uint8Array(w * h).fill(250)
    for (let y = 0; y < h; y++) for (let x = 0; x < 6; x++) grey[y * w + x] = 0 // a black strip at the edge
    expect(measureGrey(grey, w, h).ink).toBe(0)
  })
})

describe('working buffers kept between pages', () => {
  // A page of pseudo-text: dark marks in rows on light paper, different for each seed.
  function page(w: number, h: number, seed: number): Uint8Array {
    const grey = new Uint8Array(w * h)
    let s = seed
    for (let i = 0; i < grey.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0
      const row = Math.floor(i / w) % 12
      grey[i] = row < 4 && s % 7 < 3 ? 20 + (s % 40) : 235 + (s % 15)
    }
    return grey
  }
  test('a page measures the same before and after a larger and a smaller one', () => {
    const small = page(300, 420, 1)
    const first = measureGrey(small, 300, 420)
    measureGrey(page(827, 1169, 2), 827, 1169)
    measureGrey(page(120, 160, 3), 120, 160)
    expect(measureGrey(small, 300, 420)).toEqual(first)
    expect(blurEffect(small, 300, 420)).toBe(blurEffect(page(300, 420, 1), 300, 420))
  })
  test('what a larger page left in the buffers does not reach a smaller one', () => {
    const smallA = measureGrey(page(200, 260, 4), 200, 260)
    measureGrey(new Uint8Array(900 * 1200).fill(0), 900, 1200) // black everywhere
    expect(measureGrey(page(200, 260, 4), 200, 260)).toEqual(smallA)
  })
})
