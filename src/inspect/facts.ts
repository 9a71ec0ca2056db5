import { extname } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { PackageFs } from '../fs/package-fs.js'

/**
 * What inspection learnt about one named file: plain JSON, deterministic, the only input rules
 * have about a file's bytes. This is the minimal inspection (exists, size, sniffed type); the
 * scan inspection (pages, rotation, resolution, text layer …) adds fields here.
 */
export interface FileFacts {
  /** Normalised path relative to the package. */
  path: string
  exists: boolean
  sizeBytes?: number
  /** Lower-case extension from the name, without the dot ('' when none). */
  declaredExt: string
  /** Type from the bytes; null when no signature is recognised. */
  sniffed?: { ext: string; mime: string } | null
}

const SNIFF_BYTES = 4100

export async function inspectMinimal(fs: PackageFs, rel: string, abs: string): Promise<FileFacts> {
  const declaredExt = extname(rel).slice(1).toLowerCase()
  const sizeBytes = fs.size(abs)
  if (sizeBytes === undefined) return { path: rel, exists: false, declaredExt }
  let sniffed: FileFacts['sniffed'] = null
  try {
    const t = await fileTypeFromBuffer(fs.head(abs, SNIFF_BYTES))
    sniffed = t ? { ext: t.ext, mime: t.mime } : null
  } catch {
    sniffed = null
  }
  return { path: rel, exists: true, sizeBytes, declaredExt, sniffed }
}
