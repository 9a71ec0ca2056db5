import { DEFENSE_EXEMPTIONS, EDUCATION_LEVELS, MANDARIN_GRADES } from '../manifest/schema.js'

// `init`'s guesses: what each file in a package folder is, from its name (folders included:
// 继续教育/2021公需课.pdf) and, where the name says nothing, from its text layer. Pure functions of
// strings; reading the text is the caller's (src/preview/pdf.ts). Each guess also carries the
// details a name or text gives away: a continuing-education certificate's year, 公需/专业 and
// hours, a Mandarin grade, a 学信网 code.

export type DocKind =
  | 'diploma' // 学历证书 / 毕业证书
  | 'degree' // 学位证书
  | 'verification-record' // 学历证书电子注册备案表 (学信网)
  | 'verification-report' // 学籍在线验证报告 (学信网)
  | 'graduate-register' // 毕业生登记表 (人事档案)
  | 'ce-certificate' // 继续教育 公需课 / 专业课 合格证书
  | 'ce-exemption' // 免学审批表 (附件4)
  | 'mandarin' // 普通话水平测试等级证书
  | 'unit-publicity' // 推荐单位公示 (附件1)
  | 'publicity-result' // 公示结果
  | 'recommendation' // 单位推荐意见 / 推荐报告 (附件2)
  | 'commitment' // 个人承诺书 (附件3)
  | 'defense-proof' // 驻村证明 and other 免答辩 proofs
  | 'achievement' // 业绩 / 代表作 / 论文 / 获奖 …

export type CeKind = 'public' | 'professional'
export type DefenseExemption = (typeof DEFENSE_EXEMPTIONS)[number]
export type EducationLevel = (typeof EDUCATION_LEVELS)[number]
export type MandarinGrade = (typeof MANDARIN_GRADES)[number]

export interface Guess {
  kind: DocKind
  /** What the guess came from. */
  from: 'name' | 'text'
  year?: number
  ceKind?: CeKind
  hours?: number
  grade?: MandarinGrade
  level?: EducationLevel
  code?: string
  validUntil?: string
  exemption?: DefenseExemption
  /** Achievements: the title, from the file name. */
  title?: string
  /** Mandarin: the score, when the grade is not legible. */
  score?: number
  /** 学信网 report or 毕业生登记表: the graduation date (YYYY-MM-DD). */
  graduated?: string
  /** 单位公示 / 公示结果: the publicity dates. */
  publicityStart?: string
  publicityEnd?: string
  /** The details read off the scan itself (src/init/from-scans.ts), to be written with a comment to check them. */
  scanned?: Array<'year' | 'ceKind' | 'hours' | 'grade' | 'score' | 'level' | 'code' | 'validUntil' | 'graduated' | 'publicityStart' | 'publicityEnd'>
}

/** First match wins, so the more specific patterns come first (公示结果 before 公示). */
const NAME_PATTERNS: ReadonlyArray<[RegExp, DocKind]> = [
  [/免学|免继续教育|免修/, 'ce-exemption'],
  [/备案表|电子注册/, 'verification-record'],
  [/验证报告|学籍在线|在线验证|学籍验证/, 'verification-report'],
  [/学信网/, 'verification-record'],
  [/毕业生?登记表/, 'graduate-register'],
  [/学位证|学位/, 'degree'],
  [/学历证|毕业证|学历/, 'diploma'],
  [/普通话|普测/, 'mandarin'],
  [/公示结果|公示情况|无异议/, 'publicity-result'],
  [/公示/, 'unit-publicity'],
  [/推荐/, 'recommendation'],
  [/承诺/, 'commitment'],
  [/驻村|支教|挂职|兼职|两委|合作社|离岗|创新创业|内地服务|免答辩/, 'defense-proof'],
  [/继续教育|公需|专业课|专业科目|学时|培训证|合格证/, 'ce-certificate'],
  [/业绩|代表作|论文|作品|获奖|成果|著作|奖励|报道|稿件|编辑作品|出版物/, 'achievement'],
]

/** Official titles in the text of each document (its heading), for files whose names say nothing. */
const TEXT_PATTERNS: ReadonlyArray<[RegExp, DocKind]> = [
  [/免.{0,4}继续教育.{0,6}审批表|免学审批表/, 'ce-exemption'],
  [/学历证书电子注册备案表/, 'verification-record'],
  [/学籍在线验证报告/, 'verification-report'],
  [/毕业生登记表/, 'graduate-register'],
  [/学位证书|授予.{0,20}学位/, 'degree'],
  [/毕业证书|准予毕业/, 'diploma'],
  [/普通话水平测试等级证书|普通话水平测试/, 'mandarin'],
  [/继续教育|公需科目|公需课|专业科目|专业课/, 'ce-certificate'],
  [/公示结果|公示期满.{0,10}无异议/, 'publicity-result'],
  [/公\s*示/, 'unit-publicity'],
  [/推荐意见|推荐报告|推荐表/, 'recommendation'],
  [/承诺书|本人承诺/, 'commitment'],
]

const EXEMPTION_WORDS: ReadonlyArray<[RegExp, DefenseExemption]> = [
  [/驻村宗教|宗教/, '驻村宗教'],
  [/驻村|访惠聚/, '驻村'],
  [/支教|学前教育/, '南疆学前教育支教'],
  [/内地服务/, '内地服务管理'],
  [/合作社/, '合作社'],
  [/两委/, '村两委'],
  [/挂职|兼职/, '挂职兼职'],
  [/离岗|创新创业/, '离岗创新创业'],
]

