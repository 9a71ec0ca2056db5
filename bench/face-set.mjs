// The generated set for redaction.photo-leak (test/inspect/faces.test.ts and npm run bench).
//
// Real faces, photographed, written by others: the six demo photos that @vladmandic/face-api
// ships in its registry tarball (node_modules/@vladmandic/face-api/demo/sample1–6.jpg, MIT
// licence, © Vladimir Mandic), read in place at run time and never copied into the repository.
// Each face is cut out as a head-and-shoulders ID photo (2.5 × 3.5 cm, or a larger size) and
// composited onto a generated certificate: paper of some colour, lines of "text" drawn as strokes
// (no font needed), a red seal with a star, an emblem, at a given size, tilt, photo background and
// JPEG quality. Each certificate has masked twins: the photo under a solid box, a strong mosaic,
// a strong blur. Everything is deterministic: the same arguments give the same bytes.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import sharp from 'sharp'

const require = createRequire(import.meta.url)

export const DEMO_DIR = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo')
export const SOURCE = '@vladmandic/face-api 1.7.15 demo/sample1–6.jpg (MIT, © Vladimir Mandic)'

/**
 * Face boxes [x, y, w, h] in the full-size demo photos (found once with face-api's SSD MobileNet
 * at confidence ≥ 0.6 and written down here, so the set does not depend on a detector).
 */
export const FACES = [
  [1, 414, 355, 177, 240], [1, 838, 421, 186, 228], [1, 1476, 199, 203, 241],
  [2, 1447, 153, 194, 242], [2, 902, 220, 151, 233], [2, 361, 126, 153, 259],
  [3, 585, 329, 199, 271], [3, 1514, 292, 170, 280], [3, 1075, 215, 220, 299],
  [4, 664, 53, 187, 258], [4, 257, 185, 162, 245], [4, 989, 180, 169, 227], [4, 1277, 144, 145, 244],
  [5, 787, 109, 156, 212], [5, 1113, 198, 158, 236], [5, 1406, 390, 165, 271], [5, 598, 415, 166, 249], [5, 377, 859, 172, 301],
  [6, 681, 321, 160, 307], [6, 1180, 305, 188, 280], [6, 1487, 263, 212, 296], [6, 250, 468, 210, 291],
].map(([sample, x, y, w, h]) => ({ sample, x, y, w, h }))

export function hasDemoPhotos() {
  return existsSync(join(DEMO_DIR, 'sample1.jpg'))
}

const A4_MM = [210, 297]

function rng(seed) {
  let s = seed >>> 0 || 1
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296
}

/** A head-and-shoulders crop of face `i` (ID photo proportions 5:7), as RGB PNG. */
export async function portrait(i) {
  const f = FACES[i % FACES.length]
  const file = join(DEMO_DIR, `sample${f.sample}.jpg`)
  const meta = await sharp(file).metadata()
  const cw = Math.round(f.w * 1.8)
  const chh = Math.round(cw * 1.4)
  const left = Math.max(0, Math.min(meta.width - cw, Math.round(f.x + f.w / 2 - cw / 2)))
  const top = Math.max(0, Math.min(meta.height - chh, Math.round(f.y - f.h * 0.35)))
  const png = await sharp(file).extract({ left, top, width: Math.min(cw, meta.width - left), height: Math.min(chh, meta.height - top) }).removeAlpha().png().toBuffer()
  return { png, face: { x: f.x - left, y: f.y - top, w: f.w, h: f.h }, width: Math.min(cw, meta.width - left), height: Math.min(chh, meta.height - top) }
}

/** Lines of writing: short strokes, as bench/run.mjs draws them. */
function writing(wPx, hPx, dpi, seed, skip) {
  const rand = rng(seed)
  const ch = (12 / 72) * dpi
  const parts = []
  for (let y = hPx * 0.25; y < hPx * 0.85; y += ch * 2) {
    for (let x = wPx * 0.1; x < wPx * 0.9; x += ch * 1.1) {
      if (skip(x, y, ch)) continue
      for (let k = 0; k < 3; k++) {
        const horiz = rand() < 0.5
        const len = ch * (0.4 + rand() * 0.5)
        const t = Math.max(1, ch * 0.09)
        parts.push(`<rect x="${(x + rand() * ch * 0.6).toFixed(1)}" y="${(y + rand() * ch * 0.6).toFixed(1)}" width="${(horiz ? len : t).toFixed(1)}" height="${(horiz ? t : len).toFixed(1)}"/>`)
      }
    }
  }
  return parts.join('')
}

/** A red seal: ring, star and a ring of strokes, as stamps are. */
function seal(cx, cy, r) {
  const star = []
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5
    const rr = k % 2 === 0 ? r * 0.35 : r * 0.14
    star.push(`${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`)
  }
  const ticks = []
  for (let k = 0; k < 18; k++) {
    const a = Math.PI * 0.9 + (k * Math.PI * 1.2) / 17
    ticks.push(`<rect x="${(cx + r * 0.72 * Math.cos(a) - r * 0.05).toFixed(1)}" y="${(cy + r * 0.72 * Math.sin(a) - r * 0.05).toFixed(1)}" width="${(r * 0.1).toFixed(1)}" height="${(r * 0.1).toFixed(1)}"/>`)
  }
  return `<g fill="#d22" fill-opacity="0.8"><circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d22" stroke-width="${(r * 0.07).toFixed(1)}"/><polygon points="${star.join(' ')}"/>${ticks.join('')}</g>`
}

