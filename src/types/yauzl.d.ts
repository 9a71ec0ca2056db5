// The part of yauzl 3 the zip reader uses (src/fs/zip-package.ts); yauzl ships no types.
declare module 'yauzl' {
  import type { EventEmitter } from 'node:events'

  interface Options {
    lazyEntries?: boolean
    autoClose?: boolean
    decodeStrings?: boolean
    validateEntrySizes?: boolean
    strictFileNames?: boolean
  }

  class Entry {
    /** A Buffer when decodeStrings is false. */
    fileName: string | Buffer
    generalPurposeBitFlag: number
    externalFileAttributes: number
    compressedSize: number
    uncompressedSize: number
    extraFields: Array<{ id: number; data: Buffer }>
    isEncrypted(): boolean
  }

  class ZipFile extends EventEmitter {
    entryCount: number
    readEntry(): void
    openReadStream(entry: Entry, cb: (err: Error | null, stream?: NodeJS.ReadableStream) => void): void
    close(): void
  }

  function open(path: string, options: Options, cb: (err: Error | null, zip?: ZipFile) => void): void

  const yauzl: { open: typeof open; Entry: typeof Entry; ZipFile: typeof ZipFile }
  export default yauzl
  export { Entry, ZipFile, open }
}
