import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, parse, sep } from 'node:path'

// Is a path we are about to write inside a package? Comparing the strings is not enough: a
// symlinked folder, a link as the file name, `..` after a link, or a bind mount of the package all
// name the package by another path. So the path is resolved the way the kernel will (every link
// followed, dangling ones too) and then compared by real path and by device and inode.

/** Links followed in one path before giving up (the kernel's own ELOOP bound is 40). */
const MAX_LINKS = 40

/**
 * `path` (relative to `cwd`) as the kernel will read it: part by part, each link followed where it
 * stands, so `link/..` is the parent of the link's target, not the folder holding the link. Parts
 * that do not exist yet are taken as written; a dangling last link leads to where a write would go.
 */
export function realPathOf(path: string, cwd: string = process.cwd(), hops = { n: 0 }): string {
  const parts = path.split(sep === '\\' ? /[\\/]/u : /\//u)
  let cur = isAbsolute(path) ? (parse(path).root || sep) : realpathSync(cwd)
  for (const part of isAbsolute(path) ? parts.slice(1) : parts) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      cur = dirname(cur)
      continue
    }
    const next = join(cur, part)
    let st
    try {
      st = lstatSync(next)
    } catch {
      cur = next
      continue
    }
    if (!st.isSymbolicLink() || ++hops.n > MAX_LINKS) {
      cur = next
      continue
    }
    cur = realPathOf(readlinkSync(next), cur, hops)
  }
  return cur
}

/** True when writing to `path` (relative to `cwd`) would write inside the folder `root` (or over the file `root`). */
export function writesInto(path: string, root: string, cwd: string = process.cwd()): boolean {
  let rootReal: string
  let rootSt
  try {
    rootReal = realpathSync(root)
    rootSt = statSync(rootReal)
  } catch {
    return false
  }
  const real = realPathOf(path, cwd)
  if (real === rootReal || real.startsWith(rootReal + sep)) return true
  // The same folder (or file) under another name: compare device and inode up the chain.
  for (let p = real; ; p = dirname(p)) {
    try {
      const st = statSync(p)
      if (st.dev === rootSt.dev && st.ino === rootSt.ino) return true
    } catch {
      // not made yet: its parent will tell
    }
    if (dirname(p) === p) return false
  }
}
