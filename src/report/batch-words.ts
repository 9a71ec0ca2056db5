import type { Lang, Severity } from '../rules/define-rule.js'
import type { BatchSummary, PackageStatus } from './batch.js'

// Words of the batch reports (terminal table, CSV, XLSX, HTML), one table per language.

export interface BatchWords {
  title: string
  package: string
  applicant: string
  series: string
  titleName: string
  seriesTitle: string
  status: string
  errors: string
  warnings: string
  infos: string
  files: string
  reasons: string
  policy: string
  /** The day the batch judged by. */
  asOf: string
  statusText: Record<PackageStatus, string>
  severity: Record<Severity, string>
  severityLabel: string
  rule: string
  message: string
  fix: string
  clause: string
  file: string
  page: string
  line: string
  column: string
  summarySheet: string
  findingsSheet: string
  frequent: string
  noneFrequent: string
  inPackages: (n: number) => string
  totals: (s: BatchSummary) => string
  counts: (s: BatchSummary) => string
  verdict: (s: BatchSummary) => string
  cannotCheck: string
  /** --since: the column (and section) of what changed since that report. */
  sinceColumn: (report: string) => string
  /** --since: a package of the earlier report that is not in this one. */
  gone: string
}

export const BATCH_WORDS: Record<Lang, BatchWords> = {
  zh: {
    title: '职称申报材料批量检查',
    package: '申报包',
    applicant: '申报人',
    series: '系列',
    titleName: '申报职称',
    seriesTitle: '系列 / 职称',
    status: '结果',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    files: '文件数',
    reasons: '主要问题',
    policy: '政策',
    asOf: '判断日期',
    statusText: { pass: '通过', fail: '需修改', unreadable: '无法检查' },
    severity: { error: '错误', warning: '警告', info: '提示' },
    severityLabel: '级别',
    rule: '规则',
    message: '问题',
    fix: '如何修改',
    clause: '依据',
    file: '文件',
    page: '页',
    line: '行',
    column: '列',
    summarySheet: '汇总',
    findingsSheet: '问题明细',
    frequent: '最常见的问题',
    noneFrequent: '没有错误或警告',
    inPackages: (n) => `${n} 个申报包`,
    totals: (s) => `共 ${s.packages} 个申报包：${s.passed} 个通过，${s.failed} 个需修改，${s.unreadable} 个无法检查`,
    counts: (s) => `错误 ${s.errors} 个，警告 ${s.warnings} 个，提示 ${s.infos} 条；检查了 ${s.files} 个文件`,
    verdict: (s) => (s.failed + s.unreadable > 0 ? `${s.failed + s.unreadable} 个申报包需处理后再上传` : '全部通过：没有必须修改的问题'),
    cannotCheck: '无法检查',
    sinceColumn: (r) => `与上一轮（${r}）相比`,
    gone: '这一轮没有这个申报包',
  },
  en: {
    title: 'Application packages: batch check',
    package: 'Package',
    applicant: 'Applicant',
    series: 'Series',
    titleName: 'Title',
    seriesTitle: 'Series / title',
    status: 'Result',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    files: 'Files',
    reasons: 'Top reasons',
    policy: 'Policy',
    asOf: 'As of',
    statusText: { pass: 'pass', fail: 'fix', unreadable: 'not checked' },
    severity: { error: 'error', warning: 'warning', info: 'info' },
    severityLabel: 'Severity',
    rule: 'Rule',
    message: 'Message',
    fix: 'Fix',
    clause: 'Clause',
    file: 'File',
    page: 'Page',
    line: 'Line',
    column: 'Column',
    summarySheet: 'Summary',
    findingsSheet: 'Findings',
    frequent: 'Most frequent',
    noneFrequent: 'no errors or warnings',
    inPackages: (n) => `${n} package(s)`,
    totals: (s) => `${s.packages} package(s): ${s.passed} pass, ${s.failed} to fix, ${s.unreadable} not checked`,
    counts: (s) => `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info; ${s.files} file(s) checked`,
    verdict: (s) => (s.failed + s.unreadable > 0 ? `${s.failed + s.unreadable} package(s) to deal with before upload` : 'all pass: nothing must be fixed'),
    cannotCheck: 'not checked',
    sinceColumn: (r) => `Since ${r}`,
    gone: 'not in this batch',
  },
}
