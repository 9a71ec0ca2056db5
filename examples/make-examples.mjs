#!/usr/bin/env node
// Regenerates the scans of the example packages (examples/<case>/files/).
//
//   node examples/make-examples.mjs            all cases
//   node examples/make-examples.mjs clean      some cases
//   node examples/make-examples.mjs --check    regenerate in memory, compare with the files on disk
//
// The manifests and expected.yaml are written by hand; only the scans come from here. Each scan
// looks like a real one: an A4 page rendered at 200 dpi (1654 × 2339 px) with an off-white paper
// tone, light noise and mottling, dark text and a stamp, saved as JPEG (quality 70) and, for
// PDFs, placed on an A4 page (595.28 × 841.89 pt) by pdf-lib. The PDFs have no text layer, as a
// scan has none. Blind review: the applicant's name and employer never appear on a scan, only
// their masked forms (欧**, ████), as the applicant would have covered them.
//
// Deterministic: the noise comes from a PRNG seeded with the page's own content, the PDFs carry
// a fixed date and producer, so an unchanged page gives the same bytes (and git stores a scan
// shared by several examples once). The bytes depend on the installed sharp/libvips and font
// (WenQuanYi Micro Hei, /usr/share/fonts/truetype/wqy/wqy-microhei.ttc); `--check` says whether
// this machine reproduces the committed files.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, degrees, rgb } from 'pdf-lib'
import sharp from 'sharp'

const HERE = dirname(fileURLToPath(import.meta.url))
const FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
const FONT_FAMILY = 'WenQuanYi Micro Hei'

// A4 at 200 dpi.
const DPI = 200
const W = 1654
const H = 2339
const A4_PT = [595.28, 841.89]
const JPEG_QUALITY = 70
const MAX_FILE_BYTES = 150 * 1024
const FIXED_DATE = new Date('2024-07-18T00:00:00Z')
const PRODUCER = 'zhicheng-check examples'

const MARGIN_X = 190
const CONTENT_W = W - 2 * MARGIN_X
const INK = '#1f1f1f'
const RED = '#c9302c'
/** On every scan: these are samples, not documents anyone could use. */
const FOOTNOTE = '样例材料 · 仅供 zhicheng-check 测试 · 非真实证件'

// ---------------------------------------------------------------------------------------------
// Text measurement (the same font librsvg renders with), so lines wrap where they would.

const font = fontkit.create(readFileSync(FONT_FILE)).fonts.find((f) => f.postscriptName === 'WenQuanYiMicroHei')
if (!font) throw new Error(`${FONT_FILE}: WenQuanYiMicroHei not found in the collection`)

function textWidth(s, size) {
  return (font.layout(s).advanceWidth / font.unitsPerEm) * size
}

/** Every character must have a glyph in the font: a missing one would render as a tofu box. */
function assertGlyphs(s) {
  for (const ch of s) {
    if (ch === ' ' || ch === '\n') continue
    if (!font.hasGlyphForCodePoint(ch.codePointAt(0))) throw new Error(`no glyph for "${ch}" (U+${ch.codePointAt(0).toString(16)}) in "${s}"`)
  }
}

const NO_LINE_START = new Set([...'，。、；：！？）》”’】'])

/** Greedy wrap by characters (Chinese breaks anywhere), keeping closing punctuation on its line. */
function wrap(text, size, width, firstIndent = 0) {
  const lines = []
  let line = ''
  let avail = width - firstIndent
  for (const ch of text) {
    if (line !== '' && textWidth(line + ch, size) > avail && !NO_LINE_START.has(ch)) {
      lines.push(line)
      line = ''
      avail = width
    }
    line += ch
  }
  if (line) lines.push(line)
  return lines
}

const esc = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

// ---------------------------------------------------------------------------------------------
// A page: a cursor that lays blocks down the page, then an SVG.

class Page {
  constructor({ colour = false } = {}) {
    this.colour = colour
    this.y = 210
    this.parts = []
  }

