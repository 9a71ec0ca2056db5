import { ABSOLUTE_RULES } from './absolute.js'
import { defineRule, type Hit, type OutsideReason, type Rule } from './define-rule.js'
import { findIdentity, identityTermsOfRaw, type IdentityTerm } from '../identity/match.js'

export const manifestInvalid = defineRule({
  id: 'manifest.invalid',
  area: 'manifest',
  severity: 'error',
  clause: null,
  needsData: false,
  description: {
    zh: '清单（manifest.yaml）中的字段不符合格式：类型、可选值、日期或未知字段',
    en: 'A manifest field does not fit the format: type, allowed value, date or unknown key',
  },
  messages: {
    unknownKey: { zh: '未知字段 {key}', en: 'unknown key {key}' },
    unknownKeySuggest: { zh: '未知字段 {key}，是否想写 {suggestion}？', en: 'unknown key {key}: did you mean {suggestion}?' },
    badValue: { zh: '{field} 的值“{got}”不在可选值中：{allowed}', en: '{field}: "{got}" is not one of {allowed}' },
    badValueSuggest: { zh: '{field} 的值“{got}”不在可选值中，是否想写“{suggestion}”？', en: '{field}: "{got}" is not allowed; did you mean "{suggestion}"?' },
    required: { zh: '缺少必填字段 {field}', en: 'required field {field} is missing' },
    badType: { zh: '{field} 的值“{got}”类型不对（应为{expectedZh}）', en: '{field}: "{got}" has the wrong type (expected {expectedEn})' },
    badNumber: { zh: '{field} 的值“{got}”应只写数字，不带单位或文字', en: '{field}: "{got}" must be a bare number, without a unit or words' },
    badDate: { zh: '{field} 的值“{got}”不是有效日期（应为 YYYY-MM-DD）', en: '{field}: "{got}" is not a valid date (YYYY-MM-DD)' },
    tooSmall: { zh: '{field} 的值“{got}”太小或为空（至少 {minimum}）', en: '{field}: "{got}" is too small or empty (minimum {minimum})' },
    tooBig: { zh: '{field} 的值“{got}”太大（至多 {maximum}）', en: '{field}: "{got}" is too large (maximum {maximum})' },
    badFormat: { zh: '{field} 的值“{got}”格式不对', en: '{field}: "{got}" has the wrong format' },
    toFill: { zh: '{field} 还没有填写（清单里写着“待填写”）', en: '{field} is still to fill in (the manifest says 待填写)' },
  },
  fix: {
    unknownKey: { zh: '删除该字段，或改成清单格式中的字段：{known}', en: 'remove it, or use one of: {known}' },
    unknownKeySuggest: { zh: '把 {key} 改为 {suggestion}', en: 'rename {key} to {suggestion}' },
    badValue: { zh: '改成以下之一：{allowed}', en: 'use one of: {allowed}' },
    badValueSuggest: { zh: '改为“{suggestion}”', en: 'change it to "{suggestion}"' },
    required: { zh: '补上 {field}（格式见 zhicheng-check schema）', en: 'add {field} (see zhicheng-check schema)' },
    badType: { zh: '{field} 写成{expectedZh}', en: 'write {field} as {expectedEn}' },
    badNumber: { zh: '改为 {number}', en: 'change it to {number}' },
    badDate: { zh: '日期写成 YYYY-MM-DD，如 2024-07-22', en: 'write dates as YYYY-MM-DD, e.g. 2024-07-22' },
    tooSmall: { zh: '填写有效的 {field}', en: 'fill in a valid {field}' },
    tooBig: { zh: '填写有效的 {field}', en: 'fill in a valid {field}' },
    badFormat: { zh: '按清单格式填写 {field}（见 zhicheng-check schema）', en: 'write {field} as the format says (zhicheng-check schema)' },
    toFill: { zh: '按这一行后面的注释填写 {field}', en: 'fill in {field} as the comment on that line says' },
  },
  examples: {
    fail: { zh: 'educaton:          # 字段名拼错\n  level: 本科', en: 'educaton:          # misspelt key\n  level: 本科' },
    pass: 'education:\n  level: 本科',
  },
  check({ manifest }) {
    return manifest.problems.map((p): Hit<never> => {
      const suggested = p.data.suggestion ? 'Suggest' : ''
      const messageId = {
        'unknown-key': `unknownKey${suggested}`,
        'bad-value': `badValue${suggested}`,
        required: 'required',
        'bad-type': 'badType',
        'bad-number': 'badNumber',
        'bad-date': 'badDate',
        'too-small': 'tooSmall',
        'too-big': 'tooBig',
        'bad-format': 'badFormat',
        'to-fill': 'toFill',
      }[p.messageId] as never
      return { messageId, data: p.data, at: p.pointer }
    })
  },
})

