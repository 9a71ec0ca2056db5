import { EDUCATION_LEVELS, MANDARIN_GRADES, POSTS } from '../manifest/schema.js'
import { isIsoDate } from '../policy/dates.js'
import type { PolicyValues } from '../policy/schema.js'
import type { Lang } from '../rules/define-rule.js'
import type { CeKind, DefenseExemption, DocKind, EducationLevel, Guess, MandarinGrade } from './classify.js'
import { addSystemYears, placeFile, type Draft } from './draft.js'

// The questions `init` asks: only what the files did not tell, with the choices from the policy.
// They go through an Asker (the CLI's is @inquirer/prompts on the terminal; tests drive it), so
// this file knows nothing about terminals.

export interface Choice<T> {
  name: string
  value: T
  description?: string
}

export interface Asker {
  select<T>(message: string, choices: Array<Choice<T>>, def?: T): Promise<T>
  /** Free text; `required` refuses an empty answer; `validate` returns true or what is wrong. */
  input(message: string, opts?: { default?: string; required?: boolean; validate?: (value: string) => true | string }): Promise<string>
  confirm(message: string, def?: boolean): Promise<boolean>
}

export const KIND_NAMES: Record<DocKind, Record<Lang, string>> = {
  diploma: { zh: '学历证书（毕业证书）', en: 'diploma (学历证书)' },
  degree: { zh: '学位证书', en: 'degree certificate (学位证书)' },
  'verification-record': { zh: '学历证书电子注册备案表（学信网）', en: '学信网 学历证书电子注册备案表' },
  'verification-report': { zh: '学籍在线验证报告（学信网）', en: '学信网 学籍在线验证报告' },
  'graduate-register': { zh: '毕业生登记表（人事档案）', en: '毕业生登记表 (graduate register)' },
  'ce-certificate': { zh: '继续教育合格证书（公需课/专业课）', en: 'continuing-education certificate (公需课/专业课)' },
  'ce-exemption': { zh: '免学审批表（附件4）', en: '免学审批表 (annex 4)' },
  mandarin: { zh: '普通话水平测试等级证书', en: 'Mandarin certificate (普通话证书)' },
  'unit-publicity': { zh: '推荐单位公示（附件1）', en: 'unit publicity (annex 1)' },
  'publicity-result': { zh: '公示结果', en: 'publicity result' },
  recommendation: { zh: '单位推荐意见 / 推荐报告（附件2）', en: 'unit recommendation (annex 2)' },
  commitment: { zh: '个人承诺书（附件3）', en: 'personal commitment (annex 3)' },
  'defense-proof': { zh: '免答辩证明（如驻村证明）', en: 'defense-exemption proof (e.g. 驻村证明)' },
  achievement: { zh: '业绩、代表作等其他材料', en: 'achievement or other evidence (业绩/代表作)' },
}

const KIND_NAME: Record<CeKind, string> = { public: '公需课', professional: '专业课' }

