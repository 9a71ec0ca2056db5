// A reader that stops early (`zhicheng-check --help | head -1`, a CI step that closes the pipe)
// must not get Node's "Unhandled 'error' event … EPIPE" stack trace, and the exit code stays the
// command's own (issue 18). Any other failure of stdout (/dev/full: ENOSPC) is one line and exit 2.
// The real binary in a child process: the stream errors only exist on a real process.stdout.
import { spawn } from 'node:child_process'
import { openSync, closeSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = 'bin/zhicheng-check.js'
const STACK = /\bat .*\.js:\d+|Unhandled 'error' event|EPIPE/

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * `close`: 'stdout-now' destroys the read end before anything is read; 'stdout-after-first' once
 * the first chunk arrived (head -1); 'stderr-now' closes stderr instead; 'none' reads it all.
 */
function runBin(args: string[], close: 'stdout-now' | 'stdout-after-first' | 'stderr-now' | 'none', stdoutFd?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ZHICHENG_DEBUG: '' },
      stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    if (child.stdout) {
      if (close === 'stdout-now') child.stdout.destroy()
      else
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString('utf8')
          if (close === 'stdout-after-first') child.stdout!.destroy()
        })
    }
    if (close === 'stderr-now') child.stderr.destroy()
    else child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npx tsc -p .` (npm test does) first')
})

describe('a closed stdout', () => {
  test.for([
    ['--help', ['--help'], 0],
    ['rules (many lines)', ['rules', '--lang', 'en'], 0],
    ['explain', ['explain', 'ce.total-hours'], 0],
    ['check of a clean package, JSON', ['check', 'examples/clean', '--no-ocr', '--today', '2024-08-05', '--format', 'json'], 0],
    // The verdict survives the closed pipe: errors still exit 1 (set -o pipefail sees it).
    ['check of a package with errors', ['check', 'examples/ce-hours-short', '--no-ocr', '--today', '2024-08-05'], 1],
  ] as const)('%s: closed before reading → no stack trace, the command’s own exit code', { timeout: 60_000 }, async ([, args, code]) => {
    const r = await runBin([...args], 'stdout-now')
    expect(r.stderr).not.toMatch(STACK)
    expect(r.stderr).toBe('')
    expect(r.signal).toBeNull()
    expect(r.code).toBe(code)
  })

  test('closed after the first chunk (head -1): quiet, exit 0', { timeout: 60_000 }, async () => {
    const r = await runBin(['rules', '--lang', 'en'], 'stdout-after-first')
    expect(r.stdout.length).toBeGreaterThan(0)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  test('a stdout that is read to the end is untouched: full output, exit 0, nothing on stderr', { timeout: 60_000 }, async () => {
    const r = await runBin(['--help'], 'none')
    expect(r.stdout).toMatch(/^用法： zhicheng-check/)
    expect(r.stdout).toContain('退出码：')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  test('a closed stderr does not crash a check either', { timeout: 60_000 }, async () => {
    const r = await runBin(['check', 'examples/ce-hours-short', '--no-ocr', '--today', '2024-08-05'], 'stderr-now')
    expect(r.stdout).toContain('ce.professional-hours')
    expect(r.code).toBe(1)
  })
})

describe('a stdout that fails otherwise (/dev/full)', () => {
  test.skipIf(!existsSync('/dev/full'))('ENOSPC: one line saying the report is incomplete, exit 2, no stack', { timeout: 60_000 }, async () => {
    const fd = openSync('/dev/full', 'w')
    try {
      const r = await runBin(['rules'], 'none', fd)
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|Unhandled/)
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^zhicheng-check: 无法写出到标准输出（ENOSPC），报告不完整/)])
      expect(r.code).toBe(2)
    } finally {
      closeSync(fd)
    }
  })
})
