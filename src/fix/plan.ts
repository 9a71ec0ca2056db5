import type { CheckResult } from '../core/check-package.js'
import { showMasked } from '../core/run-rules.js'
import type { Box, FileFacts, PageFacts } from '../inspect/facts.js'
import { fileRefs } from '../manifest/file-refs.js'
import { regionsFor } from '../preview/thumbnails.js'
import type { Finding } from '../report/finding.js'
import { identityTerms, type IdentityTerm } from '../identity/match.js'
import { pageTurn } from '../rules/scan/page.js'
import { nameLeaks, neutralStem, renamed, withExt } from './names.js'

// What `fix` will do to each named file, decided from the original's check: its findings say what
// is wrong and where (file, page), its facts where on the page (the boxes the HTML report marks).
// Only what the checker located is changed; everything else it found is left for the applicant,
// with its finding. Pure: no file is read or written here.

export type ChangeKind = 'metadata' | 'rename' | 'rasterise' | 'burn' | 'rotate' | 'shrink' | 'convert' | 'decrypt'

export interface Change {
  kind: ChangeKind
  /** The finding that asked for it (absent for the rewrite every PDF and image gets). */
  rule?: string
  clause?: string
  /** 1-based; absent: the whole file. */
  page?: number
  /** burn: the boxes, points from the page's top left as drawn (images: on their A4 page). */
  boxes?: Box[]
  /** burn: what the boxes are over ('text' runs, 'ocr' lines, 'covered' boxes, 'face'). */
  over?: 'text' | 'ocr' | 'covered' | 'face'
  /** rotate: the new PDF /Rotate, or for pixels how far to turn them clockwise. */
  deg?: number
  /** rotate: by /Rotate (nothing redrawn), or by turning the pixels (EXIF, a scan sideways in its pixels). */
  by?: 'rotate-entry' | 'pixels' | 'exif'
}

export interface FilePlan {
  /** Path in the package. */
  rel: string
  /** Path in the copy (a renamed or converted file differs). */
  out: string
  /** The manifest fields that name it. */
  pointers: string[]
  type: 'pdf' | 'image' | 'copy'
  changes: Change[]
  facts: FileFacts | undefined
}

export interface FixPlan {
  files: FilePlan[]
  /** Findings of the original that fix does not repair: left to the applicant. */
  byHand: Finding[]
  /** The terms looked for (name, employer, variants, personal details). */
  terms: IdentityTerm[]
  /** Masks a text the way reports do. */
  shown: (text: string) => string
}

/** Rules whose findings fix repairs (when it can locate what to change). */
export const FIXED_RULES = new Set([
  'redaction.filename-leak',
  'redaction.metadata-leak',
  'redaction.text-leak',
  'redaction.covered-text',
  'redaction.ocr-leak',
  'redaction.photo-leak',
  'scan.rotated',
  'scan.too-large',
  'scan.type-mismatch',
  'scan.encrypted',
])

/** Image types sharp decodes that the platform does not take: converted to JPEG. */
const CONVERTIBLE = new Set(['tif', 'heic', 'heif', 'avif', 'webp', 'gif', 'bmp'])

