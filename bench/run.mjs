#!/usr/bin/env node
// npm run bench: times `zhicheng-check check` on a package of ~15 scans, cold (empty cache) and
// warm (cached), next to the native tools a user would otherwise run on the same files in the
// same run: pdfinfo + pdftotext on each PDF, exiftool (or ImageMagick identify) on every file.
// Targets (issue 4): cold within 2× of the native tools, warm at least 10× faster than cold;
// (issue 11) the cold default check, which reads every scanned page, within 15 s on 2 cores; and
// the same files as full pages of dense text, printed without a target (what density costs).
// Needs a build (dist/) and the dev dependencies (sharp, pdf-lib) to make the package.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { stringify, parse } from 'yaml'
import { availableFonts, certificate, prng, seedOfKind } from './certificates.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const corpus = resolve(root, '../shared/corpus')
const bin = join(root, 'bin', 'zhicheng-check.js')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

// ---- the package ------------------------------------------------------------------------
const SENTENCES = [
  '根据阿克苏地区职称工作安排，现将有关事项通知如下。', '申报人员应如实填写申报材料，对材料的真实性负责。', '单位应对申报材料进行审核，并在本单位公示五个工作日。',
  '继续教育学时按年度累计，公需科目与专业科目分别计算。', '评审委员会按照评审标准对申报材料进行审核和评议。', '任现职以来，负责版面策划与编辑，完成多项重点报道任务。',
]
/** A page of Chinese text (the CJK font, through librsvg): what OCR reads on a real scan. */
function textPage(dpi, seed) {
  const w = Math.round(8.27 * dpi)
  const h = Math.round(11.69 * dpi)
  const size = (10.5 / 72) * dpi
  const lines = []
  let i = seed
  for (let y = h * 0.12; y < h * 0.88; y += size * 1.9) lines.push(`<text x="${(w * 0.12).toFixed(1)}" y="${y.toFixed(1)}">${SENTENCES[i++ % SENTENCES.length]}${SENTENCES[(i * 7) % SENTENCES.length]}</text>`)
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f7f5f0"/><g font-family="WenQuanYi Micro Hei" font-size="${size.toFixed(1)}" fill="#222">${lines.join('')}</g></svg>`))
}

async function scanJpeg(dpi, seed) {
  return textPage(dpi, seed).jpeg({ quality: 85 }).toBuffer()
}

/**
 * A letter as a unit writes one (a notice, a recommendation, a pledge): a title, ten to sixteen
 * lines of 12–14 pt text in one of the machine's CJK fonts, a signature and a date.
 */
async function letterJpeg(dpi, seed, title) {
  const r = prng(seed)
  const between = (a, b) => a + r() * (b - a)
  const fonts = availableFonts()
  const font = fonts[Math.floor(r() * fonts.length)]
  const w = Math.round(8.27 * dpi)
  const h = Math.round(11.69 * dpi)
  const size = (between(12, 14) / 72) * dpi
  const left = w * between(0.1, 0.14)
  const lines = [`<text x="${w / 2}" y="${(h * 0.1).toFixed(1)}" font-size="${(size * 1.6).toFixed(1)}" text-anchor="middle" font-weight="bold">${title}</text>`]
  const count = 10 + Math.floor(r() * 7)
  let y = h * 0.1 + size * 3
  for (let i = 0; i < count; i++, y += size * between(1.7, 2.1)) {
    const sentence = SENTENCES[Math.floor(r() * SENTENCES.length)]
    // Most lines run to the margin (about 30 characters at 12–14 pt); a paragraph's last is shorter.
    const text = r() < 0.75 ? (sentence + SENTENCES[(i + seed) % SENTENCES.length]).slice(0, Math.floor((w - 2 * left) / size)) : sentence
    lines.push(`<text x="${(left + (i === 0 ? 2 * size : 0)).toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(1)}">${text}</text>`)
  }
  y += size * 3
  lines.push(`<text x="${(w - left).toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(1)}" text-anchor="end">（盖章）</text>`)
  lines.push(`<text x="${(w - left).toFixed(1)}" y="${(y + size * 2).toFixed(1)}" font-size="${size.toFixed(1)}" text-anchor="end">2024年7月${10 + (seed % 18)}日</text>`)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f9f7f2"/><g font-family="${font}" fill="#1e1e1e">${lines.join('')}</g></svg>`
  return sharp(Buffer.from(svg)).rotate(between(-1.5, 1.5), { background: '#f9f7f2' }).jpeg({ quality: Math.round(between(70, 90)) }).toBuffer()
}

