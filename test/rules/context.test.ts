import { stringify } from 'yaml'
import { describe, expect, test } from 'vitest'
import type { FileFacts, PageFacts, ScanFacts } from '../../src/inspect/facts.js'
import { loadManifestText } from '../../src/manifest/load.js'
import { loadPolicy } from '../../src/policy/load.js'
import { ruleContext } from '../../src/rules/context.js'
import { BASE_TODAY, baseManifest } from '../helpers/base-manifest.js'

// The one rule-context factory (src/rules/context.ts): defaults, the walks over files it offers
// the rules, and what it does when a caller leaves out what a rule then reads.

const page = (n: number) => ({ page: n }) as PageFacts
const scan = (pages: number, readable = true) => ({ kind: 'pdf', readable, pages: Array.from({ length: pages }, (_, i) => page(i + 1)) }) as unknown as ScanFacts
const facts = (path: string, more: Partial<FileFacts> = {}): FileFacts => ({ path, exists: true, declaredExt: 'pdf', ...more })

function context() {
  const manifest = loadManifestText(stringify(baseManifest()))
  const policy = loadPolicy()
  const map = new Map<string, FileFacts>([
    ['files/学历证书.pdf', facts('files/学历证书.pdf', { scan: scan(2) })],
    ['files/学位证书.pdf', facts('files/学位证书.pdf', { exists: false })],
    ['files/普通话证书.jpg', facts('files/普通话证书.jpg', { declaredExt: 'jpg' })],
  ])
  return ruleContext({ manifest, policy, today: BASE_TODAY, facts: map })
}

describe('ruleContext', () => {
  test('defaults: the manifest’s file references, each resolved to its path, the package holding just those', () => {
    const ctx = context()
    expect(ctx.fileRefs.length).toBeGreaterThan(3)
    expect(ctx.resolved.get('education.diploma')).toBe('files/学历证书.pdf')
    expect(ctx.packageFiles).toEqual([...new Set(ctx.fileRefs.map((r) => r.path))].sort())
    expect(ctx.outside).toEqual([])
    expect(ctx.today).toBe(BASE_TODAY)
    expect(ctx.policy.scans).toBeDefined()
  })

  test('files(): only files that exist and were opened, each with the field naming it', () => {
    const files = context().files()
    expect(files.map((f) => [f.facts.path, f.at])).toEqual([['files/学历证书.pdf', 'education.diploma']])
  })

  test('pages(): every page of those files, in order', () => {
    expect(context().pages().map((p) => [p.facts.path, p.page.page])).toEqual([
      ['files/学历证书.pdf', 1],
      ['files/学历证书.pdf', 2],
    ])
  })

  test('named(): every field naming a file in the package, with its facts or none (manifest order)', () => {
    const named = context().named()
    expect(named.find((n) => n.pointer === 'education.degree')).toMatchObject({ file: 'files/学位证书.pdf', facts: { exists: false } })
    expect(named.find((n) => n.pointer === 'education.diploma')?.facts?.scan?.pages).toHaveLength(2)
    const uninspected = named.filter((n) => n.facts === undefined)
    expect(uninspected.length).toBe(named.length - 3)
  })

  test('the helpers survive a spread (run-rules and defineRule spread the context)', () => {
    const spread = { ...context(), today: '2030-01-01' }
    expect(spread.files()).toHaveLength(1)
  })

  test('a context made without a manifest or policy fails loudly where a rule reads them', () => {
    const ctx = ruleContext({ elsewhere: [] })
    expect(ctx.elsewhere).toEqual([])
    expect(ctx.files()).toEqual([])
    expect(() => ctx.manifest.data).toThrow(/without a manifest/)
    expect(() => ctx.policy.scans).toThrow(/without a policy/)
  })
})
