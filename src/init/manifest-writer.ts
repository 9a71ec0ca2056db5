import { Document, isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from 'yaml'
import { TO_FILL_MARK } from '../manifest/problems.js'
import { EDUCATION_LEVELS, POSTS } from '../manifest/schema.js'
import type { PolicyValues } from '../policy/schema.js'
import type { Lang } from '../rules/define-rule.js'
import type { Draft } from './draft.js'

// The manifest `init` writes: commented YAML (yaml's Document API) that passes the manifest schema
// whatever is still unknown. What is unknown is written so that the check points at it:
// every value it could not guess as 待填写 (hours and the Mandarin grade too), which the check
// reports as still to fill in (manifest.invalid) while the rules about those fields wait; the
// blind-review ticks as false. Each carries a "待填写" comment, and the list of them comes back
// for the summary.

/** Written where a value is not known yet. */
export const TO_FILL = TO_FILL_MARK
/**
 * The name and employer placeholders differ from TO_FILL: reports mask every occurrence of the
 * name, and a name of 待填写 would mask the other placeholders too (单位类型“待**”).
 */
export const NAME_TO_FILL = '待填写姓名'
export const EMPLOYER_TO_FILL = '待填写工作单位'

export interface WrittenManifest {
  text: string
  /** Manifest fields still to fill in (dotted), in document order. */
  todo: string[]
}

const W = {
  zh: {
    header: (schema: string, todo: boolean) => [
      ` yaml-language-server: $schema=${schema}`,
      todo
        ? ' 申报清单，由 zhicheng-check init 生成。标“待填写”的地方请按实际填写，改好后运行 zhicheng-check 检查。'
        : ' 申报清单，由 zhicheng-check init 生成。材料有变化时改这里，再运行 zhicheng-check 检查。',
      ' 格式说明：zhicheng-check schema；全部规则：zhicheng-check rules',
    ],
    todo: '待填写',
    check: '待核对',
    fromScan: '从扫描件读取，请核对',
    name: '姓名（只用于检查扫描件里有没有露出姓名，不会写进报告）',
    employer: '工作单位（同上）',
    employerType: (v: string[]) => v.join(' | '),
    series: (v: string[]) => v.join(' | '),
    title: (v: string) => v,
    titleAny: '申报职称（zhicheng-check explain title.unknown 列出各系列的职称）',
    post: (v: readonly string[]) => `岗位（决定普通话最低等级）：${v.join(' | ')}`,
    path: (v: string[]) => v.join(' | '),
    applicantMore: [
      ' work_start: YYYY-MM-DD                              参加工作时间',
      ' current_title: { title: 职称, obtained: YYYY-MM-DD }   现有职称及取得时间（首次申报不填）',
    ],
    level: (v: readonly string[]) => v.join(' | '),
    code: ' code: 学信网报告上的在线验证码',
    reason: '学信网查不到学历的原因',
    hoursFile: '证书上的学时',
    hoursSystem: '平台上的学时',
    grade: '证书上的等级，如 二级甲等（或分数）',
    redaction: ' 盲评遮盖：在申报平台上勾选遮盖姓名、照片和工作单位后，把下面三项改为 true',
    classified: '有涉密材料且已脱密处理的写 declassified',
    missingAttachments: (keys: string[]) => ` 还没有：${keys.join('、')}（找到扫描件后写在这里）`,
    publicity: ' publicity: { start: YYYY-MM-DD, end: YYYY-MM-DD }   单位内部公示的起止日期',
    exemption: '免答辩情形',
    exemptionYears: '免学年度',
    unplaced: ' 下面的文件没有写进清单；需要上传的，写到相应栏目：',
    why: { unknown: '不知道是什么材料', 'ce-unsure': '继续教育证书：不知道年度或公需课/专业课', duplicate: '同一栏目已有文件', 'exemption-year': '免学审批表：不知道免学年度', skipped: '选择了不上传' },
  },
  en: {
    header: (schema: string, todo: boolean) => [
      ` yaml-language-server: $schema=${schema}`,
      todo
        ? ' Package manifest written by zhicheng-check init. Fill in what says 待填写 (to fill in), then run zhicheng-check.'
        : ' Package manifest written by zhicheng-check init. Edit it when the scans change, then run zhicheng-check.',
      ' Format: zhicheng-check schema; rules: zhicheng-check rules',
    ],
    todo: 'to fill in',
    check: 'to check',
    fromScan: 'read from the scan, please check (从扫描件读取，请核对)',
    name: 'your name (used only to find unmasked names in the scans, never shown in reports)',
    employer: 'your employer (likewise)',
    employerType: (v: string[]) => v.join(' | '),
    series: (v: string[]) => v.join(' | '),
    title: (v: string) => v,
    titleAny: 'the title applied for (zhicheng-check explain title.unknown lists each series\' titles)',
    post: (v: readonly string[]) => `post (sets the Mandarin minimum): ${v.join(' | ')}`,
    path: (v: string[]) => v.join(' | '),
    applicantMore: [
      ' work_start: YYYY-MM-DD                              when you started work',
      ' current_title: { title: …, obtained: YYYY-MM-DD }    your current title (none for a first title)',
    ],
    level: (v: readonly string[]) => v.join(' | '),
    code: ' code: the online verification code on the 学信网 report',
    reason: 'why 学信网 has no record',
    hoursFile: 'hours on the certificate',
    hoursSystem: 'hours on the platform',
    grade: 'grade on the certificate, e.g. 二级甲等 (or the score)',
    redaction: ' Blind review: tick the masks for name, photo and employer on the platform, then set these to true',
    classified: 'declassified if you upload classified material that has been declassified',
    missingAttachments: (keys: string[]) => ` still missing: ${keys.join(', ')} (name the scans here once you have them)`,
    publicity: ' publicity: { start: YYYY-MM-DD, end: YYYY-MM-DD }   dates of the unit publicity',
    exemption: 'defense exemption',
    exemptionYears: 'exempt years',
    unplaced: ' These files are not in the manifest; name those to upload under their section:',
    why: { unknown: 'not recognised', 'ce-unsure': 'CE certificate: year or 公需/专业 unknown', duplicate: 'that place already has a file', 'exemption-year': '免学审批表: exempt year unknown', skipped: 'not to upload' },
  },
}

type Obj = Map<string | number, unknown>

export function writeManifest(d: Draft, policy: PolicyValues, lang: Lang, schemaRef: string): WrittenManifest {
  const w = W[lang]
  const sep = lang === 'zh' ? '：' : ': '
  const todo: string[] = []
  const comments: Array<{ path: Array<string | number>; text: string; before?: boolean }> = []
  const note = (path: Array<string | number>, text: string) => comments.push({ path, text })
  /** A value still to fill in: its placeholder, a comment, and a line in the summary. */
  const fill = <T>(path: Array<string | number>, value: T | undefined, placeholder: T, hint: string, mark = w.todo): T => {
    if (value !== undefined) return value
    todo.push(path.join('.'))
    note(path, `${mark}${sep}${hint}`)
    return placeholder
  }

  const series = Object.keys(policy.titles.by_series)
  const a = d.applicant
  const applicant: Obj = new Map()
  applicant.set('name', fill(['applicant', 'name'], a.name, NAME_TO_FILL, w.name))
  applicant.set('employer', fill(['applicant', 'employer'], a.employer, EMPLOYER_TO_FILL, w.employer))
  applicant.set('employer_type', fill(['applicant', 'employer_type'], a.employer_type, TO_FILL, w.employerType(policy.scope.employer_types)))
  applicant.set('series', fill(['applicant', 'series'], a.series, TO_FILL, w.series(series)))
  const seriesTitles = a.series ? policy.titles.by_series[a.series] : undefined
  const titleHint = seriesTitles
    ? w.title(Object.entries(seriesTitles).map(([level, titles]) => `${level} ${titles.join('/')}`).join('，'))
    : w.titleAny
  applicant.set('title', fill(['applicant', 'title'], a.title, TO_FILL, titleHint))
  applicant.set('post', a.post ?? '其他')
  if (a.post === undefined) note(['applicant', 'post'], w.post(POSTS))
  applicant.set('path', fill(['applicant', 'path'], a.path, TO_FILL, w.path(policy.application_paths)))
  if (a.work_start) applicant.set('work_start', a.work_start)
  if (a.current_title) {
    const ct: Obj = new Map([['title', a.current_title.title], ['obtained', a.current_title.obtained]])
    if (a.current_title.appointed) ct.set('appointed', a.current_title.appointed)
    applicant.set('current_title', ct)
  }

  const e = d.education
  const education: Obj = new Map()
  // The level is required: unknown, it is written as 本科 and marked; guessed from a scan, marked to check.
  education.set('level', e.level ?? '本科')
  if (e.level === undefined) todo.push('education.level')
  if (!e.levelConfirmed) note(['education', 'level'], `${e.level === undefined ? w.todo : w.check}${sep}${w.level(EDUCATION_LEVELS)}`)
  if (e.graduated) education.set('graduated', e.graduated)
  if (e.diploma) education.set('diploma', e.diploma)
  if (e.degree) education.set('degree', e.degree)
  if (e.verification) {
    const v = e.verification
    const vm: Obj = new Map([['kind', v.kind], ['file', v.file]])
    if (v.kind === '毕业生登记表') vm.set('unavailable_reason', fill(['education', 'verification', 'unavailable_reason'], v.unavailable_reason, '', w.reason))
    else {
      if (v.code) vm.set('code', v.code)
      if (v.valid_until) vm.set('valid_until', v.valid_until)
    }
    education.set('verification', vm)
  }

  const ce: Obj = new Map()
  if (d.ce.exemption) {
    const ex = d.ce.exemption
    const em: Obj = new Map([['years', ex.years]])
    if (ex.reason) em.set('reason', ex.reason)
    em.set('file', ex.file)
    ce.set('exemption', em)
  }
  const years: Obj = new Map()
  for (const year of Object.keys(d.ce.years).map(Number).sort((x, y) => x - y)) {
    const entry = d.ce.years[year]!
    const ym: Obj = new Map()
    for (const kind of ['public', 'professional'] as const) {
      const item = entry[kind]
      if (!item) continue
      const path = ['continuing_education', 'years', year, kind]
      const im: Obj = new Map([['hours', fill<string | number>([...path, 'hours'], item.hours, TO_FILL, item.certificate ? w.hoursFile : w.hoursSystem)]])
      if (item.certificate) im.set('certificate', item.certificate)
      else im.set('source', 'system')
      ym.set(kind, im)
    }
    if (ym.size > 0) years.set(year, ym)
  }
  ce.set('years', years)

  const root: Obj = new Map<string | number, unknown>([
    ['version', 1],
    ['policy', d.policyId],
    ['applicant', applicant],
    ['education', education],
    ['continuing_education', ce],
  ])
  if (d.mandarin) {
    root.set('mandarin', new Map<string, unknown>([['grade', fill<string | number>(['mandarin', 'grade'], d.mandarin.grade, TO_FILL, w.grade)], ['certificate', d.mandarin.certificate]]))
  }
  const ticked = d.redactionTicked === true
  const redaction: Obj = new Map<string, unknown>([
    ['name', ticked],
    ['photo', ticked],
    ['employer', ticked],
    ['classified_material', d.classified ?? 'none'],
  ])
  if (!ticked) todo.push('redaction')
  if (d.classified === undefined) note(['redaction', 'classified_material'], w.classified)
  root.set('redaction', redaction)

  const attachments: Obj = new Map()
  for (const key of ['unit_publicity', 'publicity_result', 'recommendation', 'commitment'] as const) {
    const file = d.attachments[key]
    if (file) attachments.set(key, file)
  }
  const missingAttachments = policy.attachments.required.map((r) => r.key).filter((k) => !attachments.has(k))
  if (attachments.size > 0) root.set('attachments', attachments)

  const p = d.publicity
  if (p?.start && p.end) {
    const pm: Obj = new Map<string, unknown>([['start', p.start], ['end', p.end]])
    if (p.objections !== undefined) pm.set('objections', p.objections)
    root.set('publicity', pm)
  }
  if (d.defense) {
    const dm: Obj = new Map()
    if (d.defense.exemption) dm.set('exemption', d.defense.exemption)
    dm.set('proof', d.defense.proof)
    if (!d.defense.exemption) note(['defense', 'proof'], `${w.todo}${sep}exemption（${w.exemption}）`)
    root.set('defense', dm)
  }
  if (d.achievements.length > 0) root.set('achievements', d.achievements.map((x) => new Map([['title', x.title], ['file', x.file]])))

  // What the scans say (src/init/from-scans.ts) is written down, to be checked against them.
  for (const path of d.fromScans) note(path.split('.').map((seg) => (/^\d+$/u.test(seg) ? Number(seg) : seg)), w.fromScan)

  const doc = new Document(root)
  doc.commentBefore = w.header(schemaRef, todo.length > 0).join('\n')
  styleDocument(doc)
  for (const c of comments) {
    // Inside a one-line `{ … }` a comment would break the line: it goes after the braces.
    const parent = doc.getIn(c.path.slice(0, -1), true)
    const node = (isMap(parent) && parent.flow ? parent : doc.getIn(c.path, true)) as Node | undefined
    if (node) node.comment = [node.comment, ` ${c.text}`].filter(Boolean).join(';')
  }
  const verification = doc.getIn(['education', 'verification'], true)
  if (isMap(verification) && e.verification && e.verification.kind !== '毕业生登记表' && !e.verification.code) verification.comment = w.code
  if (!ticked) sectionComment(doc, 'redaction', w.redaction)
  const trailing: string[] = []
  const applicantMap = doc.get('applicant', true)
  if (isMap(applicantMap) && (!a.work_start || a.current_title === undefined)) applicantMap.comment = w.applicantMore.join('\n')
  // Top-level hints go before the key that follows their section (or at the end).
  const topLevel: string[] = []
  if (missingAttachments.length > 0) topLevel.push(w.missingAttachments(missingAttachments.map((k) => `attachments.${k}`)))
  if (!root.has('publicity')) topLevel.push(w.publicity)
  const keys = [...root.keys()].map(String)
  const next = keys[keys.indexOf(attachments.size > 0 ? 'attachments' : 'redaction') + 1]
  if (next) {
    const pair = (doc.contents as YAMLMap).items.find((it) => isScalar((it as Pair).key) && String(((it as Pair).key as { value: unknown }).value) === next) as Pair | undefined
    if (pair && isScalar(pair.key)) pair.key.commentBefore = [...topLevel, pair.key.commentBefore].filter(Boolean).join('\n')
  } else trailing.push(...topLevel)
  if (d.unplaced.length > 0) {
    trailing.push(w.unplaced)
    for (const u of d.unplaced) trailing.push(lang === 'zh' ? `   ${u.rel}（${w.why[u.reason]}）` : `   ${u.rel} (${w.why[u.reason]})`)
  }
  if (trailing.length > 0) doc.comment = trailing.join('\n')
  const text = doc.toString({ lineWidth: 0, indentSeq: true })
  return { text: text.endsWith('\n') ? text : `${text}\n`, todo }
}

/** Blank lines between sections; one-line `{ … }` for continuing-education items and achievements. */
function styleDocument(doc: Document): void {
  const top = doc.contents as YAMLMap
  for (const pair of top.items) {
    const key = (pair as Pair).key
    if (isScalar(key) && isMap((pair as Pair).value)) key.spaceBefore = true
    if (isScalar(key) && key.value === 'achievements') key.spaceBefore = true
  }
  const years = doc.getIn(['continuing_education', 'years'], true)
  if (isMap(years)) {
    for (const y of years.items) {
      if (!isPair(y) || !isMap(y.value)) continue
      for (const k of y.value.items) if (isPair(k) && isMap(k.value)) k.value.flow = true
    }
  }
  const ct = doc.getIn(['applicant', 'current_title'], true)
  if (isMap(ct)) ct.flow = true
  const achievements = doc.get('achievements', true) as { items?: unknown[] } | undefined
  for (const item of achievements?.items ?? []) if (isMap(item)) item.flow = true
}

function sectionComment(doc: Document, section: string, text: string): void {
  const top = doc.contents as YAMLMap
  const pair = top.items.find((p) => isScalar((p as Pair).key) && ((p as Pair).key as { value: unknown }).value === section) as Pair | undefined
  if (pair && isScalar(pair.key)) pair.key.commentBefore = text
}
