import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { DEFAULT_ZIP_LIMITS, ZipPackage, decodeEntryName, entryPath } from '../../src/fs/zip-package.js'
import { MANIFEST_NAMES } from '../../src/manifest/load.js'
import { UsageError } from '../../src/usage-error.js'
import { tmpDir } from '../helpers/tmp-package.js'
import { encodeGbk, makeZip, type ZipEntry } from '../helpers/zip.js'

const MANIFEST = { name: 'manifest.yaml', data: 'applicant: {}\n' }

/** Opens a zip made of `entries` (a manifest at the top unless they bring their own). */
async function open(entries: ZipEntry[], limits = DEFAULT_ZIP_LIMITS, withManifest = true): Promise<ZipPackage> {
  const dir = tmpDir('zc-zip-')
  writeFileSync(join(dir, 'p.zip'), makeZip(withManifest ? [MANIFEST, ...entries] : entries))
  return ZipPackage.open(join(dir, 'p.zip'), 'p.zip', MANIFEST_NAMES, limits)
}

async function refusal(entries: ZipEntry[], limits = DEFAULT_ZIP_LIMITS): Promise<UsageError> {
  try {
    await (await open(entries, limits)).close()
  } catch (err) {
    if (err instanceof UsageError) return err
    throw err
  }
  throw new Error('opened')
}

const text = async (pkg: ZipPackage, rel: string) => {
  const r = await pkg.read(rel, 1 << 20)
  return r.ok ? Buffer.from(r.bytes).toString('utf8') : r.why
}

describe('entry names', () => {
  test.for([
    ['UTF-8 flagged', Buffer.from('files/学历证书.pdf'), 0x800, 'files/学历证书.pdf'],
    ['UTF-8 not flagged (macOS Archive Utility, 7-Zip)', Buffer.from('files/学历证书.pdf'), 0, 'files/学历证书.pdf'],
    ['GBK (Windows in Chinese)', Buffer.from(encodeGbk('files/学历证书.pdf')), 0, 'files/学历证书.pdf'],
    ['GBK 继续教育/2021公需课', Buffer.from(encodeGbk('继续教育/2021公需课.pdf')), 0, '继续教育/2021公需课.pdf'],
    ['ASCII', Buffer.from('manifest.yaml'), 0, 'manifest.yaml'],
  ] as const)('%s', ([, raw, flag, name]) => {
    expect(decodeEntryName(raw, flag)).toBe(name)
  })

  test.for(['../x', 'a/../../x', '/etc/passwd', 'C:/Windows/x', 'C:\\x', '..\\x', 'a\\..\\..\\x', 'a\0b'])('zip-slip %j is refused', (name) => {
    expect(() => entryPath(name, 'p.zip')).toThrow(UsageError)
  })

  test('folders and macOS resource forks are skipped; a/./b is a/b', () => {
    expect(entryPath('files/', 'p.zip')).toBeNull()
    expect(entryPath('__MACOSX/._manifest.yaml', 'p.zip')).toBeNull()
    expect(entryPath('a/./b.pdf', 'p.zip')).toBe('a/b.pdf')
  })
})

