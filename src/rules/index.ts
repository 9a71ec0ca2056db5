import type { Rule } from './define-rule.js'
import { mandarinGrade, mandarinRequired } from './mandarin.js'
import { manifestFileMissing, manifestInvalid, manifestPathOutside, packageUnreferencedFile } from './manifest.js'

/** Every rule, in catalogue order (RULES.md). Ids are never reused: see RETIRED_RULES. */
export const RULES: readonly Rule[] = [
  manifestInvalid,
  manifestFileMissing,
  manifestPathOutside,
  packageUnreferencedFile,
  mandarinRequired,
  mandarinGrade,
]

/** Ids that once existed; never give them to a new rule. */
export const RETIRED_RULES: readonly string[] = []

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id)
}
