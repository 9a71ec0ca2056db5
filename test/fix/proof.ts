import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

// Independent proof that a copy holds no name: the tools a user could run themselves.

/** Every file under `dir` (relative, sorted). */
export function walk(dir: string): string[] {
  const out: string[] = []
  const go = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name)
      if (e.isDirectory()) go(abs)
      else out.push(relative(dir, abs).split('\\').join('/'))
    }
  }
  go(dir)
  return out.sort()
}

/** Bytes and mtimes of every file: equal before and after means the tree was not touched. */
export function treeState(dir: string): Record<string, { sha: string; mtimeMs: number; size: number }> {
  return Object.fromEntries(
    walk(dir).map((rel) => {
      const abs = join(dir, rel)
      const st = statSync(abs)
      return [rel, { sha: createHash('sha256').update(readFileSync(abs)).digest('hex'), mtimeMs: st.mtimeMs, size: st.size }]
    }),
  )
}

/** Byte patterns of a term: UTF-8, UTF-16BE (PDF text strings) and UTF-16LE. */
function patterns(term: string): Buffer[] {
  const le = Buffer.from(term, 'utf16le')
  const be = Buffer.from(le)
  be.swap16()
  return [Buffer.from(term, 'utf8'), be, le]
}

/** What each tool finds of the terms in one file: [] when none finds anything. */
export function leaksIn(file: string, terms: readonly string[]): string[] {
  const found: string[] = []
  const bytes = readFileSync(file)
  for (const t of terms) if (patterns(t).some((p) => bytes.includes(p))) found.push(`bytes:${t}`)
  const exif = execFileSync('exiftool', ['-a', '-G1', '-u', file], { encoding: 'utf8' })
  for (const t of terms) if (exif.includes(t)) found.push(`exiftool:${t}`)
  if (file.toLowerCase().endsWith('.pdf')) {
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/gu, '')
    for (const t of terms) if (text.includes(t.replace(/\s+/gu, ''))) found.push(`pdftotext:${t}`)
  }
  return found
}

/** qpdf --check: true when it finds no error (exit 0; 3 is warnings only). */
export function qpdfClean(file: string): { ok: boolean; out: string } {
  try {
    const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })
    return { ok: true, out }
  } catch (err) {
    const e = err as { status?: number; stdout?: string }
    return { ok: false, out: `${e.status}: ${e.stdout ?? ''}` }
  }
}
