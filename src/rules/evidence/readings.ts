import { OCR_CONFUSABLE, kindSpec, type FieldId } from '../../evidence/kinds.js'
import { readEvidence, type FieldRead, type FileEvidence } from '../../evidence/read.js'
import { slotOf, type Slot } from '../../evidence/slots.js'
import { normaliseCode, sameDate } from '../../evidence/values.js'
import { isImageFile } from '../../inspect/facts.js'
import type { ManifestData } from '../../manifest/schema.js'
import type { PolicyValues } from '../../policy/schema.js'
import { defineRule, type DataRuleContext, type Hit, type Text } from '../define-rule.js'
import { gradeRank } from '../shared/mandarin-grade.js'

// 四（一）1 错传: the manifest is what the applicant typed, the scans are what the committee reads.
// What a scan states (src/evidence/read.ts) is held against the manifest field it should agree with.
// A value read below the policy's confidence, or read twice with different values, is never an
// error: it is evidence.unread, so the applicant checks it by eye.

/** The values the shipped policies state, for a policy file written before evidence.* existed. */
export const EVIDENCE_DEFAULTS = { min_confidence: 0.9, score_tolerance: 0.05 }

const settings = (policy: PolicyValues) => policy.evidence ?? EVIDENCE_DEFAULTS

/** A field's name in both languages, for the messages several fields share. */
const FIELD_NAMES: Record<FieldId, Text> = {
  grade: { zh: '普通话等级', en: 'Mandarin grade' },
  score: { zh: '普通话成绩', en: 'Mandarin score' },
  number: { zh: '证书编号', en: 'certificate number' },
  year: { zh: '年度', en: 'year' },
  hours: { zh: '学时', en: 'hours' },
  course: { zh: '公需课/专业课', en: 'public/professional course' },
  code: { zh: '在线验证码', en: 'online verification code' },
  updated: { zh: '更新日期', en: 'update date' },
  validUntil: { zh: '报告有效期', en: 'report valid until' },
  level: { zh: '学历层次', en: 'education level' },
  degree: { zh: '学位', en: 'degree' },
  graduated: { zh: '毕业日期', en: 'graduation date' },
  start: { zh: '公示开始日期', en: 'publicity start' },
  end: { zh: '公示结束日期', en: 'publicity end' },
}

const COURSE: Record<'public' | 'professional', Text> = { public: { zh: '公需课', en: 'public course (公需课)' }, professional: { zh: '专业课', en: 'professional course (专业课)' } }

/** One manifest value a scan's field must agree with. */
interface Comparison {
  field: FieldId
  typed: string | number
  /** Manifest pointer of the typed value. */
  at: string
  agrees(read: string | number): boolean
  /** How the read value is shown (a score with the grade it reaches). */
  show?(read: string | number): string
}

/** A named file, what its slot expects and what the scan says. */
interface Reading {
  pointer: string
  file: string
  slot: Slot
  evidence: FileEvidence
  /** A JPEG or PNG: one page, no page number in what is said of it. */
  image: boolean
}

function readings(ctx: DataRuleContext): Reading[] {
  const out: Reading[] = []
  for (const { pointer, file, facts } of ctx.named()) {
    if (!facts?.scan?.readable) continue
    const slot = slotOf(pointer, ctx.data)
    if (!slot) continue
    const evidence = readEvidence(facts)
    if (evidence) out.push({ pointer, file, slot, evidence, image: isImageFile(facts) })
  }
  return out
}

