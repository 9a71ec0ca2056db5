import { SEVERITY_RANK, type Finding, type Report } from './finding.js'
import { ocrGap } from './ocr-words.js'
import { AREA_NAMES, type PrettyHeader } from './pretty.js'
import { AREAS, type Area, type Lang } from '../rules/define-rule.js'
import { areaOf, type Catalogue } from './catalogue.js'
import { escapeHtml } from './html-escape.js'
import { planFigures, type Figures } from './html-figures.js'

/** For the pages that share this one's style (fix's report). */
export { escapeHtml }

// A report people look at: one self-contained HTML file (no network, no script needed), readable
// on a phone. The texts are the report's own, already masked; everything is escaped here.

export interface HtmlOptions {
  lang: Lang
  header: PrettyHeader
  /** Optional picture per finding (a data: URL), keyed by the finding's index in report.findings. */
  thumbnails?: ReadonlyMap<number, string>
  /** The rules' meta: the area each finding is grouped under. */
  catalogue: Catalogue
}

const WORDS = {
  zh: {
    title: '职称申报材料检查报告',
    pass: '通过：没有必须修改的问题',
    fail: '需修改后再上传',
    counts: (e: number, w: number, i: number) => `${e} 个错误 · ${w} 个警告 · ${i} 条提示`,
    severity: { error: '错误', warning: '警告', info: '提示' },
    fix: '修改',
    where: '位置',
    clause: '依据',
    page: (n: number) => `第 ${n} 页`,
    package: '申报包',
    policy: '政策',
    asOf: '判断日期',
    applicant: '申报人',
    files: (n: number) => `检查了 ${n} 个文件`,
    none: '没有发现问题。',
  },
  en: {
    title: 'Application package check',
    pass: 'Pass: nothing must be fixed',
    fail: 'Fix before upload',
    counts: (e: number, w: number, i: number) => `${e} error(s) · ${w} warning(s) · ${i} info`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    fix: 'Fix',
    where: 'Where',
    clause: 'Clause',
    page: (n: number) => `page ${n}`,
    package: 'Package',
    policy: 'Policy',
    asOf: 'as of',
    applicant: 'Applicant',
    files: (n: number) => `${n} file(s) checked`,
    none: 'No findings.',
  },
}

export const HTML_STYLE = `
:root{--err:#b42318;--warn:#b54708;--info:#175cd3;--ok:#067647;--line:#e4e7ec;--muted:#667085}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#101828;background:#f9fafb}
main{max-width:860px;margin:0 auto;padding:16px}h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
.meta{color:var(--muted);font-size:.9rem}.verdict{border-radius:10px;padding:14px 16px;margin:12px 0;color:#fff;font-weight:600}
.verdict.pass{background:var(--ok)}.verdict.fail{background:var(--err)}.verdict.partial{background:#9a6700}.verdict small{display:block;font-weight:400;opacity:.9}
.finding{background:#fff;border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:8px;padding:10px 12px;margin:8px 0;overflow-wrap:anywhere}
.finding.error{border-left-color:var(--err)}.finding.warning{border-left-color:var(--warn)}.finding.info{border-left-color:var(--info)}
.sev{display:inline-block;font-size:.8rem;padding:0 6px;border-radius:4px;color:#fff;margin-right:6px}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
.msg{font-weight:600}.row{font-size:.92rem;margin-top:4px}.row b{color:var(--muted);font-weight:500;margin-right:4px}
.rule{font-family:ui-monospace,monospace;font-size:.8rem;color:var(--muted)}figure{margin:8px 0 0}figure img,figure svg.pic{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}svg.pics{position:absolute;width:0;height:0;overflow:hidden}
`

