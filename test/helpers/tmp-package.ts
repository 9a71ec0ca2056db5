import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll } from 'vitest'
import { stringify } from 'yaml'
import { baseManifest } from './base-manifest.js'
import { applySet } from './rule-cases.js'
import { fileRefs } from '../../src/manifest/file-refs.js'

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true })
})

export function tmpDir(prefix = 'zc-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  made.push(d)
  return d
}

/** Real scans from the clean example, so a package passes the scan checks too. */
const SCANS = new URL('../../examples/clean/files/', import.meta.url)
const scanFor = (rel: string): Uint8Array => {
  const own = new URL(rel.replace(/^files\//, ''), SCANS)
  if (existsSync(own)) return readFileSync(own)
  return readFileSync(new URL(/\.jpe?g$/i.test(rel) ? '普通话证书.jpg' : '学历证书.pdf', SCANS))
}

/**
 * Writes a package: the base manifest with `set` applied, and a real scan for every
 * named path (except `missing`), taken from examples/clean. Returns its folder.
 */
export function writePackage(opts: { set?: Record<string, unknown>; missing?: string[]; extra?: Record<string, string>; manifestName?: string; manifestText?: string } = {}): string {
  const dir = tmpDir()
  const data = applySet(baseManifest(), opts.set)
  writeFileSync(join(dir, opts.manifestName ?? 'manifest.yaml'), opts.manifestText ?? stringify(data))
  for (const ref of fileRefs(data as never)) {
    if (opts.missing?.includes(ref.path) || ref.path.startsWith('/') || ref.path.includes('..')) continue
    put(dir, ref.path, scanFor(ref.path))
  }
  for (const [rel, content] of Object.entries(opts.extra ?? {})) put(dir, rel, content)
  return dir
}

export function put(dir: string, rel: string, content: string | Uint8Array): void {
  const p = join(dir, rel)
  mkdirSync(dirname(p), { recursive: true })
  writeFileSync(p, content)
}
