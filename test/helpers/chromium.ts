import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { chromiumPath } from './requires.js'

// A real headless Chromium (Debian's `chromium`) driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on fd 3, answers on fd 4, NUL-separated JSON), so a test
// can open a file, watch every request it makes and look at the page as loaded. A test that uses
// it says so with `requires('chromium')` (test/helpers/requires.ts).

/** The Chromium on PATH, when there is one that runs. */
export const CHROMIUM = chromiumPath()

export interface OpenedPage {
  /** Every URL the page asked for, the file itself included. */
  requests: string[]
  /** Requests that failed (blocked, not found). */
  failed: string[]
  /** The value of `expression`, evaluated once the page has loaded. */
  value: unknown
  /** A PNG of the page (full height), for a person to look at. */
  screenshot: Buffer
}

interface Message {
  id?: number
  method?: string
  params?: Record<string, unknown>
  result?: Record<string, unknown>
  error?: { message: string }
  sessionId?: string
}

/** Opens `file` in headless Chromium with no network, evaluates `expression` after load. */
export async function openInChromium(file: string, expression: string, opts: { width?: number; timeoutMs?: number } = {}): Promise<OpenedPage> {
  if (!CHROMIUM) throw new Error('no chromium')
  const profile = mkdtempSync(join(tmpdir(), 'zc-chromium-'))
  const width = opts.width ?? 412
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      // No network at all: any request for a host fails.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--proxy-server=127.0.0.1:9',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    // Its own process group, so the renderer and utility processes can be stopped with it.
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const toBrowser = child.stdio[3] as Writable
  const fromBrowser = child.stdio[4] as Readable
  let nextId = 1
  const pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>()
  const listeners: Array<(m: Message) => void> = []
  let buffer = ''
  fromBrowser.setEncoding('utf8')
  fromBrowser.on('data', (chunk: string) => {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end)) as Message
      buffer = buffer.slice(end + 1)
      if (msg.id !== undefined && pending.has(msg.id)) {
        const p = pending.get(msg.id)!
        pending.delete(msg.id)
        if (msg.error) p.reject(new Error(msg.error.message))
        else p.resolve(msg)
      } else for (const l of listeners) l(msg)
    }
  })
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Message> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`)
    })
  const timeout = opts.timeoutMs ?? 60_000
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      (async () => {
        const { result: created } = await send('Target.createTarget', { url: 'about:blank' })
        const { result: attached } = await send('Target.attachToTarget', { targetId: created!.targetId, flatten: true })
        const sessionId = attached!.sessionId as string
        const requests: string[] = []
        const failed: string[] = []
        const loaded = new Promise<void>((resolve) => {
          listeners.push((m) => {
            if (m.sessionId !== sessionId) return
            if (m.method === 'Network.requestWillBeSent') requests.push(String((m.params!.request as { url: string }).url))
            if (m.method === 'Network.loadingFailed') failed.push(String(m.params!.errorText))
            if (m.method === 'Page.loadEventFired') resolve()
          })
        })
        await send('Network.enable', {}, sessionId)
        await send('Page.enable', {}, sessionId)
        await send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: true }, sessionId)
        await send('Page.navigate', { url: pathToFileURL(file).href }, sessionId)
        await loaded
        const { result: evaluated } = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)
        const value = (evaluated!.result as { value?: unknown }).value
        const { result: metrics } = await send('Page.getLayoutMetrics', {}, sessionId)
        const size = metrics!.cssContentSize as { width: number; height: number }
        const clip = { x: 0, y: 0, width: Math.ceil(size.width), height: Math.ceil(size.height), scale: 1 }
        const { result: shot } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip }, sessionId)
        return { requests, failed, value, screenshot: Buffer.from(String(shot!.data), 'base64') }
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`chromium did not finish within ${timeout} ms`)), timeout)
      }),
    ])
  } finally {
    clearTimeout(timer)
    await Promise.race([send('Browser.close').catch(() => {}), new Promise((r) => setTimeout(r, 2000))])
    // Chromium's helper processes may still be writing into the profile when the browser has
    // gone: stop the whole group, wait for the exit, and only then remove the profile, retrying
    // while a straggler closes its files. A profile left in /tmp must not fail the test.
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
    } catch {
      // left for the OS to clean up
    }
  }
}
