import type { ChalkInstance } from 'chalk'
import { SEVERITY_RANK, type Finding, type Report } from './finding.js'
import { AREAS, type Area, type Lang } from '../rules/define-rule.js'
import { areaOf, type Catalogue } from './catalogue.js'
import { stringWidth, wrapWidth } from './wrap-text.js'
import { ocrGap } from './ocr-words.js'

export interface PrettyHeader {
  manifestFile: string
  /** Already masked. */
  applicant?: string
  series?: string
  title?: string
}

export const AREA_NAMES: Record<Area, Record<Lang, string>> = {
  manifest: { zh: '清单与文件', en: 'Manifest and files' },
  scope: { zh: '申报范围、职称与申报方式', en: 'Scope, title and application path' },
  timeline: { zh: '时间与提交', en: 'Timeline and submissions' },
  education: { zh: '学历', en: 'Education' },
  redaction: { zh: '盲评遮盖', en: 'Blind review' },
  ce: { zh: '继续教育', en: 'Continuing education' },
  mandarin: { zh: '普通话', en: 'Mandarin' },
  attachments: { zh: '附件与公示', en: 'Attachments and publicity' },
  defense: { zh: '答辩、缴费与资历', en: 'Defense, fee, seniority' },
  evidence: { zh: '扫描件与清单是否一致', en: 'Scans against the manifest' },
  scan: { zh: '扫描件', en: 'Scans' },
}

const WORDS = {
  zh: {
    error: '错误', warning: '警告', info: '提示', fix: '修改：', where: '位置：', page: '第 {n} 页',
    package: '申报包', policy: '政策', asOf: '判断日期', applicant: '申报人',
    pass: '通过：没有必须修改的问题', fail: (counts: string) => `${counts}：需修改后再上传`,
    counts: (e: number, w: number, i: number) => `${e} 个错误，${w} 个警告，${i} 条提示`,
    aside: (s: string) => `（${s}）`,
    files: (n: number) => `检查了 ${n} 个文件`,
  },
  en: {
    error: 'error', warning: 'warning', info: 'info', fix: 'fix: ', where: 'where: ', page: 'page {n}',
    package: 'package', policy: 'policy', asOf: 'as of', applicant: 'applicant',
    pass: 'pass: nothing must be fixed', fail: (counts: string) => `${counts}: fix before upload`,
    counts: (e: number, w: number, i: number) => `${e} error(s), ${w} warning(s), ${i} info`,
    aside: (s: string) => ` (${s})`,
    files: (n: number) => `${n} file(s) checked`,
  },
}

export interface PrettyOptions {
  /** The rules' meta: the area each finding is grouped under. */
  catalogue: Catalogue
  /** Terminal width: messages and fixes wrap to it by display width (a CJK character is two columns). */
  columns?: number
}

