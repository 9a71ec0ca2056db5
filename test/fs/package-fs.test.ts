import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { PackageFs } from '../../src/fs/package-fs.js'
import { tmpDir } from '../helpers/tmp-package.js'

function layout() {
  const outside = tmpDir('zc-outside-')
  writeFileSync(join(outside, 'secret.pdf'), 'x')
  const root = tmpDir()
  mkdirSync(join(root, 'files/sub'), { recursive: true })
  writeFileSync(join(root, 'files/a.pdf'), 'a')
  writeFileSync(join(root, 'files/sub/b.pdf'), 'b')
  writeFileSync(join(root, 'manifest.yaml'), 'version: 1')
  writeFileSync(join(root, 'expected.yaml'), 'x')
  writeFileSync(join(root, '.DS_Store'), 'x')
  symlinkSync(join(outside, 'secret.pdf'), join(root, 'files/link-out.pdf'))
  symlinkSync(outside, join(root, 'files/dir-out'))
  symlinkSync(join(root, 'files/a.pdf'), join(root, 'files/link-in.pdf'))
  return { root, fs: new PackageFs(root) }
}

describe('PackageFs.resolve confines every path to the package', () => {
  const { fs } = layout()
  test.for([
    ['files/a.pdf', true, 'files/a.pdf'],
    ['./files/sub/../a.pdf', true, 'files/a.pdf'],
    ['files\\sub\\b.pdf', true, 'files/sub/b.pdf'],
    ['files/link-in.pdf', true, 'files/link-in.pdf'],
    ['files/not-there.pdf', true, 'files/not-there.pdf'],
  ] as const)('%s stays inside', ([path, ok, rel]) => {
    expect(fs.resolve(path)).toMatchObject({ ok, rel })
  })
  test.for([
    ['/etc/passwd', 'absolute'],
    ['C:/Users/x/学历.pdf', 'absolute'],
    ['c:\\Users\\x\\学历.pdf', 'absolute'],
    ['\\\\server\\share\\x.pdf', 'absolute'],
    ['../outside.pdf', 'escapes'],
    ['files/../../outside.pdf', 'escapes'],
    ['..', 'escapes'],
    ['files/link-out.pdf', 'symlink-outside'],
    ['files/dir-out/secret.pdf', 'symlink-outside'],
    ['files/dir-out/not-there.pdf', 'symlink-outside'],
    ['bad\0name.pdf', 'bad-path'],
    ['  ', 'bad-path'],
  ] as const)('%s is refused: %s', ([path, reason]) => {
    expect(fs.resolve(path)).toEqual({ ok: false, rel: path, reason })
  })
})

test('listFiles lists uploads only: no manifest, expected.yaml, dotfiles; symlinked folders not followed', () => {
  const { fs } = layout()
  expect(fs.listFiles()).toEqual(['files/a.pdf', 'files/link-in.pdf', 'files/link-out.pdf', 'files/sub/b.pdf'])
})