  text(x, y, s, { size = 38, anchor = 'start', fill = INK, weight = 'normal' } = {}) {
    assertGlyphs(s)
    this.parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="${fill}">${esc(s)}</text>`,
    )
  }

  /** Small label at the top left, like 附件2. */
  label(s) {
    this.text(MARGIN_X, this.y, s, { size: 36 })
    this.y += 80
    return this
  }

  title(s, size = 62) {
    this.y += size * 0.4
    this.text(W / 2, this.y + size * 0.8, s, { size, anchor: 'middle', weight: 'bold', fill: this.colour ? '#8e1b17' : INK })
    this.y += size * 1.9
    return this
  }

  subtitle(s) {
    this.text(W / 2, this.y + 34, s, { size: 36, anchor: 'middle', fill: '#333' })
    this.y += 90
    return this
  }

  /** A paragraph, wrapped to the text width; `indent` starts it two characters in. */
  para(s, { size = 34, indent = true, gap = 22 } = {}) {
    const lead = 1.78 * size
    const firstIndent = indent ? 2 * size : 0
    wrap(s, size, CONTENT_W, firstIndent).forEach((line, i) => {
      this.text(MARGIN_X + (i === 0 ? firstIndent : 0), this.y + size, line, { size })
      this.y += lead
    })
    this.y += gap
    return this
  }

  /** A ruled table: rows of [label, value, label, value …], label cells shaded lightly. */
  table(rows, { size = 32, rowH = 80, widths, width = CONTENT_W } = {}) {
    const cols = Math.max(...rows.map((r) => r.length))
    const w = widths ?? Array.from({ length: cols }, (_, i) => (i % 2 === 0 ? 0.2 : 0.3))
    const scale = width / w.reduce((a, b) => a + b, 0)
    const colW = w.map((v) => v * scale)
    const right = MARGIN_X + width
    const top = this.y
    const lines = []
    rows.forEach((row, r) => {
      const y = top + r * rowH
      let x = MARGIN_X
      lines.push(`M${MARGIN_X} ${y}H${right}`, `M${x} ${y}V${y + rowH}`)
      row.forEach((cell, c) => {
        const cw = c === row.length - 1 ? right - x : colW[c]
        if (c % 2 === 0) this.parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${cw.toFixed(1)}" height="${rowH}" fill="#000" fill-opacity="0.045"/>`)
        this.text(x + 20, y + rowH / 2 + size * 0.36, cell, { size })
        x += cw
        lines.push(`M${x.toFixed(1)} ${y}V${y + rowH}`)
      })
    })
    const bottom = top + rows.length * rowH
    lines.push(`M${MARGIN_X} ${bottom}H${right}`)
    this.parts.push(`<path d="${lines.join('')}" stroke="${INK}" stroke-width="3" fill="none"/>`)
    this.y = bottom + 50
    return this
  }

  gap(h) {
    this.y += h
    return this
  }

  /** Right-aligned lines (signature, unit, date); remembers where a stamp would go. */
  sign(lines, { size = 38 } = {}) {
    const x = MARGIN_X + CONTENT_W - 40
    this.signTop = this.y
    for (const l of lines) {
      this.text(x, this.y + size, l, { size, anchor: 'end' })
      this.y += size * 1.9
    }
    this.signBottom = this.y
    return this
  }

  /**
   * A round seal: ring of characters over the top, a star, a line below it. `masked`: the ring
   * (the unit's name) is blacked out, as blind review asks. Placed over the signature block.
   */
  stamp({ ring = '', below = '', masked = false, cx = W - MARGIN_X - 290, cy } = {}) {
    const R = 175
    const y = cy ?? (this.signTop + this.signBottom) / 2
    const colour = RED
    const g = [`<g opacity="0.85">`, `<circle cx="${cx}" cy="${y}" r="${R}" fill="none" stroke="${colour}" stroke-width="9"/>`]
    g.push(`<circle cx="${cx}" cy="${y}" r="${R - 16}" fill="none" stroke="${colour}" stroke-width="2.5"/>`)
    const r = R - 52
    // Ring text over the top, centred at 270° (SVG angles run clockwise from +x): about one
    // character width of arc per character, shrunk to fit when the name is long.
    const chars = [...ring]
    let size = 40
    const stepOf = (sz) => ((sz * 1.12) / r) * (180 / Math.PI)
    while (chars.length * stepOf(size) > 260 && size > 24) size -= 2
    const span = masked ? 210 : chars.length * stepOf(size)
    const from = 270 - span / 2
    const to = 270 + span / 2
    if (masked) {
      const p = (deg) => [cx + r * Math.cos((deg * Math.PI) / 180), y + r * Math.sin((deg * Math.PI) / 180)]
      const [x1, y1] = p(from)
      const [x2, y2] = p(to)
      g.push(`<path d="M${x1.toFixed(1)} ${y1.toFixed(1)}A${r} ${r} 0 0 1 ${x2.toFixed(1)} ${y2.toFixed(1)}" stroke="#141414" stroke-width="58" fill="none"/>`)
    } else {
      chars.forEach((ch, i) => {
        assertGlyphs(ch)
        const deg = from + ((to - from) * (i + 0.5)) / chars.length
        const a = (deg * Math.PI) / 180
        const x = cx + r * Math.cos(a)
        const yy = y + r * Math.sin(a)
        g.push(
          `<text x="0" y="0" font-family="${FONT_FAMILY}" font-size="${size}" text-anchor="middle" fill="${colour}" transform="translate(${x.toFixed(1)} ${yy.toFixed(1)}) rotate(${(deg + 90).toFixed(1)}) translate(0 ${(size * 0.36).toFixed(1)})">${esc(ch)}</text>`,
        )
      })
    }
    assertGlyphs(`★${below}`)
    g.push(`<text x="${cx}" y="${y + 38}" font-family="${FONT_FAMILY}" font-size="112" text-anchor="middle" fill="${colour}">★</text>`)
    if (below) g.push(`<text x="${cx}" y="${y + 112}" font-family="${FONT_FAMILY}" font-size="36" text-anchor="middle" fill="${colour}">${esc(below)}</text>`)
    g.push('</g>')
    this.parts.push(g.join(''))
    return this
  }

  /** A photo box, covered in black as blind review asks (照片均需遮盖). */
  photo(x = W - MARGIN_X - 300, y = 420) {
    this.parts.push(`<rect x="${x}" y="${y}" width="300" height="400" fill="#fff" stroke="${INK}" stroke-width="3"/>`)
    this.parts.push(`<rect x="${x + 14}" y="${y + 14}" width="272" height="372" fill="#161616"/>`)
    return this
  }

  svg() {
    const paper = this.colour ? '#f3efe6' : '#efefed'
    assertGlyphs(FOOTNOTE)
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
      `<rect width="${W}" height="${H}" fill="${paper}"/>`,
      ...this.parts,
      `<text x="${W / 2}" y="${H - 90}" font-family="${FONT_FAMILY}" font-size="26" text-anchor="middle" fill="#9b978f">${FOOTNOTE}</text>`,
      '</svg>',
    ].join('\n')
  }
}

// ---------------------------------------------------------------------------------------------
// Raster: SVG → pixels → paper mottling and noise → JPEG.

function hash32(s) {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
  return h
}

function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** JFIF header with 200 dpi: without it, readers assume 72 dpi and a poster-sized page. */
function withJfifDensity(jpeg, dpi) {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG')
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) return jpeg
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff, 0x00, 0x00])
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)])
}

// The same page in several examples is rendered once (it would give the same bytes anyway).
const rendered = new Map()
function rasterize(svg, opts) {
  const key = JSON.stringify(opts) + svg
  if (!rendered.has(key)) rendered.set(key, renderJpeg(svg, opts))
  return rendered.get(key)
}

/**
 * Renders an SVG like a scanner would: slight softness, uneven paper (a low-frequency field),
 * sensor noise. `grain` is the noise amplitude in grey levels, `mottle` the paper's unevenness.
 * mozjpeg's settings (progressive, trellis) keep a page of text near 40–90 KB at quality 70.
 */