export function renderPretty(report: Report, header: PrettyHeader, lang: Lang, c: ChalkInstance, opts: PrettyOptions): string {
  const w = WORDS[lang]
  const out: string[] = []
  const who = [header.applicant, header.series, header.title].filter(Boolean).join(' · ')
  const title = `${w.package} ${report.package}`
  const about = `${w.policy} ${report.policy}  ${w.asOf} ${report.today}${who ? `  ${w.applicant} ${who}` : ''}`
  if (opts.columns && stringWidth(title) + 2 + stringWidth(about) > opts.columns) {
    // A narrow terminal: the package on its line, what it is about wrapped below.
    out.push(c.bold(title))
    for (const line of wrapWidth(about, opts.columns)) out.push(c.dim(line))
  } else out.push(c.bold(title) + c.dim(`  ${about}`))
  out.push('')

  const byArea = new Map<Area, Finding[]>()
  for (const f of report.findings) {
    const area = areaOf(f, opts.catalogue)
    byArea.set(area, [...(byArea.get(area) ?? []), f])
  }
  for (const area of AREAS) {
    const findings = byArea.get(area)
    if (!findings) continue
    out.push(c.bold.underline(AREA_NAMES[area][lang]))
    // Most serious first (a stable sort: the report's own order within each severity).
    const ordered = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    for (const f of ordered) out.push(...renderFinding(f, header.manifestFile, lang, c, opts.columns))
    out.push('')
  }

  const s = report.summary
  const counts = w.counts(s.errors, s.warnings, s.infos)
  const gap = ocrGap(s.ocr, s.errors > 0, lang)
  const verdict = s.errors > 0 ? `✖ ${w.fail(counts)}` : gap ? `${gap.fails ? '✖' : '▲'} ${gap.headline}` : `✔ ${w.pass}`
  const aside = s.errors > 0 ? '' : w.aside(counts)
  const paint = s.errors > 0 || gap?.fails ? c.red.bold : gap ? c.yellow.bold : c.green.bold
  if (opts.columns && stringWidth(verdict + aside) > opts.columns) {
    for (const line of wrapWidth(verdict, opts.columns - 2)) out.push(paint(line))
    if (aside) out.push(c.dim(aside.trim()))
  } else out.push(paint(verdict) + c.dim(aside))
  if (gap) {
    if (s.errors > 0) out.push(c.yellow(`▲ ${gap.headline}`))
    for (const line of gap.files) out.push(`  ${line}`)
  }
  out.push(c.dim(w.files(s.files)))
  return `${out.join('\n')}\n`
}

/** Message, where and fix of one finding; on a terminal, wrapped under their label by display width. */
function renderFinding(f: Finding, manifestFile: string, lang: Lang, c: ChalkInstance, columns?: number): string[] {
  const w = WORDS[lang]
  const mark = { error: c.red('✖'), warning: c.yellow('▲'), info: c.blue('ℹ') }[f.severity]
  const label = { error: c.red(w.error), warning: c.yellow(w.warning), info: c.blue(w.info) }[f.severity]
  const refText = [f.rule, f.clause].filter(Boolean).join(' · ')
  const head = `  ${mark} ${label} `
  const indent = '      '
  if (!columns) {
    const lines = [`${head}${f.message}  ${c.dim(refText)}`]
    const where = whereOf(f, manifestFile, lang)
    if (where) lines.push(`${indent}${c.dim(w.where)}${where}`)
    lines.push(`${indent}${c.cyan(w.fix)}${f.fix}`)
    return lines
  }
  // The reference goes after the message when it fits on the last line, else on a line of its own.
  const lines: string[] = []
  const message = wrapWidth(f.message, columns - indent.length, columns - stringWidth(head))
  message.forEach((line, i) => lines.push(i === 0 ? head + line : indent + line))
  const last = message.at(-1)!
  const lastStart = message.length === 1 ? stringWidth(head) : indent.length
  if (lastStart + stringWidth(last) + 2 + stringWidth(refText) <= columns) lines[lines.length - 1] += `  ${c.dim(refText)}`
  else lines.push(indent + c.dim(refText))
  const labelled = (labelText: string, paint: (s: string) => string, text: string) => {
    const body = wrapWidth(text, columns - indent.length - stringWidth(labelText), columns - indent.length - stringWidth(labelText))
    body.forEach((line, i) => lines.push(indent + (i === 0 ? paint(labelText) : ' '.repeat(stringWidth(labelText))) + line))
  }
  const where = whereOf(f, manifestFile, lang)
  if (where) labelled(w.where, c.dim, where)
  labelled(w.fix, c.cyan, f.fix)
  return lines
}

function whereOf(f: Finding, manifestFile: string, lang: Lang): string {
  const parts: string[] = []
  if (f.file) parts.push(f.page ? `${f.file} ${WORDS[lang].page.replace('{n}', String(f.page))}` : f.file)
  if (f.line !== undefined) parts.push(`${manifestFile}:${f.line}:${f.column}`)
  return parts.join('  ')
}
