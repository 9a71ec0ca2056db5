import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { RULES } from '../rules/index.js'
import { weekday, yearOf } from '../policy/dates.js'
import { loadPolicy, type Policy } from '../policy/load.js'
import { policyFileSchema, TITLE_LEVELS } from '../policy/schema.js'
import { UsageError } from '../usage-error.js'

// `policy lint FILE`: the deeper checks of a policy file that loading does not make (loading is
// strict on the schema only). Every problem is data (a code and its values, with the line of the
// policy file it is about); the reporter words it.

export type LintSeverity = 'error' | 'warning'

export type LintCode =
  | 'not-yaml'
  | 'schema'
  | 'no-notice'
  | 'notice-missing'
  | 'quote-not-in-notice'
  | 'clause-not-quoted'
  | 'rule-clause-not-quoted'
  | 'date-order'
  | 'deadline-before-window-end'
  | 'ce-years-order'
  | 'ce-years-gap'
  | 'ce-year-after-application'
  | 'grades-order'
  | 'unknown-grade'
  | 'unknown-title'
  | 'fee-level-missing'
  | 'calendar-year-missing'
  | 'calendar-year-unused'
  | 'calendar-year-empty'
  | 'calendar-day-outside'
  | 'calendar-day-twice'
  | 'holiday-on-weekend'
  | 'workday-on-weekday'
  | 'statutory-day-working'
  | 'examples-missing'
  | 'no-examples'
  | 'id-not-file-name'

export interface LintProblem {
  code: LintCode
  severity: LintSeverity
  /** Dotted path in the policy file ('timeline.deadline'). */
  key?: string
  line?: number
  column?: number
  data: Record<string, string | number>
}

export interface LintResult {
  file: string
  id?: string
  problems: LintProblem[]
}

const SEVERITY: Record<LintCode, LintSeverity> = {
  'not-yaml': 'error',
  schema: 'error',
  'no-notice': 'warning',
  'notice-missing': 'error',
  'quote-not-in-notice': 'error',
  'clause-not-quoted': 'error',
  'rule-clause-not-quoted': 'warning',
  'date-order': 'error',
  'deadline-before-window-end': 'warning',
  'ce-years-order': 'error',
  'ce-years-gap': 'warning',
  'ce-year-after-application': 'error',
  'grades-order': 'error',
  'unknown-grade': 'error',
  'unknown-title': 'error',
  'fee-level-missing': 'error',
  'calendar-year-missing': 'error',
  'calendar-year-unused': 'warning',
  'calendar-year-empty': 'error',
  'calendar-day-outside': 'error',
  'calendar-day-twice': 'error',
  'holiday-on-weekend': 'error',
  'workday-on-weekday': 'error',
  'statutory-day-working': 'warning',
  'examples-missing': 'error',
  'no-examples': 'warning',
  'id-not-file-name': 'warning',
}

/** Days off by law every year (全国年节及纪念日放假办法): a calendar that works on one is incomplete. */
const STATUTORY_DAYS: Array<{ md: string; zh: string; en: string }> = [
  { md: '01-01', zh: '元旦', en: "New Year's Day" },
  { md: '05-01', zh: '劳动节', en: 'Labour Day' },
  { md: '10-01', zh: '国庆节', en: 'National Day' },
  { md: '10-02', zh: '国庆节', en: 'National Day' },
  { md: '10-03', zh: '国庆节', en: 'National Day' },
]

const squash = (s: string) => s.replace(/\s+/g, '')