export const manifestFileMissing = defineRule({
  id: 'manifest.file-missing',
  area: 'manifest',
  severity: 'error',
  clause: '四（一）1',
  needsData: false,
  description: { zh: '清单中写到的文件不存在', en: 'A file the manifest names does not exist' },
  messages: {
    missing: { zh: '找不到文件 {path}', en: 'file {path} does not exist' },
    // The path holds the applicant's name or employer: the report masks it (欧**), and a fix must
    // never tell anyone to create a file named with ** in it; it suggests a neutral name instead.
    missingNamed: { zh: '找不到文件 {path}', en: 'file {path} does not exist' },
  },
  fix: {
    missing: {
      zh: '把扫描件放到申报包的 {path}，或改正清单里的路径（区分大小写和扩展名）',
      en: 'put the scan at {path} in the package, or correct the path in the manifest (case and extension matter)',
    },
    missingNamed: {
      zh: '把扫描件放进申报包，文件名只写材料内容、不带姓名和单位（如 {neutral}），再把清单里的路径改成它',
      en: 'put the scan in the package under a name that says what it is, without the name or employer (e.g. {neutral}), and write that path in the manifest',
    },
  },
  examples: {
    fail: { zh: 'education:\n  degree: files/学位证书.pdf   # 申报包里没有这个文件', en: 'education:\n  degree: files/学位证书.pdf   # no such file in the package' },
    pass: { zh: 'education:\n  degree: files/学位证书.pdf   # 文件就在申报包的 files/ 里', en: 'education:\n  degree: files/学位证书.pdf   # the file is in the package, under files/' },
    fromFiles: true,
  },
  check({ fileRefs, resolved, facts, manifest }) {
    const terms = identityTermsOfRaw(manifest.raw)
    return fileRefs.flatMap((ref): Array<Hit<'missing' | 'missingNamed'>> => {
      const rel = resolved.get(ref.pointer)
      if (rel === undefined || facts.get(rel)?.exists !== false) return []
      const neutral = neutralPath(ref.path, terms)
      if (neutral !== undefined) return [{ messageId: 'missingNamed', data: { path: ref.path, neutral }, at: ref.pointer }]
      return [{ messageId: 'missing', data: { path: ref.path }, at: ref.pointer }]
    })
  },
})

export const manifestPathOutside = defineRule({
  id: 'manifest.path-outside',
  area: 'manifest',
  severity: 'error',
  clause: null,
  needsData: false,
  description: {
    zh: '清单中的路径是绝对路径、用 .. 跳出了申报包，或是指向包外的符号链接；这样的文件不会被打开',
    en: 'A manifest path is absolute, leaves the package with .., or is a symlink out of it; such a file is never opened',
  },
  messages: {
    absolute: { zh: '{path} 是绝对路径', en: '{path} is an absolute path' },
    absoluteInside: { zh: '{path} 是绝对路径（文件就在申报包里：{rel}）', en: '{path} is an absolute path (the file is in the package: {rel})' },
    absoluteInsideNamed: { zh: '{path} 是绝对路径（文件就在申报包里：{rel}）', en: '{path} is an absolute path (the file is in the package: {rel})' },
    escapes: { zh: '{path} 用 .. 跳出了申报包文件夹', en: '{path} leaves the package folder with ..' },
    'symlink-outside': { zh: '{path} 是指向申报包以外的链接', en: '{path} is a link that points outside the package' },
    'bad-path': { zh: '路径“{path}”无效', en: '"{path}" is not a valid path' },
  },
  fix: {
    absolute: { zh: '把文件复制进申报包文件夹，并写相对路径（如 files/学历证书.pdf）', en: 'copy the file into the package folder and write a relative path (e.g. files/学历证书.pdf)' },
    absoluteInside: { zh: '改写成相对路径 {rel}', en: 'write the relative path {rel} instead' },
    absoluteInsideNamed: {
      zh: '把文件改名为只说明材料内容的名称（如 {neutral}，文件名不带姓名和单位），并在清单里写这个相对路径',
      en: 'rename the file after what it is (e.g. {neutral}, without the name or employer) and write that relative path in the manifest',
    },
    escapes: { zh: '把文件复制进申报包文件夹，并写相对路径（如 files/学历证书.pdf）', en: 'copy the file into the package folder and write a relative path (e.g. files/学历证书.pdf)' },
    'symlink-outside': { zh: '把链接指向的文件本身复制进申报包文件夹，并写它的相对路径', en: 'copy the file the link points to into the package folder and write its relative path' },
    'bad-path': { zh: '写申报包内文件的相对路径（如 files/学历证书.pdf）', en: 'write the relative path of a file in the package (e.g. files/学历证书.pdf)' },
  },
  examples: {
    fail: { zh: 'education:\n  diploma: ../学历证书.pdf      # 跳出了申报包文件夹', en: 'education:\n  diploma: ../学历证书.pdf      # leaves the package folder' },
    pass: { zh: 'education:\n  diploma: files/学历证书.pdf   # 文件复制进了申报包', en: 'education:\n  diploma: files/学历证书.pdf   # the file copied into the package' },
    fromFiles: true,
  },
  check({ outside, manifest }) {
    const terms = identityTermsOfRaw(manifest.raw)
    return outside.map((ref): Hit<OutsideReason | 'absoluteInside' | 'absoluteInsideNamed'> => {
      if (!ref.inside) return { messageId: ref.reason, data: { path: shownPath(ref.path, ref.reason) }, at: ref.pointer }
      const neutral = neutralPath(ref.inside, terms)
      const data = { path: shownPath(ref.path, ref.reason), rel: ref.inside }
      return neutral !== undefined ? { messageId: 'absoluteInsideNamed', data: { ...data, neutral }, at: ref.pointer } : { messageId: 'absoluteInside', data, at: ref.pointer }
    })
  },
})

