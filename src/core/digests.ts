import type { FileFacts } from '../inspect/facts.js'
import type { FileDigest } from '../report/batch.js'

// What a batch keeps of each scan so that packages can be compared with each other later, even
// from shard reports alone: the sha256 of the bytes and a hash of each scanned page's picture.

/**
 * A page with less ink than this is blank or nearly so: every blank page looks like every other,
 * so its picture hash says nothing about a copied document. Not a policy number: a property of the
 * picture hash.
 */
const MIN_INK_FOR_PICTURE = 0.005

/** The digests of the files that were read, by path (code point), shown as findings show them. */
export function fileDigests(facts: ReadonlyMap<string, FileFacts>, shown: (file: string) => string): FileDigest[] {
  const out: FileDigest[] = []
  for (const f of facts.values()) {
    if (!f.exists || f.sha256 === undefined) continue
    const pages = (f.scan?.pages ?? []).map((p) => {
      const px = p.scanImage?.pixels as ({ ink: number; hash?: string } | null | undefined)
      return px && px.hash !== undefined && px.ink >= MIN_INK_FOR_PICTURE ? px.hash : null
    })
    out.push({ file: shown(f.path), sha256: f.sha256, ...(pages.some((h) => h !== null) ? { pages } : {}) })
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}