/** An emblem: a filled round badge with rays (like a national emblem or a unit logo). */
function emblem(cx, cy, r) {
  const rays = []
  for (let k = 0; k < 16; k++) {
    const a = (k * Math.PI) / 8
    rays.push(`<line x1="${cx}" y1="${cy}" x2="${(cx + r * Math.cos(a)).toFixed(1)}" y2="${(cy + r * Math.sin(a)).toFixed(1)}" stroke="#f5c400" stroke-width="${(r * 0.08).toFixed(1)}"/>`)
  }
  return `<g><circle cx="${cx}" cy="${cy}" r="${r}" fill="#c8102e"/>${rays.join('')}<circle cx="${cx}" cy="${cy}" r="${(r * 0.45).toFixed(1)}" fill="#f5c400"/><rect x="${(cx - r * 0.5).toFixed(1)}" y="${(cy + r * 0.5).toFixed(1)}" width="${r.toFixed(1)}" height="${(r * 0.3).toFixed(1)}" fill="#f5c400"/></g>`
}

/** A cartoon face, as a 代表作 or a children's book shows one: never a photo-leak. */
function cartoon(cx, cy, r) {
  return `<g><circle cx="${cx}" cy="${cy}" r="${r}" fill="#ffd27f" stroke="#333" stroke-width="${(r * 0.05).toFixed(1)}"/>` +
    `<circle cx="${(cx - r * 0.35).toFixed(1)}" cy="${(cy - r * 0.2).toFixed(1)}" r="${(r * 0.12).toFixed(1)}" fill="#333"/>` +
    `<circle cx="${(cx + r * 0.35).toFixed(1)}" cy="${(cy - r * 0.2).toFixed(1)}" r="${(r * 0.12).toFixed(1)}" fill="#333"/>` +
    `<path d="M ${(cx - r * 0.45).toFixed(1)} ${(cy + r * 0.25).toFixed(1)} Q ${cx} ${(cy + r * 0.7).toFixed(1)} ${(cx + r * 0.45).toFixed(1)} ${(cy + r * 0.25).toFixed(1)}" fill="none" stroke="#333" stroke-width="${(r * 0.08).toFixed(1)}"/></g>`
}

const PAPERS = { white: '#f7f5f0', cream: '#efe4c8', red: '#c8281e' }
const BACKGROUNDS = { white: '#f4f4f4', blue: '#3c8ee6', red: '#d0202a' }

/**
 * A certificate page as a JPEG scan.
 * - photoMm: photo width in mm (height 1.4×); 0 = no photo
 * - tiltDeg: the photo's tilt; background: white | blue | red (behind the person)
 * - paper: white | cream | red; mask: none | box | mosaic | blur; quality: JPEG quality
 * - extras: seal over the photo corner, emblem, cartoon
 * Returns the JPEG, the page's pixel size and the face box in page pixels (null without photo).
 */