export function planFix(checked: CheckResult): FixPlan {
  const { manifest, report, facts, pkg: fs, policy } = checked
  const shown = showMasked(manifest)
  const terms = identityTerms(manifest.data?.applicant ?? identityOfRaw(manifest.raw))
  const pointersOf = new Map<string, string[]>()
  for (const ref of fileRefs(manifest.raw)) {
    const r = fs.resolve(ref.path)
    if (!r.ok) continue
    pointersOf.set(r.rel, [...(pointersOf.get(r.rel) ?? []), ref.pointer])
  }
  // A finding's file is shown masked: the same masking of each named file tells which it is.
  const relOfShown = new Map<string, string>()
  for (const rel of pointersOf.keys()) relOfShown.set(shown(rel), rel)
  const accepted = policy.values.scans.accepted_types.map((t) => (t === 'jpeg' ? 'jpg' : t.toLowerCase()))

  const plans = new Map<string, FilePlan>()
  for (const [rel, pointers] of pointersOf) {
    const f = facts.get(rel)
    const kind = f?.scan?.kind
    const type = f?.exists && f.scan?.readable !== false && kind === 'pdf' ? 'pdf' : f?.exists && f.scan?.readable && (kind === 'jpeg' || kind === 'png') ? 'image' : 'copy'
    plans.set(rel, { rel, out: rel, pointers, type, changes: [], facts: f })
  }
  const byHand: Finding[] = []
  for (const finding of report.findings) {
    const rel = finding.file !== undefined ? relOfShown.get(finding.file) : undefined
    const plan = rel !== undefined ? plans.get(rel) : undefined
    const changes = plan && FIXED_RULES.has(finding.rule) ? changesFor(finding, plan, terms, accepted) : []
    if (!plan || changes.length === 0) byHand.push(finding)
    else for (const c of changes) if (!plan.changes.some((d) => same(d, c))) plan.changes.push(c)
  }
  // Every PDF is written afresh and every image with metadata re-encoded: what no rule flags
  // (a producer string, an earlier revision, GPS) is not carried into the copy either.
  for (const plan of plans.values()) {
    const s = plan.facts?.scan
    const hasMeta = Boolean(s?.exif || (s?.metadata?.length ?? 0) > 0)
    if ((plan.type === 'pdf' || (plan.type === 'image' && hasMeta)) && !plan.changes.some((c) => c.kind === 'metadata')) plan.changes.unshift({ kind: 'metadata' })
    if (plan.type === 'image' && plan.changes.length > 0 && !plan.changes.some((c) => c.kind === 'metadata')) plan.changes.unshift({ kind: 'metadata' })
  }
  assignNames([...plans.values()], terms)
  return { files: [...plans.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)), byHand, terms, shown }
}

function changesFor(finding: Finding, plan: FilePlan, terms: readonly IdentityTerm[], accepted: readonly string[]): Change[] {
  const why = { rule: finding.rule, ...(finding.clause ? { clause: finding.clause } : {}) }
  const facts = plan.facts
  const pageNo = finding.page ?? 1
  const page: PageFacts | undefined = facts?.scan?.pages.find((p) => p.page === pageNo)
  const onPage = plan.type === 'pdf' ? { page: pageNo } : {}
  const raster: Change[] = plan.type === 'pdf' ? [{ kind: 'rasterise', ...why, page: pageNo }] : []
  switch (finding.rule) {
    case 'redaction.filename-leak':
      return [{ kind: 'rename', ...why }]
    case 'redaction.metadata-leak':
      return plan.type === 'copy' ? [] : [{ kind: 'metadata', ...why }]
    case 'redaction.text-leak':
    case 'redaction.covered-text':
    case 'redaction.ocr-leak':
    case 'redaction.photo-leak': {
      if (plan.type === 'copy' || !facts || !page) return []
      let boxes = regionsFor(finding, facts, terms).map((r) => r.rect)
      // A box over text burns only where it was dark (a redaction meant): text the same colour as
      // its background, or under a pale form box, is simply not kept (the page is redrawn).
      if (finding.rule === 'redaction.covered-text') boxes = (page.covered ?? []).filter((c) => c.dark || c.by === 'redact-annotation').map((c) => c.box)
      const over = ({ 'redaction.text-leak': 'text', 'redaction.covered-text': 'covered', 'redaction.ocr-leak': 'ocr', 'redaction.photo-leak': 'face' } as const)[finding.rule]
      // Pixels with nothing located: nothing is guessed, the finding stays for the applicant.
      if (boxes.length === 0 && (over === 'ocr' || over === 'face' || plan.type === 'image')) return []
      return [...raster, ...(boxes.length > 0 ? [{ kind: 'burn' as const, ...why, ...onPage, boxes, over }] : [])]
    }
    case 'scan.rotated': {
      if (plan.type === 'copy' || !page) return []
      if (plan.type === 'image') {
        const o = facts?.scan?.exif?.orientation
        if (o !== undefined && o !== null && o >= 2 && o <= 8) return [{ kind: 'rotate', ...why, by: 'exif' }]
        if (page.ocr?.status === 'read' && page.ocr.turnedDeg) return [{ kind: 'rotate', ...why, by: 'pixels', deg: (360 - page.ocr.turnedDeg) % 360 }]
        return []
      }
      const turn = pageTurn(page)
      if (turn) {
        const content = page.textRotationDeg ?? (page.scanImage ? page.scanImage.placementDeg : 0)
        return [{ kind: 'rotate', ...why, page: pageNo, by: 'rotate-entry', deg: (360 - content) % 360 }]
      }
      if (page.ocr?.status === 'read' && page.ocr.turnedDeg) return [...raster, { kind: 'rotate', ...why, page: pageNo, by: 'pixels', deg: (360 - page.ocr.turnedDeg) % 360 }]
      return []
    }
    case 'scan.too-large':
      return plan.type === 'copy' ? [] : [{ kind: 'shrink', ...why }]
    case 'scan.type-mismatch': {
      const real = facts?.sniffed?.ext
      if (!real) return []
      const norm = real === 'jpeg' ? 'jpg' : real
      if (CONVERTIBLE.has(norm) && accepted.includes('jpg')) return [{ kind: 'convert', ...why }]
      // The bytes are a type the platform takes, under another name: the name is corrected.
      if (accepted.includes(norm) && (norm === 'pdf' || norm === 'jpg' || norm === 'png')) return [{ kind: 'convert', ...why }]
      return []
    }
    case 'scan.encrypted':
      return plan.type === 'pdf' && facts?.scan?.encrypted && !facts.scan.encrypted.needsPassword ? [{ kind: 'decrypt', ...why }] : []
    default:
      return []
  }
}