/** Lints the policy file at `file` (an absolute path). Throws only when it cannot be read. */
export function lintPolicyFile(file: string): LintResult {
  if (!existsSync(file)) throw new UsageError('policy-not-found', { policy: file, known: '' })
  const text = readFileSync(file, 'utf8')
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  const problems: LintProblem[] = []
  const add = (code: LintCode, path: ReadonlyArray<string | number> | undefined, data: Record<string, string | number> = {}) => {
    problems.push({ code, severity: SEVERITY[code], ...(path ? { key: path.join('.'), ...position(doc, lineCounter, path) } : {}), data })
  }

  if (doc.errors.length > 0) {
    const err = doc.errors[0]!
    const pos = lineCounter.linePos(err.pos[0])
    problems.push({ code: 'not-yaml', severity: 'error', line: pos.line, column: pos.col, data: { reason: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') } })
    return { file, problems }
  }
  let js: unknown
  try {
    js = doc.toJS({ maxAliasCount: 50 })
  } catch (err) {
    problems.push({ code: 'not-yaml', severity: 'error', data: { reason: String(err instanceof Error ? err.message : err).split('\n')[0]! } })
    return { file, problems }
  }
  const parsed = policyFileSchema.safeParse(js)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as Array<string | number>
      // An unknown key is named by its own path, so the line is the key's.
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add('schema', [...path, key], { message: issue.message })
      else add('schema', path, { message: issue.message })
    }
    return { file, problems: sortProblems(problems) }
  }
  const data = parsed.data

  // Clause references: each setting's clause is quoted, and each quote is in the notice.
  let clauseRefsOk = true
  walkSettings(data, [], (path, setting) => {
    if (setting.clause !== undefined && !(setting.clause in data.clauses)) {
      clauseRefsOk = false
      add('clause-not-quoted', [...path, 'clause'], { clause: setting.clause })
    }
  })
  for (const rule of RULES) {
    if (rule.clause && !(rule.clause in data.clauses)) add('rule-clause-not-quoted', ['clauses'], { rule: rule.id, clause: rule.clause })
  }
  if (data.notice === undefined) add('no-notice', ['id'])
  else {
    const noticeFile = join(dirname(file), data.notice)
    if (!existsSync(noticeFile)) add('notice-missing', ['notice'], { file: data.notice })
    else {
      const notice = squash(readFileSync(noticeFile, 'utf8'))
      for (const [ref, quote] of Object.entries(data.clauses)) {
        if (!notice.includes(squash(quote))) add('quote-not-in-notice', ['clauses', ref], { clause: ref, notice: data.notice })
      }
    }
  }
  if (basename(file) !== `${data.id}.yaml`) add('id-not-file-name', ['id'], { id: data.id, file: basename(file) })
  lintExamples(file, data.examples, add)

  if (!clauseRefsOk) return { file, id: data.id, problems: sortProblems(problems) }
  const policy = loadPolicy(file)
  lintDates(policy, add)
  lintContinuingEducation(policy, add)
  lintLists(policy, add)
  lintCalendar(policy, add)
  return { file, id: data.id, problems: sortProblems(problems) }
}

type Add = (code: LintCode, path: ReadonlyArray<string | number> | undefined, data?: Record<string, string | number>) => void

function lintExamples(file: string, examples: string | undefined, add: Add): void {
  if (examples === undefined) return add('no-examples', ['id'])
  const dir = resolve(dirname(file), examples)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) add('examples-missing', ['examples'], { dir: examples })
  else if (readdirSync(dir).length === 0) add('examples-missing', ['examples'], { dir: examples })
}

/**
 * window ≤ deadline ≤ window end ≤ fee deadline; review after the deadline; cutoff after review; the
 * notice before the window; the audit period within the window's start and the review, past the deadline.
 */
