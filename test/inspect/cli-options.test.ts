import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/context.js'
import { makePackage, tempDir } from './helpers/package.js'
import { makePdf, makeScan } from './helpers/scans.js'

function io(env: Record<string, string>): Io & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), isTTY: false, env, cwd: '/', now: new Date('2024-08-05T00:00:00Z') }
}

describe('check --jobs / --no-cache', () => {
  test('--jobs must be a whole number from 1 to 64', async () => {
    const pkg = makePackage({}, await makePdf([{ text: 'x' }]))
    for (const bad of ['0', '-1', '1.5', 'abc', '65']) {
      const e = io({})
      expect(await main(['check', pkg, '--jobs', bad, '--lang', 'en'], e)).toBe(2)
      expect(e.err.join('')).toMatch(/--jobs/)
    }
  })

  test('the cache is written under XDG_CACHE_HOME, and not at all with --no-cache', { timeout: 60_000 }, async () => {
    const pkg = makePackage({ 'files/扫描.pdf': await makePdf([{ image: await makeScan() }]) }, await makePdf([{ text: 'x' }]))
    const home = tempDir('xdg')
    const a = io({ XDG_CACHE_HOME: home })
    const noCache = await main(['check', pkg, '--no-cache', '--jobs', '2', '--format', 'json', '--today', '2024-08-05'], a)
    expect(existsSync(join(home, 'zhicheng-check'))).toBe(false)
    const b = io({ XDG_CACHE_HOME: home })
    const cached = await main(['check', pkg, '--jobs', '1', '--format', 'json', '--today', '2024-08-05'], b)
    expect(readdirSync(join(home, 'zhicheng-check', 'facts')).length).toBe(1)
    expect(cached).toBe(noCache)
    expect(b.out.join('')).toBe(a.out.join(''))
  })
})
