#!/usr/bin/env node
// npm run bench (second part): `zhicheng-check batch` on a unit of generated packages, 15 scans
// each (100 packages, 1,500 files), cold (empty cache) at 25, 50 and 100 packages to show the time
// grows linearly, then warm (cached), with files per second and peak memory (max RSS of the
// process, worker threads included), next to the native tools a person would otherwise run on
// the same files in the same run: pdfinfo + pdftotext on each PDF, exiftool on every file.
// Targets (issue 6): cold within 2× of the native tools, warm at least 10× faster than cold,
// peak memory under 1 GiB, time linear in the number of packages.
// Then sharding (issue 18): the largest unit as N shards (BENCH_SHARDS, default 3), each cold in
// a cache of its own as on separate machines, against the whole batch cold: one shard should take
// about 1/N of the time; `merge` of the shards must give the whole batch's JSON byte for byte.
// Needs a build (dist/). BENCH_BATCH_SIZES=5,10,20 for a quick run; BENCH_JOBS as in run.mjs;
// BENCH_OCR=0 adds --no-ocr to every run; BENCH_SHARD_ONLY=1 runs the sharding part only.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse, stringify } from 'yaml'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const mainUrl = pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href
const SIZES = (process.env.BENCH_BATCH_SIZES ?? '25,50,100').split(',').map(Number)
const JOBS = Number(process.env.BENCH_JOBS ?? availableParallelism())
const SHARDS = Number(process.env.BENCH_SHARDS ?? 3)
const OCR_FLAGS = process.env.BENCH_OCR === '0' ? ['--no-ocr'] : []
const SHARD_ONLY = process.env.BENCH_SHARD_ONLY === '1'

// ---- the unit: packages made of the examples' real generated scans ---------------------------
// Every file gets bytes of its own (a PDF comment after %%EOF, a JPEG COM segment), so no two
// files share a cache entry and the cold run really inspects all of them.
const clean = join(root, 'examples', 'clean')
const base = parse(readFileSync(join(clean, 'manifest.yaml'), 'utf8'))
const EXTRA_SOURCES = ['学位证书.pdf', '学信网备案表.pdf', '附件/单位推荐意见.pdf', '附件/单位公示.pdf', '业绩/代表作一.pdf'].map((f) =>
  join(root, 'examples', 'missing-pieces', 'files', f),
)

function unique(bytes, tag) {
  const note = Buffer.from(` zc-bench ${tag} `, 'latin1')
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const seg = Buffer.alloc(4)
    seg.writeUInt16BE(0xfffe, 0)
    seg.writeUInt16BE(note.length + 2, 2)
    return Buffer.concat([bytes.subarray(0, 2), seg, note, bytes.subarray(2)])
  }
  return Buffer.concat([bytes, Buffer.from(`\n%${note}\n`, 'latin1')])
}

function makePackage(dir, n) {
  const m = structuredClone(base)
  m.applicant.name = `申报人${String(n).padStart(3, '0')}`
  m.achievements = [...m.achievements, ...EXTRA_SOURCES.map((_, i) => ({ title: `材料${i + 2}`, file: `files/业绩/材料${i + 2}.pdf` }))]
  if (n % 5 === 0) m.mandarin.grade = '三级乙等' // some packages with errors, as in a real unit
  const files = []
  const put = (rel, bytes) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true })
    writeFileSync(join(dir, rel), unique(bytes, `${n}:${rel}`))
    files.push(join(dir, rel))
  }
  const named = new Set()
  const walk = (v) => (Array.isArray(v) ? v.forEach(walk) : v && typeof v === 'object' ? Object.values(v).forEach(walk) : typeof v === 'string' && v.startsWith('files/') && named.add(v))
  walk(base)
  for (const rel of named) put(rel, readFileSync(join(clean, rel)))
  EXTRA_SOURCES.forEach((src, i) => put(`files/业绩/材料${i + 2}.pdf`, readFileSync(src)))
  writeFileSync(join(dir, 'manifest.yaml'), stringify(m))
  return files
}