/** What the manifest says that the document in this slot should print. */
function comparisons(r: Reading, data: ManifestData, policy: PolicyValues): Comparison[] {
  const out: Comparison[] = []
  const date = (field: FieldId, typed: string | undefined, at: string) => {
    if (typed) out.push({ field, typed, at, agrees: (read) => sameDate(String(read), typed) })
  }
  const e = data.education
  switch (r.slot.kind) {
    case 'mandarin': {
      const grade = data.mandarin?.grade
      if (grade === undefined) break
      if (typeof grade === 'number') {
        const tol = settings(policy).score_tolerance
        out.push({ field: 'score', typed: grade, at: 'mandarin.grade', agrees: (read) => Math.abs(Number(read) - grade) <= tol })
      } else if (r.evidence.fields.grade || !r.evidence.fields.score) {
        out.push({ field: 'grade', typed: grade, at: 'mandarin.grade', agrees: (read) => read === grade })
      } else {
        // Only the score is legible: the grade it reaches (the policy's table) is what the certificate says.
        const grades = policy.mandarin.grades
        const reached = (read: string | number) => grades[gradeRank(Number(read), grades)]?.grade ?? '—'
        out.push({ field: 'score', typed: grade, at: 'mandarin.grade', agrees: (read) => reached(read) === grade, show: (read) => `${read}（${reached(read)}）` })
      }
      break
    }
    case 'ce': {
      const item = data.continuing_education?.years?.[String(r.slot.year)]?.[r.slot.course!]
      if (item) out.push({ field: 'hours', typed: item.hours, at: r.pointer.replace(/\.certificate$/u, '.hours'), agrees: (read) => Number(read) === item.hours })
      break
    }
    case 'chsi-record':
    case 'chsi-status': {
      const v = e?.verification
      if (v?.code) {
        const code = v.code
        out.push({ field: 'code', typed: code, at: 'education.verification.code', agrees: (read) => normaliseCode(String(read)) === normaliseCode(code) })
      }
      date('validUntil', v?.valid_until, 'education.verification.valid_until')
      if (e) out.push({ field: 'level', typed: e.level, at: 'education.level', agrees: (read) => read === e.level })
      date('graduated', e?.graduated, 'education.graduated')
      break
    }
    case 'graduate-register':
      date('graduated', e?.graduated, 'education.graduated')
      break
    case 'diploma':
      if (e) out.push({ field: 'level', typed: e.level, at: 'education.level', agrees: (read) => read === e.level })
      break
    case 'publicity':
    case 'publicity-result':
      date('start', data.publicity?.start, 'publicity.start')
      date('end', data.publicity?.end, 'publicity.end')
      break
    case 'degree':
      break
  }
  return out
}

/** Read clearly: confident enough, and one value wherever it is printed. */
function isClear(f: FieldRead | undefined, policy: PolicyValues): f is FieldRead {
  return f !== undefined && !f.conflicting && f.confidence >= settings(policy).min_confidence
}

const CONFUSABLE = new Set(OCR_CONFUSABLE.flatMap((p) => [p, [...p].reverse().join('')]))

/**
 * Values that differ only in one or two characters OCR confuses (…G7H8 and …G7HS, 1 and 7, 二 and
 * 三): a misreading and a typo look the same, so it is never an error, only something to check by
 * eye. Case is ignored (codes are compared in upper case).
 */
function isNearMiss(read: string | number, typed: string | number): boolean {
  const a = [...String(read).toUpperCase()]
  const b = [...String(typed).toUpperCase()]
  if (a.length !== b.length) return false
  const diff = a.flatMap((c, i) => (c === b[i] ? [] : [c + b[i]]))
  return diff.length > 0 && diff.length <= 2 && diff.every((d) => CONFUSABLE.has(d) || CONFUSABLE.has(d.toLowerCase()) || CONFUSABLE.has(d[0]! + d[1]!.toLowerCase()) || CONFUSABLE.has(d[0]!.toLowerCase() + d[1]!))
}

/** What the scan says of one comparison: agrees, clearly differs, or cannot be told. */
function verdict(c: Comparison, f: FieldRead | undefined, policy: PolicyValues): 'agrees' | 'differs' | 'unclear' {
  if (!isClear(f, policy)) return 'unclear'
  if (c.agrees(f.value)) return 'agrees'
  if (isNearMiss(f.value, c.typed)) return 'unclear'
  return 'differs'
}

