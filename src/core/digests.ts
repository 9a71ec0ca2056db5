import type { FileFacts } from '../inspect/facts.js'
import { samePicture } from '../inspect/fingerprint.js'
import type { FileDigest } from '../report/batch.js'

// What a batch keeps of each scan so that packages can be compared with each other later, even
// from shard reports alone: the sha256 of the bytes and a hash of each scanned page's picture.

/** The digests of the files that were read, by path (code point), shown as findings show them. */
export function fileDigests(facts: ReadonlyMap<string, FileFacts>, shown: (file: string) => string): FileDigest[] {
  const out: FileDigest[] = []
  for (const f of facts.values()) {
    if (!f.exists || f.sha256 === undefined) continue
    // A blank or nearly blank page holds nothing to compare: samePicture refuses it even against
    // itself, and its hash is not kept.
    const pages = (f.scan?.pages ?? []).map((p) => {
      const hash = p.scanImage?.pixels?.hash
      return hash && samePicture(hash, hash) ? hash : null
    })
    out.push({ file: shown(f.path), sha256: f.sha256, ...(pages.some((h) => h !== null) ? { pages } : {}) })
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}
