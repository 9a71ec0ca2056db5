import type { FileFacts } from '../inspect/facts.js'
import type { FileRef } from '../manifest/file-refs.js'
import type { LoadedManifest, Pointer } from '../manifest/load.js'
import type { ManifestData } from '../manifest/schema.js'
import type { Policy } from '../policy/load.js'
import type { PolicyValues } from '../policy/schema.js'
import type { WorkCalendar } from '../policy/calendar.js'
import type { Resolved } from '../fs/package-fs.js'
import type { ContextHelpers } from './context.js'

export type OutsideReason = Extract<Resolved, { ok: false }>['reason']

export type Lang = 'zh' | 'en'
export type Text = Record<Lang, string>
export type Severity = 'error' | 'warning' | 'info'

/** Areas of RULES.md, in the order reports group them. */
export const AREAS = ['manifest', 'scope', 'timeline', 'education', 'redaction', 'ce', 'mandarin', 'attachments', 'defense', 'evidence', 'scan'] as const
export type Area = (typeof AREAS)[number]

/** A value that must be masked wherever it is shown. */
export interface Secret {
  /** idNumber, phone and email are worded with what they are: 身份证号（65****3x）. */
  secret: 'name' | 'employer' | 'idNumber' | 'phone' | 'email'
  value: string
}
export const secret = (kind: Secret['secret'], value: string): Secret => ({ secret: kind, value })

/** A Text is worded in the report's language (a field's name in a message shared by several fields). */
export type DataValue = string | number | Secret | Text | ReadonlyArray<string | number>

/** What a rule's check returns: data, worded later in the user's language. */
export interface Hit<M extends string = string> {
  messageId: M
  data?: Record<string, DataValue>
  /** Manifest field it applies to ('mandarin.grade'). */
  at?: string | Pointer
  file?: string
  page?: number
  /** Where on the page, in points from its top left (what a scan was read as saying). */
  box?: [number, number, number, number]
}

/** Everything a rule may look at. No I/O, no clock: `today` is an input. Made by ruleContext (context.ts). */
export interface RuleContext extends ContextHelpers {
  manifest: LoadedManifest
  policy: PolicyValues
  calendar: WorkCalendar
  today: string
  /** Files the manifest names, and what inspection found (by normalised path). */
  fileRefs: FileRef[]
  facts: ReadonlyMap<string, FileFacts>
  /** Refs whose path left the package, with why (never opened). */
  outside: ReadonlyArray<FileRef & { reason: OutsideReason; /** an absolute path that is in the package: its relative path */ inside?: string }>
  /** Every file in the package folder (relative), for package.unreferenced-file. */
  packageFiles: string[]
  /** Normalised path of each ref that resolved inside the package, by pointer. */
  resolved: ReadonlyMap<string, string>
  /** The rules being run (set by runRules), for a rule about rule ids (manifest.accepted). */
  rules?: ReadonlyArray<{ id: string; severity: Severity }>
  /**
   * batch only: this package's scans found in other applicants' packages (scan.same-elsewhere).
   * The batch fills it once every package is known, from the reports alone (so shards merge).
   */
  elsewhere?: readonly Elsewhere[]
}

/** A scan of this package that is also in other packages: the same bytes, or the same page picture. */
export interface Elsewhere {
  file: string
  /** Set when the same picture was found on this page (re-encoded), not the same bytes. */
  page?: number
  /** The other packages' paths and files ('第二科室/李四: files/学位证书.pdf'), in path order. */
  others: string[]
}

export interface DataRuleContext extends RuleContext {
  data: ManifestData
}

export interface RuleMeta<M extends string> {
  id: string
  area: Area
  severity: Severity
  /** Clause of the notice ('四（五）'); null where the rule enforces the format, not the notice. */
  clause: string | null
  /** Policy settings the rule reads, by dotted key, shown by `explain`. */
  policy?: string[]
  description: Text
  messages: Record<M, Text>
  /** How to fix it; per message where the fix differs. */
  fix: Text | Record<M, Text>
  /** Manifest fragments for `explain`: one that triggers the rule, one that does not. */
  examples?: RuleExamples
}

/** A YAML fragment, the same in both languages or with comments per language. */
export type Fragment = string | Text

export interface RuleExamples {
  /**
   * Merged into a complete, valid manifest (test/helpers/base-manifest.ts): block mappings merge
   * key by key, a flow mapping `{ … }` or a list replaces what is there, a key left empty removes it.
   */
  fail: Fragment
  pass: Fragment
  /** The day the fragments are judged on, for rules that read today. */
  today?: string
  /** The day the passing fragment is judged on, when only the day makes the difference. */
  passToday?: string
  /** The rule judges the files in the package, not only the manifest: a comment says what the file is like. */
  fromFiles?: true
}

export interface Rule<M extends string = string> extends RuleMeta<M> {
  /** Rules that need valid manifest data are skipped when too little of it was valid. */
  needsData: boolean
  check(ctx: RuleContext): Hit<M>[]
}

export function defineRule<M extends string>(
  spec: RuleMeta<M> & ({ needsData?: true; check(ctx: DataRuleContext): Hit<M>[] } | { needsData: false; check(ctx: RuleContext): Hit<M>[] }),
): Rule<M> {
  const needsData = spec.needsData ?? true
  return {
    ...spec,
    needsData,
    check: (ctx) => {
      if (!needsData) return (spec.check as (c: RuleContext) => Hit<M>[])(ctx)
      const data = ctx.manifest.data
      return data ? spec.check({ ...ctx, data }) : []
    },
  }
}

export function fixFor<M extends string>(rule: RuleMeta<M>, messageId: M): Text {
  const fix = rule.fix as Record<string, Text>
  return 'zh' in fix && typeof fix.zh === 'string' ? (rule.fix as Text) : fix[messageId]!
}

export type { Policy }
