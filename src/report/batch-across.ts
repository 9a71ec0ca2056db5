import { pictureSketch, samePicture } from '../inspect/fingerprint.js'
import type { Elsewhere, Lang } from '../rules/define-rule.js'
import { ruleContext } from '../rules/context.js'
import { scanSameElsewhere } from '../rules/scan/elsewhere.js'
import { compareCodePoints } from '../fs/package-fs.js'
import type { PackageReport } from './batch.js'
import { sortFindings, type Finding } from './finding.js'
import { catalogueOf } from './catalogue.js'
import { findingOf, wordFinding } from './word.js'

// Across applicants: the same scan in two packages is a warning in both (scan.same-elsewhere).
// It reads only the packages' reports (their `files` digests), so `merge` finds across shards
// exactly what one batch finds. Not every pair: files are grouped by sha256; pages by the sketch of
// their picture (fingerprint.ts: four quarter means), and a page is compared only with the pages
// whose sketch is within one step in every quarter (the 81 neighbouring buckets).

export interface AcrossStats {
  /** Picture comparisons made (samePicture calls), and how many pages had a picture hash. */
  compared: number
  pages: number
  /** Buckets of pages with one sketch, and the largest. */
  buckets: number
  largestBucket: number
}

interface PageRef {
  pkg: number
  file: string
  sha256: string
  page: number
  hash: string
}

/** Each package's scans that are also in other packages; by package index. */
export function findElsewhere(packages: readonly PackageReport[], lang: Lang, stats?: AcrossStats): Map<number, Elsewhere[]> {
  const out = new Map<number, Map<string, { e: Elsewhere; others: Set<string> }>>()
  const note = (pkg: number, file: string, page: number | undefined, other: string) => {
    let m = out.get(pkg)
    if (!m) out.set(pkg, (m = new Map()))
    const key = `${page ?? 0}\0${file}`
    let entry = m.get(key)
    if (!entry) m.set(key, (entry = { e: { file, ...(page !== undefined ? { page } : {}), others: [] }, others: new Set() }))
    entry.others.add(other)
  }
  const colon = lang === 'zh' ? '：' : ': '
  const where = (pkg: number, file: string, page?: number) =>
    `${packages[pkg]!.package}${colon}${file}${page === undefined ? '' : lang === 'zh' ? ` 第 ${page} 页` : ` p. ${page}`}`

  // The same bytes.
  const bySha = new Map<string, Array<{ pkg: number; file: string }>>()
  packages.forEach((p, pkg) => {
    for (const f of p.files ?? []) {
      let list = bySha.get(f.sha256)
      if (!list) bySha.set(f.sha256, (list = []))
      list.push({ pkg, file: f.file })
    }
  })
  for (const list of bySha.values()) {
    if (new Set(list.map((x) => x.pkg)).size < 2) continue
    for (const a of list) for (const b of list) if (a.pkg !== b.pkg) note(a.pkg, a.file, undefined, where(b.pkg, b.file))
  }

  // The same picture, saved again: candidates share a band of the hash.
  const pages: PageRef[] = []
  packages.forEach((p, pkg) => {
    for (const f of p.files ?? []) f.pages?.forEach((hash, i) => hash && pages.push({ pkg, file: f.file, sha256: f.sha256, page: i + 1, hash }))
  })
  // Each page against the pages before it in the neighbouring buckets: every candidate pair once.
  const buckets = new Map<string, number[]>()
  let compared = 0
  pages.forEach((a, i) => {
    const sketch = pictureSketch(a.hash)
    if (!sketch) return
    for (const key of neighbours(sketch)) {
      for (const j of buckets.get(key) ?? []) {
        const b = pages[j]!
        if (a.pkg === b.pkg || a.sha256 === b.sha256) continue
        compared++
        if (!samePicture(a.hash, b.hash)) continue
        note(a.pkg, a.file, a.page, where(b.pkg, b.file, b.page))
        note(b.pkg, b.file, b.page, where(a.pkg, a.file, a.page))
      }
    }
    const own = sketch.join(',')
    let bucket = buckets.get(own)
    if (!bucket) buckets.set(own, (bucket = []))
    bucket.push(i)
  })
  if (stats) Object.assign(stats, { compared, pages: pages.length, buckets: buckets.size, largestBucket: Math.max(0, ...[...buckets.values()].map((b) => b.length)) })

  const result = new Map<number, Elsewhere[]>()
  for (const [pkg, m] of out) {
    const list = [...m.values()].map(({ e, others }) => ({ ...e, others: [...others].sort(compareCodePoints) }))
    result.set(pkg, list.sort((a, b) => compareCodePoints(a.file, b.file) || (a.page ?? 0) - (b.page ?? 0)))
  }
  return result
}

const ELSEWHERE = catalogueOf([scanSameElsewhere])

/**
 * The packages with scan.same-elsewhere warnings added where their scans are in other packages.
 * `quiet`: the findings list keeps errors only (--quiet), the counts still count the warnings.
 */
export function addElsewhereFindings(packages: PackageReport[], lang: Lang, quiet: boolean, stats?: AcrossStats): PackageReport[] {
  const found = findElsewhere(packages, lang, stats)
  return packages.map((p, i) => {
    const list = found.get(i)
    if (!list) return p
    const rule = scanSameElsewhere
    // The files and packages named are the reports' own, masked already.
    const added: Finding[] = rule.check(ruleContext({ elsewhere: list })).map((hit) => wordFinding(findingOf(rule, hit, (s) => s), ELSEWHERE, lang))
    return {
      ...p,
      summary: { ...p.summary, warnings: p.summary.warnings + added.length },
      findings: quiet ? p.findings : sortFindings([...p.findings, ...added]),
    }
  })
}


/** The sketch's bucket and its neighbours: each quarter one step down, the same, or one step up. */
function neighbours(sketch: readonly number[]): string[] {
  let keys: number[][] = [[]]
  for (const v of sketch) keys = keys.flatMap((k) => [v - 1, v, v + 1].map((x) => [...k, x]))
  return keys.map((k) => k.join(','))
}

/**
 * The package without its scan.same-elsewhere warnings: the report handed back to one applicant
 * (--reports) does not name the other applicants' folders; the unit's table does.
 */
export function withoutElsewhere(p: PackageReport): PackageReport {
  const own = p.findings.filter((f) => f.rule !== scanSameElsewhere.id)
  if (own.length === p.findings.length) return p
  return { ...p, findings: own, summary: { ...p.summary, warnings: p.summary.warnings - (p.findings.length - own.length) } }
}
