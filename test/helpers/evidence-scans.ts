// Generated scans of the documents the evidence rules read, each different from the others: the
// font (every CJK family fontconfig has, bench/certificates.mjs), the wording (fields with labels,
// or a sentence), type size, margins, paper and ink, a red stamp (sometimes over the fields), grain,
// blur, a skew of up to 2.5°, and now and then the page turned upside down. Deterministic: all from
// the seed. The values printed are the caller's, so a test says what the scan states.
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { availableFonts, esc, prng } from '../../bench/certificates.mjs'

export type EvidenceDoc =
  | { kind: 'mandarin'; grade: string; score: string }
  | { kind: 'ce'; year: number; hours: number; course: 'public' | 'professional' }
  | { kind: 'chsi'; code: string; validUntil: string; graduated: string }
  | { kind: 'diploma' }
  | { kind: 'degree' }

/** Title and body lines of the document, worded one of a few ways. */
function wording(doc: EvidenceDoc, r: () => number): { title: string; lines: string[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const sentence = r() < 0.5
  switch (doc.kind) {
    case 'mandarin':
      return {
        title: pick(['普通话水平测试等级证书', '普通话水平测试 等级证书']),
        lines: sentence
          ? ['欧**同志参加国家普通话水平测试，', `成绩${doc.score}分，等级为${doc.grade}。`, '证书编号：6529151000' + String(Math.floor(r() * 9000) + 1000)]
          : ['姓名：欧**', `成绩：${doc.score}分`, `等级：${doc.grade}`, '测试时间：2015年5月'],
      }
    case 'ce': {
      const course = doc.course === 'public' ? pick(['公需科目', '公需课']) : pick(['专业科目', '专业课'])
      return {
        title: pick(['专业技术人员继续教育培训合格证书', '继续教育合格证明', `${course}培训合格证书`]),
        lines: sentence
          ? [`欧**同志于${doc.year}年参加${course}培训，`, `共计${doc.hours}学时，经考核成绩合格。`]
          : [`培训年度：${doc.year}年度`, `培训类别：${course}`, `学时：${doc.hours}学时`, '考核结果：合格'],
      }
    }
    case 'chsi':
      return {
        title: '教育部学历证书电子注册备案表',
        lines: [`在线验证码：${doc.code}`, '姓名：欧**　　层次：本科', `毕业日期：${doc.graduated}`, `报告有效期至：${doc.validUntil}`],
      }
    case 'diploma':
      return { title: '普通高等学校毕业证书', lines: ['学生欧**，在本校汉语言文学专业', '四年制本科学习，修完教学计划规定的', '全部课程，成绩合格，准予毕业。'] }
    case 'degree':
      return { title: '学士学位证书', lines: ['欧**，在新疆××大学汉语言文学专业', '完成了本科学习计划，业已毕业，', '授予文学学士学位。'] }
  }
}

export interface Scan {
  jpeg: Buffer
  dpi: number
  font: string
  turned: boolean
}

/** One scanned page of the document as a JPEG. */
export async function evidenceScan(doc: EvidenceDoc, seed: number): Promise<Scan> {
  const r = prng(seed * 104729 + doc.kind.length)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const between = (a: number, b: number) => a + r() * (b - a)
  const font = pick(availableFonts())
  const dpi = pick([150, 200, 200, 300])
  const w = Math.round(8.27 * dpi)
  const h = Math.round(11.69 * dpi)
  const px = (pt: number) => (pt / 72) * dpi
  const size = px(between(13, 19))
  const left = px(between(60, 100))
  const paper = pick(['#ffffff', '#f7f4ec', '#f3efe6', '#eef1f4'])
  const ink = pick(['#111111', '#1f1f1f', '#2a2a3a'])
  const { title, lines } = wording(doc, r)
  let y = px(between(90, 140))
  const parts = [`<text x="${w / 2}" y="${y.toFixed(1)}" font-family="${font}" font-size="${(size * between(1.5, 1.9)).toFixed(1)}" font-weight="bold" text-anchor="middle" fill="${ink}">${esc(title)}</text>`]
  y += size * between(3.5, 5)
  const lineY: number[] = []
  for (const l of lines) {
    parts.push(`<text x="${left.toFixed(1)}" y="${y.toFixed(1)}" font-family="${font}" font-size="${size.toFixed(1)}" fill="${ink}">${esc(l)}</text>`)
    lineY.push(y)
    y += size * between(1.9, 2.6)
  }
  parts.push(`<text x="${(w - left).toFixed(1)}" y="${(y + size * 3).toFixed(1)}" font-family="${font}" font-size="${size.toFixed(1)}" text-anchor="end" fill="${ink}">（盖章）</text>`)
  // A red seal by the issuer, or over the first field lines.
  const over = r() < 0.35
  const sr = px(between(40, 55))
  const sx = over ? w / 2 + px(between(40, 120)) : w - left - px(between(60, 100))
  const sy = over ? lineY[0]! : y + size * 2.5
  parts.push(
    `<g opacity="${between(0.5, 0.8).toFixed(2)}"><circle cx="${sx.toFixed(1)}" cy="${sy.toFixed(1)}" r="${sr.toFixed(1)}" fill="none" stroke="#d0262a" stroke-width="${(sr * 0.06).toFixed(1)}"/><text x="${sx.toFixed(1)}" y="${(sy + sr * 0.2).toFixed(1)}" font-family="${font}" font-size="${(sr * 0.55).toFixed(1)}" text-anchor="middle" fill="#d0262a">★</text></g>`,
  )
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${paper}"/>${parts.join('')}</svg>`
  const grain = Buffer.alloc(Math.ceil(w / 4) * Math.ceil(h / 4))
  const amp = between(4, 14)
  for (let i = 0; i < grain.length; i++) grain[i] = 128 + Math.round((r() - 0.5) * amp)
  const noise = await sharp(grain, { raw: { width: Math.ceil(w / 4), height: Math.ceil(h / 4), channels: 1 } }).resize(w, h, { kernel: 'cubic' }).png().toBuffer()
  let img = sharp(await sharp(Buffer.from(svg)).flatten({ background: paper }).png().toBuffer()).composite([{ input: noise, blend: 'overlay' }])
  const turned = r() < 0.2
  img = sharp(await img.png().toBuffer()).rotate(between(-2.5, 2.5) + (turned ? 180 : 0), { background: paper })
  if (r() < 0.4) img = img.blur(between(0.3, 0.9))
  const jpeg = await img.jpeg({ quality: Math.round(between(55, 90)) }).toBuffer()
  return { jpeg, dpi, font, turned }
}

/** The scan as an image-only PDF page, as a scanner app saves it. */
export async function asPdf(scan: Scan): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const img = await pdf.embedJpg(scan.jpeg)
  const page = pdf.addPage([(img.width * 72) / scan.dpi, (img.height * 72) / scan.dpi])
  page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() })
  return new Uint8Array(await pdf.save({ useObjectStreams: false }))
}