async function renderJpeg(svg, { colour, grain = 3, mottle = 3 }) {
  const rnd = mulberry32(hash32(svg))
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .blur(0.7)
    .toColourspace(colour ? 'srgb' : 'b-w')
    .raw()
    .toBuffer({ resolveWithObject: true })
  const ch = info.channels
  const mw = 52
  const mh = 74
  const small = Buffer.alloc(mw * mh)
  for (let i = 0; i < small.length; i++) small[i] = 128 + Math.round((rnd() - 0.5) * 2 * 40)
  const field = await sharp(small, { raw: { width: mw, height: mh, channels: 1 } })
    .resize(W, H, { kernel: 'cubic' })
    .blur(12)
    .raw()
    .toBuffer()
  for (let p = 0; p < W * H; p++) {
    const n = (rnd() + rnd() - 1) * grain + ((field[p] - 128) / 40) * mottle
    for (let k = 0; k < ch; k++) {
      const i = p * ch + k
      const v = data[i] + n
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v
    }
  }
  const jpeg = await sharp(data, { raw: { width: W, height: H, channels: ch } })
    .toColourspace(colour ? 'srgb' : 'b-w')
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: true, chromaSubsampling: '4:2:0' })
    .toBuffer()
  return withJfifDensity(jpeg, DPI)
}

async function pdfOf(pages) {
  const doc = await PDFDocument.create({ updateMetadata: false })
  for (const page of pages) {
    const jpeg = await rasterize(page.svg(), { colour: page.colour })
    const img = await doc.embedJpg(jpeg)
    doc.addPage(A4_PT).drawImage(img, { x: 0, y: 0, width: A4_PT[0], height: A4_PT[1] })
  }
  doc.setProducer(PRODUCER)
  doc.setCreator(PRODUCER)
  doc.setCreationDate(FIXED_DATE)
  doc.setModificationDate(FIXED_DATE)
  return Buffer.from(await doc.save({ useObjectStreams: false }))
}

// ---------------------------------------------------------------------------------------------
// The documents. `p` is the applicant profile (already masked where a scan would be).

const MASK = '████'

function diploma(p) {
  const pg = new Page({ colour: true })
  pg.gap(60).title('普通高等学校毕业证书', 76).photo(W - MARGIN_X - 300, 480)
  pg.gap(520)
  pg.para(`学生 ${p.name}，性别 ${p.gender}，${p.birthCn}生，于${p.studyCn}在本校 ${p.major} 专业四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。`, { size: 42 })
  pg.gap(120)
  pg.text(MARGIN_X, pg.y, `校　　名：${p.school}`, { size: 38 })
  pg.text(MARGIN_X, pg.y + 80, '校（院）长：（签名）', { size: 38 })
  pg.text(MARGIN_X, pg.y + 160, `证书编号：${p.diplomaNo}`, { size: 38 })
  pg.gap(260)
  pg.sign([p.graduatedCn]).stamp({ ring: p.school, below: '' })
  return [pg]
}

function degree(p) {
  const pg = new Page({ colour: true })
  pg.gap(60).title('学士学位证书', 76).photo(W - MARGIN_X - 300, 480)
  pg.gap(520)
  pg.para(`${p.name}，${p.gender}，${p.birthCn}生。在${p.school} ${p.major} 专业完成了本科学习计划，业已毕业，经审核符合《中华人民共和国学位条例》的规定，授予${p.degreeKind}学士学位。`, { size: 42 })
  pg.gap(120)
  pg.text(MARGIN_X, pg.y, `${p.school}`, { size: 38 })
  pg.text(MARGIN_X, pg.y + 80, '学位评定委员会主席：（签名）', { size: 38 })
  pg.text(MARGIN_X, pg.y + 160, `证书编号：${p.degreeNo}`, { size: 38 })
  pg.gap(260)
  pg.sign([p.graduatedCn]).stamp({ ring: `${p.school}学位评定委员会`, below: '' })
  return [pg]
}

function chsiReport(p) {
  const pg = new Page()
  pg.title('教育部学历证书电子注册备案表', 56)
  pg.subtitle(`更新日期：${p.chsi.updated}　　在线验证码：${p.chsi.code}`)
  pg.table([
    ['姓名', p.name, '性别', p.gender],
    ['证件号码', '6529**********1234', '出生日期', p.birth],
    ['入学日期', p.enrol, '毕业日期', p.graduated],
    ['学校名称', p.school, '专业', p.major],
    ['学制', '4年', '层次', '本科'],
    ['学历类别', '普通高等教育', '学习形式', '普通全日制'],
    ['毕（结）业', '毕业', '证书编号', p.diplomaNo],
  ])
  pg.para('本表仅供查询、核验学历使用。可登录学信网（www.chsi.com.cn），输入在线验证码查询本报告内容。', { size: 34 })
  pg.para(`报告有效期至：${p.chsi.validUntil}`, { size: 34, indent: false })
  pg.gap(60).sign(['全国高等学校学生信息咨询与就业指导中心']).stamp({ ring: '学历证书查询专用章', below: '', cy: pg.signTop + 10 })
  return [pg]
}

/** 学信网《教育部学籍在线验证报告》: the same facts, the report's own title and code. */
function chsiStatusReport(p) {
  const pg = new Page()
  pg.title('教育部学籍在线验证报告', 56)
  pg.subtitle(`更新日期：${p.chsi.updated}　　在线验证码：${p.chsi.code}`)
  pg.table([
    ['姓名', p.name, '性别', p.gender],
    ['证件号码', '6529**********1234', '出生日期', p.birth],
    ['院校', p.school, '专业', p.major],
    ['学制', '4年', '层次', '本科'],
    ['入学日期', p.enrol, '毕业日期', p.graduated],
    ['学籍状态', '不在籍（毕业）', '学习形式', '普通全日制'],
  ])
  pg.para('本报告仅供查询、核验学籍使用。可登录学信网（www.chsi.com.cn），输入在线验证码查询本报告内容。', { size: 34 })
  pg.para(`报告有效期至：${p.chsi.validUntil}`, { size: 34, indent: false })
  pg.gap(60).sign(['全国高等学校学生信息咨询与就业指导中心']).stamp({ ring: '学籍查询专用章', below: '', cy: pg.signTop + 10 })
  return [pg]
}

