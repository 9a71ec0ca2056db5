import { crc32, deflateRawSync } from 'node:zlib'

// A small zip writer for tests: exact control over entry names (raw GBK bytes, the UTF-8 flag),
// modes (symlinks) and sizes, which no zip tool on a test machine gives reliably.

export interface ZipEntry {
  /** The name as a string (written in UTF-8) or as raw bytes (e.g. GBK). */
  name: string | Uint8Array
  data?: Uint8Array | string
  /** Set general purpose bit 11 (the name is UTF-8). Default: true for string names. */
  utf8Flag?: boolean
  /** Store instead of deflate. */
  store?: boolean
  /** Unix mode in the external attributes (0o120777 for a symlink). */
  unixMode?: number
}

export function makeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : Buffer.from(e.name)
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data ?? new Uint8Array(0))
    const store = e.store ?? data.length === 0
    const body = store ? data : deflateRawSync(data)
    const flag = (e.utf8Flag ?? typeof e.name === 'string') ? 0x800 : 0
    const crc = crc32(data) >>> 0
    const method = store ? 0 : 8
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flag, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE(0x21, 12) // 1980-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, body)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(e.unixMode !== undefined ? 0x031e : 20, 4) // made by: Unix when a mode is given
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flag, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(0, 12)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(0, 30)
    central.writeUInt16LE(0, 32)
    central.writeUInt16LE(0, 34)
    central.writeUInt16LE(0, 36)
    central.writeUInt32LE(e.unixMode !== undefined ? (e.unixMode << 16) >>> 0 : 0, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

let gbkTable: Map<string, number[]> | undefined

/** GBK bytes of a string, from Node's own GBK decoder run backwards (Node has no GBK encoder). */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map()
    const dec = new TextDecoder('gbk')
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue
        const ch = dec.decode(new Uint8Array([hi, lo]))
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo])
      }
    }
  }
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) out.push(code)
    else {
      const bytes = gbkTable.get(ch)
      if (!bytes) throw new Error(`not in GBK: ${ch}`)
      out.push(...bytes)
    }
  }
  return new Uint8Array(out)
}