/** Renamed files get their slot's neutral name; converted ones their new extension. */
function assignNames(plans: FilePlan[], terms: readonly IdentityTerm[]): void {
  const taken = new Set(plans.map((p) => p.rel.toLowerCase()))
  for (const p of plans) {
    const convertTo = convertedExt(p)
    const leaks = p.changes.some((c) => c.kind === 'rename') || nameLeaks(p.rel, terms)
    if (!leaks && !convertTo) continue
    const ext = convertTo ?? (p.rel.includes('.') ? p.rel.slice(p.rel.lastIndexOf('.') + 1) : '')
    let out: string
    if (leaks) {
      if (!p.changes.some((c) => c.kind === 'rename')) p.changes.push({ kind: 'rename' })
      out = renamed(p.rel, neutralStem(p.pointers[0] ?? 'file'), ext || 'pdf', taken)
    } else {
      out = withExt(p.rel, ext)
      if (taken.has(out.toLowerCase())) out = renamed(p.rel, out.slice(out.lastIndexOf('/') + 1, out.lastIndexOf('.')), ext, taken)
    }
    taken.delete(p.rel.toLowerCase())
    taken.add(out.toLowerCase())
    p.out = out
  }
}

/** The extension a converted file takes: jpg for an image the platform does not take, else its real type. */
function convertedExt(p: FilePlan): string | null {
  if (!p.changes.some((c) => c.kind === 'convert')) return null
  const real = p.facts?.sniffed?.ext
  const norm = real === 'jpeg' ? 'jpg' : real
  return norm === 'pdf' || norm === 'jpg' || norm === 'png' ? norm : 'jpg'
}

function identityOfRaw(raw: Record<string, unknown>): Parameters<typeof identityTerms>[0] {
  const a = raw.applicant
  return typeof a === 'object' && a !== null ? (a as Parameters<typeof identityTerms>[0]) : undefined
}

/** One change per thing done: a page is redrawn once, whichever findings asked for it. */
function same(a: Change, b: Change): boolean {
  if (a.kind === 'rasterise' && b.kind === 'rasterise') return a.page === b.page
  if (a.kind === 'metadata' && b.kind === 'metadata') return true
  if (a.kind === 'rename' && b.kind === 'rename') return true
  return JSON.stringify(a) === JSON.stringify(b)
}
