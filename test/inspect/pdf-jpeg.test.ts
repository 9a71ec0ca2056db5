import { PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFRef } from 'pdf-lib'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import type { PixelStats } from '../../src/inspect/facts.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { inspectPdf } from '../../src/inspect/pdf.js'
import { divertJpegs } from '../../src/inspect/pdf-jpeg.js'
import { makePdf, makeScan } from './helpers/scans.js'

// JPEG scans in a PDF are decoded by sharp, not by pdf.js (src/inspect/pdf-jpeg.ts). Only the
// images sharp draws the same as pdf.js are set aside; every page must measure the same either way.

/** A one-page PDF of `jpeg`, with `edit` applied to the image's dictionary. */
async function pdfWith(jpeg: Buffer, edit?: (doc: PDFDocument, ref: PDFRef) => void, objectStreams = false): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const img = await doc.embedJpg(jpeg)
  const page = doc.addPage([595.28, 841.89])
  page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 })
  await img.embed() // pdf-lib writes the image object only now
  edit?.(doc, img.ref)
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }))
}

const setKey = (key: string, value: (doc: PDFDocument) => unknown) => (doc: PDFDocument, ref: PDFRef) =>
  (doc.context.lookup(ref) as PDFRawStream).dict.set(PDFName.of(key), value(doc) as never)

async function pixelsOf(pdf: Buffer): Promise<PixelStats | null | undefined> {
  const facts = await inspectPdf(new Uint8Array(pdf), DEFAULT_LIMITS)
  expect(facts.readable).toBe(true)
  return facts.pages[0]?.scanImage?.pixels
}

describe('JPEG scans decoded by sharp (divertJpegs)', () => {
  test('each plain JPEG image is set aside by its object, byte for byte; nothing else in the file moves', async () => {
    const a = await makeScan({ seed: 1 })
    const b = await makeScan({ seed: 2, dpi: 100 })
    for (const objectStreams of [false, true]) {
      const doc = await PDFDocument.create()
      const refs: string[] = []
      for (const jpeg of [a, b]) {
        const img = await doc.embedJpg(jpeg)
        doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 })
        refs.push(`${img.ref.objectNumber}R`)
      }
      const pdf = new Uint8Array(await doc.save({ useObjectStreams: objectStreams }))
      const diverted = divertJpegs(pdf)!
      expect([...diverted.byRef.keys()].sort()).toEqual([...refs].sort())
      expect(Buffer.from(diverted.byRef.get(refs[0]!)!).equals(a)).toBe(true)
      expect(Buffer.from(diverted.byRef.get(refs[1]!)!).equals(b)).toBe(true)
      expect(diverted.pdf.length).toBe(pdf.length)
      const changed = [...pdf.keys()].filter((i) => pdf[i] !== diverted.pdf[i])
      expect(changed).toHaveLength(2)
      for (const i of changed) expect(Buffer.from(diverted.pdf.subarray(i - 1, i + 9)).toString('latin1')).toBe('/ZCTDecode')
    }
  })

  test('left to pdf.js: CMYK, a /Decode array, a soft mask, a PNG, an encrypted file', async () => {
    const grey = await makeScan({ seed: 3, dpi: 100 })
    const cmyk = await sharp(grey).toColourspace('cmyk').jpeg().toBuffer()
    expect(divertJpegs(await pdfWith(cmyk))).toBeNull()
    expect(divertJpegs(await pdfWith(grey, setKey('Decode', (d) => d.context.obj([1, 0]))))).toBeNull()
    expect(divertJpegs(await pdfWith(grey, setKey('SMask', (d) => d.context.register(d.context.flateStream(new Uint8Array(4))))))).toBeNull()
    expect(divertJpegs(await makePdf([{ image: await makeScan({ seed: 3, dpi: 100, format: 'png' }) }]))).toBeNull()
    const plain = await pdfWith(grey)
    expect(divertJpegs(plain)).not.toBeNull()
    expect(divertJpegs(Buffer.concat([plain, Buffer.from('trailer\n<< /Encrypt 9 0 R >>\n', 'latin1')]))).toBeNull()
  })

  test('the same page measures the same whichever decoder reads it', async () => {
    for (const spec of [{ seed: 4 }, { seed: 5, blurMm: 0.7 }, { seed: 6, ink: 150, paper: 200 }]) {
      const jpeg = await makeScan(spec)
      const bySharp = await pixelsOf(await pdfWith(jpeg))
      // An identity /Decode array draws the same picture and keeps the image with pdf.js.
      const identity = await pdfWith(jpeg, setKey('Decode', (d) => d.context.obj([0, 1])))
      expect(divertJpegs(identity)).toBeNull()
      const byPdfJs = await pixelsOf(identity)
      expect(bySharp).toBeTruthy()
      expect(byPdfJs).toBeTruthy()
      for (const key of ['blur', 'ink', 'inkLuma', 'p50', 'p90', 'mean'] as const) {
        expect(Math.abs(bySharp![key] - byPdfJs![key]), `${JSON.stringify(spec)} ${key}`).toBeLessThanOrEqual(0.005)
      }
    }
  })

  test('a JPEG cut short inside the PDF is still a readable page, measured or not, never a crash', async () => {
    const jpeg = await makeScan({ seed: 8 })
    const cut = await pdfWith(jpeg, (doc, ref) => {
      const stream = doc.context.lookup(ref) as PDFRawStream
      const short = stream.contents.subarray(0, Math.floor(stream.contents.length / 2))
      doc.context.assign(ref, PDFRawStream.of(stream.dict, short))
      stream.dict.set(PDFName.of('Length'), PDFNumber.of(short.length))
    })
    expect(divertJpegs(cut)?.byRef.size).toBe(1)
    const facts = await inspectPdf(new Uint8Array(cut), DEFAULT_LIMITS)
    expect(facts.readable).toBe(true)
    expect(facts.pages[0]!.scanImage).toBeTruthy()
  })
})

