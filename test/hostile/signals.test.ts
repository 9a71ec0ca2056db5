import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { makeZip } from '../helpers/zip.js'
import { cli, filesUnder, HANG_MS, scene, treeHash } from './helpers.js'

// Item 14 of issue 15: a batch of zips is stopped while a zip is being read (its files hold the
// applicants' names). Zips are read in place (issue 16 §2): whatever the signal, and Ctrl-C
// twice, nothing of them was ever written to the temp folder, the command ends by itself well
// within the hang bound, and the packages are untouched.

function zipUnit() {
  const s = scene()
  const unit = join(s.base, 'unit')
  const entries = filesUnder(s.pkg).map((f) => ({ name: f, data: readFileSync(join(s.pkg, f)) }))
  const zip = makeZip(entries)
  mkdirSync(unit)
  for (let i = 1; i <= 8; i++) writeFileSync(join(unit, `${String(i).padStart(3, '0')}.zip`), zip)
  return { s, unit }
}


/** The files a process holds open (Linux: /proc/PID/fd). */
function openFiles(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [readlinkSync(`/proc/${pid}/fd/${fd}`)]
      } catch {
        return []
      }
    })
  } catch {
    return []
  }
}

/**
 * Resolves true once the process holds two zips of the unit open at once (packages being checked:
 * finding the packages peeks at one zip at a time, before the signal handlers are in place), false
 * if the run ended first.
 */
async function readingZips(pid: number, unit: string, ended: () => boolean): Promise<boolean> {
  for (;;) {
    if (ended()) return false
    if (new Set(openFiles(pid).filter((f) => f.startsWith(unit) && f.endsWith('.zip'))).size >= 2) return true
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe.skipIf(!existsSync('/proc/self/fd'))('signals stop a batch reading zips, and nothing is left in the temp folder (item 14)', () => {
  test.for([
    ['SIGTERM', ['SIGTERM'], 143],
    ['SIGINT', ['SIGINT'], 130],
    ['Ctrl-C twice', ['SIGINT', 'SIGINT'], 130],
    ['SIGHUP', ['SIGHUP'], 129],
  ] as const)('%s', async ([, signals, code]) => {
    const { s, unit } = zipUnit()
    const tmp = join(s.base, 'tmp')
    const before = treeHash(unit)
    let ended = false
    let signalled = false
    const r = await cli(['batch', unit, '--no-cache', '--jobs', '1', '--format', 'json', '--today', '2024-08-05'], s, {
      started: (pid) => {
        void readingZips(pid, unit, () => ended).then((ready) => {
          if (!ready) return
          signalled = true
          for (const sig of signals) process.kill(pid, sig)
        })
      },
    })
    ended = true
    expect(signalled, 'the batch ended before a zip was seen open').toBe(true)
    expect(r.hung).toBe(false)
    expect(r.code).toBe(code)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/已中断/)
    expect(readdirSync(tmp)).toEqual([])
    expect(treeHash(unit)).toBe(before)
  }, HANG_MS * 2)
})