export async function certificate({ face = 0, photoMm = 25, tiltDeg = 0, background = 'blue', paper = 'white', mask = 'none', quality = 80, dpi = 200, seed = 1, at = [30, 60], sealOnPhoto = true, emblem: withEmblem = true, cartoon: withCartoon = false } = {}) {
  const pxMm = dpi / 25.4
  const W = Math.round(A4_MM[0] * pxMm)
  const H = Math.round(A4_MM[1] * pxMm)
  const px = Math.round(at[0] * pxMm)
  const py = Math.round(at[1] * pxMm)
  const pw = Math.round(photoMm * pxMm)
  const ph = Math.round(pw * 1.4)
  const layers = []
  let faceBox = null
  if (photoMm > 0) {
    const p = await portrait(face)
    // The person on the photo's background colour: keep the portrait, tint its top corners' flat colour.
    let photo = sharp(p.png).resize(pw, ph, { fit: 'cover', position: 'top' })
    const scale = Math.max(pw / p.width, ph / p.height)
    const offX = (p.width * scale - pw) / 2
    let rgb = await photo.removeAlpha().raw().toBuffer()
    if (background !== 'white') rgb = tintBackground(rgb, pw, ph, BACKGROUNDS[background])
    photo = sharp(rgb, { raw: { width: pw, height: ph, channels: 3 } })
    if (mask === 'mosaic') {
      // Strong mosaic: 6 blocks across the photo, about 3 across the face.
      const blocks = 6
      photo = sharp(await photo.resize(blocks, Math.round(blocks * 1.4), { kernel: 'cubic' }).png().toBuffer()).resize(pw, ph, { kernel: 'nearest' })
    } else if (mask === 'blur') {
      photo = photo.blur(Math.max(1, pw / 12))
    }
    let buf = await photo.png().toBuffer()
    if (mask === 'box') buf = await sharp({ create: { width: pw, height: ph, channels: 3, background: '#111111' } }).png().toBuffer()
    let left = px
    let top = py
    if (tiltDeg !== 0) {
      buf = await sharp(buf).rotate(tiltDeg, { background: PAPERS[paper] }).png().toBuffer()
      const m = await sharp(buf).metadata()
      left -= Math.round((m.width - pw) / 2)
      top -= Math.round((m.height - ph) / 2)
    }
    layers.push({ input: buf, left, top })
    const fx = px + (p.face.x * scale - offX)
    const fy = py + p.face.y * scale
    faceBox = [Math.round(fx), Math.round(fy), Math.round(fx + p.face.w * scale), Math.round(fy + p.face.h * scale)]
  }
  const inPhoto = (x, y, c) => photoMm > 0 && x + c > px - 20 && x < px + pw + 20 && y + c > py - 20 && y < py + ph + 20
  const svg = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">`,
    `<g fill="${paper === 'red' ? '#f6d44a' : '#222'}">${writing(W, H, dpi, seed, inPhoto)}</g>`,
    // A title line in heavy strokes.
    `<g fill="${paper === 'red' ? '#f6d44a' : '#a01010'}">${Array.from({ length: 8 }, (_, k) => `<rect x="${(W * 0.3 + k * W * 0.05).toFixed(1)}" y="${(H * 0.1).toFixed(1)}" width="${(W * 0.035).toFixed(1)}" height="${(W * 0.035).toFixed(1)}"/>`).join('')}</g>`,
    withEmblem ? emblem(W * 0.5, H * 0.05 + 12 * pxMm, 10 * pxMm) : '',
    withCartoon ? cartoon(W * 0.72, H * 0.62, 14 * pxMm) : '',
    '</svg>'].join('')
  // A 40 mm official seal whose ring crosses the photo's lower right corner, as seals on
  // certificates do (over the corner, not over the face).
  const r = 20 * pxMm
  const stampSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${seal(sealOnPhoto && photoMm > 0 ? px + pw + r * 0.8 : W * 0.7, sealOnPhoto && photoMm > 0 ? py + ph + r * 0.5 : H * 0.85, r)}</svg>`
  const jpeg = await sharp({ create: { width: W, height: H, channels: 3, background: PAPERS[paper] } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }, ...layers, { input: Buffer.from(stampSvg), left: 0, top: 0 }])
    .jpeg({ quality })
    .toBuffer()
  return { jpeg, width: W, height: H, faceBox }
}

/** Pixels near the colour of the photo's top corners (the studio backdrop) take the backdrop colour. */
function tintBackground(rgb, w, h, hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  const out = Buffer.from(rgb)
  const corner = (x, y) => [rgb[(y * w + x) * 3], rgb[(y * w + x) * 3 + 1], rgb[(y * w + x) * 3 + 2]]
  const refs = [corner(2, 2), corner(w - 3, 2)]
  for (let y = 0; y < h * 0.6; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 3
      if (refs.some((c) => Math.abs(rgb[p] - c[0]) + Math.abs(rgb[p + 1] - c[1]) + Math.abs(rgb[p + 2] - c[2]) < 60) && (x < w * 0.22 || x > w * 0.78 || y < h * 0.08)) {
        out[p] = r
        out[p + 1] = g
        out[p + 2] = b
      }
    }
  }
  return out
}

/**
 * The generated set: every face once as a certificate photo, the size, tilt, background, paper
 * and JPEG quality varied across faces, each with its masked twins; plus pages without photos.
 */
export function faceSet() {
  const cases = []
  const sizes = [25, 22, 33, 40, 25, 28]
  const tilts = [0, 4, -7, 0, 10, -3]
  const backs = ['blue', 'white', 'red']
  const papers = ['white', 'cream', 'white', 'red']
  const qualities = [85, 60, 40, 75]
  FACES.forEach((_, i) => {
    const base = { face: i, photoMm: sizes[i % sizes.length], tiltDeg: tilts[i % tilts.length], background: backs[i % backs.length], paper: papers[i % papers.length], quality: qualities[i % qualities.length], dpi: i % 2 ? 200 : 300, seed: i + 1, at: [25 + (i % 3) * 50, 50 + (i % 4) * 40] }
    cases.push({ name: `face ${i + 1}`, face: true, args: base })
    for (const mask of ['box', 'mosaic', 'blur']) cases.push({ name: `face ${i + 1} ${mask}`, face: false, args: { ...base, mask } })
  })
  cases.push({ name: 'text page', face: false, args: { photoMm: 0, emblem: false, sealOnPhoto: false } })
  cases.push({ name: 'seal and emblem', face: false, args: { photoMm: 0, emblem: true, sealOnPhoto: false, paper: 'cream' } })
  cases.push({ name: 'red certificate', face: false, args: { photoMm: 0, emblem: true, paper: 'red' } })
  cases.push({ name: 'cartoon', face: false, args: { photoMm: 0, cartoon: true, emblem: false } })
  return cases
}

export function readDemo(sample) {
  return readFileSync(join(DEMO_DIR, `sample${sample}.jpg`))
}