const where = (f: FieldRead, r: Reading) => (r.image ? { box: f.box } : { page: f.page, box: f.box })

export const evidenceMismatch = defineRule({
  id: 'evidence.mismatch',
  area: 'evidence',
  severity: 'error',
  clause: '四（一）1',
  policy: ['evidence.min_confidence', 'evidence.score_tolerance', 'mandarin.grades'],
  description: {
    zh: '扫描件上清楚印着的内容（等级、学时、验证码、日期、学历层次）与清单填写的不一致',
    en: 'A value the scan clearly prints (grade, hours, code, dates, level) differs from the manifest',
  },
  messages: {
    differs: {
      zh: '{file} 上的{what}是“{read}”，清单填写的是“{typed}”',
      en: '{file} prints {what} "{read}", the manifest says "{typed}"',
    },
  },
  fix: {
    zh: '对照扫描件核对：清单填错了，把 {at} 改为“{read}”；传错了文件，换上与清单一致的扫描件',
    en: 'check against the scan: if the manifest is wrong, set {at} to "{read}"; if the wrong file was uploaded, upload the one that matches',
  },
  examples: {
    fail: { zh: 'mandarin:\n  grade: 二级甲等   # 证书上印的是二级乙等', en: 'mandarin:\n  grade: 二级甲等   # the certificate prints 二级乙等' },
    pass: { zh: 'mandarin:\n  grade: 二级乙等   # 与证书一致', en: 'mandarin:\n  grade: 二级乙等   # as the certificate prints' },
    fromFiles: true,
  },
  check(ctx) {
    const hits: Hit<'differs'>[] = []
    for (const r of readings(ctx)) {
      if (r.evidence.kind !== r.slot.kind) continue // another document: evidence.wrong-document
      for (const c of comparisons(r, ctx.data, ctx.policy)) {
        const f = r.evidence.fields[c.field]
        if (verdict(c, f, ctx.policy) !== 'differs' || !f) continue
        const read = c.show ? c.show(f.value) : String(f.value)
        hits.push({ messageId: 'differs', data: { file: r.file, what: FIELD_NAMES[c.field], read, typed: String(c.typed), at: c.at }, at: c.at, file: r.file, ...where(f, r) })
      }
    }
    return hits
  },
})

