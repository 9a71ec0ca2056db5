import type { FieldRead, FileEvidence } from '../evidence/read.js'
import type { KindId } from '../evidence/kinds.js'
import { EDUCATION_LEVELS, MANDARIN_GRADES } from '../manifest/schema.js'
import type { DocKind, EducationLevel, Guess, MandarinGrade } from './classify.js'

// `init` reads the scans the way the check does (src/evidence/read.ts on the inspection's facts,
// OCR included): what a scan states clearly goes into the guess, and is written into the manifest
// with a comment to check it (从扫描件读取，请核对) instead of 待填写.

const DOC_KIND: Record<KindId, DocKind> = {
  mandarin: 'mandarin',
  ce: 'ce-certificate',
  'chsi-record': 'verification-record',
  'chsi-status': 'verification-report',
  'graduate-register': 'graduate-register',
  degree: 'degree',
  diploma: 'diploma',
  'publicity-result': 'publicity-result',
  publicity: 'unit-publicity',
}

/** A field read clearly enough to write down (one value, confident). */
function clear(f: FieldRead | undefined, minConfidence: number): f is FieldRead {
  return f !== undefined && !f.conflicting && f.confidence >= minConfidence
}

/**
 * The guess from the name or text layer, completed by what the scan says: its kind when the name
 * says nothing (or says another kind than the scan's title), and the values it prints. `scanned`
 * lists the values that came from the scan.
 */
export function withEvidence(guess: Guess | null, ev: FileEvidence | null, minConfidence: number): Guess | null {
  if (!ev?.kind) return guess
  const kind = DOC_KIND[ev.kind]
  const g: Guess = guess && guess.kind === kind ? { ...guess } : { kind, from: 'text' }
  const scanned: NonNullable<Guess['scanned']> = []
  const f = ev.fields
  const take = <K extends NonNullable<Guess['scanned']>[number]>(key: K, value: Guess[K] | undefined) => {
    if (value === undefined || g[key] !== undefined) return
    ;(g as Record<K, Guess[K]>)[key] = value
    scanned.push(key)
  }
  const num = (x: FieldRead | undefined) => (clear(x, minConfidence) && typeof x.value === 'number' ? x.value : undefined)
  const str = (x: FieldRead | undefined) => (clear(x, minConfidence) ? String(x.value) : undefined)
  switch (ev.kind) {
    case 'mandarin': {
      const grade = str(f.grade)
      if (grade && (MANDARIN_GRADES as readonly string[]).includes(grade)) take('grade', grade as MandarinGrade)
      else take('score', num(f.score))
      break
    }
    case 'ce': {
      take('year', num(f.year))
      const course = str(f.course)
      if (course === 'public' || course === 'professional') take('ceKind', course)
      take('hours', num(f.hours))
      break
    }
    case 'chsi-record':
    case 'chsi-status':
      take('code', str(f.code))
      take('validUntil', str(f.validUntil))
      take('graduated', str(f.graduated))
      take('level', level(str(f.level)))
      break
    case 'graduate-register':
      take('graduated', str(f.graduated))
      break
    case 'diploma':
      take('level', level(str(f.level)))
      break
    case 'publicity':
    case 'publicity-result': {
      const start = str(f.start)
      const end = str(f.end)
      if (start && end && /^\d{4}-\d{2}-\d{2}$/u.test(start) && /^\d{4}-\d{2}-\d{2}$/u.test(end)) {
        take('publicityStart', start)
        take('publicityEnd', end)
      }
      break
    }
    case 'degree':
      break
  }
  // A date the scan prints without its day is not a manifest date.
  if (g.graduated !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(g.graduated)) {
    delete g.graduated
    scanned.splice(scanned.indexOf('graduated'), 1)
  }
  return scanned.length > 0 ? { ...g, scanned } : g
}

function level(s: string | undefined): EducationLevel | undefined {
  return s && (EDUCATION_LEVELS as readonly string[]).includes(s) ? (s as EducationLevel) : undefined
}
