import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { Finding } from '../../src/report/finding.js'
import { openInChromium } from '../helpers/chromium.js'
import { FAULTY_RULES, writeFaultyPackage } from '../helpers/faulty-package.js'
import { tmpDir } from '../helpers/tmp-package.js'
import { runCli } from '../helpers/run-cli.js'
import { requires } from '../helpers/requires.js'

// The HTML report as people see it: opened in a real headless Chromium (Debian's chromium, which
// CI installs) with no network, every finding on the page, and the pictures of the offending
// pages loaded. A screenshot is left beside the report for a person to look at.

const run = runCli

const PAGE_STATE = `(() => ({
  findings: [...document.querySelectorAll('article.finding')].map((a) => a.dataset.rule),
  withPicture: [...document.querySelectorAll('article.finding')].filter((a) => a.querySelector('img, svg.pic')).map((a) => a.dataset.rule),
  // A picture several findings share is written once and shown with <use>: each use is drawn at its size.
  shared: [...document.querySelectorAll('svg.pic')].map((s) => ({ shown: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height, ref: s.querySelector('use')?.getAttribute('href') ?? '' })),
  images: [...document.images].map((i) => ({ loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth, shown: i.getBoundingClientRect().width })),
  verdict: document.querySelector('.verdict')?.textContent ?? '',
  firstBlock: document.querySelector('main')?.firstElementChild?.className ?? '',
  overflow: document.documentElement.scrollWidth > window.innerWidth,
}))()`

// Without Chromium: skipped with the reason on a developer's machine, a failure under CI=true.
describe.skipIf(!requires('chromium'))('HTML report in headless Chromium', () => {
  test('opens offline; every finding is there; the thumbnails load', { timeout: 300_000 }, async () => {
    const dir = await writeFaultyPackage()
    const out = join(tmpDir('zc-html-'), 'report.html')
    const html = await run(['check', dir, '--today', '2024-08-05', '--format', 'html', '--output', out, '--no-cache'])
    expect(html.stderr, 'stderr of the check: only where the report is').toBe(`zhicheng-check: 报告已写到 ${out}\n`)
    expect(html.code, html.stderr).toBe(1)
    const json = await run(['check', dir, '--today', '2024-08-05', '--format', 'json', '--no-cache'])
    const findings = JSON.parse(json.stdout).findings as Finding[]
    for (const rule of FAULTY_RULES) expect(findings.map((f) => f.rule)).toContain(rule)

    // One file: nothing it needs lives anywhere else.
    const text = readFileSync(out, 'utf8')
    expect(text).not.toMatch(/<(script|link)\b/i)
    // (href="#pic-1": a picture shared by findings, defined once in the page itself)
    expect(text).not.toMatch(/\b(src|href)="(?!data:|#pic-\d+")/)

    const page = await openInChromium(out, PAGE_STATE)
    writeFileSync(`${out}.png`, page.screenshot)
    const state = page.value as {
      findings: string[]
      withPicture: string[]
      images: Array<{ loaded: boolean; width: number; shown: number }>
      verdict: string
      firstBlock: string
      overflow: boolean
    }
    // Offline: the page asked for nothing but itself (data: pictures are not requests).
    const seen = JSON.stringify({ requests: page.requests.map((u) => u.slice(0, 80)), failed: page.failed, state: page.value })
    expect(page.requests.filter((u) => !u.startsWith('data:')), seen).toEqual([`file://${out.split('/').map(encodeURIComponent).join('/')}`])
    expect(page.failed, seen).toEqual([])
    // The verdict first, then every finding of the report.
    expect(state.firstBlock).toContain('verdict')
    expect(state.verdict).toContain('需修改后再上传')
    expect([...state.findings].sort(), seen).toEqual(findings.map((f) => f.rule).sort())
    // A picture for each finding about a page, and each one loaded and fits a phone screen.
    for (const rule of FAULTY_RULES) expect(state.withPicture, seen).toContain(rule)
    expect(state.images.length, seen).toBeGreaterThanOrEqual(FAULTY_RULES.length)
    for (const img of state.images) {
      expect(img.loaded, seen).toBe(true)
      expect(img.width, seen).toBeGreaterThan(100)
      expect(img.shown, seen).toBeLessThanOrEqual(412)
    }
    for (const pic of (state as unknown as { shared: Array<{ shown: number; height: number; ref: string }> }).shared) {
      expect(pic.ref, seen).toMatch(/^#pic-\d+$/)
      expect(pic.shown, seen).toBeGreaterThan(100)
      expect(pic.shown, seen).toBeLessThanOrEqual(412)
      expect(pic.height, seen).toBeGreaterThan(100)
    }
    expect(state.overflow, seen).toBe(false)
  })
})
