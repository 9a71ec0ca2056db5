import type { PolicyValues } from '../policy/schema.js'
import type { CeKind, DefenseExemption, DocKind, EducationLevel, Guess, MandarinGrade } from './classify.js'

// What `init` knows about the package before writing it down: the files placed where the manifest
// names them, and the answers given (or not). Anything still undefined is written as "to fill in".

export type AttachmentKey = 'unit_publicity' | 'publicity_result' | 'recommendation' | 'commitment'
export type VerificationKind = '学历证书电子注册备案表' | '学籍在线验证报告' | '毕业生登记表'

export interface CeItem {
  hours?: number
  certificate?: string
  /** From the platform (source: system): no file. */
  system?: boolean
}

export interface SeenFile {
  rel: string
  guess: Guess | null
}

export interface Draft {
  policyId: string
  files: SeenFile[]
  applicant: {
    name?: string
    employer?: string
    employer_type?: string
    series?: string
    title?: string
    post?: string
    path?: string
    work_start?: string
    /** null: answered "none" (a first title). */
    current_title?: { title: string; obtained: string; appointed?: string } | null
  }
  education: {
    level?: EducationLevel
    /** The level was answered, not guessed from a scan. */
    levelConfirmed?: boolean
    graduated?: string
    diploma?: string
    degree?: string
    verification?: { kind: VerificationKind; file: string; code?: string; valid_until?: string; unavailable_reason?: string }
  }
  ce: {
    years: Record<number, Partial<Record<CeKind, CeItem>>>
    exemption?: { years: number[]; reason?: string; file: string }
  }
  mandarin?: { grade?: MandarinGrade | number; certificate: string }
  /** true: all three ticked on the platform; false: not yet; undefined: not asked. */
  redactionTicked?: boolean
  classified?: 'none' | 'declassified' | 'classified'
  attachments: Partial<Record<AttachmentKey, string>>
  publicity?: { start?: string; end?: string; objections?: boolean }
  defense?: { exemption?: DefenseExemption; proof: string }
  achievements: Array<{ title: string; file: string }>
  /** Manifest values (dotted paths) read off the scans: written with a comment to check them. */
  fromScans: string[]
  /** Files not written into the manifest, and why. */
  unplaced: Array<{ rel: string; reason: 'unknown' | 'ce-unsure' | 'duplicate' | 'exemption-year' | 'skipped' }>
}

const VERIFICATION: Partial<Record<DocKind, VerificationKind>> = {
  'verification-record': '学历证书电子注册备案表',
  'verification-report': '学籍在线验证报告',
  'graduate-register': '毕业生登记表',
}

const ATTACHMENT: Partial<Record<DocKind, AttachmentKey>> = {
  'unit-publicity': 'unit_publicity',
  'publicity-result': 'publicity_result',
  recommendation: 'recommendation',
  commitment: 'commitment',
}

export function emptyDraft(policyId: string, files: SeenFile[]): Draft {
  return { policyId, files, applicant: {}, education: {}, ce: { years: {} }, attachments: {}, achievements: [], fromScans: [], unplaced: [] }
}

/** Places every file by its guess. Later answers (questions) fill in and may move files. */
export function draftFromFiles(files: SeenFile[], policyId: string, policy: PolicyValues): Draft {
  const d = emptyDraft(policyId, files)
  for (const f of files) placeFile(d, f.rel, f.guess)
  addSystemYears(d, policy)
  d.education.level ??= levelFrom(files)
  return d
}

/** Puts one file where its kind goes; a second file for the same place is left unplaced. */
export function placeFile(d: Draft, rel: string, g: Guess | null): void {
  const taken = (): void => {
    d.unplaced.push({ rel, reason: 'duplicate' })
  }
  if (!g) {
    d.unplaced.push({ rel, reason: 'unknown' })
    return
  }
  const verification = VERIFICATION[g.kind]
  const attachment = ATTACHMENT[g.kind]
  const scanned = (key: NonNullable<Guess['scanned']>[number], path: string) => {
    if (g.scanned?.includes(key) && !d.fromScans.includes(path)) d.fromScans.push(path)
  }
  if ((verification || g.kind === 'graduate-register') && g.graduated && d.education.graduated === undefined) {
    d.education.graduated = g.graduated
    scanned('graduated', 'education.graduated')
  }
  if (verification) {
    if (d.education.verification) return taken()
    d.education.verification = { kind: verification, file: rel, ...(g.code ? { code: g.code } : {}), ...(g.validUntil ? { valid_until: g.validUntil } : {}) }
    scanned('code', 'education.verification.code')
    scanned('validUntil', 'education.verification.valid_until')
    return
  }
  if (attachment) {
    if (d.attachments[attachment]) return taken()
    d.attachments[attachment] = rel
    if (g.publicityStart && g.publicityEnd && !d.publicity?.start) {
      d.publicity = { ...d.publicity, start: g.publicityStart, end: g.publicityEnd }
      scanned('publicityStart', 'publicity.start')
      scanned('publicityEnd', 'publicity.end')
    }
    return
  }
  switch (g.kind) {
    case 'diploma':
    case 'degree': {
      const key = g.kind
      if (d.education[key]) return taken()
      d.education[key] = rel
      return
    }
    case 'ce-certificate': {
      if (g.year === undefined || g.ceKind === undefined) {
        d.unplaced.push({ rel, reason: 'ce-unsure' })
        return
      }
      const year = (d.ce.years[g.year] ??= {})
      if (year[g.ceKind]?.certificate) return taken()
      year[g.ceKind] = { certificate: rel, ...(g.hours !== undefined ? { hours: g.hours } : {}) }
      scanned('hours', `continuing_education.years.${g.year}.${g.ceKind}.hours`)
      return
    }
    case 'ce-exemption':
      if (d.ce.exemption) return taken()
      if (g.year === undefined) {
        d.unplaced.push({ rel, reason: 'exemption-year' })
        return
      }
      d.ce.exemption = { years: [g.year], file: rel }
      return
    case 'mandarin':
      if (d.mandarin) return taken()
      d.mandarin = { certificate: rel, ...(g.grade ? { grade: g.grade } : g.score !== undefined ? { grade: g.score } : {}) }
      scanned(g.grade ? 'grade' : 'score', 'mandarin.grade')
      return
    case 'defense-proof':
      if (d.defense) return taken()
      d.defense = { proof: rel, ...(g.exemption ? { exemption: g.exemption } : {}) }
      return
    case 'achievement':
      d.achievements.push({ title: g.title ?? rel, file: rel })
      return
    default:
      d.unplaced.push({ rel, reason: 'unknown' })
  }
}

/**
 * Years and kinds the platform holds (policy system_from on) and that have no uploaded file:
 * `source: system`, hours still to give. Exempt years are left out.
 */
export function addSystemYears(d: Draft, policy: PolicyValues): void {
  const exempt = new Set(d.ce.exemption?.years ?? [])
  const from = policy.continuing_education.system_from
  for (const year of policy.continuing_education.years) {
    if (exempt.has(year)) continue
    for (const kind of ['public', 'professional'] as const) {
      if (year < from[kind]) continue
      const entry = (d.ce.years[year] ??= {})
      entry[kind] ??= { system: true }
    }
  }
}

function levelFrom(files: SeenFile[]): EducationLevel | undefined {
  for (const kind of ['diploma', 'verification-record', 'verification-report', 'degree'] as const) {
    const level = files.find((f) => f.guess?.kind === kind && f.guess.level)?.guess?.level
    if (level) return level
  }
  return undefined
}
