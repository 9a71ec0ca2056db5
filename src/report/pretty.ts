import type { ChalkInstance } from 'chalk'
import type { Finding, Report } from './finding.js'
import { AREAS, type Area, type Lang } from '../rules/define-rule.js'
import { findRule } from '../rules/index.js'

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
  scan: { zh: '扫描件', en: 'Scans' },
}

const WORDS = {
  zh: {
    error: '错误', warning: '警告', info: '提示', fix: '修改：', where: '位置：', page: '第 {n} 页',
    package: '申报包', policy: '政策', applicant: '申报人',
    pass: '通过：没有必须修改的问题', fail: (counts: string) => `${counts}：需修改后再上传`,
    counts: (e: number, w: number, i: number) => `${e} 个错误，${w} 个警告，${i} 条提示`,
    aside: (s: string) => `（${s}）`,
    files: (n: number) => `检查了 ${n} 个文件`,
  },
  en: {
    error: 'error', warning: 'warning', info: 'info', fix: 'fix: ', where: 'where: ', page: 'page {n}',
    package: 'package', policy: 'policy', applicant: 'applicant',
    pass: 'pass: nothing must be fixed', fail: (counts: string) => `${counts}: fix before upload`,
    counts: (e: number, w: number, i: number) => `${e} error(s), ${w} warning(s), ${i} info`,
    aside: (s: string) => ` (${s})`,
    files: (n: number) => `${n} file(s) checked`,
  },
}

export function renderPretty(report: Report, header: PrettyHeader, lang: Lang, c: ChalkInstance): string {
  const w = WORDS[lang]
  const out: string[] = []
  const who = [header.applicant, header.series, header.title].filter(Boolean).join(' · ')
  out.push(c.bold(`${w.package} ${report.package}`) + c.dim(`  ${w.policy} ${report.policy}${who ? `  ${w.applicant} ${who}` : ''}`))
  out.push('')

  const byArea = new Map<Area, Finding[]>()
  for (const f of report.findings) {
    const area = findRule(f.rule)?.area ?? 'manifest'
    byArea.set(area, [...(byArea.get(area) ?? []), f])
  }
  for (const area of AREAS) {
    const findings = byArea.get(area)
    if (!findings) continue
    out.push(c.bold.underline(AREA_NAMES[area][lang]))
    for (const f of findings) out.push(...renderFinding(f, header.manifestFile, lang, c))
    out.push('')
  }

  const s = report.summary
  const counts = w.counts(s.errors, s.warnings, s.infos)
  out.push(
    s.errors > 0
      ? c.red.bold(`✖ ${w.fail(counts)}`)
      : c.green.bold(`✔ ${w.pass}`) + c.dim(w.aside(counts)),
  )
  out.push(c.dim(w.files(s.files)))
  return `${out.join('\n')}\n`
}

function renderFinding(f: Finding, manifestFile: string, lang: Lang, c: ChalkInstance): string[] {
  const w = WORDS[lang]
  const mark = { error: c.red('✖'), warning: c.yellow('▲'), info: c.blue('ℹ') }[f.severity]
  const label = { error: c.red(w.error), warning: c.yellow(w.warning), info: c.blue(w.info) }[f.severity]
  const ref = c.dim([f.rule, f.clause].filter(Boolean).join(' · '))
  const lines = [`  ${mark} ${label} ${f.message}  ${ref}`]
  const where = whereOf(f, manifestFile, lang)
  if (where) lines.push(`      ${c.dim(w.where)}${where}`)
  lines.push(`      ${c.cyan(w.fix)}${f.fix}`)
  return lines
}

function whereOf(f: Finding, manifestFile: string, lang: Lang): string {
  const parts: string[] = []
  if (f.file) parts.push(f.page ? `${f.file} ${WORDS[lang].page.replace('{n}', String(f.page))}` : f.file)
  if (f.line !== undefined) parts.push(`${manifestFile}:${f.line}:${f.column}`)
  return parts.join('  ')
}
