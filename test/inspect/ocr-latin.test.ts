// A page of Latin script (a paper in English, a typed form) is found from six of its long lines,
// and its other long lines are read at full width at once (ocr-engine.ts recogniseLines): read
// squeezed first, every one of them would be read twice. A page of Chinese keeps its squeezed
// first reading. The work is counted (lines recognised), not timed.
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { availableFonts } from '../../bench/certificates.mjs'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { recognitionWork } from '../../src/inspect/ocr-engine.js'

const ENGLISH = [
  'The applicant completed ninety hours of continuing education between 2021 and 2023 in total.',
  'Each certificate states the hours, the year and the number under which the course was registered.',
  'The committee reads every scanned page and compares the claims of the manifest with the certificates.',
  'A name or an employer shown on a page breaks the blind review, and the whole package is returned.',
]
const CHINESE = [
  '任现职以来，负责版面策划与编辑工作，完成多项重点报道任务，多次获得地区好新闻奖。',
  '单位应对申报材料进行审核，并在本单位公示五个工作日，公示无异议后方可上报。',
  '继续教育学时按年度累计，公需科目与专业科目分别计算，不得相互替代或重复计算。',
]

async function page(rows: string[], font: string, pt: number, dpi: number): Promise<Uint8Array> {
  const w = Math.round(8.27 * dpi)
  const h = Math.round(11.69 * dpi)
  const size = (pt / 72) * dpi
  const text = Array.from({ length: 22 }, (_, k) => `<text x="${(w * 0.07).toFixed(1)}" y="${(h * 0.08 + k * size * 2).toFixed(1)}">${rows[k % rows.length]}</text>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f8f6f0"/><g font-family="${font}" font-size="${size.toFixed(1)}" fill="#222">${text}</g></svg>`
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer())
}

async function read(bytes: Uint8Array): Promise<{ lines: Array<{ text: string; squeezed?: true }>; recognised: number }> {
  const before = recognitionWork().lines
  const { scan } = await inspectBytes({ bytes, sizeBytes: bytes.length, limits: DEFAULT_LIMITS, ocr: true })
  const ocr = scan.pages[0]!.ocr!
  expect(ocr.status).toBe('read')
  return { lines: ocr.status === 'read' ? ocr.lines : [], recognised: recognitionWork().lines - before }
}

describe('OCR of a page of Latin script', () => {
  const fonts = availableFonts()
  test.each([
    [fonts[0]!, 11, 150],
    [fonts[fonts.length - 1]!, 10, 200],
  ])('%s, %d pt, %d dpi: its lines are read once (six probed lines twice), and read', { timeout: 300_000 }, async (font, pt, dpi) => {
    const { lines, recognised } = await read(await page(ENGLISH, font, pt, dpi))
    expect(lines.length).toBeGreaterThanOrEqual(20)
    // Read squeezed first, each of the 22 long lines would be recognised twice (44 and more).
    expect(recognised).toBeLessThanOrEqual(lines.length + 6 + 4)
    expect(lines.every((l) => !l.squeezed)).toBe(true)
    const all = lines.map((l) => l.text.replace(/\s+/gu, '')).join(' ')
    for (const word of ['continuingeducation', 'certificate', 'committee']) expect(all.toLowerCase()).toContain(word)
  })

  test('a page of Chinese keeps its squeezed first reading (the probe does not take it for Latin)', { timeout: 300_000 }, async () => {
    const { lines, recognised } = await read(await page(CHINESE, fonts[0]!, 10.5, 150))
    expect(lines.length).toBeGreaterThanOrEqual(20)
    expect(lines.filter((l) => l.squeezed).length).toBeGreaterThanOrEqual(lines.length - 2)
    // Plain Chinese read squeezed stands: hardly any line is read again.
    expect(recognised).toBeLessThanOrEqual(lines.length + 4)
  })
})
