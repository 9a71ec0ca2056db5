import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { makeZip } from '../helpers/zip.js'
import { cli, filesUnder, HANG_MS, scene, treeHash } from './helpers.js'

// Item 14 of issue 15: a batch of zips is stopped while files are extracted (they hold the
// applicants' names). Whatever the signal, and Ctrl-C twice, the temp folder is gone afterwards,
// the command ends by itself well within the hang bound, and the packages are untouched.

function zipUnit() {
  const s = scene()
  const unit = join(s.base, 'unit')
  const entries = filesUnder(s.pkg).map((f) => ({ name: f, data: readFileSync(join(s.pkg, f)) }))
  const zip = makeZip(entries)
  mkdirSync(unit)
  for (let i = 1; i <= 8; i++) writeFileSync(join(unit, `${String(i).padStart(3, '0')}.zip`), zip)
  return { s, unit }
}


/** Resolves true once a zip's files are in the temp folder (a manifest extracted), false if the run ended first. */
async function extracting(tmp: string, ended: () => boolean): Promise<boolean> {
  for (;;) {
    if (ended()) return false
    if (existsSync(tmp) && filesUnder(tmp).some((f) => f.endsWith('manifest.yaml'))) return true
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('signals stop a batch and remove its temp folders (item 14)', () => {
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
        void extracting(tmp, () => ended).then((ready) => {
          if (!ready) return
          signalled = true
          for (const sig of signals) process.kill(pid, sig)
        })
      },
    })
    ended = true
    expect(signalled, 'the batch ended before a zip was seen extracted').toBe(true)
    expect(r.hung).toBe(false)
    expect(r.code).toBe(code)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/已中断/)
    expect(readdirSync(tmp)).toEqual([])
    expect(treeHash(unit)).toBe(before)
  }, HANG_MS * 2)
})