export const evidenceWrongDocument = defineRule({
  id: 'evidence.wrong-document',
  area: 'evidence',
  severity: 'error',
  clause: '四（一）1',
  policy: ['evidence.min_confidence'],
  description: {
    zh: '清单某一栏写的文件分明是另一种材料（学位证书一栏放的是学历证书、2023 年一栏放的是 2022 年的证书）',
    en: 'The file named for a slot is clearly another document (the diploma as the degree; a 2022 certificate in the 2023 slot)',
  },
  messages: {
    kind: { zh: '{file} 写在 {at}（应为{expected}），但它是{found}', en: '{file} is named in {at} (a {expected}), but it is a {found}' },
    year: { zh: '{file} 写在 {slotYear} 年继续教育一栏，但证书是 {read} 年的', en: '{file} is named for continuing education in {slotYear}, but the certificate is for {read}' },
    course: { zh: '{file} 写在{slotCourse}一栏，但证书是{readCourse}的', en: '{file} is named as the {slotCourse} certificate, but it is a {readCourse} certificate' },
  },
  fix: {
    kind: { zh: '在 {at} 写上{expected}的扫描件（文件可能放错了栏目或重复上传）', en: 'name the scan of the {expected} in {at} (the file may be in the wrong slot, or uploaded twice)' },
    year: { zh: '在 {at} 写上 {slotYear} 年的证书；{read} 年的证书写在 {read} 年一栏', en: 'name the {slotYear} certificate in {at}; the {read} certificate belongs under {read}' },
    course: { zh: '在 {at} 写上{slotCourse}的合格证书', en: 'name the {slotCourse} certificate in {at}' },
  },
  examples: {
    fail: { zh: 'education:\n  degree: files/学历证书.pdf   # 学位一栏放了学历证书', en: 'education:\n  degree: files/学历证书.pdf   # the diploma in the degree slot' },
    pass: 'education:\n  degree: files/学位证书.pdf',
    fromFiles: true,
  },
  check(ctx) {
    const hits: Hit<'kind' | 'year' | 'course'>[] = []
    const all = readings(ctx)
    for (const r of all) {
      const { kind, fields } = r.evidence
      if (kind === null) continue // not recognised: never a claim
      const base = { file: r.file, at: r.pointer }
      if (kind !== r.slot.kind) {
        hits.push({ messageId: 'kind', data: { ...base, expected: kindSpec(r.slot.kind).name.zh, found: kindSpec(kind).name.zh }, at: r.pointer, file: r.file })
        continue
      }
      if (kind !== 'ce') continue
      const year = fields.year
      const yearSlot: Comparison = { field: 'year', typed: r.slot.year!, at: r.pointer, agrees: (read) => read === r.slot.year }
      if (year && verdict(yearSlot, year, ctx.policy) === 'differs') {
        hits.push({ messageId: 'year', data: { ...base, slotYear: r.slot.year!, read: year.value }, at: r.pointer, file: r.file, ...where(year, r) })
        continue
      }
      const course = fields.course
      // One certificate for both courses of a year may be named in both slots.
      const bothSlots = all.some((o) => o !== r && o.file === r.file && o.slot.kind === 'ce' && o.slot.year === r.slot.year)
      if (isClear(course, ctx.policy) && course.value !== r.slot.course && !bothSlots) {
        const readCourse = COURSE[course.value as 'public' | 'professional']
        hits.push({ messageId: 'course', data: { ...base, slotCourse: COURSE[r.slot.course!], readCourse }, at: r.pointer, file: r.file, ...where(course, r) })
      }
    }
    return hits
  },
})

export const evidenceUnread = defineRule({
  id: 'evidence.unread',
  area: 'evidence',
  severity: 'info',
  clause: '四（一）1',
  policy: ['evidence.min_confidence'],
  description: {
    zh: '扫描件上要与清单核对的内容没能清楚读出（只提示，请人工核对）',
    en: 'A value to hold against the manifest could not be read clearly from the scan (a note: check it by eye)',
  },
  messages: {
    unread: { zh: '{file} 上的{fields}没能清楚读出，无法与清单核对', en: 'could not read {fields} clearly on {file} to check against the manifest' },
  },
  fix: {
    zh: '请对照扫描件人工核对清单中的{fields}；扫描件模糊的，重新扫描',
    en: 'check {fields} in the manifest against the scan by eye; rescan it if it is blurred',
  },
  examples: {
    fail: { zh: 'mandarin:\n  grade: 二级甲等   # 证书照片模糊，等级读不清', en: 'mandarin:\n  grade: 二级甲等   # the photo is too blurred to read the grade' },
    pass: 'mandarin:\n  grade: 二级甲等',
    fromFiles: true,
  },
  check(ctx) {
    const hits: Hit<'unread'>[] = []
    for (const r of readings(ctx)) {
      if (r.evidence.kind !== r.slot.kind) continue
      const fields = r.evidence.fields
      const unclear = comparisons(r, ctx.data, ctx.policy)
        .filter((c) => verdict(c, fields[c.field], ctx.policy) === 'unclear')
        .map((c) => c.field)
      if (r.slot.kind === 'ce') {
        const yearSlot: Comparison = { field: 'year', typed: r.slot.year!, at: r.pointer, agrees: (read) => read === r.slot.year }
        if (verdict(yearSlot, fields.year, ctx.policy) === 'unclear') unclear.push('year')
      }
      if (unclear.length === 0) continue
      hits.push({ messageId: 'unread', data: { file: r.file, fields: [...new Set(unclear)].map((f) => FIELD_NAMES[f].zh) }, at: r.pointer, file: r.file })
    }
    return hits
  },
})
