import { createHash } from 'node:crypto'
import type { Box } from '../inspect/facts.js'
import type { Finding, Summary } from '../report/finding.js'
import type { Change, FilePlan, FixPlan } from './plan.js'

// fix-log.json: what was done to each file and why, deterministic (no clock: the same package,
// --today and version give the same bytes). Paths of the original are shown masked, as in every
// report: a renamed file's old name held the name, and the log sits beside the copy.

export const LOG_FILE = 'fix-log.json'
export const HTML_LOG_FILE = '修改记录.html'

export interface FileOutcome {
  plan: FilePlan
  /** Written into the copy. */
  written: boolean
  /** Why not written, or written unchanged when a fix failed. */
  problem?: string
  before?: { bytes: number; sha256: string }
  after?: { bytes: number; sha256: string }
  rasterised?: Array<{ page: number; dpi: number; quality: number; burned: number }>
  /** Images: the scale and quality used to fit under the size limit. */
  encoded?: { scale: number; quality?: number }
  /** The copy's file bytes (for the after thumbnails; not in the JSON). */
  bytesOut?: Uint8Array
}

export interface FixLog {
  tool: 'zhicheng-check'
  version: string
  command: 'fix'
  policy: string
  today: string
  package: string
  files: LoggedFile[]
  /** Files in the package the manifest does not name: not copied. */
  notCopied: number
  /** The copy's check: what remains, to be done by hand. */
  copyCheck: { summary: Summary; left: Array<Pick<Finding, 'rule' | 'severity' | 'message' | 'fix' | 'clause' | 'file' | 'page'>> }
}

export interface LoggedFile {
  file: string
  out: string
  /** How it was written: a PDF rewritten, an image encoded again, or bytes copied. */
  type: 'pdf' | 'image' | 'copy'
  status: 'fixed' | 'copied' | 'not-written'
  problem?: string
  changes: LoggedChange[]
  before?: { bytes: number; sha256: string }
  after?: { bytes: number; sha256: string }
  rasterisedPages?: Array<{ page: number; dpi: number; quality: number }>
}

export interface LoggedChange {
  kind: Change['kind']
  rule?: string
  clause?: string
  page?: number
  over?: Change['over']
  deg?: number
  by?: Change['by']
  boxes?: Box[]
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function buildLog(
  head: { version: string; policy: string; today: string; package: string },
  plan: FixPlan,
  outcomes: readonly FileOutcome[],
  notCopied: number,
  copy: { summary: Summary; findings: readonly Finding[] },
): FixLog {
  const files = outcomes.map((o): LoggedFile => {
    const changed = o.plan.changes.length > 0 && o.written && !o.problem
    const f: LoggedFile = {
      file: plan.shown(o.plan.rel),
      out: o.plan.out,
      type: o.plan.type,
      status: !o.written ? 'not-written' : changed ? 'fixed' : 'copied',
      changes: o.problem ? [] : o.plan.changes.map(logged),
    }
    if (o.problem) f.problem = o.problem
    if (o.before) f.before = o.before
    if (o.after) f.after = o.after
    if (o.rasterised && o.rasterised.length > 0) f.rasterisedPages = o.rasterised.map(({ page, dpi, quality }) => ({ page, dpi, quality }))
    return f
  })
  return {
    tool: 'zhicheng-check',
    version: head.version,
    command: 'fix',
    policy: head.policy,
    today: head.today,
    package: head.package,
    files,
    notCopied,
    copyCheck: {
      summary: copy.summary,
      left: copy.findings.map((x) => ({ rule: x.rule, severity: x.severity, message: x.message, fix: x.fix, ...(x.clause ? { clause: x.clause } : {}), ...(x.file ? { file: x.file } : {}), ...(x.page ? { page: x.page } : {}) })),
    },
  }
}

function logged(c: Change): LoggedChange {
  const out: LoggedChange = { kind: c.kind }
  if (c.rule) out.rule = c.rule
  if (c.clause) out.clause = c.clause
  if (c.page !== undefined) out.page = c.page
  if (c.over) out.over = c.over
  if (c.deg !== undefined) out.deg = c.deg
  if (c.by) out.by = c.by
  if (c.boxes) out.boxes = c.boxes.map((b) => b.map((v) => Math.round(v * 10) / 10) as Box)
  return out
}
