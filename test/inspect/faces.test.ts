// redaction.photo-leak, from pixels to finding. Real faces (the demo photos @vladmandic/face-api
// ships in its npm tarball, MIT; read in place, see bench/face-set.mjs) are composited onto
// generated certificates at several sizes, tilts, backgrounds, papers and JPEG qualities, each
// with masked twins (solid box, strong mosaic, strong blur). The cases below are the ones of the
// generated set the detector finds; its recall over the whole set is reported by `npm run bench`.
import { PDFDocument, rgb } from 'pdf-lib'
import sharp from 'sharp'
import { describe, expect, test, vi } from 'vitest'
// @ts-expect-error: a plain .mjs module shared with the bench
import { certificate, hasDemoPhotos } from '../../bench/face-set.mjs'
import type { Face, ScanFacts } from '../../src/inspect/facts.js'
import { detectFaces, flatShare, MIN_FACE_MM, photoRegions, type RgbImage } from '../../src/inspect/faces.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import { markCovered } from '../../src/inspect/page-faces.js'
import { redactionPhotoLeak } from '../../src/rules/redaction/photo.js'
import { runRule } from '../helpers/rule-cases.js'

// Making a 300 dpi certificate and looking at it takes 1–5 s on a busy 2-core machine: time never decides here.
vi.setConfig({ testTimeout: 180_000 })

type Cert = { jpeg: Buffer; width: number; height: number; faceBox: [number, number, number, number] | null }
type CertArgs = Record<string, unknown>

const PX_PER_MM = 150 / 25.4

/** The certificate as the inspection sees it: RGB at 150 dpi on A4. */
async function raster(jpeg: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(jpeg).resize(1240, 1754, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data: new Uint8Array(data), width: info.width, height: info.height }
}

/** The centre of the found box lies inside the true face box (both at 150 dpi). */
function onTheFace(found: [number, number, number, number], cert: Cert, dpi: number): boolean {
  const k = 150 / dpi
  const [l, t, r, b] = cert.faceBox!.map((v) => v * k) as [number, number, number, number]
  const cx = (found[0] + found[2]) / 2
  const cy = (found[1] + found[3]) / 2
  return cx >= l && cx <= r && cy >= t && cy <= b
}

test('the demo photos ship with npm ci (no skip: the test data is a dependency)', () => {
  expect(hasDemoPhotos()).toBe(true)
})

// Faces of the generated set that are found (bench/faces.mjs lists all), varied as certificates are.
const FIRES: Array<[string, CertArgs]> = [
  ['25 mm ID photo, blue backdrop, white paper, q85, 300 dpi', { face: 0, photoMm: 25, background: 'blue', paper: 'white', quality: 85, dpi: 300 }],
  ['33 mm photo tilted 7°, red backdrop, white paper, q40', { face: 2, photoMm: 33, tiltDeg: -7, background: 'red', quality: 40, dpi: 300, at: [125, 130] }],
  ['40 mm photo on red certificate paper, q60, 200 dpi', { face: 3, photoMm: 40, background: 'white', paper: 'red', quality: 60, dpi: 200, at: [25, 160] }],
  ['25 mm photo under a red seal, q40', { face: 6, photoMm: 25, background: 'blue', quality: 40, dpi: 300, at: [25, 130] }],
  ['33 mm photo tilted 10°, cream paper', { face: 20, photoMm: 33, tiltDeg: 10, background: 'red', paper: 'cream', quality: 75, dpi: 300, at: [125, 60] }],
]

describe('a face on a certificate fires; its masked twins stay silent', () => {
  test.for(FIRES)('%s', async ([, args]) => {
    const cert: Cert = await certificate(args)
    const faces = await detectFaces(await raster(cert.jpeg), PX_PER_MM)
    expect(faces.length).toBe(1)
    expect(onTheFace(faces[0]!.box, cert, Number(args.dpi ?? 200))).toBe(true)
  })
  const twins = FIRES.flatMap(([name, args]) => (['box', 'mosaic', 'blur'] as const).map((mask) => [`${name}, ${mask}`, { ...args, mask }] as [string, CertArgs]))
  test.for(twins)('masked: %s', async ([, args]) => {
    const cert: Cert = await certificate(args)
    expect(await detectFaces(await raster(cert.jpeg), PX_PER_MM)).toEqual([])
  })
})

describe('pages without a photo stay silent', () => {
  test.for([
    ['writing, a title line', { photoMm: 0, emblem: false, sealOnPhoto: false }],
    ['a red seal with a star and an emblem on cream paper', { photoMm: 0, emblem: true, sealOnPhoto: false, paper: 'cream' }],
    ['a red certificate with an emblem', { photoMm: 0, emblem: true, paper: 'red' }],
    ['a cartoon face (a 代表作 illustration)', { photoMm: 0, cartoon: true, emblem: false }],
  ] as Array<[string, CertArgs]>)('%s', async ([, args]) => {
    const cert: Cert = await certificate(args)
    expect(await detectFaces(await raster(cert.jpeg), PX_PER_MM)).toEqual([])
  })
})

