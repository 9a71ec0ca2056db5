import { findIdentity, type IdentityTerm } from '../identity/match.js'

// The neutral name of a file: what it is, never whose it is. A file whose own name holds the
// name, the employer or a personal detail is renamed after the manifest field that names it
// (education.diploma → 学历证书.pdf, continuing_education.years.2022.public.certificate →
// 2022-公需课.pdf); its folders are kept (only the file's own name travels to the platform).

const FIELD_NAMES: Record<string, string> = {
  'education.diploma': '学历证书',
  'education.degree': '学位证书',
  'education.verification.file': '学历验证',
  'mandarin.certificate': '普通话证书',
  'defense.proof': '免答辩证明',
}

const ATTACHMENT_NAMES: Record<string, string> = {
  unit_publicity: '单位公示',
  publicity_result: '公示结果',
  recommendation: '单位推荐意见',
  commitment: '个人承诺书',
}

/** What a file named at `pointer` is, as a file name without extension. */
export function neutralStem(pointer: string): string {
  const known = FIELD_NAMES[pointer]
  if (known) return known
  const parts = pointer.split('.')
  const ce = /^continuing_education\.years\.(\d{4})\.(public|professional)\./u.exec(pointer)
  if (ce) return `${ce[1]}-${ce[2] === 'public' ? '公需课' : '专业课'}`
  if (/^continuing_education\.years\.(\d{4})\./u.test(pointer)) return `${parts[2]}-继续教育`
  if (parts[0] === 'attachments') return ATTACHMENT_NAMES[parts[1] ?? ''] ?? `附件-${parts.slice(1).join('-')}`
  if (parts[0] === 'achievements' && /^\d+$/u.test(parts[1] ?? '')) return `业绩-${Number(parts[1]) + 1}`
  // Anything else: the field's own words, which never hold a person's name.
  return `材料-${parts.filter((p) => !/^(file|certificate|proof)$/u.test(p)).join('-')}`
}

/** True when the file's own name (not its folders) holds one of the terms. */
export function nameLeaks(rel: string, terms: readonly IdentityTerm[]): boolean {
  return findIdentity(rel.split('/').at(-1) ?? rel, terms).length > 0
}

/** `rel` with its file name replaced by `stem` + `ext`, not colliding with any path in `taken` (compared case-blind). */
export function renamed(rel: string, stem: string, ext: string, taken: ReadonlySet<string>): string {
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : ''
  for (let n = 1; ; n++) {
    const candidate = `${dir}${stem}${n === 1 ? '' : `-${n}`}.${ext}`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
}

/** `rel` with another extension (a HEIC or TIFF converted to JPEG). */
export function withExt(rel: string, ext: string): string {
  const slash = rel.lastIndexOf('/')
  const dot = rel.lastIndexOf('.')
  return `${dot > slash ? rel.slice(0, dot) : rel}.${ext}`
}
