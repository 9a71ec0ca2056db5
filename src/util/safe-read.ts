import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

// Reading a file someone else made (a package's, a cache entry, a policy file). `open(2)` on a FIFO blocks until a writer comes (for ever, and
// Ctrl-C cannot interrupt the main thread stuck in it); a device (/dev/zero) never ends; a file
// without read permission is there, only not readable. So every file is opened non-blocking,
// checked to be a regular file on the open descriptor (no race between a check and the open), and
// read only up to a bound fixed before the first byte is read.

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs in the file system). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

export type NotReadable = 'missing' | 'not-a-file' | 'permission'

export type ReadResult =
  | { ok: true; bytes: Uint8Array; sizeBytes: number }
  | { ok: false; why: NotReadable; detail: string }

/**
 * The whole file when it has at most `maxBytes`, else its first `headBytes` (sizeBytes says the
 * whole size). Never blocks: anything but a regular file is `not-a-file`.
 */
export function readRegularFile(abs: string, maxBytes: number, headBytes = 0): ReadResult {
  let fd: number
  try {
    fd = openSync(abs, OPEN_FLAGS)
  } catch (err) {
    return notOpened(err)
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { ok: false, why: 'not-a-file', detail: kindOf(st) }
    const want = st.size > maxBytes ? Math.min(headBytes, st.size) : st.size
    // Its own ArrayBuffer, so it can be transferred to a worker without a copy.
    const bytes = new Uint8Array(new ArrayBuffer(want))
    let off = 0
    while (off < want) {
      const n = readSync(fd, bytes, off, want - off, off)
      if (n <= 0) break
      off += n
    }
    return { ok: true, bytes: off === want ? bytes : bytes.slice(0, off), sizeBytes: off === want ? st.size : off }
  } catch (err) {
    return notOpened(err)
  } finally {
    closeSync(fd)
  }
}

function notOpened(err: unknown): { ok: false; why: NotReadable; detail: string } {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, why: 'permission', detail: code }
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, why: 'missing', detail: code }
  // ELOOP, ENXIO (a socket), EISDIR …: something is there, and it is not a file to read.
  return { ok: false, why: 'not-a-file', detail: code || 'cannot open' }
}

function kindOf(st: { isFIFO(): boolean; isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)'
  if (st.isDirectory()) return 'a folder'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}
