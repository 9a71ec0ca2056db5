// Dense pages of small print (a recommendation letter, a work report): long lines are read
// squeezed first and again at full width when that reading holds anything but Chinese or is
// unsure (ocr-engine.ts recogniseLines). Must hold: the name inside a long sentence is found;
// digits and Latin letters in a long line (dates, hours, certificate numbers, which evidence
// reading needs) come out exactly; in several fonts, sizes and resolutions.
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { prefers } from '../helpers/requires.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { identityTerms } from '../../src/identity/match.js'
import { findInOcrLines } from '../../src/rules/redaction/leaks.js'
import { availableFonts } from '../../bench/certificates.mjs'

const PROSE = [
  '任现职以来，负责版面策划与编辑工作，完成多项重点报道任务，多次获得地区好新闻奖。',
  '单位应对申报材料进行审核，并在本单位公示五个工作日，公示无异议后方可上报。',
  '继续教育学时按年度累计，公需科目与专业科目分别计算，不得相互替代或重复计算。',
  '评审委员会按照评审标准对申报材料进行审核和评议，评审结果在地区人社局网站公布。',
]

interface Page {
  jpeg: Buffer
  nameLine: string
  digitLine: string
}

/** A full page of prose; one long line holds the name mid-sentence, another a date, hours and a code. */
async function densePage(font: string, dpi: number, pt: number, name: string, seed: number): Promise<Page> {
  const w = Math.round(8.27 * dpi)
  const h = Math.round(11.69 * dpi)
  const size = (pt / 72) * dpi
  const nameLine = `经研究，同意推荐${name}同志申报副高级职称，该同志政治立场坚定，业务能力突出，工作成绩显著。`
  const digitLine = `其于2021年9月至2023年6月累计完成继续教育90学时，证书编号GX2023-0457，登记号A17。`
  const rows: string[] = []
  let i = seed
  for (let y = h * 0.1; y < h * 0.9; y += size * 1.8) rows.push(PROSE[i++ % PROSE.length]!)
  rows.splice(3 + (seed % 5), 0, nameLine)
  rows.splice(10 + (seed % 4), 0, digitLine)
  const text = rows
    .slice(0, Math.floor((h * 0.8) / (size * 1.8)))
    .map((s, k) => `<text x="${(w * 0.08).toFixed(1)}" y="${(h * 0.1 + k * size * 1.8).toFixed(1)}">${s}</text>`)
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f6f3ec"/><g font-family="${font}" font-size="${size.toFixed(1)}" fill="#262626">${text}</g></svg>`
  const jpeg = await sharp(Buffer.from(svg)).blur(0.3 + (seed % 3) * 0.2).jpeg({ quality: 70 + (seed % 3) * 10 }).toBuffer()
  return { jpeg, nameLine, digitLine }
}

const CASES = [
  { seed: 1, dpi: 150, pt: 10.5, name: '欧阳明远' },
  { seed: 2, dpi: 200, pt: 12, name: '林红霞' },
  { seed: 3, dpi: 300, pt: 10.5, name: '买买提江' },
]

// The scans vary between every CJK family the machine has; the repository's own font is always
// one of them (test/helpers/fonts.ts). The system's families are wanted, required under CI=true.
prefers('cjk-fonts')

describe('OCR of dense pages', () => {
  const fonts = availableFonts()
  for (const c of CASES) {
    const font = fonts[c.seed % fonts.length]!
    test(`${font}, ${c.dpi} dpi, ${c.pt} pt: the name mid-sentence is found; digits and letters read exactly`, { timeout: 300_000 }, async () => {
      const page = await densePage(font, c.dpi, c.pt, c.name, c.seed)
      const { scan } = await inspectBytes({ bytes: new Uint8Array(page.jpeg), sizeBytes: page.jpeg.length, limits: DEFAULT_LIMITS, ocr: true })
      const ocr = scan.pages[0]!.ocr!
      expect(ocr.status).toBe('read')
      const lines = ocr.status === 'read' ? ocr.lines : []
      expect(lines.length).toBeGreaterThan(20)
      const kinds = findInOcrLines(lines, identityTerms({ name: c.name, employer: '阿克苏地区融媒体中心' })).hits.map((h) => h.kind)
      expect(kinds).toContain('name')
      const all = lines.map((l) => l.text).join('')
      for (const exact of ['2021年9月', '2023年6月', '90学时', 'GX2023-0457', 'A17']) expect(all).toContain(exact)
    })
  }
})