function graduateRegister(p) {
  const pg = new Page()
  pg.title('普通高等学校毕业生登记表', 56)
  pg.photo(W - MARGIN_X - 300, 330)
  pg.gap(40)
  pg.table(
    [
      ['姓名', p.name],
      ['性别', p.gender],
      ['出生年月', p.birth],
      ['院系', p.faculty],
    ],
    { widths: [0.3, 0.7], width: CONTENT_W - 340 },
  )
  pg.y = Math.max(pg.y, 800)
  pg.table([
    ['专业', p.major, '学制', '四年'],
    ['入学时间', p.enrol, '毕业时间', p.graduated],
    ['家庭住址', `${MASK}${MASK}`, '政治面貌', '共青团员'],
  ])
  pg.para('自我鉴定：在校四年，本人认真学习专业知识，积极参加社会实践和学校组织的各项活动，遵守校规校纪，顺利完成学业。', { size: 36 })
  pg.para('学校意见：该生修完教学计划规定的全部课程，成绩合格，同意毕业。', { size: 36 })
  pg.sign([p.school, p.graduated]).stamp({ ring: `${p.school}学生处`, below: '' })
  pg.gap(40)
  pg.para(`本复印件与人事档案原件一致。　　　　${MASK}人事部门　2024年7月18日`, { size: 32, indent: false })
  return [pg]
}

function ceCertificate(p, year, hours = 30) {
  const pg = new Page({ colour: true })
  pg.gap(40).title('专业技术人员继续教育', 62).title('公需科目培训合格证明', 62).gap(40)
  pg.para(`${p.name} 同志于${year}年参加专业技术人员继续教育公需科目培训，共计 ${hours} 学时，经考核成绩合格，特发此证明。`, { size: 40 })
  pg.table(
    [
      ['培训课程', '学时'],
      ['专业技术人员职业道德与诚信建设', '10'],
      ['数字经济与创新驱动发展', '8'],
      ['网络安全与个人信息保护', '6'],
      ['专业技术人员心理健康与压力管理', '6'],
    ],
    { widths: [0.8, 0.2] },
  )
  pg.text(MARGIN_X, pg.y + 20, `证书编号：JXJY${year}0652${p.ceNo}`, { size: 36 })
  pg.gap(160).sign(['专业技术人员继续教育基地', `${year}年11月30日`]).stamp({ ring: '继续教育培训专用章', below: '' })
  return [pg]
}

function unitPublicity(p) {
  const pg = new Page()
  pg.gap(40).title(`关于${p.name}同志申报${p.title}职称的公示`, 52).gap(30)
  pg.para(
    `根据《关于开展阿克苏地区2024年度新闻、文学创作、出版系列（专业）职称评审工作的通知》要求，经个人申报、单位审核，拟推荐${p.name}同志申报${p.series}系列${p.title}职称（${p.path}），现予以公示。`,
  )
  pg.para(`公示时间：${p.publicity.start}至${p.publicity.end}。`)
  pg.para('公示期间，如对公示对象的思想政治表现、职业道德、专业能力和工作业绩等有异议，请以书面形式向单位人事部门反映。反映情况须实事求是，并署真实姓名。')
  pg.para('联系电话：0997-*******')
  pg.gap(80).sign([`${MASK}（盖章）`, p.publicity.start]).stamp({ masked: true })
  return [pg]
}

function publicityResult(p) {
  const pg = new Page()
  pg.gap(40).title('公示结果', 60).gap(30)
  pg.para(`${p.publicity.start}至${p.publicity.end}，我单位对${p.name}同志申报${p.series}系列${p.title}职称的有关情况在单位内部进行了公示。`)
  pg.para('公示期间，未收到任何单位和个人的异议。')
  pg.para('特此说明。', { gap: 80 })
  pg.sign([`${MASK}（盖章）`, p.publicity.result]).stamp({ masked: true })
  return [pg]
}

function recommendation(p) {
  const one = new Page()
  one.label('附件2').title('单位推荐意见', 60).gap(20)
  one.table([
    ['申报人', p.name, '性别', p.gender],
    ['现任职称', p.current, '取得时间', p.currentSince],
    ['申报系列', p.series, '申报职称', p.title],
    ['申报方式', p.path, '工作单位', MASK],
  ])
  for (const s of p.merits) one.para(s)
  const two = new Page()
  two.gap(60)
  two.para(`经单位审核，该同志申报材料真实有效，符合申报条件，已在单位内部公示不少于5个工作日，公示无异议，同意推荐其申报${p.series}系列${p.title}职称。`)
  two.gap(120).sign(['单位负责人（签字）：███', `推荐单位（盖章）：${MASK}`, p.recommended]).stamp({ masked: true })
  return [one, two]
}

function commitment(p) {
  const pg = new Page()
  pg.label('附件3').title('个人承诺书', 60).gap(20)
  pg.para(`本人自愿申报${p.series}系列${p.title}职称，现郑重承诺：`)
  pg.para('一、所提交的学历、资历、业绩成果等申报材料真实、准确、完整，不存在弄虚作假、抄袭剽窃等行为；')
  pg.para('二、上传的附件中涉及本人姓名、照片和工作单位的信息均已遮盖，涉密材料已作脱密处理；')
  pg.para('三、如有不实，本人自愿承担取消申报资格、撤销已取得职称等一切后果。')
  pg.gap(100).sign([`承诺人（签字）：${p.name}`, '2024年7月18日'])
  return [pg]
}

function representativeWork(p) {
  const w = p.work
  const one = new Page()
  one.text(MARGIN_X, one.y + 40, w.outlet, { size: 64, weight: 'bold' })
  one.text(MARGIN_X + CONTENT_W, one.y + 40, w.issue, { size: 32, anchor: 'end' })
  one.parts.push(`<path d="M${MARGIN_X} ${one.y + 80}H${MARGIN_X + CONTENT_W}" stroke="${INK}" stroke-width="6"/>`)
  one.gap(110).title(w.headline, 58)
  one.subtitle(w.byline)
  for (const s of w.body.slice(0, 3)) one.para(s)
  const two = new Page()
  two.gap(20)
  for (const s of w.body.slice(3)) two.para(s)
  two.para(`（责任编辑：███）`, { indent: false, gap: 80 })
  two.para(`刊发证明：上文于${w.date}刊发于${w.outlet}，作者署名${p.name}。`, { indent: false })
  two.gap(60).sign([`${MASK}（盖章）`, '2024年7月18日']).stamp({ masked: true })
  return [one, two]
}

