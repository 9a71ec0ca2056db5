import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { baseManifest } from '../../helpers/base-manifest.js'

/** A temp folder (under the OS temp dir, never in the project). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `zc-${prefix}-`))
}

/**
 * A package: the base manifest, every file it names made as a small valid PDF copy of `filler`,
 * plus `extra` files named as achievements. Returns its folder.
 */
export function makePackage(files: Record<string, Uint8Array>, filler: Uint8Array): string {
  const root = tempDir('pkg')
  const data = baseManifest()
  const named = new Set<string>()
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (node && typeof node === 'object') Object.values(node).forEach(walk)
    else if (typeof node === 'string' && node.startsWith('files/')) named.add(node)
  }
  walk(data)
  for (const rel of named) write(root, rel, filler)
  data.achievements = [
    ...data.achievements,
    ...Object.keys(files).map((rel, i) => ({ title: `材料${i + 1}`, file: rel })),
  ]
  for (const [rel, bytes] of Object.entries(files)) write(root, rel, bytes)
  writeFileSync(join(root, 'manifest.yaml'), stringify(data))
  return root
}

function write(root: string, rel: string, bytes: Uint8Array): void {
  const abs = join(root, ...rel.split('/'))
  mkdirSync(join(abs, '..'), { recursive: true })
  writeFileSync(abs, bytes)
}

/** Every file under `dir` with its size and mtime: to prove nothing was written. */
export function snapshot(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else {
        const st = statSync(p)
        out.push(`${p}\t${st.size}\t${st.mtimeMs}`)
      }
    }
  }
  walk(dir)
  return out.sort()
}

export { cpSync }