/** A name or text carries no Chinese word we know: scan0001.pdf, IMG_2034.jpg. */
function baseName(rel: string): string {
  const name = rel.split('/').at(-1) ?? rel
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

function yearOf(s: string): number | undefined {
  const m = /(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)/.exec(s)
  return m ? Number(m[1]) : undefined
}

function ceKindOf(s: string): CeKind | undefined {
  if (/公需/.test(s)) return 'public'
  if (/专业课|专业科目|专业/.test(s)) return 'professional'
  return undefined
}

function hoursOf(s: string): number | undefined {
  const m = /([0-9]+(?:\.[0-9]+)?)\s*(?:个)?学时/.exec(s)
  return m ? Number(m[1]) : undefined
}

function gradeOf(s: string): MandarinGrade | undefined {
  const m = /([一二三])\s*级\s*([甲乙])\s*等/.exec(s)
  if (!m) return undefined
  const g = `${m[1]}级${m[2]}等`
  return (MANDARIN_GRADES as readonly string[]).includes(g) ? (g as MandarinGrade) : undefined
}

function levelOf(s: string): EducationLevel | undefined {
  if (/博士/.test(s)) return '博士研究生'
  if (/硕士|研究生/.test(s)) return '硕士研究生'
  if (/本科|学士/.test(s)) return '本科'
  if (/专科|大专|高职/.test(s)) return '大专'
  if (/中专|中等专业/.test(s)) return '中专'
  return undefined
}

function codeOf(s: string): string | undefined {
  const m = /在线验证码[：:\s]*([A-Z0-9]{12,16})/.exec(s)
  return m?.[1]
}

function dateOf(s: string): string | undefined {
  const m = /有效期至[：:\s]*([0-9]{4})\s*[年\-./]\s*([0-9]{1,2})\s*[月\-./]\s*([0-9]{1,2})/.exec(s)
  if (!m) return undefined
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
}

function exemptionOf(s: string): DefenseExemption | undefined {
  return EXEMPTION_WORDS.find(([re]) => re.test(s))?.[1]
}

type Details = Omit<Guess, 'kind' | 'from'>

/** What each kind of document gives away, and where in a name or a text it is read. */
const DETAIL_READERS: Partial<Record<DocKind, { [K in keyof Details]?: (s: string) => Details[K] | undefined }>> = {
  'ce-certificate': { year: yearOf, ceKind: ceKindOf, hours: hoursOf },
  'ce-exemption': { year: yearOf },
  mandarin: { grade: gradeOf },
  diploma: { level: levelOf },
  degree: { level: levelOf },
  'verification-record': { code: codeOf, validUntil: dateOf, level: levelOf },
  'verification-report': { code: codeOf, validUntil: dateOf, level: levelOf },
  'defense-proof': { exemption: exemptionOf },
}

/** The details a name or a text gives away for a document of this kind. */
function details(kind: DocKind, s: string): Details {
  const out: Record<string, unknown> = {}
  for (const [key, read] of Object.entries(DETAIL_READERS[kind] ?? {})) {
    const value = (read as (s: string) => unknown)(s)
    if (value !== undefined) out[key] = value
  }
  return out as Details
}

/** What the file's path says it is, or null when it says nothing we know. */
export function classifyName(rel: string): Guess | null {
  // The folders count (继续教育/2021/公需课.pdf), the extension does not.
  const dot = rel.lastIndexOf('.')
  const s = dot > rel.lastIndexOf('/') ? rel.slice(0, dot) : rel
  const hit = NAME_PATTERNS.find(([re]) => re.test(baseName(rel))) ?? NAME_PATTERNS.find(([re]) => re.test(s))
  if (!hit) return null
  const kind = hit[1]
  const guess: Guess = { kind, from: 'name', ...details(kind, s) }
  if (kind === 'achievement') guess.title = baseName(rel)
  return guess
}

/** What a document's text says it is (its official heading), or null. */
export function classifyText(text: string): Guess | null {
  const t = text.replace(/[ \t\u3000]+/g, ' ')
  const hit = TEXT_PATTERNS.find(([re]) => re.test(t))
  if (!hit) return null
  return { kind: hit[1], from: 'text', ...details(hit[1], t) }
}

/**
 * The name decides the kind when it can; the text fills in what the name leaves out (a name
 * "2021公需课" gives year and kind, the certificate's text the hours).
 */
export function classifyFile(rel: string, text = ''): Guess | null {
  const byName = classifyName(rel)
  const byText = text.trim() ? classifyText(text) : null
  if (!byName) return byText
  if (!byText) return byName
  const fromText = byText.kind === byName.kind ? byText : { ...details(byName.kind, text.replace(/[ \t\u3000]+/g, ' ')), kind: byName.kind, from: 'text' as const }
  const merged: Guess = { ...byName }
  for (const [k, v] of Object.entries(fromText)) {
    if (k === 'kind' || k === 'from') continue
    if ((merged as unknown as Record<string, unknown>)[k] === undefined) (merged as unknown as Record<string, unknown>)[k] = v
  }
  return merged
}

/** Whether the text layer is worth reading: the name tells nothing, or not the details that matter. */
export function worthReadingText(rel: string): boolean {
  const g = classifyName(rel)
  if (!g) return true
  // A certificate whose name lacks the year or kind: the text may have them.
  if (g.kind === 'ce-certificate') return g.year === undefined || g.ceKind === undefined || g.hours === undefined
  return g.kind === 'mandarin' || g.kind === 'verification-record' || g.kind === 'verification-report' || g.kind === 'diploma'
}
