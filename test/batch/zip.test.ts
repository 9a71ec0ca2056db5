import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { DEFAULT_ZIP_LIMITS, decodeEntryName, entryPath, extractZip } from '../../src/fs/zip-package.js'
import { UsageError } from '../../src/usage-error.js'
import { tmpDir } from '../helpers/tmp-package.js'
import { encodeGbk, makeZip, type ZipEntry } from '../helpers/zip.js'
import { filesOf } from './helpers.js'

async function extract(entries: ZipEntry[], limits = DEFAULT_ZIP_LIMITS): Promise<{ dest: string; files: string[] }> {
  const dir = tmpDir('zc-zip-')
  writeFileSync(join(dir, 'p.zip'), makeZip(entries))
  const dest = join(dir, 'out')
  mkdirSync(dest)
  await extractZip(join(dir, 'p.zip'), 'p.zip', dest, limits)
  return { dest, files: filesOf(dest).sort() }
}

async function refusal(entries: ZipEntry[], limits = DEFAULT_ZIP_LIMITS): Promise<UsageError> {
  try {
    await extract(entries, limits)
  } catch (err) {
    if (err instanceof UsageError) return err
    throw err
  }
  throw new Error('extracted')
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

describe('extracting', () => {
  test('files land under the private folder only; symlinks are not extracted; first of two same names wins', async () => {
    const { dest, files } = await extract([
      { name: encodeGbk('包/清单.txt'), data: 'gbk', utf8Flag: false },
      { name: '包/link', data: '/etc/passwd', unixMode: 0o120777 },
      { name: '包/a.txt', data: 'one' },
      { name: '包/a.txt', data: 'two' },
      { name: '__MACOSX/包/._a.txt', data: 'junk' },
    ])
    expect(files).toEqual(['包/a.txt', '包/清单.txt'])
    expect(readFileSync(join(dest, '包', 'a.txt'), 'utf8')).toBe('one')
  })

  test('a zip bomb entry (inflates over 100×) is refused, and so are too many entries and too many bytes', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024)
    expect((await refusal([{ name: 'bomb.pdf', data: zeros }])).code).toBe('zip-too-large')
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }))
    expect((await refusal(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).data.reason).toMatch(/12 > 10 entries/)
    const big = [{ name: 'a.bin', data: new Uint8Array(3000).map((_, i) => (i * 7919) % 251), store: true }, { name: 'b.bin', data: new Uint8Array(3000), store: true }]
    expect((await refusal(big, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5000 })).data.reason).toMatch(/in all/)
    expect((await refusal(big, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 2000 })).data.reason).toMatch(/a\.bin: over 2000 bytes/)
  })

  test('not a zip, a truncated zip, an encrypted entry: zip-invalid with the reason', async () => {
    const dir = tmpDir('zc-zip-')
    writeFileSync(join(dir, 'not.zip'), '这不是压缩包')
    await expect(extractZip(join(dir, 'not.zip'), 'not.zip', join(dir, 'o1'))).rejects.toMatchObject({ code: 'zip-invalid' })
    const whole = makeZip([{ name: 'a.txt', data: 'hello' }])
    writeFileSync(join(dir, 'cut.zip'), whole.subarray(0, whole.length - 10))
    await expect(extractZip(join(dir, 'cut.zip'), 'cut.zip', join(dir, 'o2'))).rejects.toMatchObject({ code: 'zip-invalid' })
    const enc = makeZip([{ name: 'a.txt', data: 'hello', store: true }])
    enc.writeUInt16LE(0x801, 6) // local header: encrypted
    enc.writeUInt16LE(0x801, enc.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8) // central directory too
    writeFileSync(join(dir, 'enc.zip'), enc)
    await expect(extractZip(join(dir, 'enc.zip'), 'enc.zip', join(dir, 'o3'))).rejects.toMatchObject({ code: 'zip-invalid' })
    expect(existsSync(join(dir, 'o3', 'a.txt'))).toBe(false)
  })
})
