#!/usr/bin/env node
// npm run bench: what reading the scans for evidence (issue 13) adds to a check. Reading is a pure
// function of the inspection's facts (the OCR lines are already there), so it is measured apart:
// a cold check of examples/scan-contradicts (inspection with OCR, no cache) once, then
// readEvidence over its files and the four evidence.* rules, repeated and averaged, against it.
// Needs a build (dist/).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = (p) => import(join(root, 'dist', p))
const { checkPackage } = await dist('core/check-package.js')
const { readEvidence } = await dist('evidence/read.js')
const { runRules } = await dist('core/run-rules.js')
const { RULES } = await dist('rules/index.js')
const { loadManifestText } = await dist('manifest/load.js')
const { fileRefs } = await dist('manifest/file-refs.js')
const { loadPolicy } = await dist('policy/load.js')

const pkg = join(root, 'examples', 'scan-contradicts')
const cache = mkdtempSync(join(tmpdir(), 'zc-bench-evidence-'))
const REPEAT = Number(process.env.BENCH_RUNS ?? 200)
try {
  const opts = { today: '2024-08-05', lang: 'zh', cwd: root, jobs: availableParallelism(), cacheDir: cache }
  let t = performance.now()
  const cold = await checkPackage(pkg, opts)
  const coldMs = performance.now() - t
  const facts = cold.facts
  const pages = [...facts.values()].reduce((n, f) => n + (f.scan?.pages.filter((p) => p.ocr?.status === 'read').length ?? 0), 0)

  // Reading: every file's fields from its facts.
  t = performance.now()
  for (let i = 0; i < REPEAT; i++) for (const f of facts.values()) readEvidence(f)
  const readMs = (performance.now() - t) / REPEAT

  // The evidence rules on the same facts (each reads the files it compares again, as in a check).
  const manifest = loadManifestText(readFileSync(join(pkg, 'manifest.yaml'), 'utf8'))
  const policy = loadPolicy('aksu-2024')
  const refs = fileRefs(manifest.data)
  const ctx = { manifest, policy: policy.values, calendar: policy.calendar, today: '2024-08-05', fileRefs: refs, facts, outside: [], packageFiles: [], resolved: new Map(refs.map((r) => [r.pointer, r.path])) }
  const evidenceRules = RULES.filter((r) => r.id.startsWith('evidence.'))
  t = performance.now()
  for (let i = 0; i < REPEAT; i++) runRules(evidenceRules, ctx, 'zh')
  const rulesMs = (performance.now() - t) / REPEAT

  const found = cold.report.findings.filter((f) => f.rule.startsWith('evidence.')).length
  console.log(`evidence: examples/scan-contradicts, ${facts.size} files, ${pages} pages read by OCR, ${availableParallelism()} cores`)
  console.log(`  cold check (inspection + OCR + rules + report): ${(coldMs / 1000).toFixed(1)} s`)
  console.log(`  reading every file's fields from its facts:      ${readMs.toFixed(2)} ms`)
  console.log(`  the four evidence.* rules (reading included):    ${rulesMs.toFixed(2)} ms (${found} findings)`)
  console.log(`  reading adds ${(((readMs + rulesMs) / coldMs) * 100).toFixed(3)} % to the cold check`)
} finally {
  rmSync(cache, { recursive: true, force: true })
}
