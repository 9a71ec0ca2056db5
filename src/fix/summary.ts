import type { Lang } from '../rules/define-rule.js'
import type { FixLog } from './log.js'
import { HTML_LOG_FILE, LOG_FILE } from './log.js'
import type { FixPlan } from './plan.js'
import { describeChange } from './words.js'

// What fix says on the terminal: the plan (--dry-run), or what it did before the copy's report.

export function planText(plan: FixPlan, lang: Lang): string {
  const zh = lang === 'zh'
  const lines: string[] = [zh ? '修改计划（--dry-run：没有写任何文件）' : 'Plan (--dry-run: nothing written)', '']
  for (const f of plan.files) {
    const head = f.out !== f.rel ? `${plan.shown(f.rel)} → ${f.out}` : f.rel
    if (f.changes.length === 0) {
      lines.push(`  ${head}: ${zh ? '原样复制' : 'copied as is'}`)
      continue
    }
    lines.push(`  ${head}`)
    for (const c of f.changes) lines.push(`    - ${describeChange(c, lang, f.type)}${c.rule ? `  [${c.rule}]` : ''}`)
  }
  const hand = plan.byHand.filter((f) => f.severity !== 'info')
  if (hand.length > 0) {
    lines.push('', zh ? `fix 不能修改、需要手工处理的（${hand.length} 条，以修改后副本的检查为准）：` : `Not fixed by fix, to do by hand (${hand.length}; the copy's check has the final word):`)
    for (const f of hand) lines.push(`  - [${f.rule}] ${f.message}`)
  }
  return `${lines.join('\n')}\n`
}

export function summaryText(log: FixLog, out: string, lang: Lang): string {
  const zh = lang === 'zh'
  const fixed = log.files.filter((f) => f.status === 'fixed')
  const lines: string[] = [
    zh ? `已写出可上传的副本：${out}（原申报包没有改动）` : `Upload-ready copy written to ${out} (the package itself is unchanged)`,
    zh ? `修改了 ${fixed.length} 个文件，原样复制 ${log.files.filter((f) => f.status === 'copied').length} 个；详情见 ${HTML_LOG_FILE} 和 ${LOG_FILE}（只供自己查看，不要上传）` : `${fixed.length} file(s) changed, ${log.files.filter((f) => f.status === 'copied').length} copied as is; details in ${HTML_LOG_FILE} and ${LOG_FILE} (for you, not for upload)`,
  ]
  for (const f of fixed) {
    lines.push(`  ${f.file !== f.out ? `${f.file} → ${f.out}` : f.out}`)
    for (const c of f.changes) lines.push(`    - ${describeChange(c, lang, f.type)}`)
  }
  for (const f of log.files.filter((x) => x.problem)) {
    const why = f.problem === 'missing' ? (zh ? '文件不存在' : 'the file does not exist') : f.problem
    lines.push(`  ${f.file}: ${f.status === 'not-written' ? (zh ? '没有写出' : 'not written') : zh ? '未能修改，原样写出' : 'not fixed, written as it was'}${zh ? `（${why}）` : ` (${why})`}`)
  }
  if (log.notCopied > 0) lines.push(zh ? `  清单没有写到的 ${log.notCopied} 个文件没有复制` : `  ${log.notCopied} file(s) the manifest does not name were not copied`)
  lines.push('', zh ? '下面是对副本的检查：剩下的问题需要手工处理' : 'The copy, checked: what is left is to be done by hand', '')
  return `${lines.join('\n')}\n`
}
