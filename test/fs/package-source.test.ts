import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkPackage, checkSource } from '../../src/core/check-package.js'
import { MemoryPackage } from '../../src/fs/memory-package.js'
import { PackageFs } from '../../src/fs/package-fs.js'
import type { PackageSource } from '../../src/fs/package-source.js'
import { ZipPackage } from '../../src/fs/zip-package.js'
import { MANIFEST_NAMES } from '../../src/manifest/load.js'
import { renderJson } from '../../src/report/json.js'
import { filesUnder } from '../hostile/helpers.js'
import { tmpDir, writePackage } from '../helpers/tmp-package.js'
import { makeZip } from '../helpers/zip.js'

// One way into a package (issue 16 §2): a folder, a zip read in place and a package in memory
// answer list, stat and read alike, so the checker cannot tell which one it reads.

const OWN_REPORT = '{\n  "tool": "zhicheng-check",\n  "version": "0.1.0"\n}\n'
const FILES: Record<string, string> = {
  'manifest.yaml': 'applicant: {}\n',
  'expected.yaml': 'x',
  '报告.json': OWN_REPORT,
  'notes.json': '{"mine": true}',
  'files/学历证书.pdf': '%PDF-1.4 a',
  'files/sub/b.jpg': 'b'.repeat(3000),
  'files/Thumbs.db': 'x',
  '.git/config': 'x',
  'files/.hidden.pdf': 'x',
}

async function sources(): Promise<Array<[string, PackageSource]>> {
  const root = tmpDir('zc-src-')
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(join(root, rel, '..'), { recursive: true })
    writeFileSync(join(root, rel), text)
  }
  const zip = join(tmpDir('zc-src-zip-'), 'p.zip')
  writeFileSync(zip, makeZip(Object.entries(FILES).map(([name, data]) => ({ name, data }))))
  return [
    ['folder', new PackageFs(root)],
    ['zip', await ZipPackage.open(zip, 'p.zip', MANIFEST_NAMES)],
    ['memory', new MemoryPackage(FILES)],
  ]
}

describe('folder, zip and memory answer alike', async () => {
  const all = await sources()
  test.for(all)('%s: list leaves out hidden files, non-uploads and the tool\'s own reports', async ([, pkg]) => {
    expect(await pkg.list()).toEqual(['files/sub/b.jpg', 'files/学历证书.pdf', 'notes.json'])
  })

  test.for(all)('%s: read is bounded (a head and the whole size past the bound); stat gives the size', async ([, pkg]) => {
    const whole = await pkg.read('files/学历证书.pdf', 1000)
    expect(whole.ok && [Buffer.from(whole.bytes).toString(), whole.sizeBytes]).toEqual(['%PDF-1.4 a', 10])
    const head = await pkg.read('files/sub/b.jpg', 100, 10)
    expect(head.ok && [head.bytes.length, head.sizeBytes]).toEqual([10, 3000])
    expect(await pkg.stat('files/sub/b.jpg')).toBe(3000)
    expect(await pkg.stat('files/none.pdf')).toBeUndefined()
    expect(await pkg.read('files/none.pdf', 100)).toMatchObject({ ok: false, why: 'missing' })
  })

  test.for(all)('%s: resolve refuses absolute paths and .. escapes, accepts \\', async ([, pkg]) => {
    expect(pkg.resolve('files\\sub\\b.jpg')).toMatchObject({ ok: true, rel: 'files/sub/b.jpg' })
    expect(pkg.resolve('./files/sub/../学历证书.pdf')).toMatchObject({ ok: true, rel: 'files/学历证书.pdf' })
    expect(pkg.resolve('../x.pdf')).toMatchObject({ ok: false, reason: 'escapes' })
    expect(pkg.resolve('/etc/passwd')).toMatchObject({ ok: false, reason: 'absolute' })
    expect(pkg.resolve('a\0b')).toMatchObject({ ok: false, reason: 'bad-path' })
  })
})

describe('a folder reads only inside itself, and never blocks', () => {
  test('a link out of the package is refused when read, not followed; a FIFO is not-a-file at once', async () => {
    const outside = tmpDir('zc-outside-')
    writeFileSync(join(outside, 'secret.pdf'), 'secret')
    const root = tmpDir('zc-src-')
    symlinkSync(join(outside, 'secret.pdf'), join(root, 'out.pdf'))
    execFileSync('mkfifo', [join(root, 'pipe.pdf')])
    const pkg = new PackageFs(root)
    const out = await pkg.read('out.pdf', 1000)
    expect(out.ok).toBe(false)
    expect(JSON.stringify(out)).not.toMatch(/secret"/)
    expect(await pkg.stat('out.pdf')).toBeUndefined()
    expect(await pkg.read('pipe.pdf', 1000)).toMatchObject({ ok: false, why: 'not-a-file' })
    expect(await pkg.read('../' + outside, 1000)).toMatchObject({ ok: false })
  })
})

describe('the checker reads any source the same way', () => {
  test('a package checked from memory gives the JSON its folder gives, byte for byte', { timeout: 300_000 }, async () => {
    const dir = writePackage()
    const files = Object.fromEntries(filesUnder(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]))
    const opts = { today: '2024-08-05', lang: 'zh' as const, cwd: dir, jobs: 1, cacheDir: null, ocr: false }
    const folder = await checkPackage(dir, opts)
    const memory = await checkSource(new MemoryPackage(files), 'manifest.yaml', { ...opts, displayPath: folder.report.package })
    expect(renderJson(memory.report)).toBe(renderJson(folder.report))
    expect(memory.facts.size).toBeGreaterThan(0)
  })
})