/** A ROOT with the first `count` packages, hard-linked (same bytes, no copy). */
function subsetRoot(work, all, count) {
  const r = join(work, `unit-${count}`)
  for (const file of all.slice(0, count).flatMap((p) => p.files.concat(join(p.dir, 'manifest.yaml')))) {
    const rel = file.slice(join(work, 'unit').length + 1)
    mkdirSync(dirname(join(r, rel)), { recursive: true })
    linkSync(file, join(r, rel))
  }
  return r
}

// ---- runs -----------------------------------------------------------------------------------
const WRAP = `const { main } = await import(${JSON.stringify(mainUrl)});
const code = await main(process.argv.slice(1));
process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code`

/**
 * CPU seconds used by this process's finished children (user + system, /proc/self/stat cutime and
 * cstime): what a run costs whatever else the machine is doing, unlike wall time. Linux only.
 */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return NaN
  }
}

function batch(unitRoot, cacheHome, extra = []) {
  return cli(['batch', unitRoot, '--format', 'json', '--today', '2024-08-05', '--jobs', String(JOBS), ...OCR_FLAGS, ...extra], cacheHome)
}

function cli(args, cacheHome) {
  const cpu0 = childCpuSeconds()
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', WRAP, '--', ...args], {
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1', CI: '1' },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args[0]} failed (${r.status}): ${r.stderr}`)
  const rssKb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN)
  return { ms, cpu: childCpuSeconds() - cpu0, rssMb: rssKb / 1024, out: r.stdout }
}

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0

