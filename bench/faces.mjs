#!/usr/bin/env node
// npm run bench, part 3: redaction.photo-leak on the generated set (bench/face-set.mjs: the 22
// faces of face-api's demo photos composited onto certificates at 22–40 mm, tilted up to 10°, on
// blue/red/white backdrops and white/cream/red paper, JPEG q40–85, 200/300 dpi, each with a
// box, a mosaic and a blur twin, plus 4 pages without a photo), and on the shared corpus (61
// real files, 90 pages: text pages, stamps, logos, photos of objects), where no face may be found.
// Reports recall, false alarms and the CPU the photo check adds to a page: decoding the page's
// picture to 150 dpi RGB plus the detector (the inspection's own decode is not counted), median
// and worst over the set. Needs a build (dist/).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { certificate, faceSet, SOURCE } from './face-set.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { loadDetector } = await import(join(root, 'dist/inspect/faces.js'))
const { facesOnPicture } = await import(join(root, 'dist/inspect/page-faces.js'))
const { inspectBytes } = await import(join(root, 'dist/inspect/inspect-bytes.js'))
const { DEFAULT_LIMITS } = await import(join(root, 'dist/inspect/limits.js'))

const A4 = [0, 0, 595.3, 841.9]
const cpuOf = async (fn) => {
  const s = process.cpuUsage()
  const out = await fn()
  const c = process.cpuUsage(s)
  return { out, cpu: (c.user + c.system) / 1e6 }
}

let s0 = process.cpuUsage()
await loadDetector()
const load = process.cpuUsage(s0)
console.log(`photo check: detector load ${((load.user + load.system) / 1e6).toFixed(2)} core-s once per worker; faces from ${SOURCE}`)

const tally = { faces: 0, found: 0, masked: 0, maskedAlarms: 0, blank: 0, blankAlarms: 0, wrongPlace: 0 }
const costs = []
const misses = []
for (const c of faceSet()) {
  const cert = await certificate(c.args)
  const { out: faces, cpu } = await cpuOf(() => facesOnPicture(sharp(cert.jpeg), A4))
  costs.push(cpu)
  if (c.face) {
    tally.faces++
    if (faces.length > 0) {
      tally.found++
      // The face box in points: its centre must lie on the true face.
      const k = 72 / c.args.dpi
      const [l, t, r, b] = cert.faceBox.map((v) => v * k)
      if (!faces.some((f) => { const x = (f.box[0] + f.box[2]) / 2; const y = (f.box[1] + f.box[3]) / 2; return x >= l && x <= r && y >= t && y <= b })) tally.wrongPlace++
    } else misses.push(`${c.name} (${c.args.photoMm} mm, tilt ${c.args.tiltDeg}°, ${c.args.background}, q${c.args.quality})`)
  } else if (c.args.mask) {
    tally.masked++
    if (faces.length > 0) tally.maskedAlarms++
  } else {
    tally.blank++
    if (faces.length > 0) tally.blankAlarms++
  }
}
const first = costs[0]
costs.sort((a, b) => a - b)
const median = costs[Math.floor(costs.length / 2)]
const p90 = costs[Math.floor(costs.length * 0.9)]
console.log(`generated set: recall ${tally.found}/${tally.faces} (${Math.round((100 * tally.found) / tally.faces)} %), ${tally.wrongPlace} found in the wrong place; false alarms ${tally.maskedAlarms}/${tally.masked} masked twins (box, mosaic, blur), ${tally.blankAlarms}/${tally.blank} pages without a photo`)
console.log(`cost per page (decode to 150 dpi + detector): median ${median.toFixed(3)} core-s, 90th percentile ${p90.toFixed(3)}, worst ${costs.at(-1).toFixed(3)} (the first page after loading: ${first.toFixed(3)}, the WASM kernels warming up), over ${costs.length} A4 pages`)
if (misses.length > 0) console.log(`missed: ${misses.join('; ')}`)

// The shared corpus: inspection as the checker runs it; a face there is a false alarm.
const corpus = resolve(root, '../shared/corpus')
let files = []
try {
  for (const d of readdirSync(corpus)) if (statSync(join(corpus, d)).isDirectory()) for (const f of readdirSync(join(corpus, d))) files.push(join(corpus, d, f))
} catch {
  files = []
}
if (files.length === 0) console.log('corpus: ../shared/corpus not found, skipped')
else {
  let pages = 0
  const alarms = []
  for (const f of files.sort()) {
    const bytes = new Uint8Array(readFileSync(f))
    const r = await inspectBytes({ bytes, sizeBytes: bytes.length, limits: DEFAULT_LIMITS })
    pages += r.scan.pages.length
    for (const p of r.scan.pages) for (const face of p.faces ?? []) if (!face.covered) alarms.push(`${f.slice(corpus.length + 1)} p${p.page}`)
  }
  console.log(`corpus: ${files.length} files, ${pages} pages, ${alarms.length} photo finding(s)${alarms.length ? `: ${alarms.join(', ')}` : ''}`)
}
