import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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

/** A minimal but real PDF: enough bytes for the type sniffer. */
export const TINY_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'

/**
 * Writes a package: the base manifest with `set` applied, and a placeholder file for every
 * named path (except `missing`). Returns its folder.
 */
export function writePackage(opts: { set?: Record<string, unknown>; missing?: string[]; extra?: Record<string, string>; manifestName?: string; manifestText?: string } = {}): string {
  const dir = tmpDir()
  const data = applySet(baseManifest(), opts.set)
  writeFileSync(join(dir, opts.manifestName ?? 'manifest.yaml'), opts.manifestText ?? stringify(data))
  for (const ref of fileRefs(data as never)) {
    if (opts.missing?.includes(ref.path) || ref.path.startsWith('/') || ref.path.includes('..')) continue
    put(dir, ref.path, TINY_PDF)
  }
  for (const [rel, content] of Object.entries(opts.extra ?? {})) put(dir, rel, content)
  return dir
}

export function put(dir: string, rel: string, content: string | Uint8Array): void {
  const p = join(dir, rel)
  mkdirSync(dirname(p), { recursive: true })
  writeFileSync(p, content)
}