/** The 普通话证书 as a phone photo: the certificate page on a desk, lit unevenly. */
async function mandarinPhoto(p) {
  const m = p.mandarin
  const pg = new Page({ colour: true })
  const cardX = 150
  const cardY = 230
  const cardW = W - 300
  const cardH = H - 520
  const x0 = cardX + 110
  const lines = [
    ['姓　　名', p.name],
    ['性　　别', p.gender],
    ['身份证号', '6529**********1234'],
    ['成　　绩', `${m.score} 分`],
    ['等　　级', m.grade],
    ['测试时间', m.date],
    ['证书编号', m.no],
  ]
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    '<defs>',
    '<linearGradient id="desk" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#b8ab97"/><stop offset="1" stop-color="#8f816c"/></linearGradient>',
    '<radialGradient id="light" cx="0.3" cy="0.25" r="0.9"><stop offset="0" stop-color="#fff" stop-opacity="0.18"/><stop offset="1" stop-color="#000" stop-opacity="0.16"/></radialGradient>',
    '<filter id="shadow" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="18"/></filter>',
    '</defs>',
    `<rect width="${W}" height="${H}" fill="url(#desk)"/>`,
    `<rect x="${cardX + 24}" y="${cardY + 30}" width="${cardW}" height="${cardH}" fill="#000" opacity="0.45" filter="url(#shadow)"/>`,
    `<rect x="${cardX}" y="${cardY}" width="${cardW}" height="${cardH}" fill="#f5f1e6"/>`,
    `<rect x="${cardX + 40}" y="${cardY + 40}" width="${cardW - 80}" height="${cardH - 80}" fill="none" stroke="#b0463b" stroke-width="5"/>`,
  ]
  pg.text(W / 2, cardY + 230, '普通话水平测试等级证书', { size: 70, anchor: 'middle', weight: 'bold', fill: '#8e1b17' })
  pg.photo(W - cardX - 110 - 300, cardY + 340)
  lines.forEach(([k, v], i) => {
    const y = cardY + 420 + i * 118
    pg.text(x0, y, `${k}：`, { size: 44 })
    pg.text(x0 + 250, y, v, { size: 44 })
  })
  pg.signTop = cardY + cardH - 420
  pg.signBottom = cardY + cardH - 300
  pg.text(W - cardX - 110, pg.signTop + 40, '自治区语言文字工作委员会', { size: 40, anchor: 'end' })
  pg.text(W - cardX - 110, pg.signTop + 120, m.issued, { size: 40, anchor: 'end' })
  pg.stamp({ ring: '普通话水平测试专用章', below: '', cx: W - cardX - 420 })
  pg.text(W / 2, H - 120, FOOTNOTE, { size: 26, anchor: 'middle', fill: '#5e564a' })
  parts.push(...pg.parts)
  parts.push(`<rect width="${W}" height="${H}" fill="url(#light)"/>`)
  parts.push('</svg>')
  return rasterize(parts.join('\n'), { colour: true, grain: 4, mottle: 2 })
}

// ---------------------------------------------------------------------------------------------
// Profiles: what a scan of each applicant shows (masked as the applicant covered it).

const OUYANG = {
  name: '欧**',
  gender: '男',
  birth: '1986年3月',
  birthCn: '一九八六年三月十五日',
  school: '新疆××大学',
  faculty: '人文学院',
  major: '汉语言文学',
  degreeKind: '文学',
  studyCn: '二〇〇五年九月至二〇〇九年六月',
  enrol: '2005年9月',
  graduated: '2009年6月30日',
  graduatedCn: '二〇〇九年六月三十日',
  diplomaNo: '107551200905001234',
  degreeNo: '1075542009001234',
  chsi: { code: 'A1B2C3D4E5F6G7H8', updated: '2024年07月18日', validUntil: '2024年12月31日' },
  ceNo: '0137',
  series: '新闻',
  title: '主任编辑',
  current: '编辑',
  currentSince: '2017年12月',
  path: '定向评价',
  mandarin: { grade: '二级甲等', score: '88.5', date: '2015年5月', no: '65291510001234', issued: '二〇一五年六月' },
  publicity: { start: '2024年7月10日', end: '2024年7月16日', result: '2024年7月17日' },
  recommended: '2024年7月17日',
  merits: [
    '该同志自2017年取得编辑职称以来，政治立场坚定，热爱新闻事业，长期从事新闻编辑工作，年度考核均为合格以上等次。',
    '任现职以来，负责要闻版面的策划与编辑，组织完成多项重大主题宣传报道，编辑的稿件多次获地区好新闻奖，业务能力突出。',
  ],
  work: {
    outlet: '新疆××报',
    issue: '2023年5月12日　星期五　第2版',
    date: '2023年5月12日',
    headline: '林果提质增效　小苹果托起致富梦',
    byline: '本报记者　欧**',
    body: [
      '五月的果园里，苹果树新叶舒展，果农们正忙着疏花定果。近年来，当地推行标准化种植，引导果农科学管理，林果业走上了提质增效的路子。',
      '“以前只管种，现在讲究品质。”一位果农告诉记者，合作社统一技术指导、统一销售，去年他家的苹果每公斤多卖了一块多钱。',
      '据了解，全县已建成标准化示范园十余个，带动数千户农民增收，冷链物流和电商销售让优质果品走出了新疆。',
      '在一家果品分拣中心，智能分选线按大小、色泽、糖度把苹果分成不同等级，分级包装后直接发往全国各地。',
      '业内人士表示，下一步将继续完善从种植到销售的全链条服务，让果农的钱袋子更鼓。',
    ],
  },
}

