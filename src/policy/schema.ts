import { z } from '../util/zod.js'
import { isIsoDate } from './dates.js'

// A policy file is data: every value the rules use, each as a *setting* that names the clause
// of the notice it comes from. The loader keeps the settings (for `explain`) and hands the rules
// a plain view of the values.

const isoDate = z.string().refine(isIsoDate, { message: 'YYYY-MM-DD' })
const meta = { clause: z.string().optional(), source: z.string().optional(), assumed: z.boolean().optional() }

function setting<T extends z.ZodType>(value: T) {
  return z.object({ value, ...meta }).strict()
}

const level = z.enum(['正高级', '副高级', '中级', '初级'])
export const TITLE_LEVELS = level.options
export type TitleLevel = z.infer<typeof level>
const range = z.object({ start: isoDate, end: isoDate }).strict()
/** A regular expression's source, checked to compile so a rule never throws on it. */
const regexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s)
      return true
    } catch {
      return false
    }
  },
  { message: 'not a regular expression' },
)

export const policyFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    format: z.literal(1),
    name: z.object({ zh: z.string(), en: z.string() }).strict(),
    notice: z.string().optional(),
    /** Folder of this policy's example packages, relative to the policy file (`policy test`). */
    examples: z.string().min(1).optional(),
    clauses: z.record(z.string(), z.string()),
    scope: z
      .object({
        employer_types: setting(z.array(z.string()).min(1)),
        exam_based_titles: setting(z.record(z.string(), z.array(z.string()))),
        exam_names: setting(z.record(z.string(), z.string())),
      })
      .strict(),
    titles: z
      .object({
        by_series: setting(z.record(z.string(), z.partialRecord(level, z.array(z.string())))),
        aliases: setting(z.record(z.string(), z.string())),
        not_titles: setting(z.record(z.string(), z.string())),
        other_series: setting(z.record(z.string(), z.array(z.string()))),
      })
      .strict(),
    application_paths: setting(z.array(z.string()).min(1)),
    timeline: z
      .object({
        window: setting(range),
        deadline: setting(isoDate),
        deadline_warning_days: setting(z.number().int().min(0)),
        fee_deadline: setting(isoDate),
        review_period: setting(range),
        audit_period: setting(range),
        notice_date: setting(isoDate),
      })
      .strict(),
    submissions: z
      .object({
        max_submissions: setting(z.number().int().min(1)),
        resubmit_within_days: setting(z.number().int().min(0)),
        resubmit_day_rule: setting(z.enum(['calendar', 'next_working_day'])),
      })
      .strict(),
    education: z
      .object({
        levels: setting(z.array(z.string()).min(1)),
        degree_expected_levels: setting(z.array(z.string())),
        verification_kinds: setting(z.array(z.string()).min(1)),
        fallback_kind: setting(z.string()),
        verification_code_pattern: setting(regexSource),
        verification_code_format: setting(z.object({ zh: z.string(), en: z.string() }).strict()),
        verification_code_old_pattern: setting(regexSource),
        electronic_registration_from: setting(z.number().int()),
      })
      .strict(),
    continuing_education: z
      .object({
        years: setting(z.array(z.number().int()).min(1)),
        min_total_hours: setting(z.number().min(0)),
        min_professional_hours: setting(z.number().min(0)),
        system_from: setting(z.object({ professional: z.number().int(), public: z.number().int() }).strict()),
        soften_before_work_start: setting(z.boolean()),
      })
      .strict(),
    mandarin: z
      .object({
        grades: setting(z.array(z.object({ grade: z.string(), min_score: z.number() }).strict()).min(1)),
        required_for_employer_types: setting(z.array(z.string())),
        minimum_by_post: setting(z.record(z.string(), z.string())),
        advisory_posts: setting(z.array(z.string())),
      })
      .strict(),
    attachments: z
      .object({
        required: setting(z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() }).strict())),
      })
      .strict(),
    publicity: z.object({ min_working_days: setting(z.number().int().min(1)), earliest_end: setting(isoDate) }).strict(),
    defense: z
      .object({
        required_levels: setting(z.array(level)),
        exemption_reasons: setting(z.array(z.string())),
      })
      .strict(),
    fee: z.object({ by_level: setting(z.record(level, z.number())), applies_to_paths: setting(z.array(z.string())) }).strict(),
    review: z.object({ pass_rate_levels: setting(z.array(level)) }).strict(),
    scans: z
      .object({
        accepted_types: setting(z.array(z.string()).min(1)),
        max_file_bytes: setting(z.number().int().min(1)),
        min_dpi: setting(z.number().min(1)),
        max_blur: setting(z.number().min(0).max(1)),
        blank_max_ink: setting(z.number().min(0).max(1)),
        washed_out_max_contrast: setting(z.number().min(0).max(1)),
        dark_max_paper: setting(z.number().min(0).max(1)),
      })
      .strict(),
    // Optional, so a policy file written before the scans were read still loads (the rules then use
    // EVIDENCE_DEFAULTS, the values the shipped policies state).
    evidence: z
      .object({
        min_confidence: setting(z.number().min(0).max(1)),
        score_tolerance: setting(z.number().min(0)),
      })
      .strict()
      .optional(),
    seniority: z
      .object({
        cutoff: setting(isoDate),
        thresholds: setting(
          z.array(
            z
              .object({
                to: z.array(z.string()).min(1),
                from_level: level,
                // years: since the current title; work_years: since work_start. At least one.
                rules: z
                  .array(
                    z
                      .object({ education: z.array(z.string()), years: z.number().min(0).optional(), work_years: z.number().min(0).optional() })
                      .strict()
                      .refine((r) => r.years !== undefined || r.work_years !== undefined, { message: 'years or work_years' }),
                  )
                  .min(1),
              })
              .strict(),
          ),
        ),
      })
      .strict(),
    calendar: setting(
      z.object({ years: z.array(z.number().int()).min(1), holidays: z.array(isoDate), workdays: z.array(isoDate) }).strict(),
    ),
  })
  .strict()

export type PolicyFile = z.infer<typeof policyFileSchema>

/** A setting's value in place of the setting, all the way down. */
type Values<T> = T extends { value: infer V; clause?: string }
  ? V
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]: Values<T[K]> }
      : T

export type PolicyValues = Values<Omit<PolicyFile, 'id' | 'format' | 'name' | 'notice' | 'examples' | 'clauses'>>

export interface SettingMeta {
  clause?: string
  source?: string
  assumed?: boolean
  value: unknown
}