function lintDates(policy: Policy, add: Add): void {
  const t = policy.values.timeline
  const cutoff = policy.values.seniority.cutoff
  const order = (firstKey: string, first: string, secondKey: string, second: string, path: string[], strict = false) => {
    if (strict ? first < second : first <= second) return
    add('date-order', path, { first: firstKey, firstDate: first, second: secondKey, secondDate: second })
  }
  order('timeline.window.start', t.window.start, 'timeline.window.end', t.window.end, ['timeline', 'window', 'value', 'end'])
  order('timeline.window.start', t.window.start, 'timeline.deadline', t.deadline, ['timeline', 'deadline', 'value'])
  order('timeline.deadline', t.deadline, 'timeline.window.end', t.window.end, ['timeline', 'deadline', 'value'])
  order('timeline.deadline', t.deadline, 'timeline.fee_deadline', t.fee_deadline, ['timeline', 'fee_deadline', 'value'])
  order('timeline.review_period.start', t.review_period.start, 'timeline.review_period.end', t.review_period.end, ['timeline', 'review_period', 'value', 'end'])
  order('timeline.deadline', t.deadline, 'timeline.review_period.start', t.review_period.start, ['timeline', 'review_period', 'value', 'start'])
  order('timeline.review_period.end', t.review_period.end, 'seniority.cutoff', cutoff, ['seniority', 'cutoff', 'value'])
  order('timeline.notice_date', t.notice_date, 'timeline.window.start', t.window.start, ['timeline', 'notice_date', 'value'])
  order('timeline.audit_period.start', t.audit_period.start, 'timeline.audit_period.end', t.audit_period.end, ['timeline', 'audit_period', 'value', 'end'])
  order('timeline.window.start', t.window.start, 'timeline.audit_period.start', t.audit_period.start, ['timeline', 'audit_period', 'value', 'start'])
  order('timeline.deadline', t.deadline, 'timeline.audit_period.end', t.audit_period.end, ['timeline', 'audit_period', 'value', 'end'])
  order('timeline.audit_period.end', t.audit_period.end, 'timeline.review_period.start', t.review_period.start, ['timeline', 'audit_period', 'value', 'end'])
  if (t.deadline >= t.window.start && t.deadline < t.window.end) {
    add('deadline-before-window-end', ['timeline', 'deadline', 'value'], { deadline: t.deadline, end: t.window.end })
  }
}

function lintContinuingEducation(policy: Policy, add: Add): void {
  const years = policy.values.continuing_education.years
  const path = ['continuing_education', 'years', 'value']
  const application = yearOf(policy.values.timeline.deadline)
  for (let i = 1; i < years.length; i++) {
    if (years[i]! <= years[i - 1]!) add('ce-years-order', [...path, i], { year: years[i]!, previous: years[i - 1]! })
    else if (years[i]! !== years[i - 1]! + 1) add('ce-years-gap', [...path, i], { from: years[i - 1]!, to: years[i]! })
  }
  years.forEach((year, i) => {
    if (year > application) add('ce-year-after-application', [...path, i], { year, application })
  })
}

function lintLists(policy: Policy, add: Add): void {
  const v = policy.values
  const grades = v.mandarin.grades
  for (let i = 1; i < grades.length; i++) {
    if (grades[i]!.min_score >= grades[i - 1]!.min_score) add('grades-order', ['mandarin', 'grades', 'value', i], { grade: grades[i]!.grade, previous: grades[i - 1]!.grade })
  }
  const known = new Set(grades.map((g) => g.grade))
  for (const [post, grade] of Object.entries(v.mandarin.minimum_by_post)) {
    if (!known.has(grade)) add('unknown-grade', ['mandarin', 'minimum_by_post', 'value', post], { grade, key: `mandarin.minimum_by_post.${post}` })
  }
  const titles = (series: string) => Object.values(v.titles.by_series[series] ?? {}).flatMap((t) => t ?? [])
  const allTitles = new Set(Object.keys(v.titles.by_series).flatMap(titles))
  for (const [series, list] of Object.entries(v.scope.exam_based_titles)) {
    list.forEach((title, i) => {
      if (!titles(series).includes(title)) add('unknown-title', ['scope', 'exam_based_titles', 'value', series, i], { title, key: 'scope.exam_based_titles' })
    })
  }
  for (const [alias, title] of Object.entries(v.titles.aliases)) {
    if (!allTitles.has(title)) add('unknown-title', ['titles', 'aliases', 'value', alias], { title, key: 'titles.aliases' })
  }
  v.seniority.thresholds.forEach((t, i) => {
    for (const title of t.to) if (!allTitles.has(title)) add('unknown-title', ['seniority', 'thresholds', 'value', i, 'to'], { title, key: 'seniority.thresholds' })
  })
  for (const level of TITLE_LEVELS) if (v.fee.by_level[level] === undefined) add('fee-level-missing', ['fee', 'by_level', 'value'], { level })
}