const Q = {
  zh: {
    whatIs: (f: string) => `${f} 是什么材料？`,
    skip: '不是申报材料（不写进清单）',
    ceYear: (f: string) => `${f} 是哪一年的继续教育证书？`,
    ceKind: (f: string) => `${f} 是公需课还是专业课？`,
    exemptYear: (f: string) => `${f}：哪一年免继续教育？`,
    name: '姓名（只用于检查扫描件里有没有露出姓名，不写进报告）',
    employer: '工作单位（同上）',
    employerType: '单位类型',
    series: '申报系列',
    title: '申报职称',
    post: '岗位（播音员、主持人的普通话要求更高）',
    path: '申报方式（同一年度只能选一种）',
    workStart: '参加工作时间（YYYY-MM-DD，不清楚可留空）',
    currentTitle: '现有职称',
    none: '没有（首次申报）',
    obtained: (t: string) => `取得${t}的时间（YYYY-MM-DD）`,
    appointed: '聘任时间（YYYY-MM-DD，可留空）',
    level: '最高学历',
    graduated: '毕业时间（YYYY-MM-DD，可留空）',
    code: '学信网报告上的在线验证码（可留空）',
    reason: '学信网查不到学历的原因（如“2000年毕业，学信网无电子注册记录”）',
    hoursFile: (year: number, kind: string, f: string) => `${year} 年${kind}学时（证书 ${f}；不清楚可留空）`,
    hoursSystem: (year: number, kind: string) => `${year} 年${kind}学时（从平台获取的记录；不清楚可留空）`,
    grade: '普通话证书上的等级',
    publicityStart: '单位内部公示开始日期（YYYY-MM-DD，还没公示可留空）',
    publicityEnd: '单位内部公示结束日期（YYYY-MM-DD）',
    objections: '公示有异议吗？',
    exemption: '按哪种情形免于答辩？',
    noExemption: '不申请免答辩',
    ticked: '已经在申报平台上勾选遮盖姓名、照片和工作单位了吗？',
    classified: '材料里有涉密材料吗？',
    classifiedNone: '没有',
    classifiedDone: '有，已经脱密处理',
    classifiedNot: '有，还没有脱密处理',
    badDate: '请填写日期，如 2024-07-22',
    badNumber: '请填写数字（学时），不清楚可留空',
    required: '这一项必须填写',
  },
  en: {
    whatIs: (f: string) => `What is ${f}?`,
    skip: 'not part of the application (leave it out)',
    ceYear: (f: string) => `Which year is the certificate ${f} for?`,
    ceKind: (f: string) => `Is ${f} a 公需课 (public) or 专业课 (professional) certificate?`,
    exemptYear: (f: string) => `${f}: which year is exempt?`,
    name: 'Your name (used only to find unmasked names in the scans; never in reports)',
    employer: 'Your employer (likewise)',
    employerType: 'Employer type',
    series: 'Series',
    title: 'Title applied for',
    post: 'Post (broadcasters and hosts need a higher Mandarin grade)',
    path: 'Application path (one per year)',
    workStart: 'When you started work (YYYY-MM-DD, may be left empty)',
    currentTitle: 'Current title',
    none: 'none (a first title)',
    obtained: (t: string) => `When you obtained ${t} (YYYY-MM-DD)`,
    appointed: 'Appointed on (YYYY-MM-DD, may be left empty)',
    level: 'Highest education',
    graduated: 'Graduated on (YYYY-MM-DD, may be left empty)',
    code: 'Online verification code on the 学信网 report (may be left empty)',
    reason: 'Why 学信网 has no record of the diploma',
    hoursFile: (year: number, kind: string, f: string) => `${year} ${kind} hours (certificate ${f}; may be left empty)`,
    hoursSystem: (year: number, kind: string) => `${year} ${kind} hours (on the platform; may be left empty)`,
    grade: 'Grade on the Mandarin certificate',
    publicityStart: 'Unit publicity: first day (YYYY-MM-DD, empty if not held yet)',
    publicityEnd: 'Unit publicity: last day (YYYY-MM-DD)',
    objections: 'Were there objections?',
    exemption: 'Which case exempts you from the defense?',
    noExemption: 'no exemption',
    ticked: 'Have you ticked the masks for name, photo and employer on the platform?',
    classified: 'Does the package hold classified material?',
    classifiedNone: 'no',
    classifiedDone: 'yes, declassified',
    classifiedNot: 'yes, not declassified',
    badDate: 'write the date as YYYY-MM-DD, e.g. 2024-07-22',
    badNumber: 'a number of hours, or leave it empty',
    required: 'this one is needed',
  },
}

/**
 * A date as people type it — 2009-7-1, 2009/07/01, 2009.7.1, 2009年7月1日 — as YYYY-MM-DD, or
 * undefined when it is not a real date.
 */
export function normaliseDate(value: string): string | undefined {
  const m = /^\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?\s*$/.exec(value)
  if (!m) return undefined
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}

