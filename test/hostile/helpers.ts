import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect } from 'vitest'

// Hostile packages (issue 15): each test builds its input at run time, runs the real command in a
// child process (a FIFO or a signal must be able to hang or kill it without taking the test runner
// along), and asserts the README's promises: it answers, with the right exit code, reads and
// writes nothing outside the package, and prints neither the full name nor a raw control character.

export const BIN = fileURLToPath(new URL('../../bin/zhicheng-check.js', import.meta.url))
const CLEAN = fileURLToPath(new URL('../../examples/clean/', import.meta.url))

/** The applicant of examples/clean, as the reports must never print them. */
export const NAME = '欧阳明远'
export const EMPLOYER = '阿克苏地区融媒体中心'

/** Generous: only a hang fails it. Timing never decides a test otherwise. */
export const HANG_MS = 60_000

const made: string[] = []
/** One cache for a test file's runs: the copies of examples/clean are the same bytes, inspected once. */
let sharedCache: string | undefined
function cacheHome(): string {
  if (!sharedCache) {
    sharedCache = mkdtempSync(join(tmpdir(), 'zc-hostile-cache-'))
    made.push(sharedCache)
  }
  return sharedCache
}
afterAll(() => {
  for (const d of made) {
    try {
      chmodAll(d)
    } catch {}
    rmSync(d, { recursive: true, force: true })
  }
})

function chmodAll(dir: string): void {
  chmodSync(dir, 0o755)
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) chmodAll(p)
    else if (e.isFile()) chmodSync(p, 0o644)
  }
}

export interface Scene {
  /** Holds everything below; readable by anyone (the mode-000 test runs the checker unprivileged). */
  base: string
  /** A copy of examples/clean. */
  pkg: string
  /** A folder beside the package that nothing may read or write. */
  sibling: string
  /** Where reports go (outside the package). */
  out: string
  /** The checker's own cache and config (XDG_CACHE_HOME, XDG_CONFIG_HOME). */
  home: string
}

export function scene(): Scene {
  const base = mkdtempSync(join(tmpdir(), 'zc-hostile-'))
  made.push(base)
  chmodSync(base, 0o755)
  const pkg = join(base, 'pkg')
  cpSync(CLEAN, pkg, { recursive: true })
  const sibling = join(base, 'sibling')
  mkdirSync(sibling)
  writeFileSync(join(sibling, 'secret.yaml'), `policy: aksu-2024\nsecret: 外面的秘密 ${NAME}\n`)
  const out = join(base, 'out')
  mkdirSync(out)
  const home = join(base, 'home')
  mkdirSync(home)
  return { base, pkg, sibling, out, home }
}

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** It was still running at the hang bound and was killed. */
  hung: boolean
}

export interface RunOptions {
  cwd?: string
  env?: Record<string, string>
  timeoutMs?: number
  /** Run unprivileged (a mode-000 file is readable to root). */
  uid?: number
  /** Called once the process has started (send it signals). */
  started?: (pid: number) => void
  input?: string
}

export function cli(args: string[], s: Scene, opts: RunOptions = {}): Promise<Run> {
  mkdirSync(join(s.base, 'tmp'), { recursive: true })
  chmodSync(join(s.base, 'tmp'), 0o777)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? s.base,
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: opts.uid === undefined ? cacheHome() : join(s.home, 'cache'), XDG_CONFIG_HOME: join(s.home, 'config'), HOME: s.home, TMPDIR: join(s.base, 'tmp'), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.stdin.end(opts.input ?? '')
    let hung = false
    const timer = setTimeout(() => {
      hung = true
      child.kill('SIGKILL')
    }, opts.timeoutMs ?? HANG_MS)
    if (child.pid !== undefined) opts.started?.(child.pid)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, hung })
    })
  })
}

/**
 * A hash of everything under `dir` as it is on disk: names, types, modes, sizes, contents and link
 * targets, without following links or opening anything but regular files. Times are left out (a
 * read may update atime); a write changes content or size, or adds or removes a name.
 */
export function treeHash(dir: string): string {
  const h = createHash('sha256')
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name)
      const r = `${rel}/${name}`
      const st = lstatSync(p)
      h.update(`${r}\0${st.mode}\0${st.size}\0`)
      if (st.isSymbolicLink()) h.update(readlinkSync(p))
      else if (st.isDirectory()) walk(p, r)
      else if (st.isFile() && (st.mode & 0o444) !== 0) {
        try {
          h.update(readFileSync(p))
        } catch {}
      }
    }
  }
  walk(dir, '')
  return h.digest('hex')
}

/** Control characters a terminal acts on (C0 but tab and line ends, DEL, C1) and bidi overrides. */
export const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/u

/** No full name, no full employer, no raw control character. */
export function expectSafeText(text: string, where: string): void {
  expect(text.includes(NAME), `${where} shows the full name`).toBe(false)
  expect(text.includes(EMPLOYER), `${where} shows the full employer`).toBe(false)
  const raw = RAW_CONTROL.exec(text)
  expect(raw && `${where}: U+${raw[0].codePointAt(0)!.toString(16)} at ${raw.index}: …${JSON.stringify(text.slice(Math.max(0, raw.index - 40), raw.index + 20))}`).toBe(null)
}

/** Every file under a folder, relative. */
export function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name
    return e.isDirectory() ? filesUnder(dir, r) : [r]
  })
}
