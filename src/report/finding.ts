import type { Area, Secret, Severity, Text } from '../rules/define-rule.js'
import { compareCodePoints } from '../fs/package-fs.js'
import type { FileEvidence } from '../evidence/read.js'

/**
 * A value of a finding's data, as it may reach a report: a Secret of the rule's hit is masked at
 * the core's boundary (MaskedSecret has no room for the value), every text is masked and escaped.
 */
export type FindingValue = string | number | MaskedSecret | Text | ReadonlyArray<string | number>

/** A name, employer or personal number, already masked (张**, 65****3x): `masked` is all there is of it. */
export interface MaskedSecret {
  secret: Secret['secret']
  masked: string
}

/**
 * What the core returns for one hit of a rule: plain JSON, no words. `report/word` turns it into a
 * Finding in the report's language with the catalogue's messages.
 */
export interface FindingData {
  rule: string
  severity: Severity
  clause?: string
  area: Area
  /** The key of the rule's message (and fix) the hit chose. */
  messageId: string
  /** The message's placeholders, masked. */
  data: Record<string, FindingValue>
  file?: string
  page?: number
  /** evidence.*: where on the page the value was read, [left, top, right, bottom] in points from the page's top left. */
  box?: [number, number, number, number]
  line?: number
  column?: number
  /** The reason of the manifest's `accepted:` entry that turned this finding into an info (masked). */
  accepted?: string
}

/** A finding as reports carry it: its data worded in the report's language. */
export interface Finding {
  rule: string
  severity: Severity
  message: string
  fix: string
  clause?: string
  file?: string
  page?: number
  line?: number
  column?: number
  /** The reason of the manifest's `accepted:` entry that turned this finding into an info. */
  accepted?: string
  /** evidence.*: where on the page the value was read, [left, top, right, bottom] in points from the page's top left. */
  box?: [number, number, number, number]
  /** The rule's area. Absent in reports written before issue 16 (reporters then ask the catalogue). */
  area?: Area
  /** The message's key in the rule's messages, and its placeholders: what `message` says, as data. Absent before issue 16. */
  messageId?: string
  data?: Record<string, FindingValue>
}

export interface Summary {
  errors: number
  warnings: number
  infos: number
  files: number
  /** What OCR had to read and what it did not: the blind-review check is complete only when nothing is left. */
  ocr: OcrCoverage
}

/** Image-only pages (scans without a text layer), which only OCR can check for the name or employer. */
export interface OcrCoverage {
  /** Image-only pages in the files that opened. */
  pages: number
  /** Of them, read by OCR. */
  read: number
  /** Not read because the check was run with --no-ocr, per file (an image file is page 1). */
  notRead: OcrPages[]
  /** OCR could not read them (time, memory, a model failure), per file: scan.ocr-failed. */
  failed: OcrPages[]
}

export interface OcrPages {
  file: string
  pages: number[]
}

/** Nothing to read, or everything read. */
export const NO_OCR_GAP = (c: OcrCoverage): boolean => c.notRead.length === 0 && c.failed.length === 0

export const EMPTY_OCR: OcrCoverage = { pages: 0, read: 0, notRead: [], failed: [] }

export interface Report {
  tool: 'zhicheng-check'
  version: string
  policy: string
  /** The day the report judged by (--today, else the date of the run): deadlines are relative to it. */
  today: string
  /** The policy file used, as given to --policy, when it is not a shipped policy. */
  policyFile?: string
  package: string
  summary: Summary
  findings: Finding[]
  /**
   * What was read on each named file that has words on it (text layer or OCR), in path order: its
   * kind and the fields the evidence rules compare. Absent in reports written before issue 13.
   */
  evidence?: FileEvidence[]
}

/** One order for every report: file, page, line, column, rule, message; by code point. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareCodePoints(a.file ?? '', b.file ?? '') ||
      (a.page ?? 0) - (b.page ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodePoints(a.rule, b.rule) ||
      compareCodePoints(a.message, b.message),
  )
}

export function summarize(findings: Finding[], files: number, ocr: OcrCoverage = EMPTY_OCR): Summary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), files, ocr }
}

/**
 * 0 when nothing must be fixed; 1 when at least one error finding, or when OCR could not read a
 * scanned page (the blind-review check is incomplete: not checked is never a pass). Pages left
 * unread on purpose (--no-ocr) do not change it; the verdict says they were not read.
 */
export function exitCodeFor(summary: Summary): 0 | 1 {
  return summary.errors > 0 || summary.ocr.failed.length > 0 ? 1 : 0
}

/** Most serious first: how reports order findings inside an area. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
