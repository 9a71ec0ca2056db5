// check's progress line (stderr, terminals only): files, scanned pages read, elapsed, ETA; never
// before two seconds have passed, so a cached or quick check prints none.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { Io } from '../../src/cli/context.js'
import { checkProgressLine, renderCheckProgress, wantsProgress } from '../../src/cli/progress.js'

function fakeIo(env: Record<string, string> = {}, tty = true): Io & { err: string[] } {
  const err: string[] = []
  return { err, stdout: () => {}, stderr: (t) => void err.push(t), isTTY: false, stderrIsTTY: tty, stderrColumns: 80, env, cwd: '/', now: new Date('2024-08-05T00:00:00Z') }
}

describe('check progress', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  test('the line: files done of all, pages read, elapsed and an ETA from the files left', () => {
    expect(renderCheckProgress({ filesDone: 3, filesTotal: 10, pagesRead: 7 }, 12_000, 'zh', 80)).toBe('文件 3/10 · 已识别 7 页扫描 · 用时 0:12 · 剩余约 0:28')
    expect(renderCheckProgress({ filesDone: 10, filesTotal: 10, pagesRead: 18 }, 65_000, 'en', 80)).toBe('files 10/10 · 18 scanned page(s) read · elapsed 1:05')
    expect(renderCheckProgress({ filesDone: 0, filesTotal: 10, pagesRead: 0 }, 3000, 'zh', 20).length).toBeLessThanOrEqual(19)
  })

  test('drawn in place after two seconds, erased at the end; nothing for a quick check', () => {
    let t = 0
    const io = fakeIo()
    const quick = checkProgressLine(io, 'zh', true, () => t)
    quick.update({ filesDone: 1, filesTotal: 2, pagesRead: 1 })
    t = 1500
    vi.advanceTimersByTime(1500)
    quick.stop()
    expect(io.err).toEqual([])

    const slow = checkProgressLine(io, 'zh', true, () => t)
    slow.update({ filesDone: 1, filesTotal: 4, pagesRead: 2 })
    t += 2500
    vi.advanceTimersByTime(200)
    expect(io.err).toEqual(['\r文件 1/4 · 已识别 2 页扫描 · 用时 0:03 · 剩余约 0:08\x1b[K'])
    slow.stop()
    expect(io.err.at(-1)).toBe('\r\x1b[K')
  })

  test.for([
    ['CI', fakeIo({ CI: 'true' }), false],
    ['--quiet', fakeIo(), true],
    ['not a terminal', fakeIo({}, false), false],
    ['TERM=dumb', fakeIo({ TERM: 'dumb' }), false],
  ] as const)('none with %s', ([, io, quiet]) => {
    expect(wantsProgress(io, quiet)).toBe(false)
  })
  test('a terminal, not CI, not quiet: wanted', () => {
    expect(wantsProgress(fakeIo(), false)).toBe(true)
  })
})
