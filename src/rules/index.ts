import type { Rule } from './define-rule.js'
import { attachmentsRules } from './attachments.js'
import { ceRules } from './ce.js'
import { defenseRules } from './defense.js'
import { educationRules } from './education.js'
import { evidenceDuplicateFile } from './evidence/duplicate.js'
import { evidenceMismatch, evidenceUnread, evidenceWrongDocument } from './evidence/readings.js'
import { mandarinGrade, mandarinPostAdvisory, mandarinRequired } from './mandarin.js'
import { manifestFileMissing, manifestInvalid, manifestPathOutside, packageUnreferencedFile } from './manifest.js'
import { manifestAccepted } from './accepted.js'
import { redactionRules } from './redaction/flags.js'
import { scanRules } from './scan/scan.js'
import { scanSameElsewhere } from './scan/elsewhere.js'
import { scopeRules } from './scope.js'
import { timelineRules } from './timeline.js'

/** Every rule, in catalogue order (RULES.md). Ids are never reused: see RETIRED_RULES. */
export const RULES: readonly Rule[] = [
  manifestInvalid,
  manifestFileMissing,
  manifestPathOutside,
  packageUnreferencedFile,
  manifestAccepted,
  ...scopeRules,
  ...timelineRules,
  ...educationRules,
  ...redactionRules,
  ...ceRules,
  mandarinRequired,
  mandarinGrade,
  mandarinPostAdvisory,
  ...attachmentsRules,
  ...defenseRules,
  evidenceMismatch,
  evidenceWrongDocument,
  evidenceDuplicateFile,
  evidenceUnread,
  ...scanRules,
  scanSameElsewhere,
]

/** Ids that once existed; never give them to a new rule. */
export const RETIRED_RULES: readonly string[] = [
  // An info line counting the scanned pages not read without --deep. OCR is now the default; pages
  // left unread (--no-ocr) are said in the verdict and summary.ocr, and pages OCR could not read are
  // scan.ocr-failed.
  'redaction.ocr-skipped',
]

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id)
}
