import type { PackageSource } from '../fs/package-source.js'
import { HTML_STYLE, escapeHtml } from '../report/html.js'
import type { Lang } from '../rules/define-rule.js'
import { drawPicture, type Region } from '../preview/thumbnails.js'
import type { FileOutcome } from './log.js'
import type { FixOutcome } from './run.js'
import { describeChange } from './words.js'

// 修改记录.html: for the applicant, beside the copy (not for upload). Each changed file, what was
// done and why, and before/after pictures of each changed page: before with what was covered
// marked in red (filled: the name is not shown again), after as the copy now is, so nothing
// hidden goes unseen. Pictures are bounded like the report's thumbnails; one that cannot be
// drawn is left out.

const MAX_PAIRS = 30
const WIDTH_PX = 300
const DRAW_MS = 8000

export async function renderFixHtml(done: FixOutcome, lang: Lang): Promise<string> {
  const zh = lang === 'zh'
  const log = done.log!
  const fs = done.before.pkg
  const parts: string[] = []
  let pairs = 0
  for (const [i, f] of log.files.entries()) {
    const o = done.outcomes![i]!
    const changes = f.changes.map((c) => `<li>${escapeHtml(describeChange(c, lang, f.type))}${c.rule ? ` <span class="rule">${escapeHtml(c.rule)}${c.clause ? ` · ${escapeHtml(c.clause)}` : ''}</span>` : ''}</li>`).join('')
    const sizes = f.before && f.after ? `<div class="row"><b>${zh ? '大小' : 'Size'}</b>${f.before.bytes} → ${f.after.bytes} B · sha256 ${f.before.sha256.slice(0, 12)}… → ${f.after.sha256.slice(0, 12)}…</div>` : ''
    const status = { fixed: zh ? '已修改' : 'fixed', copied: zh ? '原样复制' : 'copied as is', 'not-written': zh ? '没有写出' : 'not written' }[f.status]
    let pictures = ''
    for (const page of changedPages(o)) {
      if (pairs >= MAX_PAIRS) break
      const pair = await picturePair(fs, o, page)
      if (!pair) continue
      pairs++
      const label = o.plan.type === 'pdf' ? (zh ? `第 ${page} 页` : `page ${page}`) : ''
      pictures += `<div class="pair"><figure><figcaption>${zh ? '修改前' : 'before'} ${label}</figcaption><img alt="" src="${pair[0]}"></figure><figure><figcaption>${zh ? '修改后' : 'after'} ${label}</figcaption><img alt="" src="${pair[1]}"></figure></div>`
    }
    const why = f.problem === 'missing' ? (zh ? '文件不存在' : 'the file does not exist') : f.problem
    const problem = why ? `<div class="row"><b>${f.status === 'not-written' ? (zh ? '没有写出' : 'Not written') : zh ? '未能修改' : 'Not fixed'}</b>${escapeHtml(why)}</div>` : ''
    const name = f.file !== f.out ? `${escapeHtml(f.file)} → ${escapeHtml(f.out)}` : escapeHtml(f.out)
    parts.push(`<div class="finding ${f.status === 'fixed' ? 'info' : f.problem ? 'error' : ''}"><div class="msg">${name} <span class="rule">${status}</span></div>${changes ? `<ul>${changes}</ul>` : ''}${problem}${sizes}${pictures}</div>`)
  }
  const left = log.copyCheck.left
  const hand = left
    .map((x) => `<div class="finding ${x.severity}"><div class="msg">${escapeHtml(x.message)}</div><div class="row"><b>${zh ? '怎么改' : 'Fix'}</b>${escapeHtml(x.fix)}</div><div class="rule">${escapeHtml(x.rule)}${x.clause ? ` · ${escapeHtml(x.clause)}` : ''}</div></div>`)
    .join('')
  const errors = log.copyCheck.summary.errors
  const verdict = errors === 0
    ? `<div class="verdict pass">${zh ? '副本检查没有错误' : 'The copy has no errors'}</div>`
    : `<div class="verdict fail">${zh ? `副本还有 ${errors} 个错误，需要手工处理（见下）` : `The copy still has ${errors} error(s) to fix by hand (below)`}</div>`
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${zh ? '修改记录' : 'Fix log'}</title><style>${HTML_STYLE}.pair{display:flex;gap:8px;flex-wrap:wrap}.pair figure{flex:1 1 240px}figcaption{font-size:.85rem;color:var(--muted)}</style></head>
<body><main>
<h1>${zh ? '修改记录：可上传的副本' : 'Fix log: the upload-ready copy'}</h1>
<p class="meta">${escapeHtml(log.package)} · ${escapeHtml(log.policy)} · ${escapeHtml(log.today)} · zhicheng-check ${escapeHtml(log.version)}</p>
<p class="meta">${zh ? '本文件和 fix-log.json 只供自己核对，不要上传。红色区域是被黑框盖住的位置；请对照“修改后”确认没有盖住别的内容。' : 'This page and fix-log.json are for you to check, not for upload. Red marks where a black box now covers; compare with “after” to confirm nothing else was hidden.'}</p>
${verdict}
<h2>${zh ? '文件' : 'Files'}</h2>
${parts.join('\n')}
<h2>${zh ? '还需手工处理' : 'Left to do by hand'}</h2>
${hand || `<p>${zh ? '没有。' : 'Nothing.'}</p>`}
</main></body></html>
`
}

/** Pages whose pixels or orientation changed (a whole-file rewrite shows no page). */
function changedPages(o: FileOutcome): number[] {
  if (!o.written || o.problem) return []
  const pages = new Set<number>()
  for (const c of o.plan.changes) if (c.kind === 'burn' || c.kind === 'rasterise' || c.kind === 'rotate') pages.add(c.page ?? 1)
  for (const r of o.rasterised ?? []) if (r.burned > 0) pages.add(r.page)
  return [...pages].sort((a, b) => a - b)
}

async function picturePair(fs: PackageSource, o: FileOutcome, page: number): Promise<[string, string] | null> {
  const r = fs.resolve(o.plan.rel)
  if (!r.ok || !o.bytesOut) return null
  const read = await fs.read(r.rel, 64 * 1024 * 1024)
  if (!read.ok) return null
  const kind = o.plan.type === 'pdf' ? 'pdf' : 'image'
  const regions: Region[] = o.plan.changes.filter((c) => c.kind === 'burn' && (c.page ?? 1) === page).flatMap((c) => (c.boxes ?? []).map((rect) => ({ space: 'page' as const, rect, hide: true })))
  const dpi = o.plan.facts?.scan?.pages[0]?.scanImage?.dpiX
  try {
    const before = await drawPicture({ bytes: read.bytes, kind, page, regions, widthPx: WIDTH_PX, ...(dpi !== undefined && kind === 'image' ? { dpi } : {}), timeoutMs: DRAW_MS })
    const after = await drawPicture({ bytes: o.bytesOut.slice(), kind, page, regions: [], widthPx: WIDTH_PX, timeoutMs: DRAW_MS })
    return [before, after]
  } catch {
    return null
  }
}