const PROFILES = {
  ouyang: OUYANG,
  // 播音员主持人 post, 三级甲等: below the 二级乙等 the post needs.
  broadcaster: { ...OUYANG, mandarin: { ...OUYANG.mandarin, grade: '三级甲等', score: '75.6' } },
  // Publicity across the 端午 holiday (2024-06-10).
  dragonBoat: { ...OUYANG, publicity: { start: '2024年6月6日', end: '2024年6月12日', result: '2024年6月13日' } },
  // Graduated 2000, before 学信网's electronic registration (2001): the 毕业生登记表 instead.
  register: {
    ...OUYANG,
    birth: '1978年3月',
    birthCn: '一九七八年三月十五日',
    studyCn: '一九九六年九月至二〇〇〇年七月',
    enrol: '1996年9月',
    graduated: '2000年7月1日',
    graduatedCn: '二〇〇〇年七月一日',
    faculty: '中文系',
    diplomaNo: '107551200005000567',
    degreeNo: '1075542000000567',
  },
  // Graduated 2023 and began work that year (first-title-2023).
  graduate2023: {
    ...OUYANG,
    birth: '2001年3月',
    birthCn: '二〇〇一年三月十五日',
    studyCn: '二〇一九年九月至二〇二三年六月',
    enrol: '2019年9月',
    graduated: '2023年6月30日',
    graduatedCn: '二〇二三年六月三十日',
    diplomaNo: '107551202305001234',
    degreeNo: '1075542023001234',
  },
  // The 学籍在线验证报告 with an old 12-digit code (old-verification-code).
  oldCode: { ...OUYANG, chsi: { ...OUYANG.chsi, code: '123456789012' } },
  // The sample-2025 policy's year: the 学信网 report and the publicity are 2025's.
  year2025: {
    ...OUYANG,
    chsi: { ...OUYANG.chsi, updated: '2025年07月16日', validUntil: '2025年12月31日' },
    publicity: { start: '2025年7月9日', end: '2025年7月15日', result: '2025年7月16日' },
    recommended: '2025年7月16日',
  },
  // The scans say otherwise than the manifest (scan-contradicts): 二级乙等, a 24-hour certificate.
  contradicted: { ...OUYANG, mandarin: { ...OUYANG.mandarin, grade: '二级乙等', score: '84.2' }, ceHours: 24 },
  // 出版 series, title 编辑: filled by the national exam (以考代评).
  publishing: {
    ...OUYANG,
    series: '出版',
    title: '编辑',
    current: '助理编辑',
    currentSince: '2019年12月',
    merits: [
      '该同志自2019年取得助理编辑职称以来，从事图书与期刊的编辑出版工作，年度考核均为合格以上等次。',
      '任现职以来，担任多种地方文化读物的责任编辑，审读加工书稿质量较高，业务能力较强。',
    ],
  },
  // 文学创作 series (申报.yaml), another applicant.
  writer: {
    ...OUYANG,
    name: '古**',
    gender: '女',
    birth: '1987年10月',
    birthCn: '一九八七年十月八日',
    studyCn: '二〇〇六年九月至二〇一〇年六月',
    enrol: '2006年9月',
    graduated: '2010年6月30日',
    graduatedCn: '二〇一〇年六月三十日',
    diplomaNo: '107551201005002468',
    degreeNo: '1075542010002468',
    chsi: { code: 'K7M2P9Q4R8S3T6V1', updated: '2024年07月16日', validUntil: '2024年12月31日' },
    ceNo: '0528',
    series: '文学创作',
    title: '二级文学创作',
    current: '三级文学创作',
    currentSince: '2018年12月',
    mandarin: { grade: '二级乙等', score: '82.3', date: '2016年4月', no: '65291610005678', issued: '二〇一六年五月' },
    merits: [
      '该同志自2018年取得三级文学创作职称以来，潜心文学创作，深入基层采风，年度考核均为合格以上等次。',
      '任现职以来，在省级以上文学期刊发表中短篇小说和散文多篇，作品获地区文艺创作奖，创作成绩突出。',
    ],
    work: {
      outlet: '《××文学》',
      issue: '2023年第6期',
      date: '2023年6月',
      headline: '胡杨的春天（中篇小说·节选）',
      byline: '古**',
      body: [
        '风从塔里木河上吹过来，带着沙子和远处融雪的气味。阿依努尔站在河堤上，看着对岸那片胡杨林一点点泛出新绿。',
        '她记得小时候，父亲说胡杨生而千年不死，死而千年不倒，倒而千年不朽。那时她不懂，只觉得这些树长得太慢。',
        '这一年开春，村里来了修路的队伍，推土机的声音从早响到晚，孩子们追着卡车跑，笑声惊起了林子里的斑鸠。',
        '傍晚，她把羊赶回圈里，坐在门槛上给远在乌鲁木齐读书的弟弟写信，写到一半，又把“家里一切都好”划掉重写。',
        '月亮升起来的时候，河面亮得像一条银带子。她想，春天总是先到胡杨林，再到人的心里。',
      ],
    },
  },
}

// ---------------------------------------------------------------------------------------------
// The packages: which scan goes where. A case not listed here has no scans of its own.

const STANDARD = (p) => ({
  'files/学历证书.pdf': () => pdfOf(diploma(p)),
  'files/学位证书.pdf': () => pdfOf(degree(p)),
  'files/学信网备案表.pdf': () => pdfOf(chsiReport(p)),
  'files/继续教育/2021公需课.pdf': () => pdfOf(ceCertificate(p, 2021, p.ceHours ?? 30)),
  'files/普通话证书.jpg': () => mandarinPhoto(p),
  'files/附件/单位公示.pdf': () => pdfOf(unitPublicity(p)),
  'files/附件/公示结果.pdf': () => pdfOf(publicityResult(p)),
  'files/附件/单位推荐意见.pdf': () => pdfOf(recommendation(p)),
  'files/附件/个人承诺书.pdf': () => pdfOf(commitment(p)),
  'files/业绩/代表作一.pdf': () => pdfOf(representativeWork(p)),
})

// ---------------------------------------------------------------------------------------------
// Born-digital documents (exported from Word/WPS, with a text layer) and a photo with EXIF, for
// the blind-review leaks of `leaky`: these show the name where a scan would have masked it.

/** pdf-lib cannot choose a font inside a TTC: this fontkit opens the one the scans use. */
const ttcFontkit = { create: (data) => fontkit.create(data, 'WenQuanYiMicroHei') }
const PT_MARGIN = 72
const PT_WIDTH = A4_PT[0] - 2 * PT_MARGIN

/**
 * An A4 PDF with a text layer, drawn line by line by `draw(put)`: `put.text(s, opts)` writes a
 * (wrapped) paragraph and moves down, `put.box(x, y, w, h)` paints a filled black box at the
 * current page coordinates. The font is a subset with a fixed name (pdf-lib would add a random
 * tag), so the bytes are the same on every run.
 */
