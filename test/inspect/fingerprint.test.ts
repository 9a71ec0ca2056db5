// The perceptual fingerprint (src/inspect/fingerprint.ts), measured through the inspection as a
// check sees it (image.ts and pdf.ts store it on the page's pixel measures): the same picture
// saved again is the same picture; the same page with the name masked or replaced, another
// certificate, or a blank page is not. Certificates vary (bench/certificates.mjs: kind, font,
// layout, stamp, noise, blur, skew, 150–300 dpi).
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { GRID, pictureHash, pictureSketch, samePicture } from '../../src/inspect/fingerprint.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { certificate } from '../../bench/certificates.mjs'

async function hashOf(bytes: Uint8Array | Buffer): Promise<string | undefined> {
  const { scan } = await inspectBytes({ bytes: new Uint8Array(bytes), sizeBytes: bytes.length, limits: DEFAULT_LIMITS, ocr: false })
  return scan.pages[0]?.scanImage?.pixels?.hash
}

async function inPdf(jpeg: Buffer): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const img = await doc.embedJpg(jpeg)
  const page = doc.addPage([595.28, 841.89])
  page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 })
  return doc.save()
}

const SEEDS = [3, 28, 71]
// Generous: generating and inspecting a dozen A4 scans takes a while on a loaded machine; time decides nothing here.
const SLOW = { timeout: 300_000 }

describe('the same picture saved again', () => {
  for (const seed of SEEDS) {
    test(`certificate ${seed}: JPEG q40, half size, grey, PNG and in a PDF are the same picture`, SLOW, async () => {
      const doc = await certificate(seed)
      const original = await hashOf(doc.jpeg)
      expect(original).toMatch(/^[A-Za-z0-9_-]+$/)
      const saved = {
        q40: await sharp(doc.jpeg).jpeg({ quality: 40 }).toBuffer(),
        half: await sharp(doc.jpeg).resize({ width: Math.round(doc.dpi * 8.27 * 0.5) }).jpeg({ quality: 75 }).toBuffer(),
        grey: await sharp(doc.jpeg).greyscale().jpeg({ quality: 85 }).toBuffer(),
        png: await sharp(doc.jpeg).png().toBuffer(),
        pdf: await inPdf(doc.jpeg),
      }
      for (const [how, bytes] of Object.entries(saved)) expect([how, samePicture(original, await hashOf(bytes))]).toEqual([how, true])
    })
  }
})

describe('not the same picture', () => {
  for (const seed of SEEDS) {
    test(`certificate ${seed}: its twins (欧**, ████, a black box, another name) and another certificate differ`, SLOW, async () => {
      const original = await hashOf((await certificate(seed)).jpeg)
      for (const twin of ['stars', 'blocks', 'box', 'other']) {
        expect([twin, samePicture(original, await hashOf((await certificate(seed, twin)).jpeg))]).toEqual([twin, false])
      }
      expect(samePicture(original, await hashOf((await certificate(seed + 1000)).jpeg))).toBe(false)
    })
  }

  test('two blank pages hold nothing to compare', async () => {
    const blank = (tone: number, noise: number) => {
      const w = 827
      const h = 1169
      const px = Buffer.alloc(w * h)
      let s = tone * 7 + noise
      for (let i = 0; i < px.length; i++) {
        s = (s * 1103515245 + 12345) & 0x7fffffff
        px[i] = Math.max(0, Math.min(255, tone + ((s >> 16) % (2 * noise + 1)) - noise))
      }
      return pictureHash(px, w, h)
    }
    const a = blank(250, 6)
    const b = blank(238, 3)
    expect(a).not.toBe('')
    expect(samePicture(a, b)).toBe(false)
    expect(samePicture(a, a)).toBe(false)
  })

  test('missing, malformed or too small fingerprints never match', () => {
    expect(pictureHash(new Uint8Array(10 * 10), 10, 10)).toBe('')
    expect(samePicture(undefined, undefined)).toBe(false)
    expect(samePicture('', '')).toBe(false)
    expect(samePicture('abc', 'abc')).toBe(false)
    expect(pictureSketch('abc')).toBeNull()
  })
})

describe('one moved cell is noise, two are a change (the edge)', () => {
  // A page of text lines, then the same with one or two cells' worth of ink added.
  const page = (extra: Array<[number, number]>) => {
    const w = GRID * 30
    const h = GRID * 40
    const px = Buffer.alloc(w * h, 250)
    for (let y = 60; y < h - 60; y += 48) for (let x = 40; x < w - 40; x++) for (let t = 0; t < 10; t++) if ((x >> 3) % 3 !== 0) px[(y + t) * w + x] = 30
    for (const [cx, cy] of extra) for (let y = cy * 40 + 5; y < cy * 40 + 35; y++) for (let x = cx * 30 + 5; x < cx * 30 + 25; x++) px[y * w + x] = 0
    return pictureHash(px, w, h)
  }
  const base = page([])
  test('one cell changed: still the same picture', () => expect(samePicture(base, page([[5, 6]]))).toBe(true))
  test('two cells changed: another picture', () => expect(samePicture(base, page([[5, 6], [12, 20]]))).toBe(false))
  test('the sketch of a page is within one step of its saved copies', () => {
    const a = pictureSketch(base)!
    const b = pictureSketch(page([[5, 6]]))!
    expect(a.every((v, i) => Math.abs(v - b[i]!) <= 1)).toBe(true)
  })
})
