import type { Rule } from './define-rule.js'
import { attachmentsRules } from './attachments.js'
import { ceEvidenceRules } from './ce/evidence.js'
import { ceHoursRules } from './ce/hours.js'
import { defenseRules } from './defense.js'
import { educationRules } from './education.js'
import { evidenceDuplicateFile } from './evidence/duplicate.js'
import { evidenceMismatch, evidenceUnread, evidenceWrongDocument } from './evidence/readings.js'
import { feeRules } from './fee.js'
import { mandarinGrade, mandarinPostAdvisory, mandarinRequired } from './mandarin.js'
import { manifestRules } from './manifest.js'
import { packageRules } from './package.js'
import { pathRules } from './path.js'
import { publicityRules } from './publicity.js'
import { redactionFieldLeak } from './redaction/fields.js'
import { redactionFlagRules } from './redaction/flags.js'
import { redactionLeakRules } from './redaction/leaks.js'
import { redactionPhotoLeak } from './redaction/photo.js'
import { resubmissionRules } from './resubmission.js'
import { reviewRules } from './review.js'
import { scanSameElsewhere } from './scan/elsewhere.js'
import { scanFileRules } from './scan/file.js'
import { scanPageRules } from './scan/page.js'
import { scopeRules } from './scope.js'
import { seniorityRules } from './seniority.js'
import { timelineDatesRules } from './timeline/dates.js'
import { timelineWindowRules } from './timeline/window.js'
import { titleRules } from './title.js'

/**
 * Where each rule is defined, by path in the repository: a rule's id names its file. A prefix has
 * one file, `src/rules/<prefix>.ts`, or a folder of them, `src/rules/<prefix>/` (test/rules/catalogue
 * .test.ts holds every rule to it). `explain` and `rules` show it.
 */
const SOURCES: ReadonlyArray<readonly [string, readonly Rule[]]> = [
  ['src/rules/manifest.ts', manifestRules],
  ['src/rules/package.ts', packageRules],
  ['src/rules/scope.ts', scopeRules],
  ['src/rules/title.ts', titleRules],
  ['src/rules/path.ts', pathRules],
  ['src/rules/timeline/window.ts', timelineWindowRules],
  ['src/rules/timeline/dates.ts', timelineDatesRules],
  ['src/rules/resubmission.ts', resubmissionRules],
  ['src/rules/education.ts', educationRules],
  ['src/rules/redaction/flags.ts', redactionFlagRules],
  ['src/rules/redaction/leaks.ts', redactionLeakRules],
  ['src/rules/redaction/photo.ts', [redactionPhotoLeak]],
  ['src/rules/redaction/fields.ts', [redactionFieldLeak]],
  ['src/rules/ce/hours.ts', ceHoursRules],
  ['src/rules/ce/evidence.ts', ceEvidenceRules],
  ['src/rules/mandarin.ts', [mandarinRequired, mandarinGrade, mandarinPostAdvisory]],
  ['src/rules/attachments.ts', attachmentsRules],
  ['src/rules/publicity.ts', publicityRules],
  ['src/rules/defense.ts', defenseRules],
  ['src/rules/fee.ts', feeRules],
  ['src/rules/review.ts', reviewRules],
  ['src/rules/seniority.ts', seniorityRules],
  ['src/rules/evidence/readings.ts', [evidenceMismatch, evidenceWrongDocument, evidenceUnread]],
  ['src/rules/evidence/duplicate.ts', [evidenceDuplicateFile]],
  ['src/rules/scan/file.ts', scanFileRules],
  ['src/rules/scan/page.ts', scanPageRules],
  ['src/rules/scan/elsewhere.ts', [scanSameElsewhere]],
]

const BY_ID = new Map(SOURCES.flatMap(([file, rules]) => rules.map((r) => [r.id, { rule: r, file }] as const)))
const rule = (id: string): Rule => BY_ID.get(id)!.rule

/** Every rule, in catalogue order (RULES.md). Ids are never reused: see RETIRED_RULES. */
export const RULES: readonly Rule[] = [
  'manifest.invalid',
  'manifest.file-missing',
  'manifest.path-outside',
  'package.unreferenced-file',
  'manifest.accepted',
  'scope.employer-type',
  'scope.exam-based',
  'title.unknown',
  'path.choice',
  'timeline.window',
  'timeline.resubmission-late-window',
  'timeline.deadline',
  'timeline.fee',
  'resubmission.limit',
  'resubmission.late',
  'timeline.future-date',
  'timeline.policy-over',
  'timeline.resubmission-after-audit',
  'timeline.history',
  'timeline.fee-order',
  'education.diploma',
  'education.degree',
  'education.verification',
  'education.fallback-reason',
  'education.verification-code',
  'education.verification-expired',
  'redaction.flags',
  'redaction.classified',
  'redaction.filename-leak',
  'redaction.metadata-leak',
  'redaction.text-leak',
  'redaction.covered-text',
  'redaction.ocr-leak',
  'redaction.photo-leak',
  'redaction.field-leak',
  'ce.years',
  'ce.total-hours',
  'ce.professional-hours',
  'ce.certificate-upload',
  'ce.system-source',
  'ce.exemption-form',
  'ce.before-work-start',
  'ce.no-evidence',
  'mandarin.required',
  'mandarin.grade',
  'mandarin.post-advisory',
  'attachments.required',
  'publicity.duration',
  'publicity.objection',
  'publicity.after-submission',
  'publicity.before-notice',
  'defense.required',
  'defense.exemption-proof',
  'fee.amount',
  'seniority.summary',
  'seniority.threshold',
  'review.pass-rate',
  'evidence.mismatch',
  'evidence.wrong-document',
  'evidence.duplicate-file',
  'evidence.unread',
  'scan.unreadable',
  'scan.type-mismatch',
  'scan.encrypted',
  'scan.rotated',
  'scan.low-resolution',
  'scan.blurry',
  'scan.blank-page',
  'scan.exposure',
  'scan.too-large',
  'scan.damaged',
  'scan.ocr-failed',
  'scan.same-elsewhere',
].map(rule)

/** Ids that once existed; never give them to a new rule. */
export const RETIRED_RULES: readonly string[] = [
  // An info line counting the scanned pages not read without --deep. OCR is now the default; pages
  // left unread (--no-ocr) are said in the verdict and summary.ocr, and pages OCR could not read are
  // scan.ocr-failed.
  'redaction.ocr-skipped',
]

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id)?.rule
}

/** The file that defines a rule, by path in the repository ('src/rules/scan/page.ts'). */
export function ruleSource(id: string): string | undefined {
  return BY_ID.get(id)?.file
}

/** Every rule file with the rules it defines, for the catalogue test. */
export const RULE_SOURCES = SOURCES