/** A generated certificate of the kind titled `title` (bench/certificates.mjs), and its resolution. */
async function certificateJpeg(title, from) {
  const { jpeg, dpi } = await certificate(seedOfKind(title, from))
  return { jpeg, dpi }
}

async function pdfOf(pages) {
  const doc = await PDFDocument.create()
  for (const { jpeg, dpi } of pages) {
    const img = await doc.embedJpg(jpeg)
    doc.addPage([(img.width * 72) / dpi, (img.height * 72) / dpi]).drawImage(img, { x: 0, y: 0, width: (img.width * 72) / dpi, height: (img.height * 72) / dpi })
  }
  return Buffer.from(await doc.save())
}

async function scanPdf(pages, dpi, seed) {
  return pdfOf(await Promise.all(Array.from({ length: pages }, async (_, i) => ({ jpeg: await scanJpeg(dpi, seed + i), dpi }))))
}

/**
 * The bench's package, in two versions of the same 15 files and 18 scanned pages:
 *  - 'title': what an applicant uploads. Certificates are certificates (generated: fonts, layouts,
 *    stamps, noise, blur, skew, 150–300 dpi), the unit's letters and the pledge are letters, the
 *    published work is three full pages of 10.5 pt text, and five real files from the corpus.
 *  - 'dense': every generated page a full A4 page of 10.5 pt text (about 1 650 characters), the
 *    worst case for OCR, whose cost grows with the characters on a page.
 */
async function makePackage(dir, style) {
  const files = {}
  const cert = async (title, from) => (style === 'dense' ? { jpeg: await scanJpeg(300, from), dpi: 300 } : certificateJpeg(title, from))
  const letter = async (dpi, seed, title) => ({ jpeg: style === 'dense' ? await scanJpeg(dpi, seed) : await letterJpeg(dpi, seed, title), dpi })
  files['files/学历证书.pdf'] = await pdfOf([await cert('普通高等学校毕业证书', 1)])
  files['files/学位证书.pdf'] = await pdfOf([await cert('普通高等学校毕业证书', 40)])
  files['files/学信网备案表.pdf'] = await pdfOf([await letter(200, 3, '教育部学历证书电子注册备案表')])
  files['files/继续教育/2021公需课.pdf'] = await pdfOf([await cert('继续教育培训合格证书', 4), await cert('继续教育培训合格证书', 50)])
  files['files/普通话证书.jpg'] = (await cert('普通话水平测试等级证书', 5)).jpeg
  files['files/附件/单位公示.pdf'] = await pdfOf([await letter(200, 6, '公示')])
  files['files/附件/公示结果.pdf'] = await pdfOf([await letter(200, 7, '公示结果')])
  files['files/附件/单位推荐意见.pdf'] = await pdfOf([await letter(200, 8, '单位推荐意见'), await letter(200, 9, '单位推荐意见（续）')])
  files['files/附件/个人承诺书.jpg'] = (await letter(200, 10, '个人承诺书')).jpeg
  files['files/业绩/代表作一.pdf'] = await scanPdf(3, 200, 10)
  // real files when the shared corpus is there: a real scanner's pages, JBIG2, CMYK, big PNG
  const real = ['pdf-rotated/pypdf_indirect-rotation.pdf', 'pdf-valid/ocrmypdf_linn.pdf', 'img-misc/ocrmypdf_typewriter.png', 'img-misc/ocrmypdf_baiona_cmyk.jpg', 'img-exif-orientation/exifsamples_landscape_6.jpg']
  const extra = []
  for (const [i, rel] of real.entries()) {
    const name = `files/业绩/材料${i + 2}.${rel.split('.').pop()}`
    if (existsSync(join(corpus, rel))) {
      mkdirSync(dirname(join(dir, name)), { recursive: true })
      copyFileSync(join(corpus, rel), join(dir, name))
    } else {
      files[name] = i % 2 ? await scanJpeg(250, 20 + i) : await scanPdf(2, 250, 20 + i)
    }
    extra.push(name)
  }
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true })
    writeFileSync(join(dir, rel), bytes)
  }
  const manifest = parse(readFileSync(join(root, 'examples', 'clean', 'manifest.yaml'), 'utf8'))
  manifest.attachments.commitment = 'files/附件/个人承诺书.jpg'
  manifest.achievements = [...manifest.achievements, ...extra.map((file, i) => ({ title: `材料${i + 2}`, file }))]
  writeFileSync(join(dir, 'manifest.yaml'), stringify(manifest))
  return [...Object.keys(files), ...extra].map((rel) => join(dir, rel))
}

