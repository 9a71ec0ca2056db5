import { fileTypeFromBuffer } from 'file-type'

export interface Sniffed {
  ext: string
  mime: string
}

/** The formats the checker opens; everything else is only named (scan.type-mismatch). */
export type ScanKind = 'pdf' | 'jpeg' | 'png' | 'other'

// Readers (Acrobat, pdf.js, poppler) accept a PDF header anywhere in the first 1024 bytes;
// file-type only looks at byte 0, so a scanner's junk prefix would read as "unknown".
const PDF_HEADER_WINDOW = 1024

/** The real type from the bytes (file-type), not from the name; null when unrecognised. */
export async function sniffType(bytes: Uint8Array): Promise<Sniffed | null> {
  let t: Sniffed | undefined
  try {
    const r = await fileTypeFromBuffer(bytes)
    t = r ? { ext: r.ext, mime: r.mime } : undefined
  } catch {
    t = undefined
  }
  // Illustrator files are PDFs with an extra marker; for an upload they are PDFs.
  if (t?.ext === 'ai') return { ext: 'pdf', mime: 'application/pdf' }
  if (t) return t
  if (hasPdfHeader(bytes)) return { ext: 'pdf', mime: 'application/pdf' }
  // file-type wants a valid first chunk; a PNG or JPEG signature followed by garbage is still
  // meant as one, and is then a corrupt PNG/JPEG (scan.unreadable), not an unknown type.
  if (startsWith(bytes, PNG_SIGNATURE)) return { ext: 'png', mime: 'image/png' }
  if (startsWith(bytes, JPEG_SOI)) return { ext: 'jpg', mime: 'image/jpeg' }
  return null
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG_SOI = [0xff, 0xd8, 0xff]

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, PDF_HEADER_WINDOW)
  for (let i = 0; i + 5 <= n; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true
  }
  return false
}

export function scanKind(sniffed: Sniffed | null): ScanKind {
  if (sniffed?.ext === 'pdf') return 'pdf'
  if (sniffed?.ext === 'jpg') return 'jpeg'
  if (sniffed?.ext === 'png') return 'png'
  return 'other'
}