async function textPdf(draw) {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(ttcFontkit)
  const pdfFont = await doc.embedFont(readFileSync(FONT_FILE), { subset: true, customName: 'WenQuanYiMicroHei-Subset' })
  const page = doc.addPage(A4_PT)
  let y = A4_PT[1] - 90
  const put = {
    font: pdfFont,
    get y() {
      return y
    },
    text(s, { size = 12, indent = true, align = 'left', gap = 6 } = {}) {
      assertGlyphs(s)
      const lead = size * 1.8
      const first = indent ? 2 * size : 0
      const lines = []
      let line = ''
      let avail = PT_WIDTH - first
      for (const ch of s) {
        if (line !== '' && pdfFont.widthOfTextAtSize(line + ch, size) > avail && !NO_LINE_START.has(ch)) {
          lines.push(line)
          line = ''
          avail = PT_WIDTH
        }
        line += ch
      }
      if (line) lines.push(line)
      const placed = []
      lines.forEach((l, i) => {
        const w = pdfFont.widthOfTextAtSize(l, size)
        const x = align === 'center' ? (A4_PT[0] - w) / 2 : align === 'right' ? A4_PT[0] - PT_MARGIN - w : PT_MARGIN + (i === 0 ? first : 0)
        page.drawText(l, { x, y: y - size, size, font: pdfFont, color: rgb(0.1, 0.1, 0.1) })
        placed.push({ x, y: y - size, size, text: l })
        y -= lead
      })
      y -= gap
      return placed
    },
    /** A black box over `part` of a placed line (what a hurried applicant draws over a name). */
    cover(line, part) {
      const at = line.text.indexOf(part)
      if (at < 0) throw new Error(`"${part}" is not in "${line.text}"`)
      const x = line.x + pdfFont.widthOfTextAtSize(line.text.slice(0, at), line.size)
      const w = pdfFont.widthOfTextAtSize(part, line.size)
      page.drawRectangle({ x: x - 1, y: line.y - line.size * 0.3, width: w + 2, height: line.size * 1.35, color: rgb(0, 0, 0), borderWidth: 0 })
    },
    gap(h) {
      y -= h
    },
  }
  await draw(put)
  page.drawText(FOOTNOTE, { x: (A4_PT[0] - pdfFont.widthOfTextAtSize(FOOTNOTE, 8)) / 2, y: 40, size: 8, font: pdfFont, color: rgb(0.6, 0.6, 0.6) })
  doc.setProducer(PRODUCER)
  doc.setCreator(PRODUCER)
  doc.setCreationDate(FIXED_DATE)
  doc.setModificationDate(FIXED_DATE)
  return Buffer.from(await doc.save({ useObjectStreams: false }))
}

/** The 个人承诺书 as exported from Word: signed with the full name, in the text layer. */
function commitmentExported(p, fullName) {
  return textPdf((put) => {
    put.text('附件3', { indent: false, size: 12 })
    put.gap(10)
    put.text('个人承诺书', { size: 20, align: 'center', indent: false, gap: 16 })
    put.text(`本人自愿申报${p.series}系列${p.title}职称，现郑重承诺：`)
    put.text('一、所提交的学历、资历、业绩成果等申报材料真实、准确、完整，不存在弄虚作假、抄袭剽窃等行为；')
    put.text('二、上传的附件中涉及本人姓名、照片和工作单位的信息均已遮盖，涉密材料已作脱密处理；')
    put.text('三、如有不实，本人自愿承担取消申报资格、撤销已取得职称等一切后果。')
    put.gap(40)
    put.text(`承诺人（签字）：${fullName}`, { align: 'right', indent: false })
    put.text('2024年7月18日', { align: 'right', indent: false })
  })
}

/** The 单位推荐意见 with the name and unit "masked" by black boxes drawn over text that is still there. */
function recommendationBoxed(p, fullName, employer) {
  return textPdf((put) => {
    put.text('附件2', { indent: false })
    put.gap(10)
    put.text('单位推荐意见', { size: 20, align: 'center', indent: false, gap: 16 })
    const [who] = put.text(`申报人：${fullName}　　性别：${p.gender}　　现任职称：${p.current}（${p.currentSince}）`, { indent: false })
    const [unit] = put.text(`工作单位：${employer}　　申报职称：${p.series}系列${p.title}（${p.path}）`, { indent: false })
    put.cover(who, fullName)
    put.cover(unit, employer)
    put.gap(8)
    for (const m of p.merits) put.text(m)
    put.text(`经单位审核，该同志申报材料真实有效，符合申报条件，已在单位内部公示不少于5个工作日，公示无异议，同意推荐其申报${p.series}系列${p.title}职称。`)
    put.gap(40)
    put.text(`推荐单位（盖章）：${MASK}`, { align: 'right', indent: false })
    put.text(p.recommended, { align: 'right', indent: false })
  })
}

/** An EXIF block (APP1, little-endian) with IFD0 Artist: what a phone or a Windows "属性" edit leaves. */
function exifArtist(artist) {
  const value = Buffer.concat([Buffer.from(artist, 'utf8'), Buffer.alloc(1)])
  const ifd = Buffer.alloc(2 + 12 + 4)
  ifd.writeUInt16LE(1, 0)
  ifd.writeUInt16LE(0x013b, 2) // Artist
  ifd.writeUInt16LE(2, 4) // ASCII
  ifd.writeUInt32LE(value.length, 6)
  ifd.writeUInt32LE(8 + ifd.length, 10)
  const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]), ifd, value])
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const head = Buffer.from([0xff, 0xe1, 0, 0])
  head.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([head, body])
}

/** A JPEG with an EXIF block inserted right after its SOI marker. */
async function withExif(jpegPromise, artist) {
  const jpeg = await jpegPromise
  return Buffer.concat([jpeg.subarray(0, 2), exifArtist(artist), jpeg.subarray(2)])
}

/** A JPEG stored turned 90° anticlockwise, with the EXIF Orientation 6 that tells a viewer to turn it back. */
async function storedSideways(jpegPromise) {
  const turned = await sharp(await jpegPromise).rotate(270).jpeg({ quality: JPEG_QUALITY }).toBuffer()
  const ifd = Buffer.alloc(2 + 12 + 4)
  ifd.writeUInt16LE(1, 0)
  ifd.writeUInt16LE(0x0112, 2) // Orientation
  ifd.writeUInt16LE(3, 4) // SHORT
  ifd.writeUInt32LE(1, 6)
  ifd.writeUInt16LE(6, 10) // turn 90° clockwise to show
  const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]), ifd])
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const head = Buffer.from([0xff, 0xe1, 0, 0])
  head.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([turned.subarray(0, 2), head, body, turned.subarray(2)])
}

/** A PDF whose first page is set to turn 90° (/Rotate 90): upright content that shows sideways. */
async function rotatedPage(pdfPromise) {
  const doc = await PDFDocument.load(await pdfPromise, { updateMetadata: false })
  doc.getPage(0).setRotation(degrees(90))
  return Buffer.from(await doc.save({ useObjectStreams: false }))
}