/**
 * The calendar is complete for every year a policy date falls in, covers no year no date needs,
 * lists days off only on weekdays and make-up working days only on weekends, and works on no
 * statutory holiday.
 */
function lintCalendar(policy: Policy, add: Add): void {
  const t = policy.values.timeline
  const cal = policy.values.calendar
  const dates: Array<[string, string, Array<string | number>]> = [
    ['timeline.window.start', t.window.start, ['timeline', 'window', 'value', 'start']],
    ['timeline.window.end', t.window.end, ['timeline', 'window', 'value', 'end']],
    ['timeline.deadline', t.deadline, ['timeline', 'deadline', 'value']],
    ['timeline.fee_deadline', t.fee_deadline, ['timeline', 'fee_deadline', 'value']],
    ['timeline.review_period.start', t.review_period.start, ['timeline', 'review_period', 'value', 'start']],
    ['timeline.review_period.end', t.review_period.end, ['timeline', 'review_period', 'value', 'end']],
    ['timeline.audit_period.start', t.audit_period.start, ['timeline', 'audit_period', 'value', 'start']],
    ['timeline.audit_period.end', t.audit_period.end, ['timeline', 'audit_period', 'value', 'end']],
    ['seniority.cutoff', policy.values.seniority.cutoff, ['seniority', 'cutoff', 'value']],
  ]
  const years = new Set(cal.years)
  const needed = new Set<number>()
  for (const [key, date, path] of dates) {
    const year = yearOf(date)
    needed.add(year)
    if (!years.has(year)) add('calendar-year-missing', path, { year, key, date })
  }
  cal.years.forEach((year, i) => {
    if (!needed.has(year)) add('calendar-year-unused', ['calendar', 'value', 'years', i], { year })
    if (!cal.holidays.some((d) => yearOf(d) === year)) add('calendar-year-empty', ['calendar', 'value', 'years', i], { year })
  })
  const seen = new Set<string>()
  const days = (list: 'holidays' | 'workdays') =>
    cal[list].forEach((day, i) => {
      const path = ['calendar', 'value', list, i]
      if (seen.has(day)) add('calendar-day-twice', path, { day })
      seen.add(day)
      if (!years.has(yearOf(day))) add('calendar-day-outside', path, { day })
      const wd = weekday(day)
      const weekend = wd === 0 || wd === 6
      if (list === 'holidays' && weekend) add('holiday-on-weekend', path, { day, weekday: wd })
      if (list === 'workdays' && !weekend) add('workday-on-weekday', path, { day, weekday: wd })
    })
  days('holidays')
  days('workdays')
  for (const year of cal.years) {
    for (const s of STATUTORY_DAYS) {
      const day = `${year}-${s.md}`
      if (policy.calendar.kind(day) === 'workday') add('statutory-day-working', ['calendar', 'value'], { day, zh: s.zh, en: s.en })
    }
  }
}

interface SettingLike {
  value: unknown
  clause?: string
}

function walkSettings(node: unknown, path: string[], visit: (path: string[], s: SettingLike) => void): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return
  if ('value' in node) return visit(path, node as SettingLike)
  for (const [k, v] of Object.entries(node)) if (k !== 'clauses' && k !== 'name') walkSettings(v, [...path, k], visit)
}

/** Line and column of the node at `path`, or of its nearest ancestor that exists. */
function position(doc: Document, lc: LineCounter, path: ReadonlyArray<string | number>): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    const range = (node as { range?: [number, number, number] } | undefined)?.range
    if (range) {
      const pos = lc.linePos(range[0])
      return { line: pos.line, column: pos.col }
    }
  }
  return {}
}

/** Errors first, then by line, then by code. */
function sortProblems(problems: LintProblem[]): LintProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  )
}