// The manifest's `accepted:` list says, with a reason, that a finding is known and deliberate; the
// run (src/core/run-rules.ts) turns a matching finding into an info carrying the reason. This rule
// reports the entries that cannot work: one that names an absolute rule (ABSOLUTE_RULES), and one
// that names no rule at all.

export const manifestAccepted = defineRule({
  id: 'manifest.accepted',
  area: 'manifest',
  severity: 'error',
  clause: null,
  description: {
    zh: '清单的 accepted（有意接受的问题）里写了不能接受的规则：通知规定为绝对要求的错误，或不存在的规则',
    en: 'The manifest’s accepted list names a rule that cannot be accepted (an error the notice makes absolute) or no rule at all',
  },
  messages: {
    absolute: { zh: '{rule} 不能接受：{why}', en: '{rule} cannot be accepted: {whyEn}' },
    unknownRule: { zh: 'accepted 里的 {rule} 不是已有的规则', en: '{rule} in accepted is not a rule' },
  },
  fix: {
    absolute: { zh: '从 accepted 删去这一条，按 {rule} 的“如何修改”改正', en: 'remove this entry from accepted and fix what {rule} reports' },
    unknownRule: { zh: '写报告里显示的规则 ID（zhicheng-check rules 列出全部）', en: 'write the rule id the report shows (zhicheng-check rules lists them)' },
  },
  examples: {
    fail: {
      zh: 'accepted:\n  - { rule: redaction.filename-leak, file: files/学历证书.pdf, reason: 单位要求这样命名 }   # 盲评要求不能接受',
      en: 'accepted:\n  - { rule: redaction.filename-leak, file: files/学历证书.pdf, reason: my unit names it so }   # blind review cannot be accepted',
    },
    pass: 'accepted:\n  - { rule: publicity.before-notice, field: publicity.end, reason: 本年度公示，已向职称办确认 }',
  },
  check({ data, rules }) {
    const known = rules ? new Set(rules.map((r) => r.id)) : undefined
    return (data.accepted ?? []).flatMap((a, i): Array<Hit<'absolute' | 'unknownRule'>> => {
      const at = `accepted.${i}.rule`
      const why = ABSOLUTE_RULES[a.rule]
      if (why) return [{ messageId: 'absolute', data: { rule: a.rule, why: why.zh, whyEn: why.en }, at }]
      if (known && !known.has(a.rule)) return [{ messageId: 'unknownRule', data: { rule: a.rule }, at }]
      return []
    })
  },
})

/** An absolute path is shown by its file name only: a home folder often carries the user's name. */
function shownPath(path: string, reason: string): string {
  if (reason !== 'absolute') return path
  const name = path.split(/[\\/]/).filter(Boolean).at(-1) ?? ''
  return `…/${name}`
}

/**
 * The path with the applicant's name and employer taken out of every part (欧阳明远_学历证书.pdf →
 * 学历证书.pdf; a folder named after the applicant is dropped), for a fix to suggest: a masked
 * path (欧**学历证书.pdf) must never be what someone is told to create. Undefined when the path holds
 * neither. A file name with nothing else in it becomes 材料 with its extension.
 */
export function neutralPath(path: string, terms: readonly IdentityTerm[]): string | undefined {
  if (terms.length === 0) return undefined
  const parts = path.replaceAll('\\', '/').split('/')
  let found = false
  const out = parts.flatMap((part, i) => {
    const hits = findIdentity(part, terms)
    if (hits.length === 0) return [part]
    found = true
    let rest = ''
    let at = 0
    for (const h of hits) {
      if (h.start < at) continue
      rest += part.slice(at, h.start)
      at = h.end
    }
    // Brackets that held only the name go with it: 学历证书（欧阳明远）.pdf → 学历证书.pdf.
    rest = (rest + part.slice(at)).replace(/（\s*）|\(\s*\)|【\s*】|\[\s*\]/gu, '')
    const isFile = i === parts.length - 1
    const dot = isFile ? rest.lastIndexOf('.') : -1
    const ext = dot >= 0 ? rest.slice(dot) : ''
    const stem = (dot >= 0 ? rest.slice(0, dot) : rest).replace(/^[\s_\-—–·.、，,]+|[\s_\-—–·.、，,]+$/gu, '').replace(/[\s_\-]{2,}/gu, '_')
    if (stem !== '') return [stem + ext]
    return isFile ? [`材料${ext}`] : []
  })
  return found ? out.join('/') : undefined
}

export const manifestRules: Rule[] = [manifestInvalid, manifestFileMissing, manifestPathOutside, manifestAccepted]