function without(files, ...paths) {
  const out = { ...files }
  for (const path of paths) delete out[path]
  return out
}

const CASES = {
  clean: STANDARD(PROFILES.ouyang),
  'ce-hours-short': STANDARD(PROFILES.ouyang),
  'mandarin-broadcaster': STANDARD(PROFILES.broadcaster),
  'late-resubmission': STANDARD(PROFILES.ouyang),
  'publicity-dragon-boat': STANDARD(PROFILES.dragonBoat),
  // A publicity that ended before the notice (07-15), accepted on purpose in the manifest: its
  // scans print the dates the manifest types (2024-06-03 to 06-07).
  'accepted-publicity': STANDARD({ ...PROFILES.ouyang, publicity: { start: '2024年6月3日', end: '2024年6月7日', result: '2024年6月11日' } }),
  // The commitment is scanned but not named in the manifest (a stray file); 代表作二 is named but
  // never scanned; ../outside.pdf is never created.
  'missing-pieces': STANDARD(PROFILES.ouyang),
  'manifest-typos': STANDARD(PROFILES.ouyang),
  'graduate-register': {
    ...without(STANDARD(PROFILES.register), 'files/学信网备案表.pdf'),
    'files/毕业生登记表.pdf': () => pdfOf(graduateRegister(PROFILES.register)),
  },
  // The 学信网 report named is a 学籍在线验证报告 printing the old code the manifest types.
  'old-verification-code': {
    ...without(STANDARD(PROFILES.oldCode), 'files/学信网备案表.pdf'),
    'files/学籍在线验证报告.pdf': () => pdfOf(chsiStatusReport(PROFILES.oldCode)),
  },
  'first-title-2023': without(STANDARD(PROFILES.graduate2023), 'files/继续教育/2021公需课.pdf'),
  'sample-2025-clean': STANDARD(PROFILES.year2025),
  'sample-2025-ce-2025-missing': STANDARD(PROFILES.year2025),
  'sample-2025-window-closed': STANDARD(PROFILES.year2025),
  'sample-2025-publicity-labour-day': STANDARD({
    ...PROFILES.year2025,
    publicity: { start: '2025年4月27日', end: '2025年5月6日', result: '2025年5月7日' },
    recommended: '2025年5月7日',
  }),
  // The manifest against its scans (issue 13): the certificate prints 二级乙等 and 24 学时, the
  // 学信网 code typed is not the printed one, and the degree slot names the diploma again.
  'scan-contradicts': without(STANDARD(PROFILES.contradicted), 'files/学位证书.pdf'),
  'publishing-exam-title': STANDARD(PROFILES.publishing),
  'shenbao-yaml': STANDARD(PROFILES.writer),
  // Blind-review leaks: the name in a file name, in a PDF's text layer, in a photo's EXIF Artist,
  // and under black boxes that leave the text in place. The names are the manifest's own.
  leaky: {
    ...without(STANDARD(PROFILES.ouyang), 'files/学历证书.pdf', 'files/附件/个人承诺书.pdf', 'files/附件/单位推荐意见.pdf', 'files/普通话证书.jpg'),
    'files/欧阳明远-学历证书.pdf': () => pdfOf(diploma(PROFILES.ouyang)),
    'files/附件/个人承诺书.pdf': () => commitmentExported(PROFILES.ouyang, '欧阳明远'),
    'files/附件/单位推荐意见.pdf': () => recommendationBoxed(PROFILES.ouyang, '欧阳明远', '阿克苏地区融媒体中心'),
    'files/普通话证书.jpg': () => withExif(mandarinPhoto(PROFILES.ouyang), '欧阳明远'),
  },
  // Scans whose pixels show what the applicant forgot to cover: only OCR (the default) finds them.
  // The twin with every name covered is `clean`.
  'scan-name-visible': {
    ...STANDARD(PROFILES.ouyang),
    'files/普通话证书.jpg': () => mandarinPhoto({ ...PROFILES.ouyang, name: '欧阳明远' }),
    'files/学历证书.pdf': () => pdfOf(diploma({ ...PROFILES.ouyang, name: '欧阳明远' })),
  },
  // Turned: a PDF page set to /Rotate 90, and a photo stored sideways with EXIF orientation 6
  // (what `fix` turns upright; the rest is `clean`).
  'scan-turned': {
    ...STANDARD(PROFILES.ouyang),
    'files/学位证书.pdf': () => rotatedPage(pdfOf(degree(PROFILES.ouyang))),
    'files/普通话证书.jpg': () => storedSideways(mandarinPhoto(PROFILES.ouyang)),
  },
}

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const check = argv.includes('--check')
  const names = argv.filter((a) => !a.startsWith('--'))
  for (const n of names) if (!(n in CASES)) throw new Error(`unknown case ${n}; known: ${Object.keys(CASES).join(', ')}`)
  const cases = names.length > 0 ? names : Object.keys(CASES)
  let differ = 0
  for (const name of cases) {
    const dir = join(HERE, name)
    if (!existsSync(dir)) throw new Error(`${dir} does not exist: write its manifest first`)
    const files = CASES[name]
    if (!check) rmSync(join(dir, 'files'), { recursive: true, force: true })
    for (const [rel, make] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const bytes = await make()
      if (bytes.length >= MAX_FILE_BYTES) throw new Error(`${name}/${rel}: ${bytes.length} bytes, over the ${MAX_FILE_BYTES} limit`)
      const abs = join(dir, ...rel.split('/'))
      if (check) {
        const same = existsSync(abs) && Buffer.compare(readFileSync(abs), bytes) === 0
        if (!same) differ++
        console.log(`${same ? 'same   ' : 'DIFFERS'} ${name}/${rel}`)
      } else {
        mkdirSync(dirname(abs), { recursive: true })
        writeFileSync(abs, bytes)
        console.log(`${String(Math.round(bytes.length / 1024)).padStart(4)} KB  ${name}/${rel}`)
      }
    }
  }
  if (check && differ > 0) {
    console.error(`${differ} file(s) differ from what this machine generates (other sharp/libvips/font version, or a changed document)`)
    process.exitCode = 1
  }
}

await main(process.argv.slice(2))
