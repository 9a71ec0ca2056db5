import type { Lang } from '../rules/define-rule.js'
import type { Catalogue } from './catalogue.js'
import { applicantLine, statusOf, topReasons, type BatchReport, type PackageReport } from './batch.js'
import { BATCH_WORDS } from './batch-words.js'
import { changesLine } from './batch-since.js'
import type { Report } from './finding.js'
import { escapeHtml } from './html-escape.js'
import { HTML_STYLE, renderHtml, renderHtmlBody, type HtmlOptions } from './html.js'

// The batch as one self-contained HTML file (no network, no script): the unit's table with a
// link to each package, the most frequent rules, then one section per package, each the same
// body as that package's own report (html.ts).

const BATCH_STYLE = `
main.batch{max-width:1100px}.table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
table.summary{border-collapse:collapse;width:100%;font-size:.92rem}table.summary th,table.summary td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.summary th{background:#f2f4f7;position:sticky;top:0;white-space:nowrap}table.summary td.nw{white-space:nowrap}table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.fail td.status{color:var(--err);font-weight:600}tr.pass td.status{color:var(--ok);font-weight:600}tr.unreadable td.status{color:#7a2e98;font-weight:600}
section.package{border-top:3px solid var(--line);margin-top:2rem;padding-top:.5rem}ol.rules li{margin:.2rem 0}
.unreadable-box{background:#fff;border:1px solid var(--line);border-left:5px solid #7a2e98;border-radius:8px;padding:10px 12px;overflow-wrap:anywhere}
`

export function headerOf(p: PackageReport): HtmlOptions['header'] {
  return {
    manifestFile: p.manifest ?? 'manifest.yaml',
    ...(p.applicant?.name ? { applicant: p.applicant.name } : {}),
    ...(p.applicant?.series ? { series: p.applicant.series } : {}),
    ...(p.applicant?.title ? { title: p.applicant.title } : {}),
  }
}

export function asReport(p: PackageReport): Report {
  return { tool: p.tool, version: p.version, policy: p.policy ?? '', today: p.today ?? '', package: p.package, summary: p.summary, findings: p.findings }
}

function page(lang: Lang, title: string, body: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${HTML_STYLE}${extraStyle}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function unreadableBody(p: PackageReport, lang: Lang): string {
  const w = BATCH_WORDS[lang]
  return [
    `<h1>${escapeHtml(w.package)} ${escapeHtml(p.package)}</h1>`,
    `<div class="verdict fail">✖ ${escapeHtml(w.cannotCheck)}</div>`,
    `<p class="unreadable-box">${escapeHtml(p.error ?? '')}</p>`,
  ].join('\n')
}

/** One package's own page (--reports): the single-package HTML report, or its error. */
/** `thumbnails`: by index in p.findings, as renderHtml takes them. */
export function renderPackageHtml(p: PackageReport, lang: Lang, catalogue: Catalogue, thumbnails?: ReadonlyMap<number, string>): string {
  if (p.error === undefined) return renderHtml(asReport(p), { lang, header: headerOf(p), catalogue, ...(thumbnails ? { thumbnails } : {}) })
  return page(lang, `${BATCH_WORDS[lang].title} · ${p.package}`, `<main>\n${unreadableBody(p, lang)}\n</main>`, BATCH_STYLE)
}

export function renderBatchHtml(batch: BatchReport, lang: Lang, catalogue: Catalogue): string {
  const w = BATCH_WORDS[lang]
  const s = batch.summary
  const out: string[] = []
  out.push(`<h1>${escapeHtml(w.title)}</h1>`)
  out.push(`<div class="meta">${escapeHtml(w.policy)} ${escapeHtml(batch.policy)} · ${escapeHtml(w.asOf)} ${escapeHtml(batch.today)} · ${escapeHtml(w.counts(s))}</div>`)
  const ok = s.failed + s.unreadable === 0
  out.push(`<div class="verdict ${ok ? 'pass' : 'fail'}">${ok ? '✔' : '✖'} ${escapeHtml(w.verdict(s))}<small>${escapeHtml(w.totals(s))}</small></div>`)

  out.push(`<h2>${escapeHtml(w.summarySheet)}</h2>`)
  out.push('<div class="table-wrap"><table class="summary">')
  out.push(
    `<thead><tr>${[w.package, w.applicant, w.seriesTitle, w.status, w.errors, w.warnings, w.reasons, ...(batch.since ? [w.sinceColumn(batch.since.report)] : [])].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
  )
  out.push('<tbody>')
  batch.packages.forEach((p, i) => {
    const st = statusOf(p)
    const reasons = topReasons(p, catalogue)
    const n = (v: number) => (st === 'unreadable' ? '—' : String(v))
    out.push(
      `<tr class="${st}"><td><a href="#pkg-${i + 1}">${escapeHtml(p.package)}</a></td><td class="nw">${escapeHtml(p.applicant?.name ?? '—')}</td>` +
        `<td class="nw">${escapeHtml([p.applicant?.series, p.applicant?.title].filter(Boolean).join(' / ') || '—')}</td>` +
        `<td class="status nw">${escapeHtml(w.statusText[st])}</td><td class="n nw">${n(p.summary.errors)}</td><td class="n nw">${n(p.summary.warnings)}</td>` +
        `<td>${reasons.map((r) => escapeHtml(r)).join('<br>') || '—'}</td>${batch.since ? `<td>${escapeHtml(changesLine(p.changes, lang))}</td>` : ''}</tr>`,
    )
  })
  out.push('</tbody></table></div>')
  if (batch.since && batch.since.gone.length > 0) out.push(`<p>${escapeHtml(w.gone)}${lang === 'zh' ? '：' : ': '}${batch.since.gone.map((g) => escapeHtml(g)).join(lang === 'zh' ? '、' : ', ')}</p>`)

  const frequent = s.rules.filter((r) => r.severity !== 'info').slice(0, 10)
  out.push(`<h2>${escapeHtml(w.frequent)}</h2>`)
  if (frequent.length === 0) out.push(`<p>${escapeHtml(w.noneFrequent)}</p>`)
  else {
    out.push('<ol class="rules">')
    for (const r of frequent) {
      const desc = catalogue.get(r.rule)?.description[lang] ?? ''
      out.push(`<li><span class="sev ${r.severity}">${escapeHtml(w.severity[r.severity])}</span><b>${escapeHtml(w.inPackages(r.packages))}</b> <span class="rule">${escapeHtml(r.rule)}</span> ${escapeHtml(desc)}</li>`)
    }
    out.push('</ol>')
  }

  batch.packages.forEach((p, i) => {
    const who = applicantLine(p.applicant)
    out.push(
      `<section class="package" id="pkg-${i + 1}" data-package="${escapeHtml(p.package)}" data-status="${statusOf(p)}"${who ? ` aria-label="${escapeHtml(`${p.package} ${who}`)}"` : ''}>`,
    )
    out.push(p.error === undefined ? renderHtmlBody(asReport(p), { lang, header: headerOf(p), catalogue }) : unreadableBody(p, lang))
    out.push('</section>')
  })
  return page(lang, w.title, `<main class="batch">\n${out.join('\n')}\n</main>`, BATCH_STYLE)
}