describe('reading a zip in place', () => {
  test('a zip is never extracted: nothing is written to the temp folder', async () => {
    const dir = tmpDir('zc-zip-')
    writeFileSync(join(dir, 'p.zip'), makeZip([MANIFEST, { name: 'files/a.pdf', data: '%PDF-1.4' }]))
    const tmp = tmpDir('zc-tmp-')
    const before = process.env.TMPDIR
    process.env.TMPDIR = tmp
    try {
      const pkg = await ZipPackage.open(join(dir, 'p.zip'), 'p.zip', MANIFEST_NAMES)
      expect(await pkg.list()).toEqual(['files/a.pdf'])
      expect(await text(pkg, 'files/a.pdf')).toBe('%PDF-1.4')
      await pkg.close()
    } finally {
      if (before === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = before
    }
    expect(readdirSync(tmp)).toEqual([])
  })

  test('symlinks are not part of the package; first of two same names wins; resource forks and folders are left out', async () => {
    const pkg = await open([
      { name: encodeGbk('包/清单.txt'), data: 'gbk', utf8Flag: false },
      { name: '包/link', data: '/etc/passwd', unixMode: 0o120777 },
      { name: '包/a.txt', data: 'one' },
      { name: '包/a.txt', data: 'two' },
      { name: '__MACOSX/包/._a.txt', data: 'junk' },
      { name: '包/sub/' },
    ])
    expect(await pkg.list()).toEqual(['包/a.txt', '包/清单.txt'])
    expect(await text(pkg, '包/a.txt')).toBe('one')
    expect(await text(pkg, '包/清单.txt')).toBe('gbk')
    expect(await text(pkg, '包/link')).toBe('missing')
    expect(await text(pkg, '包')).toBe('not-a-file')
    await pkg.close()
  })

  test('a read over the bound gives the head and the whole size; stat gives the size', async () => {
    const data = new Uint8Array(5000).map((_, i) => i % 251)
    const pkg = await open([{ name: 'big.bin', data }])
    const head = await pkg.read('big.bin', 1000, 100)
    expect(head.ok && [head.bytes.length, head.sizeBytes, head.bytes[99]]).toEqual([100, 5000, 99])
    const whole = await pkg.read('big.bin', 5000)
    expect(whole.ok && Buffer.from(whole.bytes).equals(Buffer.from(data))).toBe(true)
    expect(await pkg.stat('big.bin')).toBe(5000)
    expect(await pkg.stat('nope.bin')).toBeUndefined()
    await pkg.close()
  })

  test('paths the manifest writes are confined: absolute and .. refused, \\ accepted', async () => {
    const pkg = await open([{ name: 'files/a.pdf', data: 'x' }])
    expect(pkg.resolve('files\\a.pdf')).toEqual({ ok: true, rel: 'files/a.pdf' })
    expect(pkg.resolve('../p.zip')).toMatchObject({ ok: false, reason: 'escapes' })
    expect(pkg.resolve('/etc/passwd')).toMatchObject({ ok: false, reason: 'absolute' })
    expect(pkg.resolve('C:/x.pdf')).toMatchObject({ ok: false, reason: 'absolute' })
    await pkg.close()
  })

  test('a zipped package folder: its only top folder is the package; elsewhere no manifest is zip-no-manifest', async () => {
    const pkg = await open([{ name: '张三/manifest.yaml', data: 'a: 1' }, { name: '张三/files/a.pdf', data: 'x' }], DEFAULT_ZIP_LIMITS, false)
    expect(await pkg.list()).toEqual(['files/a.pdf'])
    expect(await text(pkg, 'manifest.yaml')).toBe('a: 1')
    await pkg.close()
    await expect(open([{ name: 'a/manifest.yaml', data: 'x' }, { name: 'b/x.pdf', data: 'x' }], DEFAULT_ZIP_LIMITS, false)).rejects.toMatchObject({ code: 'zip-no-manifest' })
  })
})

describe('bounds, checked when the zip is opened', () => {
  test('a zip bomb entry (inflates over 100×) is refused, and so are too many entries and too many bytes', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024)
    expect((await refusal([{ name: 'bomb.pdf', data: zeros }])).code).toBe('zip-too-large')
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }))
    expect((await refusal(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).data.reason).toMatch(/12 > 10 entries/)
    const big = [{ name: 'a.bin', data: new Uint8Array(3000).map((_, i) => (i * 7919) % 251), store: true }, { name: 'b.bin', data: new Uint8Array(3000), store: true }]
    expect((await refusal(big, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5000 })).data.reason).toMatch(/in all/)
    expect((await refusal(big, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 2000 })).data.reason).toMatch(/a\.bin: over 2000 bytes/)
  })

  test('not a zip, a truncated zip, an encrypted entry: zip-invalid with the reason', async () => {
    const dir = tmpDir('zc-zip-')
    writeFileSync(join(dir, 'not.zip'), '这不是压缩包')
    const openAt = (name: string) => ZipPackage.open(join(dir, name), name, MANIFEST_NAMES)
    await expect(openAt('not.zip')).rejects.toMatchObject({ code: 'zip-invalid' })
    const whole = makeZip([{ name: 'a.txt', data: 'hello' }])
    writeFileSync(join(dir, 'cut.zip'), whole.subarray(0, whole.length - 10))
    await expect(openAt('cut.zip')).rejects.toMatchObject({ code: 'zip-invalid' })
    const enc = makeZip([{ name: 'a.txt', data: 'hello', store: true }])
    enc.writeUInt16LE(0x801, 6) // local header: encrypted
    enc.writeUInt16LE(0x801, enc.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8) // central directory too
    writeFileSync(join(dir, 'enc.zip'), enc)
    await expect(openAt('enc.zip')).rejects.toMatchObject({ code: 'zip-invalid' })
  })
})
