// The evidence rules on what OCR reads off generated scans that differ from each other (font,
// wording, size, margins, paper, stamp, grain, blur, skew, sometimes upside down: see
// test/helpers/evidence-scans.ts): where a scan contradicts the manifest, the right finding with
// both values; on the twin whose scans agree, none.
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { prefers } from '../helpers/requires.js'
import { checkPackage } from '../../src/core/check-package.js'
import type { Finding } from '../../src/report/finding.js'
import { BASE_TODAY } from '../helpers/base-manifest.js'
import { asPdf, evidenceScan } from '../helpers/evidence-scans.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'

const CACHE = tmpDir('zc-evidence-cache-')

async function check(dir: string): Promise<Finding[]> {
  const { report } = await checkPackage(dir, { today: BASE_TODAY, lang: 'zh', cwd: dir, jobs: 2, cacheDir: CACHE })
  return report.findings.filter((f) => f.rule.startsWith('evidence.'))
}

const brief = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.file}: ${f.message}`)

const CE_2022 = 'files/继续教育/2022公需课.pdf'
const with2022 = { 'continuing_education.years.2022.public': { hours: 30, certificate: CE_2022 } }

// The scans vary between every CJK family the machine has; the repository's own font is always
// one of them (test/helpers/fonts.ts). The system's families are wanted, required under CI=true.
prefers('cjk-fonts')

describe('scans that contradict the manifest, on varied generated scans', () => {
  test.for([1, 2])('seed %i: grade, hours or year, code, a diploma as the degree — each with both values', { timeout: 300_000 }, async (seed) => {
    const dir = writePackage()
    const ceDoc = seed % 2 === 1 ? { kind: 'ce' as const, year: 2021, hours: 24, course: 'public' as const } : { kind: 'ce' as const, year: 2020, hours: 30, course: 'public' as const }
    put(dir, 'files/普通话证书.jpg', (await evidenceScan({ kind: 'mandarin', grade: '二级乙等', score: '84.2' }, seed)).jpeg)
    put(dir, 'files/继续教育/2021公需课.pdf', await asPdf(await evidenceScan(ceDoc, seed)))
    put(dir, 'files/学信网备案表.pdf', await asPdf(await evidenceScan({ kind: 'chsi', code: 'K7M2P9Q4R8S3T6V1', validUntil: '2024年12月31日', graduated: '2009年6月30日' }, seed)))
    put(dir, 'files/学位证书.pdf', await asPdf(await evidenceScan({ kind: 'diploma' }, seed + 100)))
    const found = await check(dir)
    const one = (rule: string, file: string) => {
      const hits = found.filter((f) => f.rule === rule && f.file === file)
      expect(hits, brief(found).join('\n')).toHaveLength(1)
      return hits[0]!
    }
    const grade = one('evidence.mismatch', 'files/普通话证书.jpg')
    expect(grade.message).toContain('二级乙等')
    expect(grade.message).toContain('二级甲等')
    expect(grade.box).toHaveLength(4)
    if (seed % 2 === 1) {
      const hours = one('evidence.mismatch', 'files/继续教育/2021公需课.pdf')
      expect(hours.message).toMatch(/“24”.*“30”/u)
    } else {
      const year = one('evidence.wrong-document', 'files/继续教育/2021公需课.pdf')
      expect(year.message).toMatch(/2021.*2020/u)
    }
    const code = one('evidence.mismatch', 'files/学信网备案表.pdf')
    // Both values: the one typed, and what OCR read of K7M2P9Q4R8S3T6V1 (a character may be misread:
    // the finding is still right, the two codes differ everywhere).
    expect(code.message).toContain('“A1B2C3D4E5F6G7H8”')
    expect(code.message).toMatch(/“K7M2P9Q4R8S3T6V.”/u)
    const kind = one('evidence.wrong-document', 'files/学位证书.pdf')
    expect(kind.message).toContain('学位证书')
    expect(kind.message).toContain('毕业证书')
    expect(found.filter((f) => f.rule === 'evidence.duplicate-file')).toEqual([])
  })

  // Seed 3's code reads …G7HS for …G7H8: a misreading, so a note to check by eye, never an error.
  test.for([1, 3])('seed %i: the twin whose scans agree draws no evidence error or warning', { timeout: 300_000 }, async (seed) => {
    const dir = writePackage()
    put(dir, 'files/普通话证书.jpg', (await evidenceScan({ kind: 'mandarin', grade: '二级甲等', score: '88.5' }, seed)).jpeg)
    put(dir, 'files/继续教育/2021公需课.pdf', await asPdf(await evidenceScan({ kind: 'ce', year: 2021, hours: 30, course: 'public' }, seed)))
    put(dir, 'files/学信网备案表.pdf', await asPdf(await evidenceScan({ kind: 'chsi', code: 'A1B2C3D4E5F6G7H8', validUntil: '2024年12月31日', graduated: '2009年6月30日' }, seed)))
    put(dir, 'files/学位证书.pdf', await asPdf(await evidenceScan({ kind: 'degree' }, seed)))
    const found = await check(dir)
    expect(brief(found.filter((f) => f.severity !== 'info'))).toEqual([])
  })

  test('the same scan twice: same bytes, then the same picture saved again', { timeout: 300_000 }, async () => {
    const scan = await evidenceScan({ kind: 'ce', year: 2021, hours: 30, course: 'public' }, 7)
    const pdf = await asPdf(scan)
    const same = writePackage({ set: with2022 })
    put(same, 'files/继续教育/2021公需课.pdf', pdf)
    put(same, CE_2022, pdf)
    const bytes = (await check(same)).filter((f) => f.rule === 'evidence.duplicate-file')
    expect(brief(bytes)).toEqual([expect.stringMatching(/2022公需课\.pdf.*2021公需课\.pdf/u)])

    // Saved again: another JPEG quality, in grey, as a JPEG instead of the PDF page.
    const resaved = await sharp(scan.jpeg).greyscale().jpeg({ quality: 45 }).toBuffer()
    const again = writePackage({ set: { ...with2022, 'continuing_education.years.2022.public': { hours: 30, certificate: 'files/继续教育/2022公需课.jpg' } } })
    put(again, 'files/继续教育/2021公需课.pdf', pdf)
    put(again, 'files/继续教育/2022公需课.jpg', resaved)
    const found = await check(again)
    const dup = found.filter((f) => f.rule === 'evidence.duplicate-file')
    expect(brief(dup)).toEqual([expect.stringContaining('同一张扫描图')])
    // And the 2021 certificate in the 2022 slot is the wrong year, read off the copy.
    expect(brief(found.filter((f) => f.rule === 'evidence.wrong-document'))).toEqual([expect.stringMatching(/2022.*2021/u)])
  })
})
