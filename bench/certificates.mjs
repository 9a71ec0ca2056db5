// Generated certificate scans for measuring OCR recall and false alarms (bench/ocr.mjs) and for
// the recall test (test/inspect/ocr-recall.test.ts). Each document varies from the others, so
// nothing is tuned to one template: kind of certificate and its wording, the font (every CJK
// family fontconfig has of those below), layout and type size, where the name stands (a field or
// inside a sentence), paper tone, a red stamp (sometimes over the name), noise, blur, skew of up to
// 3°, resolution (150–300 dpi) and JPEG quality. Deterministic: everything comes from the seed.
//
// A document's twin is the same page with the identity covered as an applicant would: "欧**",
// "████", a black box drawn over it, or another person whose name shares characters with it.
import { execFileSync } from 'node:child_process'
import sharp from 'sharp'

const SURNAMES = ['欧阳', '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '买买提', '司马', '古丽', '艾']
const GIVEN = ['明远', '建华', '秀英', '志强', '丽娟', '海燕', '国庆', '晓东', '婷', '伟', '静', '磊', '洋', '艳', '俊杰', '雪梅', '红霞', '文博', '思远', '嘉怡', '阿依', '江', '德胜', '玉兰']
const EMPLOYERS = [
  '阿克苏地区融媒体中心', '新疆日报社', '阿克苏日报社', '温宿县文化馆', '库车市融媒体中心', '拜城县广播电视台', '新和县文学艺术界联合会',
  '沙雅县新华书店', '阿瓦提县融媒体中心', '乌什县文化体育广播电视和旅游局', '柯坪县融媒体中心', '阿克苏地区文联', '新疆人民出版社', '阿克苏职业技术学院',
]
const OTHER_GIVEN = ['明辉', '建国', '秀兰', '志刚', '丽萍', '海涛', '国强', '晓峰', '敏', '勇', '芳', '鹏']

const KINDS = [
  { title: '普通话水平测试等级证书', fields: [['性别', ['男', '女']], ['等级', ['一级乙等', '二级甲等', '二级乙等']], ['证书编号', null], ['测试时间', ['2015年5月', '2019年10月', '2021年6月']]], issuer: '自治区语言文字工作委员会' },
  { title: '继续教育培训合格证书', fields: [['培训类别', ['公需科目', '专业科目']], ['学时', ['30学时', '60学时', '90学时']], ['证书编号', null], ['培训时间', ['2021年', '2022年', '2023年']]], issuer: '阿克苏地区人力资源和社会保障局' },
  { title: '普通高等学校毕业证书', fields: [['性别', ['男', '女']], ['专业', ['汉语言文学', '新闻学', '编辑出版学', '广播电视学']], ['学制', ['四年', '三年']], ['证书编号', null]], issuer: '新疆××大学' },
  { title: '工作证明', fields: [['职务', ['编辑', '记者', '主任编辑']], ['参加工作时间', ['2009年7月', '2012年9月']], ['联系电话', ['0997-2123456']]], issuer: '（盖章）' },
  { title: '荣誉证书', fields: [['奖项', ['地区好新闻奖二等奖', '优秀新闻工作者']], ['年度', ['2022年度', '2023年度']]], issuer: '阿克苏地区新闻工作者协会' },
]

const CANDIDATE_FONTS = ['WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'AR PL UKai CN', 'AR PL UMing CN', 'Noto Sans CJK SC', 'Noto Serif CJK SC']

let fontsCache
/**
 * The CJK font families this machine renders with (fontconfig), of those the generator varies
 * between. Any font of the family counts, not only those fontconfig calls complete for Chinese:
 * the tests add the repository's subset of WenQuanYi Micro Hei (test/helpers/fonts.ts).
 */
export function availableFonts() {
  if (fontsCache) return fontsCache
  let listed = ''
  try {
    listed = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' })
  } catch {
    listed = ''
  }
  const families = new Set(listed.split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()))
  // The tests add the repository's font to fontconfig (test/helpers/fonts.ts): it is there even on
  // a machine without fc-list.
  if (process.env.ZHICHENG_TEST_FONTS === '1') families.add('WenQuanYi Micro Hei')
  fontsCache = CANDIDATE_FONTS.filter((f) => families.has(f))
  if (fontsCache.length === 0) throw new Error('no CJK font found by fc-list (apt-get install fonts-wqy-microhei)')
  return fontsCache
}

export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The identity a document shows: name and employer of the applicant it is generated for. */
export function identityOf(seed) {
  const r = prng(seed * 7919 + 17)
  const pick = (xs) => xs[Math.floor(r() * xs.length)]
  return { name: pick(SURNAMES) + pick(GIVEN), employer: pick(EMPLOYERS), other: pick(OTHER_GIVEN) }
}

/** The kind of certificate `certificate(seed)` draws (its title), without drawing it. */
export function kindOf(seed) {
  return KINDS[Math.floor(prng(seed)() * KINDS.length)].title
}

/** The first seed from `from` whose certificate is of the kind titled `title`. */
export function seedOfKind(title, from) {
  for (let seed = from; ; seed++) if (kindOf(seed) === title) return seed
}

/**
 * One scanned page as a JPEG, with its applicant. `twin`: how the identity is covered (null: not
 * covered, the leak): 'stars' (欧**), 'blocks' (████), 'box' (a black box over the words),
 * 'other' (another person, sharing the surname; the employer covered).
 */
export async function certificate(seed, twin = null) {
  const r = prng(seed)
  const pick = (xs) => xs[Math.floor(r() * xs.length)]
  const between = (a, b) => a + r() * (b - a)
  const id = identityOf(seed)
  const kind = pick(KINDS)
  const font = pick(availableFonts())
  const dpi = pick([150, 200, 200, 300])
  const w = Math.round(8.27 * dpi)
  const h = Math.round(11.69 * dpi)
  const px = (pt) => (pt / 72) * dpi
  const size = px(between(11, 20)) // the body text, 11–20 pt
  const left = px(between(60, 110))
  const paper = pick(['#ffffff', '#f7f4ec', '#f3efe6', '#fbf8f1', '#eef1f4'])
  const ink = pick(['#111111', '#1f1f1f', '#2a2a3a', '#302820'])

  const masked = (s, isName) => {
    if (twin === 'stars') return isName ? `${[...s][0]}**` : '****'
    if (twin === 'blocks') return '████'
    if (twin === 'other') return isName ? s.slice(0, s.length - ([...s].length > 2 ? 2 : 1)) + id.other : s
    return s
  }
  const nameShown = masked(id.name, true)
  const employerShown = twin === 'other' ? '████' : masked(id.employer, false)

  const lines = [] // [text, x, y, size, anchor, weight]
  let y = px(between(90, 150))
  lines.push([kind.title, w / 2, y, size * between(1.6, 2.2), 'middle', 'bold'])
  y += size * between(3, 4.5)
  const sentence = r() < 0.4
  const nameAt = {}
  if (sentence) {
    const text = `兹证明　${nameShown}　同志，系${employerShown}在职人员。` // all full-width: 1 em a character
    nameAt.name = lines.length
    nameAt.employer = lines.length
    lines.push([text, left, y, size, 'start', 'normal'])
    y += size * between(1.8, 2.6)
  } else {
    const label = pick(['姓　　名', '姓名', '持证人'])
    nameAt.name = lines.length
    lines.push([`${label}：${nameShown}`, left, y, size, 'start', 'normal'])
    y += size * between(1.8, 2.6)
  }
  for (const [label, values] of kind.fields) {
    const value = values ? pick(values) : String(Math.floor(between(1e13, 9e13)))
    lines.push([`${label}：${value}`, left, y, size, 'start', 'normal'])
    y += size * between(1.8, 2.6)
  }
  if (!sentence) {
    nameAt.employer = lines.length
    lines.push([`${pick(['工作单位', '单位', '所在单位'])}：${employerShown}`, left, y, size, 'start', 'normal'])
    y += size * between(1.8, 2.6)
  }
  y += size * between(2, 5)
  lines.push([kind.issuer, w - left, y, size, 'end', 'normal'])
  lines.push([pick(['二〇二三年六月', '2022年12月30日', '二〇一九年十月']), w - left, y + size * 2, size, 'end', 'normal'])

  const texts = lines
    .map(([s, x, yy, sz, anchor, weight]) => `<text x="${x.toFixed(1)}" y="${yy.toFixed(1)}" font-family="${font}" font-size="${sz.toFixed(1)}" font-weight="${weight}" text-anchor="${anchor}" fill="${ink}">${esc(s)}</text>`)
    .join('')
  // A black box over the name and the employer, as drawn in an image editor before scanning.
  let boxes = ''
  if (twin === 'box') {
    for (const which of ['name', 'employer']) {
      const [s, x, yy, sz] = lines[nameAt[which]]
      const target = which === 'name' ? id.name : id.employer
      const before = s.indexOf(target)
      const x0 = x + before * sz // every character before it is full-width (1 em)
      boxes += `<rect x="${(x0 - sz * 0.2).toFixed(1)}" y="${(yy - sz * 1.0).toFixed(1)}" width="${([...target].length * sz + sz * 0.4).toFixed(1)}" height="${(sz * 1.35).toFixed(1)}" fill="#000"/>`
    }
  }
  // A red stamp near the issuer, or over the name line (a stamp over text is common on certificates).
  const overName = r() < 0.3
  const [, , nameY, nameSize] = lines[nameAt.name]
  const sx = overName ? left + nameSize * between(3, 6) : w - left - px(between(60, 110))
  const sy = overName ? nameY - nameSize * 0.3 : y - size * 0.5
  const sr = px(between(40, 55))
  const stamp = r() < 0.85
    ? `<g opacity="${between(0.55, 0.85).toFixed(2)}"><circle cx="${sx.toFixed(1)}" cy="${sy.toFixed(1)}" r="${sr.toFixed(1)}" fill="none" stroke="#d0262a" stroke-width="${(sr * 0.06).toFixed(1)}"/><text x="${sx.toFixed(1)}" y="${(sy + sr * 0.2).toFixed(1)}" font-family="${font}" font-size="${(sr * 0.55).toFixed(1)}" text-anchor="middle" fill="#d0262a">★</text></g>`
    : ''
  const border = r() < 0.6 ? `<rect x="${px(30)}" y="${px(30)}" width="${w - 2 * px(30)}" height="${h - 2 * px(30)}" fill="none" stroke="${pick(['#b0463b', '#8e6b2e', '#2e5a8e'])}" stroke-width="${px(2)}"/>` : ''
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${paper}"/>${border}${texts}${boxes}${stamp}</svg>`

  let img = sharp(Buffer.from(svg)).flatten({ background: paper })
  // Noise: a faint grain over the page, from the seed.
  const grain = Buffer.alloc(Math.ceil(w / 4) * Math.ceil(h / 4))
  const amp = between(4, 18)
  for (let i = 0; i < grain.length; i++) grain[i] = 128 + Math.round((r() - 0.5) * amp)
  const noise = await sharp(grain, { raw: { width: Math.ceil(w / 4), height: Math.ceil(h / 4), channels: 1 } }).resize(w, h, { kernel: 'cubic' }).png().toBuffer()
  img = sharp(await img.png().toBuffer()).composite([{ input: noise, blend: 'overlay' }])
  const skew = between(-3, 3)
  img = sharp(await img.png().toBuffer()).rotate(skew, { background: paper })
  const blur = r() < 0.5 ? between(0.3, 1.2) : 0
  if (blur > 0) img = img.blur(blur)
  const jpeg = await img.jpeg({ quality: Math.round(between(45, 90)) }).toBuffer()
  return { jpeg, dpi, name: id.name, employer: id.employer, font, twin, skew }
}