// ---- timing -----------------------------------------------------------------------------
function time(fn) {
  const t0 = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t0) / 1e6
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
function check(pkg, cacheHome, extra = []) {
  const jobs = process.env.BENCH_JOBS ? ['--jobs', process.env.BENCH_JOBS] : []
  const r = spawnSync(process.execPath, [bin, 'check', pkg, '--format', 'json', '--today', '2024-08-05', ...jobs, ...extra], {
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1' },
    encoding: 'utf8',
  })
  if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${r.status}): ${r.stderr}`)
  return r.stdout
}

function native(files, imageTool) {
  for (const f of files) {
    if (f.endsWith('.pdf')) {
      execFileSync('pdfinfo', [f], { stdio: 'ignore' })
      execFileSync('pdftotext', [f, '-'], { stdio: 'ignore' })
    }
    if (imageTool === 'exiftool') execFileSync('exiftool', ['-s', f], { stdio: 'ignore' })
    else if (imageTool === 'identify') execFileSync('identify', ['-verbose', f], { stdio: 'ignore' })
  }
}

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: build first (npm run build)')
  process.exit(2)
}
const work = mkdtempSync(join(tmpdir(), 'zc-bench-'))
try {
  const pkg = join(work, 'pkg')
  mkdirSync(pkg)
  const files = await makePackage(pkg, 'title')
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0)
  console.log(`package: ${files.length} files, ${(bytes / 1048576).toFixed(1)} MB (${files.filter((f) => f.endsWith('.pdf')).length} PDF): certificates, letters, 3 dense pages of a published work, 5 real files`)
  check(pkg, join(work, 'warmup')) // load the OS file cache, as the native runs get too

  const cold = []
  const warm = []
  const nocache = []
  let coldOut
  let warmOut
  for (let i = 0; i < RUNS; i++) {
    const cache = join(work, `cache-${i}`)
    cold.push(time(() => (coldOut = check(pkg, cache))))
    warm.push(time(() => (warmOut = check(pkg, cache))))
    nocache.push(time(() => check(pkg, cache, ['--no-cache'])))
  }
  if (coldOut !== warmOut) throw new Error('cold and warm reports differ')
  const tools = []
  const pdfTools = has('pdfinfo') && has('pdftotext')
  if (!pdfTools) console.log('native: pdfinfo/pdftotext not installed (apt-get install poppler-utils)')
  for (const imageTool of ['exiftool', 'identify']) {
    if (!has(imageTool)) {
      console.log(`native: ${imageTool} not installed (${imageTool === 'exiftool' ? 'apt-get install libimage-exiftool-perl' : 'apt-get install imagemagick'})`)
      continue
    }
    if (pdfTools) tools.push({ name: `pdfinfo + pdftotext + ${imageTool}`, ms: median(Array.from({ length: RUNS }, () => time(() => native(files, imageTool)))) })
  }
  if (pdfTools && tools.length === 0) tools.push({ name: 'pdfinfo + pdftotext', ms: median(Array.from({ length: RUNS }, () => time(() => native(files, null)))) })

  // What every run pays before checking anything: Node's start and loading the tool's modules.
  const startup = median(Array.from({ length: RUNS }, () => time(() => execFileSync(process.execPath, [bin, '--version'], { stdio: 'ignore' }))))
  const c = median(cold)
  const w = median(warm)
  const n = median(nocache)
  const f = (ms) => `${(ms / 1000).toFixed(2)} s`
  console.log(`median of ${RUNS} runs, --jobs ${process.env.BENCH_JOBS ?? availableParallelism()} (BENCH_JOBS, BENCH_RUNS to change):`)
  const row = (label, ms, note = '') => console.log(`  ${label.padEnd(44)}${f(ms).padStart(8)}${note}`)
  row('zhicheng-check, cold (empty cache)', c)
  row('zhicheng-check, warm (cached)', w, `   cold/warm   = ${(c / w).toFixed(1)}× (target ≥ 10×)`)
  row('start-up (zhicheng-check --version)', startup, `   cold/warm without it = ${((c - startup) / (w - startup)).toFixed(1)}×`)
  row('zhicheng-check --no-cache', n)
  for (const t of tools) row(`native: ${t.name}`, t.ms, `   cold/native = ${(c / t.ms).toFixed(2)}× (target ≤ 2×)`)

  // OCR of the image-only pages is part of the default check (issue 11): the cold check above
  // read them all. What OCR costs is the cold check less a cold --no-ocr check, per page read.
  // Target: the 15-file package cold within 15 s on 2 cores, ≤ 1.0 core-second per page.
  const pages = JSON.parse(coldOut).summary.ocr.read
  if (JSON.parse(coldOut).summary.ocr.failed.length > 0) throw new Error('the default check left pages unread')
  const quick = median(Array.from({ length: RUNS }, (_, i) => time(() => check(pkg, join(work, `quick-${i}`), ['--no-ocr']))))
  row(`zhicheng-check --no-ocr, cold (${pages} image-only pages not read)`, quick)
  console.log(`  cold default check: ${f(c)} (${c <= 15_000 ? 'within' : 'OVER'} 15 s, target) for ${files.length} files, ${pages} scanned pages read`)
  const jobs = Number(process.env.BENCH_JOBS ?? availableParallelism())
  if (pages > 0) console.log(`  OCR per page (cold − cold --no-ocr) / pages: ${((c - quick) / pages / 1000).toFixed(2)} s on ${jobs} worker(s), so ${(((c - quick) / pages / 1000) * jobs).toFixed(2)} s of one core (wall time × workers, an upper bound)`)

  // The worst case: the same 15 files with every generated page a full page of 10.5 pt text.
  // OCR's cost grows with the characters read; no target, the figure says what density costs.
  const dense = join(work, 'dense')
  mkdirSync(dense)
  await makePackage(dense, 'dense')
  let denseOut
  const d = median(Array.from({ length: Math.min(RUNS, 3) }, (_, i) => time(() => (denseOut = check(dense, join(work, `dense-${i}`))))))
  const densePages = JSON.parse(denseOut).summary.ocr.read
  if (JSON.parse(denseOut).summary.ocr.failed.length > 0) throw new Error('the default check left dense pages unread')
  row(`dense package, cold (${densePages} pages of ~1 650 characters)`, d, `   ${(d / 1000 / densePages).toFixed(2)} s a page on ${jobs} worker(s)`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
