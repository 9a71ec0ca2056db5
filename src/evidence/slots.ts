import type { ManifestData } from '../manifest/schema.js'
import type { KindId } from './kinds.js'

// Which kind of document each file slot of the manifest holds, and what else the slot says about it
// (the year and course of a continuing-education certificate). The pointers are file-refs.ts's.

export interface Slot {
  kind: KindId
  /** Continuing education: the year and course of the slot. */
  year?: number
  course?: 'public' | 'professional'
}

const VERIFICATION_KIND: Record<string, KindId> = {
  学历证书电子注册备案表: 'chsi-record',
  学籍在线验证报告: 'chsi-status',
  毕业生登记表: 'graduate-register',
}

const FIXED: Record<string, KindId> = {
  'education.diploma': 'diploma',
  'education.degree': 'degree',
  'mandarin.certificate': 'mandarin',
  'attachments.unit_publicity': 'publicity',
  'attachments.publicity_result': 'publicity-result',
}

/** The slot a manifest pointer names, or null for a file of no particular kind (recommendation, works …). */
export function slotOf(pointer: string, data: ManifestData): Slot | null {
  const fixed = FIXED[pointer]
  if (fixed) return { kind: fixed }
  if (pointer === 'education.verification.file') {
    const kind = VERIFICATION_KIND[data.education?.verification?.kind ?? '']
    return kind ? { kind } : null
  }
  const ce = /^continuing_education\.years\.(\d{4})\.(public|professional)\.certificate$/u.exec(pointer)
  if (ce) return { kind: 'ce', year: Number(ce[1]), course: ce[2] as 'public' | 'professional' }
  return null
}
