import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { loadDetector } from '../../src/inspect/faces.js'
import { unpackBits } from '../../src/inspect/pdf.js'

// The faster copies of src/inspect (pdf.ts unpackBits, tfjs-concat.ts) against the plain
// definitions they replace: the same bytes, or the facts would move.

/** 1 bit a pixel, rows padded to a byte, 1 = white (pdf.js ImageKind 1): bit by bit. */
function unpackPlain(data: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height)
  const rowBytes = (width + 7) >> 3
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0
  }
  return out
}

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let s = seed
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0
    // Runs of white and black bytes, as a scan has, and mixed ones.
    out[i] = s % 5 === 0 ? 0 : s % 5 === 1 ? 255 : s >>> 24
  }
  return out
}

describe('1-bit images unpacked a byte at a time', () => {
  test('the same bytes as bit by bit, for every width 1–70 (whole bytes and a partial last one)', () => {
    for (let width = 1; width <= 70; width++) {
      for (const height of [1, 3, 17]) {
        const data = noise(((width + 7) >> 3) * height, width * 31 + height)
        expect(unpackBits(data, width, height), `${width}×${height}`).toEqual(unpackPlain(data, width, height))
      }
    }
  })
  test('black and white bytes become 0 and 255', () => {
    expect([...unpackBits(new Uint8Array([0xff, 0x00, 0xa5]), 24, 1)]).toEqual([
      ...Array(8).fill(255), ...Array(8).fill(0), 255, 0, 255, 0, 0, 255, 0, 255,
    ])
  })
})

describe("the WASM backend's Concat, short runs copied one by one", () => {
  test('the same tensor as the copy it replaces, for short and long runs, on every axis', async () => {
    const api = await loadDetector()
    const require = createRequire(import.meta.url)
    const tf = require('@tensorflow/tfjs-core') as typeof import('@tensorflow/tfjs-core')
    expect(api.tf.getBackend()).toBe('wasm')
    const cases: Array<{ shapes: number[][]; axis: number; dtype: 'float32' | 'int32' }> = [
      { shapes: [[1, 6, 5, 1], [1, 6, 5, 1], [1, 6, 5, 1]], axis: 3, dtype: 'float32' }, // face-api's normalize
      { shapes: [[4, 3], [4, 2], [4, 7]], axis: 1, dtype: 'int32' },
      { shapes: [[2, 3, 4], [2, 1, 4]], axis: -2, dtype: 'float32' },
      { shapes: [[3, 5], [2, 5]], axis: 0, dtype: 'float32' },
      { shapes: [[2, 40], [2, 3]], axis: 1, dtype: 'float32' }, // a long run: left to tfjs
    ]
    for (const c of cases) {
      const inputs = c.shapes.map((shape, i) => {
        const n = shape.reduce((a, b) => a * b, 1)
        const values = Array.from({ length: n }, (_, k) => (c.dtype === 'int32' ? k * 7 - i * 100 : k / 3 - i * 0.25))
        return tf.tensor(values, shape, c.dtype)
      })
      // The expected layout, computed without any kernel: rows of each input in turn along the axis.
      const rank = c.shapes[0]!.length
      const axis = c.axis < 0 ? c.axis + rank : c.axis
      const arrays = inputs.map((t) => t.arraySync())
      const join = (parts: unknown[], depth: number): unknown => (depth === axis ? (parts as unknown[][]).flat() : (parts[0] as unknown[]).map((_, k) => join(parts.map((p) => (p as unknown[])[k]), depth + 1)))
      const out = tf.concat(inputs, c.axis)
      expect(out.dtype).toBe(c.dtype)
      expect(out.arraySync()).toEqual(join(arrays, 0))
      tf.dispose([...inputs, out])
    }
  })
})