/** Asks what the files did not tell and fills the draft in. */
export async function askQuestions(d: Draft, policy: PolicyValues, ask: Asker, lang: Lang): Promise<void> {
  const q = Q[lang]
  const dateOrEmpty = (v: string) => v.trim() === '' || normaliseDate(v) !== undefined || q.badDate
  const date = (v: string) => normaliseDate(v) !== undefined || q.badDate
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim())
  const optionalDate = (v: string) => (v.trim() === '' ? undefined : normaliseDate(v))

  await placeUnknownFiles(d, policy, ask, lang)

  const a = d.applicant
  a.name = (await ask.input(q.name, { required: true, validate: (v) => v.trim() !== '' || q.required })).trim()
  a.employer = (await ask.input(q.employer, { required: true, validate: (v) => v.trim() !== '' || q.required })).trim()
  a.employer_type = await ask.select(q.employerType, policy.scope.employer_types.map((t) => ({ name: t, value: t })))
  const seriesNames = Object.keys(policy.titles.by_series)
  a.series = await ask.select(q.series, seriesNames.map((s) => ({ name: s, value: s })))
  const levels = policy.titles.by_series[a.series] ?? {}
  const titles = Object.entries(levels).flatMap(([level, list]) => list.map((t) => ({ name: `${t}（${level}）`, value: t })))
  a.title = await ask.select(q.title, titles)
  a.post = await ask.select(q.post, POSTS.map((p) => ({ name: p, value: p })), '其他')
  a.path = await ask.select(q.path, policy.application_paths.map((p) => ({ name: p, value: p })))
  a.work_start = optionalDate(await ask.input(q.workStart, { validate: dateOrEmpty }))
  const NONE = '\u0000none'
  const current = await ask.select(q.currentTitle, [{ name: q.none, value: NONE }, ...titles.filter((t) => t.value !== a.title)])
  if (current === NONE) a.current_title = null
  else {
    const obtained = normaliseDate(await ask.input(q.obtained(current), { required: true, validate: date }))!
    const appointed = optionalDate(await ask.input(q.appointed, { validate: dateOrEmpty }))
    a.current_title = { title: current, obtained, ...(appointed ? { appointed } : {}) }
  }

  const e = d.education
  e.level = await ask.select<EducationLevel>(q.level, EDUCATION_LEVELS.map((l) => ({ name: l, value: l })), e.level)
  e.levelConfirmed = true
  // Read off a 学信网 report or 毕业生登记表 (from-scans.ts): not asked again.
  if (e.graduated === undefined) e.graduated = optionalDate(await ask.input(q.graduated, { validate: dateOrEmpty }))
  const v = e.verification
  if (v?.kind === '毕业生登记表') v.unavailable_reason = (await ask.input(q.reason, { required: true, validate: (x) => x.trim() !== '' || q.required })).trim()
  else if (v && !v.code) {
    const code = optional(await ask.input(q.code))
    if (code) v.code = code
  }

  for (const year of Object.keys(d.ce.years).map(Number).sort((x, y) => x - y)) {
    for (const kind of ['public', 'professional'] as const) {
      const item = d.ce.years[year]?.[kind]
      if (!item || item.hours !== undefined) continue
      const message = item.certificate ? q.hoursFile(year, KIND_NAME[kind], item.certificate) : q.hoursSystem(year, KIND_NAME[kind])
      const answer = optional(await ask.input(message, { validate: (x) => x.trim() === '' || /^[0-9]+(\.[0-9]+)?$/.test(x.trim()) || q.badNumber }))
      if (answer !== undefined) item.hours = Number(answer)
    }
  }

  if (d.mandarin && d.mandarin.grade === undefined) {
    d.mandarin.grade = await ask.select<MandarinGrade>(q.grade, MANDARIN_GRADES.map((g) => ({ name: g, value: g })))
  }

  if (d.publicity?.start && d.publicity.end) {
    // The dates the publicity notice states (from-scans.ts); whether anyone objected, it cannot say.
    d.publicity.objections = await ask.confirm(q.objections, false)
  } else {
    const start = optionalDate(await ask.input(q.publicityStart, { validate: dateOrEmpty }))
    if (start) {
      const end = normaliseDate(await ask.input(q.publicityEnd, { required: true, validate: date }))!
      const objections = await ask.confirm(q.objections, false)
      d.publicity = { start, end, objections }
    }
  }

  if (d.defense && d.defense.exemption === undefined) {
    const NO = '\u0000no'
    const reason = await ask.select<string>(q.exemption, [
      ...policy.defense.exemption_reasons.map((r) => ({ name: r, value: r })),
      { name: q.noExemption, value: NO },
    ])
    if (reason !== NO) d.defense.exemption = reason as DefenseExemption
  }

  d.redactionTicked = await ask.confirm(q.ticked, false)
  d.classified = await ask.select(
    q.classified,
    [
      { name: q.classifiedNone, value: 'none' as const },
      { name: q.classifiedDone, value: 'declassified' as const },
      { name: q.classifiedNot, value: 'classified' as const },
    ],
    'none',
  )
}

/** Files the names and texts left unknown: ask what each is, then place it. */
async function placeUnknownFiles(d: Draft, policy: PolicyValues, ask: Asker, lang: Lang): Promise<void> {
  const q = Q[lang]
  const pending = d.unplaced.filter((u) => u.reason !== 'duplicate')
  d.unplaced = d.unplaced.filter((u) => u.reason === 'duplicate')
  const years = policy.continuing_education.years
  const SKIP = 'skip' as const
  for (const u of pending) {
    const seen = d.files.find((f) => f.rel === u.rel)?.guess ?? null
    let kind: DocKind | typeof SKIP | undefined = u.reason === 'unknown' ? undefined : seen?.kind
    if (kind === undefined) {
      kind = await ask.select<DocKind | typeof SKIP>(q.whatIs(u.rel), [
        ...(Object.keys(KIND_NAMES) as DocKind[]).map((k) => ({ name: KIND_NAMES[k][lang], value: k })),
        { name: q.skip, value: SKIP },
      ])
    }
    if (kind === SKIP) {
      d.unplaced.push({ rel: u.rel, reason: 'skipped' })
      continue
    }
    const guess: Guess = { ...(seen?.kind === kind ? seen : {}), kind, from: 'name' }
    if (kind === 'ce-certificate') {
      guess.year ??= await ask.select(q.ceYear(u.rel), years.map((y) => ({ name: String(y), value: y })))
      guess.ceKind ??= await ask.select<CeKind>(q.ceKind(u.rel), [
        { name: '公需课', value: 'public' },
        { name: '专业课', value: 'professional' },
      ])
    }
    if (kind === 'ce-exemption') guess.year ??= await ask.select(q.exemptYear(u.rel), years.map((y) => ({ name: String(y), value: y })))
    if (kind === 'achievement') guess.title ??= (u.rel.split('/').at(-1) ?? u.rel).replace(/\.[^.]+$/, '')
    placeFile(d, u.rel, guess)
    // A year exempted now takes the place of its `source: system` entries.
    if (kind === 'ce-exemption' && guess.year !== undefined) {
      const entry = d.ce.years[guess.year]
      for (const k of ['public', 'professional'] as const) if (entry?.[k]?.system) delete entry[k]
      if (entry && !entry.public && !entry.professional) delete d.ce.years[guess.year]
    }
  }
  addSystemYears(d, policy)
}