describe('edges', () => {
  test(`a face narrower than ${MIN_FACE_MM} mm on paper is not reported (a 10 mm photo, face ~5 mm)`, async () => {
    const cert: Cert = await certificate({ face: 3, photoMm: 10, background: 'white', quality: 85, dpi: 300 })
    expect(await detectFaces(await raster(cert.jpeg), PX_PER_MM)).toEqual([])
  })
  test('the same face found whole and in its region is one face', async () => {
    const cert: Cert = await certificate({ face: 3, photoMm: 40, background: 'white', paper: 'red', quality: 60, dpi: 200, at: [25, 160] })
    expect((await detectFaces(await raster(cert.jpeg), PX_PER_MM)).length).toBe(1)
  })
  test('the photo is found as a photo-like region; writing, seal and title line are not', async () => {
    const cert: Cert = await certificate({ face: 0, photoMm: 25, dpi: 300, emblem: false })
    const regions = photoRegions(await raster(cert.jpeg), PX_PER_MM)
    expect(regions.length).toBe(1)
    const [l, t, r, b] = regions[0]!
    expect(onTheFace([l, t, r, b], cert, 300)).toBe(true)
  })
  test('a flat drawn colour measures flat, a photo does not', async () => {
    const flat: RgbImage = { data: new Uint8Array(30 * 30 * 3).fill(200), width: 30, height: 30 }
    expect(flatShare(flat, [0, 0, 30, 30])).toBe(1)
  })
  test('bad input: empty, tiny or short pixel data gives no face and no crash', async () => {
    expect(await detectFaces({ data: new Uint8Array(0), width: 0, height: 0 }, PX_PER_MM)).toEqual([])
    expect(await detectFaces({ data: new Uint8Array(10), width: 100, height: 100 }, PX_PER_MM)).toEqual([])
    expect(await detectFaces({ data: new Uint8Array(20 * 20 * 3), width: 20, height: 20 }, PX_PER_MM)).toEqual([])
  })
  test('a box drawn after the picture over most of the face covers it; one over a corner does not', () => {
    const face: Face = { box: [100, 100, 150, 160], score: 0.9 }
    expect(markCovered([face], [[90, 90, 160, 170]])[0]!.covered).toBe(true)
    expect(markCovered([face], [[140, 150, 200, 200]])[0]!.covered).toBeUndefined()
  })
})

// Through the inspection as the checker runs it, then the rule.
async function inspect(bytes: Uint8Array): Promise<ScanFacts> {
  const facts = await inspectBytes({ bytes: new Uint8Array(bytes), sizeBytes: bytes.length, limits: DEFAULT_LIMITS })
  expect(facts.scan.readable).toBe(true)
  return facts.scan
}

async function pdfOf(jpeg: Buffer, mask?: { xMm: number; yMm: number; wMm: number; hMm: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595.28, 841.89])
  page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: 595.28, height: 841.89 })
  const pt = (mm: number) => (mm * 72) / 25.4
  if (mask) page.drawRectangle({ x: pt(mask.xMm), y: 841.89 - pt(mask.yMm + mask.hMm), width: pt(mask.wMm), height: pt(mask.hMm), color: rgb(0, 0, 0) })
  return doc.save()
}

describe('inspection and rule: image files and PDF pages', () => {
  const args = { face: 0, photoMm: 25, background: 'blue', quality: 85, dpi: 300, at: [30, 60] }
  test('a JPEG certificate: the face with its box, and the rule says redaction.photo is wrong', async () => {
    const cert: Cert = await certificate(args)
    const scan = await inspect(cert.jpeg)
    expect(scan.faceCheck?.failed).toBeUndefined()
    const faces = scan.pages[0]!.faces ?? []
    expect(faces.length).toBe(1)
    const hits = runRule(redactionPhotoLeak, { scans: { 'files/普通话证书.jpg': scan } })
    expect(hits.map((h) => [h.messageId, h.file, h.page])).toEqual([['imageFaceFlagWrong', 'files/普通话证书.jpg', undefined]])
    // 30 mm from the left, 60 mm from the top is where the photo is; the face is inside it.
    expect(Number(hits[0]!.data!.x)).toBeGreaterThanOrEqual(28)
    expect(Number(hits[0]!.data!.x)).toBeLessThanOrEqual(45)
    expect(Number(hits[0]!.data!.y)).toBeGreaterThanOrEqual(58)
    expect(Number(hits[0]!.data!.y)).toBeLessThanOrEqual(80)
  })
  test('a scanned PDF page: fires with page and box; with a black box drawn over the photo, silent', async () => {
    const cert: Cert = await certificate(args)
    const open = await inspect(await pdfOf(cert.jpeg))
    const hits = runRule(redactionPhotoLeak, { scans: { 'files/学历证书.pdf': open }, set: { 'redaction.photo': false } })
    expect(hits.map((h) => [h.messageId, h.page])).toEqual([['face', 1]])
    const boxed = await inspect(await pdfOf(cert.jpeg, { xMm: 28, yMm: 58, wMm: 29, hMm: 39 }))
    expect(boxed.pages[0]!.faces?.every((f) => f.covered)).toBe(true)
    expect(runRule(redactionPhotoLeak, { scans: { 'files/学历证书.pdf': boxed } })).toEqual([])
  })
  test('the same bytes give the same facts (determinism)', async () => {
    const cert: Cert = await certificate(args)
    expect(JSON.stringify(await inspect(cert.jpeg))).toBe(JSON.stringify(await inspect(cert.jpeg)))
  })
})
