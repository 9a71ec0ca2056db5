import { posix } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Writable } from 'node:stream'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { UsageError } from '../usage-error.js'
import type { ReadResult } from '../util/safe-read.js'
import { listUploads, resolveFlat, type PackageSource, type Resolved } from './package-source.js'

// A package sent as a .zip, read in place (ZipPackage below): the zip is only read, never
// extracted. Paths inside it that would leave it (zip-slip) are refused when it is opened.

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
 * The path of an entry inside the package, or a UsageError when it would leave it (zip-slip: `..`, absolute, drive letter, NUL). null: a folder or an entry
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

/**
 * A package sent as a .zip, read in place: the zip is opened once, its entries checked, and each
 * file is inflated from the zip when it is read. Nothing is written anywhere (no temp folder), so
 * nothing is left behind by a crash or a signal. Throws UsageError (zip-*) with the reason.
 *
 * Every bound is checked at open on the bytes actually inflated, not on the sizes the zip claims:
 * each kept entry is inflated once into a meter (and thrown away), so a bomb, a torn entry or a
 * bad CRC stops the package before its check starts, as extraction did. Reads inflate again, and
 * yauzl holds them to the sizes measured then.
 */
export class ZipPackage implements PackageSource {
  private constructor(
    private readonly zip: ZipFile,
    /** Kept entries by path inside the zip. */
    private readonly entries: ReadonlyMap<string, Entry>,
    /** The package folder inside the zip: '' (the top) or its only top folder, with a `/`. */
    private readonly prefix: string,
  ) {}

  /** `manifestNames`: a folder holding one of them is the package (the manifest layer's list: fs sits below it). */
  static async open(zipFile: string, shownAs: string, manifestNames: readonly string[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipPackage> {
    let zip: ZipFile
    try {
      zip = await openZip(zipFile)
    } catch (err) {
      throw new UsageError('zip-invalid', { file: shownAs, reason: oneLine(err) })
    }
    try {
      const entries = await keptEntries(zip, shownAs, limits)
      return new ZipPackage(zip, entries, packagePrefix(entries, manifestNames, shownAs))
    } catch (err) {
      zip.close()
      throw err
    }
  }

  resolve(path: string): Resolved {
    return resolveFlat(path)
  }

  list(): Promise<string[]> {
    const inside = [...this.entries.keys()].filter((k) => k.startsWith(this.prefix)).map((k) => k.slice(this.prefix.length))
    return listUploads(inside, this)
  }

  async stat(rel: string): Promise<number | undefined> {
    return this.entries.get(this.prefix + rel)?.uncompressedSize
  }

  async read(rel: string, maxBytes: number, headBytes = 0): Promise<ReadResult> {
    const entry = this.entries.get(this.prefix + rel)
    if (!entry) {
      const folder = `${this.prefix}${rel}/`
      if ([...this.entries.keys()].some((k) => k.startsWith(folder))) return { ok: false, why: 'not-a-file', detail: 'a folder' }
      return { ok: false, why: 'missing', detail: 'ENOENT' }
    }
    const size = entry.uncompressedSize
    const want = size > maxBytes ? Math.min(headBytes, size) : size
    // Its own ArrayBuffer, so it can be transferred to a worker without a copy.
    const bytes = new Uint8Array(new ArrayBuffer(want))
    if (want === 0) return { ok: true, bytes, sizeBytes: size }
    try {
      const stream = await openEntry(this.zip, entry)
      let off = 0
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const n = Math.min(chunk.length, want - off)
        bytes.set(chunk.subarray(0, n), off)
        off += n
        if (off >= want) break // leaving the loop destroys the stream: a head needs no more
      }
      return { ok: true, bytes: off === want ? bytes : bytes.slice(0, off), sizeBytes: off === want ? size : off }
    } catch (err) {
      return { ok: false, why: 'not-a-file', detail: oneLine(err) }
    }
  }

  async close(): Promise<void> {
    this.zip.close()
  }
}

/** The entries a package is made of, each inflated once against the bounds; the first of two same names wins. */
async function keptEntries(zip: ZipFile, shownAs: string, limits: ZipLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries) {
    throw new UsageError('zip-too-large', { file: shownAs, reason: `${zip.entryCount} > ${limits.maxEntries} entries` })
  }
  const kept = new Map<string, Entry>()
  const seen = new Set<string>()
  const total = { bytes: 0 }
  for (;;) {
    const entry = await nextEntry(zip).catch((err: unknown) => {
      throw new UsageError('zip-invalid', { file: shownAs, reason: oneLine(err) })
    })
    if (!entry) return kept
    const name = decodeEntryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag)
    const rel = entryPath(name, shownAs)
    if (rel === null) continue
    // A symbolic link could point anywhere: it is not part of the package (a manifest naming it gets manifest.file-missing).
    const mode = (entry.externalFileAttributes >>> 16) & 0o170000
    if (mode === 0o120000) continue
    if (entry.isEncrypted()) throw new UsageError('zip-invalid', { file: shownAs, reason: `${name}: encrypted` })
    // Two entries with one name (or GBK and UTF-8 spellings that meet): the first wins, like unzip -n.
    const key = rel.normalize('NFC')
    if (seen.has(key)) continue
    seen.add(key)
    await measure(zip, entry, name, shownAs, limits, total)
    kept.set(rel, entry)
  }
}

/** Inflates one entry into nothing, counting: over a bound, or unreadable, is a UsageError. */
async function measure(zip: ZipFile, entry: Entry, name: string, shownAs: string, limits: ZipLimits, total: { bytes: number }): Promise<void> {
  const stream = await openEntry(zip, entry).catch((err: unknown) => {
    throw new UsageError('zip-invalid', { file: shownAs, reason: `${name}: ${oneLine(err)}` })
  })
  let bytes = 0
  const meter = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      total.bytes += chunk.length
      if (bytes > limits.maxEntryBytes) return done(new UsageError('zip-too-large', { file: shownAs, reason: `${name}: over ${limits.maxEntryBytes} bytes` }))
      if (total.bytes > limits.maxTotalBytes) return done(new UsageError('zip-too-large', { file: shownAs, reason: `over ${limits.maxTotalBytes} bytes in all` }))
      if (bytes > RATIO_FROM_BYTES && bytes > limits.maxRatio * Math.max(1, entry.compressedSize)) {
        return done(new UsageError('zip-too-large', { file: shownAs, reason: `${name}: inflates over ${limits.maxRatio}×` }))
      }
      done()
    },
  })
  try {
    await pipeline(stream, meter)
  } catch (err) {
    if (err instanceof UsageError) throw err
    throw new UsageError('zip-invalid', { file: shownAs, reason: `${name}: ${oneLine(err)}` })
  }
}

/** The manifest at the top of the zip, or in its only top folder (a zipped package folder). */
function packagePrefix(entries: ReadonlyMap<string, Entry>, manifestNames: readonly string[], shownAs: string): string {
  const has = (prefix: string) => manifestNames.some((m) => entries.has(prefix + m))
  if (has('')) return ''
  const top = new Set([...entries.keys()].map((k) => k.split('/')[0]!).filter((t) => !t.startsWith('.')))
  const only = top.size === 1 ? `${[...top][0]!}/` : undefined
  if (only && [...entries.keys()].some((k) => k.startsWith(only)) && has(only)) return only
  throw new UsageError('zip-no-manifest', { file: shownAs })
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