/** Commands run `jobs` at a time, as the checker's workers are. */
async function runAll(commands, jobs) {
  let next = 0
  const worker = async () => {
    while (next < commands.length) {
      const [cmd, args] = commands[next++]
      await new Promise((res, rej) => spawn(cmd, args, { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${code}`)))).on('error', rej))
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker))
}

/**
 * The native tools on the same files, `jobs` commands at a time like the checker's workers:
 * per file, as run.mjs runs them (pdfinfo, pdftotext, exiftool each started once per file), and
 * with exiftool reading many files per start, as `exiftool -r DIR` would.
 */
async function native(files) {
  const pdfTools = files.filter((f) => f.endsWith('.pdf')).flatMap((f) => [
    ['pdfinfo', [f]],
    ['pdftotext', [f, '-']],
  ])
  const time = async (commands) => {
    const cpu0 = childCpuSeconds()
    const t0 = process.hrtime.bigint()
    await runAll(commands, JOBS)
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: childCpuSeconds() - cpu0 }
  }
  const perFile = await time([...pdfTools, ...files.map((f) => ['exiftool', ['-s', f]])])
  const per = Math.ceil(files.length / JOBS)
  const chunks = []
  for (let i = 0; i < files.length; i += per) chunks.push(['exiftool', ['-s', '-q', ...files.slice(i, i + per)]])
  const batched = await time([...pdfTools, ...chunks])
  return { perFile, batched }
}

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: build first (npm run build)')
  process.exit(2)
}
const work = mkdtempSync(join(tmpdir(), 'zc-bench-batch-'))
try {
  const max = Math.max(...SIZES)
  const all = []
  for (let n = 1; n <= max; n++) {
    const dir = join(work, 'unit', `第${String(Math.ceil(n / 10)).padStart(2, '0')}科室`, `p${String(n).padStart(3, '0')}`)
    mkdirSync(dir, { recursive: true })
    all.push({ dir, files: makePackage(dir, n) })
  }
  const files = all.flatMap((p) => p.files)
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0)
  console.log(`\nbatch: ${max} packages, ${files.length} files, ${(bytes / 1048576).toFixed(0)} MB (${files.filter((f) => f.endsWith('.pdf')).length} PDF), --jobs ${JOBS}`)

  const f = (ms) => `${(ms / 1000).toFixed(1)} s`
  if (!SHARD_ONLY) await scaling(all, files, max, work, f)
  await shards(work, max, f)
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** Cold at each size, warm at the largest, peak memory, the native tools. */
async function scaling(all, files, max, work, f) {
  const rows = []
  let cold100
  for (const size of SIZES) {
    const unit = size === max ? join(work, 'unit') : subsetRoot(work, all, size)
    const cache = join(work, `cache-${size}`)
    const cold = batch(unit, cache)
    rows.push({ label: `cold, ${size} packages`, size, files: all.slice(0, size).reduce((s, p) => s + p.files.length, 0), ...cold })
    if (size === max) {
      cold100 = cold
      const warm = batch(unit, cache)
      if (warm.out !== cold.out) throw new Error('cold and warm batch reports differ')
      rows.push({ label: `warm, ${size} packages`, size, files: files.length, ...warm })
    }
  }
  console.log(`  ${'run'.padEnd(24)}${'time'.padStart(9)}${'CPU'.padStart(9)}${'files/s'.padStart(10)}${'s/package'.padStart(11)}${'peak MB'.padStart(10)}`)
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(24)}${f(r.ms).padStart(9)}${`${r.cpu.toFixed(1)} s`.padStart(9)}${(r.files / (r.ms / 1000)).toFixed(0).padStart(10)}${(r.ms / 1000 / r.size).toFixed(3).padStart(11)}${r.rssMb.toFixed(0).padStart(10)}`,
    )
  }
  const colds = rows.filter((r) => r.label.startsWith('cold'))
  if (colds.length > 1) {
    const [a, b] = [colds[0], colds.at(-1)]
    console.log(`  linear: ${b.size}/${a.size} packages = ${(b.size / a.size).toFixed(1)}× the work, ${(b.ms / a.ms).toFixed(2)}× the time, ${(b.cpu / a.cpu).toFixed(2)}× the CPU`)
  }
  const warm = rows.find((r) => r.label.startsWith('warm'))
  console.log(`  cold/warm = ${(cold100.ms / warm.ms).toFixed(1)}× (target ≥ 10×)`)
  console.log(`  peak memory ${Math.max(...rows.map((r) => r.rssMb)).toFixed(0)} MB (target < 1024 MB)`)
  if (has('pdfinfo') && has('pdftotext') && has('exiftool')) {
    const n = await native(files)
    console.log(`  native on the same ${files.length} files, ${JOBS} commands at a time:`)
    const line = (label, t, note) =>
      console.log(`    ${label.padEnd(54)}${f(t.ms).padStart(8)} (CPU ${t.cpu.toFixed(1)} s)   cold/native = ${(cold100.ms / t.ms).toFixed(2)}× (CPU ${(cold100.cpu / t.cpu).toFixed(2)}×)${note}`)
    line('pdfinfo + pdftotext + exiftool, per file (as run.mjs)', n.perFile, ' (target ≤ 2×)')
    line('the same, exiftool reading many files per start', n.batched, '')
  } else {
    console.log('  native: pdfinfo/pdftotext/exiftool not installed (apt-get install poppler-utils libimage-exiftool-perl)')
  }
}

/** The whole unit cold, then each shard cold in a cache of its own; merge; compare. */
async function shards(work, max, f) {
  const unit = join(work, 'unit')
  const whole = batch(unit, join(work, 'cache-shard-whole'))
  console.log(`\nshards: ${max} packages in ${SHARDS} shards, each cold in its own cache${OCR_FLAGS.length ? ' (--no-ocr)' : ''}`)
  console.log(`  whole batch            ${f(whole.ms).padStart(8)}  CPU ${whole.cpu.toFixed(1)} s`)
  const outs = []
  for (let i = 1; i <= SHARDS; i++) {
    const out = join(work, `shard-${i}.json`)
    const r = batch(unit, join(work, `cache-shard-${i}`), ['--shard', `${i}/${SHARDS}`, '--output', out])
    const n = JSON.parse(readFileSync(out, 'utf8')).packages.length
    console.log(`  shard ${i}/${SHARDS} (${String(n).padStart(3)} pkgs)  ${f(r.ms).padStart(8)}  CPU ${r.cpu.toFixed(1)} s   = ${(r.ms / whole.ms).toFixed(2)} of the whole (1/${SHARDS} = ${(1 / SHARDS).toFixed(2)}; packages ${(n / max).toFixed(2)})`)
    outs.push(out)
  }
  const merged = cli(['merge', ...outs, '--format', 'json'], join(work, 'cache-merge'))
  console.log(`  merge                  ${f(merged.ms).padStart(8)}   byte-identical to the whole: ${merged.out === whole.out ? 'yes' : 'NO'}`)
  if (merged.out !== whole.out) throw new Error('merged shards differ from the whole batch')
}