/** The sections of one package's report (for a page of its own, or one section of a batch page). */
export function renderHtmlBody(report: Report, opts: HtmlOptions): string {
  const w = WORDS[opts.lang]
  const s = report.summary
  const who = [opts.header.applicant, opts.header.series, opts.header.title].filter(Boolean).join(' · ')
  const out: string[] = []
  // The verdict first: it is what the applicant opened the page for.
  // Never a pass over scanned pages that were not read: the verdict says which.
  const gap = ocrGap(s.ocr, s.errors > 0, opts.lang)
  const cls = s.errors > 0 || gap?.fails ? 'fail' : gap ? 'partial' : 'pass'
  const head = s.errors > 0 ? `✖ ${w.fail}` : gap ? `${gap.fails ? '✖' : '▲'} ${gap.headline}` : `✔ ${w.pass}`
  const gapLines = gap ? [...(s.errors > 0 ? [`▲ ${gap.headline}`] : []), ...gap.files] : []
  out.push(
    `<div class="verdict ${cls}">${escapeHtml(head)}<small>${escapeHtml(w.counts(s.errors, s.warnings, s.infos))}</small>${gapLines.map((l) => `<small>${escapeHtml(l)}</small>`).join('')}</div>`,
  )
  out.push(`<h1>${escapeHtml(w.package)} ${escapeHtml(report.package)}</h1>`)
  out.push(
    `<div class="meta">${escapeHtml(w.policy)} ${escapeHtml(report.policy)} · ${escapeHtml(w.asOf)} ${escapeHtml(report.today)}${who ? ` · ${escapeHtml(w.applicant)} ${escapeHtml(who)}` : ''} · ${escapeHtml(w.files(s.files))}</div>`,
  )
  if (report.findings.length === 0) out.push(`<p>${escapeHtml(w.none)}</p>`)

  const figures = planFigures(opts.thumbnails)
  const byArea = new Map<Area, Array<[Finding, number]>>()
  report.findings.forEach((f, i) => {
    const area = areaOf(f, opts.catalogue)
    byArea.set(area, [...(byArea.get(area) ?? []), [f, i]])
  })
  // Areas with something to fix come before those with only warnings or notes; inside an area,
  // errors first. Otherwise the report's own order (AREAS, then file, page, line).
  const worst = (items: Array<[Finding, number]>) => Math.min(...items.map(([f]) => SEVERITY_RANK[f.severity]))
  const areas = AREAS.filter((a) => byArea.has(a)).sort((a, b) => worst(byArea.get(a)!) - worst(byArea.get(b)!))
  for (const area of areas) {
    const items = [...byArea.get(area)!].sort(([a], [b]) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    out.push(`<section class="area" data-area="${area}"><h2>${escapeHtml(AREA_NAMES[area][opts.lang])}</h2>`)
    for (const [f, i] of items) out.push(renderFinding(f, opts, figures, i))
    out.push('</section>')
  }
  if (figures.sprite) out.push(figures.sprite)
  return out.join('\n')
}


function renderFinding(f: Finding, opts: HtmlOptions, figures: Figures, index: number): string {
  const w = WORDS[opts.lang]
  const where = [f.file && (f.page ? `${f.file} ${w.page(f.page)}` : f.file), f.line !== undefined && `${opts.header.manifestFile}:${f.line}:${f.column}`]
    .filter(Boolean)
    .join('  ')
  const rows = [
    `<div class="msg"><span class="sev ${f.severity}">${escapeHtml(w.severity[f.severity])}</span>${escapeHtml(f.message)}</div>`,
    `<div class="row"><b>${escapeHtml(w.fix)}</b>${escapeHtml(f.fix)}</div>`,
    where ? `<div class="row"><b>${escapeHtml(w.where)}</b>${escapeHtml(where)}</div>` : '',
    `<div class="row"><b>${escapeHtml(w.clause)}</b>${escapeHtml(f.clause ?? '—')} <span class="rule">${escapeHtml(f.rule)}</span></div>`,
    figures.figure(index, f.file && f.page ? `${f.file} ${w.page(f.page)}` : (f.file ?? '')),
  ]
  return `<article class="finding ${f.severity}" data-rule="${escapeHtml(f.rule)}">${rows.filter(Boolean).join('')}</article>`
}

/** A whole page: one file, no external resource. */
export function renderHtml(report: Report, opts: HtmlOptions): string {
  const w = WORDS[opts.lang]
  return `<!doctype html>
<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zhicheng-check">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(w.title)} · ${escapeHtml(report.package)}</title>
<style>${HTML_STYLE}</style>
</head>
<body><main>
${renderHtmlBody(report, opts)}
</main></body>
</html>
`
}
