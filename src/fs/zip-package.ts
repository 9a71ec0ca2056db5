import { createWriteStream, mkdirSync } from 'node:fs'
import { join, posix } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { UsageError } from '../usage-error.js'

// A package sent as a .zip. The zip is only read; its entries are written to a private folder
// under the OS temp dir (the caller's, deleted by the caller), never next to the zip. Every bound
// is checked on the bytes actually inflated, not on the sizes the zip claims.

export interface ZipLimits {
  /** Entries in the zip. A package has tens of files; listFiles stops at 10 000. */
  maxEntries: number
  /** Bytes of all entries once inflated. */
  maxTotalBytes: number
  /** Bytes of one entry once inflated (the inspector's own bound). */
  maxEntryBytes: number
  /** Inflated / compressed, for entries over 1 MiB: scans hardly compress; a zip bomb does 1000×. */
  maxRatio: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 256 * 1024 ** 2,
  maxRatio: 100,
}

const RATIO_FROM_BYTES = 1024 * 1024

/** File names: UTF-8 when the entry says so (flag bit 11) or the bytes decode as UTF-8, else GBK (zips made on Chinese Windows). */
export function decodeEntryName(raw: Uint8Array, generalPurposeBitFlag: number): string {
  if (generalPurposeBitFlag & 0x800) return new TextDecoder('utf-8').decode(raw)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    return new TextDecoder('gbk').decode(raw)
  }
}

/**
 * The path an entry is written to, relative to the extraction folder, or a UsageError when it
 * would leave it (zip-slip: `..`, absolute, drive letter, NUL). null: a folder or an entry
 * skipped (macOS resource forks).
 */
export function entryPath(name: string, zipFile: string): string | null {
  const p = name.replaceAll('\\', '/')
  const unsafe = () => new UsageError('zip-unsafe-path', { file: zipFile, entry: name })
  if (p.includes('\0') || p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw unsafe()
  if (p.split('/').includes('..')) throw unsafe()
  const rel = posix.normalize(p)
  if (rel === '..' || rel.startsWith('../') || rel.startsWith('/')) throw unsafe()
  if (rel.endsWith('/') || rel === '.') return null
  if (rel.split('/')[0] === '__MACOSX') return null
  return rel
}

/** Extracts `zipFile` into the empty folder `dest`. Throws UsageError (zip-*) with the reason. */
export async function extractZip(zipFile: string, shownAs: string, dest: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  let zip: ZipFile
  try {
    zip = await openZip(zipFile)
  } catch (err) {
    throw new UsageError('zip-invalid', { file: shownAs, reason: oneLine(err) })
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UsageError('zip-too-large', { file: shownAs, reason: `${zip.entryCount} > ${limits.maxEntries} entries` })
    }
    let total = 0
    const written = new Set<string>()
    for (;;) {
      const entry = await nextEntry(zip).catch((err: unknown) => {
        throw new UsageError('zip-invalid', { file: shownAs, reason: oneLine(err) })
      })
      if (!entry) break
      const name = decodeEntryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag)
      const rel = entryPath(name, shownAs)
      if (rel === null) continue
      // A symbolic link could point anywhere: it is not extracted (a manifest naming it gets manifest.file-missing).
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000
      if (mode === 0o120000) continue
      if (entry.isEncrypted()) throw new UsageError('zip-invalid', { file: shownAs, reason: `${name}: encrypted` })
      // Two entries with one name (or GBK and UTF-8 spellings that meet): the first wins, like unzip -n.
      const key = rel.normalize('NFC')
      if (written.has(key)) continue
      written.add(key)
      const out = join(dest, ...rel.split('/'))
      mkdirSync(join(out, '..'), { recursive: true })
      const stream = await openEntry(zip, entry).catch((err: unknown) => {
        throw new UsageError('zip-invalid', { file: shownAs, reason: `${name}: ${oneLine(err)}` })
      })
      let bytes = 0
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length
          total += chunk.length
          if (bytes > limits.maxEntryBytes) return done(new UsageError('zip-too-large', { file: shownAs, reason: `${name}: over ${limits.maxEntryBytes} bytes` }))
          if (total > limits.maxTotalBytes) return done(new UsageError('zip-too-large', { file: shownAs, reason: `over ${limits.maxTotalBytes} bytes in all` }))
          if (bytes > RATIO_FROM_BYTES && bytes > limits.maxRatio * Math.max(1, entry.compressedSize)) {
            return done(new UsageError('zip-too-large', { file: shownAs, reason: `${name}: inflates over ${limits.maxRatio}×` }))
          }
          done(null, chunk)
        },
      })
      try {
        await pipeline(stream, meter, createWriteStream(out, { flags: 'wx', mode: 0o600 }))
      } catch (err) {
        if (err instanceof UsageError) throw err
        throw new UsageError('zip-invalid', { file: shownAs, reason: `${name}: ${oneLine(err)}` })
      }
    }
  } finally {
    zip.close()
  }
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('cannot open')) : resolve(zip),
    )
  })
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry)
      zip.off('end', onEnd)
      zip.off('error', onError)
    }
    const onEntry = (e: Entry) => (cleanup(), resolve(e))
    const onEnd = () => (cleanup(), resolve(undefined))
    const onError = (err: Error) => (cleanup(), reject(err))
    zip.on('entry', onEntry)
    zip.on('end', onEnd)
    zip.on('error', onError)
    zip.readEntry()
  })
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('cannot read')) : resolve(stream)))
  })
}

function oneLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0]!.slice(0, 200)
}
