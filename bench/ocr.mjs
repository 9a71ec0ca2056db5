#!/usr/bin/env node
// npm run bench (part): the OCR of scanned pages on generated certificates (bench/certificates.mjs):
// recall of the applicant's name and employer on pages that show them, false alarms on their
// masked twins (欧**, ████, a black box, another person sharing the surname), and the OCR's cost
// per page in core-seconds (CPU time of the inspection with OCR minus without, on one thread).
// Targets (issue 11): recall ≥ 99 %, no false alarm, ≤ 1.0 core-second per A4 page.
// BENCH_OCR_DOCS (default 100) documents, each with its twin; half as JPEG, half as PDF pages.
import { PDFDocument } from 'pdf-lib'
import { availableParallelism } from 'node:os'
import { certificate } from './certificates.mjs'

const { inspectBytes } = await import('../dist/inspect/inspect-bytes.js')
const { DEFAULT_LIMITS } = await import('../dist/inspect/limits.js')
const { identityTerms } = await import('../dist/identity/match.js')
const { findInOcrLines } = await import('../dist/rules/redaction/leaks.js')
const { loadEngine } = await import('../dist/inspect/ocr-engine.js')

const DOCS = Number(process.env.BENCH_OCR_DOCS ?? 100)
const TWINS = ['stars', 'blocks', 'box', 'other']

async function asPdf(jpeg, dpi) {
  const doc = await PDFDocument.create()
  const img = await doc.embedJpg(jpeg)
  const page = doc.addPage([(img.width * 72) / dpi, (img.height * 72) / dpi])
  page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() })
  return new Uint8Array(await doc.save())
}

const cpu = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1e6
}

async function inspect(bytes, ocr) {
  const t = cpu()
  const { scan } = await inspectBytes({ bytes: bytes.slice(), sizeBytes: bytes.length, limits: DEFAULT_LIMITS, ocr })
  return { scan, s: cpu() - t }
}

/** The kinds of identity OCR finds on the page (name, employer). */
function found(scan, terms) {
  const ocr = scan.pages[0]?.ocr
  if (ocr?.status !== 'read') return { kinds: new Set(), status: ocr?.status ?? 'none' }
  // As redaction.ocr-leak reads the page: its lines in order, doubtful characters' runner-ups included.
  return { kinds: new Set(findInOcrLines(ocr.lines, terms).hits.map((h) => h.kind)), status: 'read' }
}

await loadEngine() // the model's load is paid once per worker, not per page
const costs = []
let names = 0
let employers = 0
let falseAlarms = 0
let unread = 0
const misses = []
const alarms = []
for (let seed = 1; seed <= DOCS; seed++) {
  const asPdfPage = seed % 2 === 0
  for (const twin of [null, TWINS[seed % TWINS.length]]) {
    const doc = await certificate(seed, twin)
    const bytes = asPdfPage ? await asPdf(doc.jpeg, doc.dpi) : new Uint8Array(doc.jpeg)
    const plain = await inspect(bytes, false)
    const read = await inspect(bytes, true)
    costs.push(Math.max(0, read.s - plain.s))
    const terms = identityTerms({ name: doc.name, employer: doc.employer })
    const { kinds, status } = found(read.scan, terms)
    if (status !== 'read') unread++
    if (twin === null) {
      if (kinds.has('name')) names++
      else misses.push(`seed ${seed} name (${doc.font}, ${doc.dpi} dpi, skew ${doc.skew.toFixed(1)}°)`)
      if (kinds.has('employer')) employers++
      else misses.push(`seed ${seed} employer (${doc.font}, ${doc.dpi} dpi, skew ${doc.skew.toFixed(1)}°)`)
    } else if (kinds.size > 0) {
      falseAlarms++
      alarms.push(`seed ${seed} ${twin}: ${[...kinds].join(', ')}`)
    }
  }
}
costs.sort((a, b) => a - b)
const mean = costs.reduce((a, b) => a + b, 0) / costs.length
const pct = (n) => `${((100 * n) / DOCS).toFixed(1)} %`
console.log(`OCR on ${DOCS} generated certificates and their ${DOCS} masked twins (${availableParallelism()} cores; fonts, layouts, 150–300 dpi, skew ≤ 3°, blur, noise, stamps, JPEG quality 45–90):`)
console.log(`  name found on the page that shows it      ${names}/${DOCS} = ${pct(names)} (target ≥ 99 %)`)
console.log(`  employer found on the page that shows it  ${employers}/${DOCS} = ${pct(employers)} (target ≥ 99 %)`)
console.log(`  false alarms on the masked twins          ${falseAlarms}/${DOCS} (target 0)`)
console.log(`  pages OCR could not read                  ${unread}`)
console.log(`  OCR cost per page (core-seconds)          mean ${mean.toFixed(2)}, median ${costs[Math.floor(costs.length / 2)].toFixed(2)}, p90 ${costs[Math.floor(costs.length * 0.9)].toFixed(2)} (target ≤ 1.0)`)
for (const m of misses.slice(0, 10)) console.log(`    missed: ${m}`)
for (const a of alarms.slice(0, 10)) console.log(`    false alarm: ${a}`)
