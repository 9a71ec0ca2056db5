import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Asker } from '../../src/init/questions.js'
import { runCli } from '../helpers/run-cli.js'
import { expectSafeText, scene, treeHash } from './helpers.js'

// Items 8 and 9 of issue 15: nothing is written into a package by a path that reaches it through a
// link, and init never writes through a link. In-process (nothing here can hang); the package and
// the folder beside it are hashed before and after.

const TODAY = ['--today', '2024-08-05']

describe('--output and --reports never reach into the package (item 8)', () => {
  test.for([
    ['a symlinked folder', (pkg: string, base: string) => (symlinkSync(pkg, join(base, 'link')), 'link/report.json')],
    ['a link as the file name', (pkg: string, base: string) => (symlinkSync(join(pkg, 'files/学历证书.pdf'), join(base, 'r.json')), 'r.json')],
    ['a dangling link into the package', (pkg: string, base: string) => (symlinkSync(join(pkg, 'new.json'), join(base, 'r.json')), 'r.json')],
    ['.. after a link', (pkg: string, base: string) => (symlinkSync(join(pkg, 'files'), join(base, 'f')), 'f/../report.json')],
  ] as const)('check --output through %s: exit 2', async ([, make]) => {
    const s = scene()
    const output = make(s.pkg, s.base)
    const before = treeHash(s.pkg)
    const r = await runCli(['check', s.pkg, '--format', 'json', '--no-cache', '--output', output, ...TODAY], { cwd: s.base })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/不能把报告写进申报包/)
    expect(treeHash(s.pkg)).toBe(before)
  })

  test('batch --output and --reports through a symlinked folder: exit 2', async () => {
    const s = scene()
    symlinkSync(s.pkg, join(s.base, 'link'))
    const before = treeHash(s.pkg)
    for (const args of [['--output', 'link/t.json'], ['--reports', 'link/reports'], ['--reports', 'link']]) {
      const r = await runCli(['batch', 'pkg', '--format', 'json', '--no-cache', ...args, ...TODAY], { cwd: s.base })
      expect(r.code, args.join(' ')).toBe(2)
    }
    expect(treeHash(s.pkg)).toBe(before)
  })

  test('batch --output over a package zip: exit 2', async () => {
    const s = scene()
    const root = join(s.base, 'unit')
    mkdirSync(root)
    writeFileSync(join(root, 'a.zip'), 'PK not really')
    const r = await runCli(['batch', 'unit', '--format', 'json', '--no-cache', '--output', 'unit/a.zip', ...TODAY], { cwd: s.base })
    expect(r.code).toBe(2)
    expect(readFileSync(join(root, 'a.zip'), 'utf8')).toBe('PK not really')
  })
})

/** Says yes to overwriting, and answers what it can. */
const yes: Asker = {
  confirm: async () => true,
  select: async (_m, choices, def) => def ?? choices[0]!.value,
  input: async (_m, o) => o?.default ?? '待填写',
}

describe('init never writes through a link (item 9)', () => {
  test.for([
    ['to a file outside', true],
    ['dangling, to a file outside', false],
  ] as const)('manifest.yaml a link %s: refused, the outside untouched', async ([, targetExists]) => {
    const s = scene()
    const outside = join(s.sibling, 'victim.yaml')
    if (targetExists) writeFileSync(outside, 'do not touch\n')
    rmSync(join(s.pkg, 'manifest.yaml'))
    symlinkSync(outside, join(s.pkg, 'manifest.yaml'))
    const before = [treeHash(s.pkg), treeHash(s.sibling)]
    for (const args of [[], ['--yes']]) {
      const r = await runCli(['init', s.pkg, '--no-check', ...args, ...TODAY], { cwd: s.base, prompts: yes })
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/链接/)
    }
    expect([treeHash(s.pkg), treeHash(s.sibling)]).toEqual(before)
    expect(existsSync(outside)).toBe(targetExists)
  })

  test('an overwrite after a yes replaces the file, in place, through a temp file that does not stay', async () => {
    const s = scene()
    const sibling = treeHash(s.sibling)
    const r = await runCli(['init', s.pkg, '--no-check', ...TODAY], { cwd: s.base, prompts: yes })
    expect(r.code).toBe(0)
    expect(readFileSync(join(s.pkg, 'manifest.yaml'), 'utf8')).toMatch(/^version: 1/mu)
    expect(treeHash(s.sibling)).toBe(sibling)
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(s.pkg).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})

test('init lists a file whose name holds terminal escapes escaped', async () => {
  const s = scene()
  rmSync(join(s.pkg, 'manifest.yaml'))
  writeFileSync(join(s.pkg, 'files', '\x1b[2J\x1b]0;owned\x07\r✔ PASS\u202e.pdf'), 'x')
  const r = await runCli(['init', s.pkg, '--yes', '--no-check', ...TODAY], { cwd: s.base })
  expect(r.code).toBe(0)
  expect(r.stderr).toMatch(/\\x1b\[2J/u)
  expectSafeText(r.stderr, 'init')
})
