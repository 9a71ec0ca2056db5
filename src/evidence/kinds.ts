// What the checker reads on a scan, per kind of document: the words that name the kind and the
// patterns of the fields it prints. Data only, like the policy's numbers: a new kind of document
// is a new entry here, not a new rule. src/evidence/read.ts applies it to the text layer and the
// OCR lines; src/rules/evidence.ts holds what it read against the manifest.
//
// Patterns run on one row of the page at a time (lines side by side joined left to right, so a
// label and its value in two OCR boxes read as one), after NFKC and with whitespace dropped.
// A pattern's first group is the value; `parse` says how to turn it into the field's value.

export type KindId = 'mandarin' | 'ce' | 'chsi-record' | 'chsi-status' | 'graduate-register' | 'degree' | 'diploma' | 'publicity-result' | 'publicity'

export type FieldId = 'grade' | 'score' | 'number' | 'year' | 'hours' | 'course' | 'code' | 'updated' | 'validUntil' | 'level' | 'degree' | 'graduated' | 'start' | 'end'

/** How a captured value becomes the field's value. */
export type Parse =
  | 'text' // as captured
  | 'upper' // letters to upper case (codes, certificate numbers)
  | 'number' // a decimal number
  | 'date' // 2024年7月10日, 2024-07-10, 2024.7.10, 二〇〇九年六月三十日 → YYYY-MM-DD (YYYY-MM when no day)
  | 'level' // 本科, 专科/高职 → 大专, 硕士 → 硕士研究生 …
  | 'course' // 公需 → public, 专业 → professional

export interface FieldSpec {
  field: FieldId
  /** Tried in order, each on every row: the first pattern that matches somewhere gives the value. */
  patterns: RegExp[]
  parse: Parse
  /** A second group of the same pattern that holds another field (a date range's end). */
  also?: { field: FieldId; group: number }
}

export interface KindSpec {
  kind: KindId
  name: { zh: string; en: string }
  /** Any of these in the title rows (the top of the first page) names the kind. */
  title: RegExp[]
  fields: FieldSpec[]
}

/**
 * Characters OCR takes for one another (pairs, either way). A value that differs from the manifest
 * only in such characters (…G7H8 read as …G7HS, 1 as 7, 二 as 三) cannot be told from a misreading:
 * it is evidence.unread, never evidence.mismatch.
 */
export const OCR_CONFUSABLE: readonly string[] = [
  '0O', '0D', '0Q', 'OD', 'OQ', 'DQ', '1I', '1L', '17', '1T', 'I7', 'IL', 'IT', '7T', '2Z', '5S', '8S', '8B', '83', 'B3', '6G', '6b', '9g', '9q', 'UV', 'MN', 'CG',
  '一二', '二三', '一三', '甲申', '乙己',
]

/** How many rows from the top of the first page count as the title (stamps and headers are above the body). */
export const TITLE_ROWS = 4

const DATE = String.raw`((?:19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*(?:\d{1,2}\s*日?)?|[一二][〇零0oO○九]{1}[〇零0oO○一二三四五六七八九]{2}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)`
const CERT_NO = /证书编号[:：]?([0-9A-Za-z]{8,24})/

/** In order: the first kind whose title words match wins (备案表 before 学历证书, 公示结果 before 公示). */
export const KINDS: readonly KindSpec[] = [
  {
    kind: 'chsi-record',
    name: { zh: '教育部学历证书电子注册备案表', en: 'CHSI record of registration (备案表)' },
    title: [/电子注册备案表/],
    fields: [
      { field: 'code', patterns: [/在线验证码[:：]?([0-9A-Za-z]{10,20})/], parse: 'upper' },
      { field: 'updated', patterns: [new RegExp(`更新日期[:：]?${DATE}`)], parse: 'date' },
      { field: 'validUntil', patterns: [new RegExp(`有效期至[:：]?${DATE}`), new RegExp(`有效期[:：]?.{0,14}?至${DATE}`)], parse: 'date' },
      { field: 'level', patterns: [/层次[:：]?(博士研究生|硕士研究生|博士|硕士|本科|专科|高职|大专)/], parse: 'level' },
      { field: 'graduated', patterns: [new RegExp(`毕业日期[:：]?${DATE}`)], parse: 'date' },
      { field: 'number', patterns: [CERT_NO], parse: 'upper' },
    ],
  },
  {
    kind: 'chsi-status',
    name: { zh: '教育部学籍在线验证报告', en: 'CHSI online status report (学籍在线验证报告)' },
    title: [/学籍在线验证报告/],
    fields: [
      { field: 'code', patterns: [/在线验证码[:：]?([0-9A-Za-z]{10,20})/], parse: 'upper' },
      { field: 'updated', patterns: [new RegExp(`更新日期[:：]?${DATE}`)], parse: 'date' },
      { field: 'validUntil', patterns: [new RegExp(`有效期至[:：]?${DATE}`), new RegExp(`有效期[:：]?.{0,14}?至${DATE}`)], parse: 'date' },
      { field: 'level', patterns: [/层次[:：]?(博士研究生|硕士研究生|博士|硕士|本科|专科|高职|大专)/], parse: 'level' },
      { field: 'graduated', patterns: [new RegExp(`(?:预计)?毕业日期[:：]?${DATE}`)], parse: 'date' },
    ],
  },
  {
    kind: 'graduate-register',
    name: { zh: '毕业生登记表', en: 'graduate register (毕业生登记表)' },
    title: [/毕业生登记表/],
    fields: [{ field: 'graduated', patterns: [new RegExp(`毕业(?:时间|日期)[:：]?${DATE}`)], parse: 'date' }],
  },
  {
    kind: 'mandarin',
    name: { zh: '普通话水平测试等级证书', en: 'Mandarin proficiency certificate' },
    title: [/普通话水平测试/, /普通话.{0,4}等级证书/],
    fields: [
      { field: 'grade', patterns: [/([一二三]级[甲乙]等)/], parse: 'text' },
      { field: 'score', patterns: [/(?:成绩|分数|得分)[:：]?(\d{2,3}(?:\.\d{1,2})?)分?/, /(\d{2,3}\.\d{1,2})分/], parse: 'number' },
      { field: 'number', patterns: [CERT_NO], parse: 'upper' },
    ],
  },
  {
    kind: 'ce',
    name: { zh: '继续教育培训合格证书', en: 'continuing-education certificate' },
    title: [/继续教育/, /公需科目/, /专业科目/, /公需课/, /专业课.{0,6}(?:证|合格)/],
    fields: [
      { field: 'year', patterns: [/((?:19|20)\d{2})年度?[^\n]{0,24}?(?:继续教育|公需|专业课|专业科目|培训)/, /((?:19|20)\d{2})年度/], parse: 'number' },
      {
        field: 'hours',
        patterns: [/(?:共计|合计|累计|总计|共|计)(\d{1,3}(?:\.\d)?)学时/, /(?:获得|完成|取得)(\d{1,3}(?:\.\d)?)学时/, /(?:学时|学时数|总学时)[:：](\d{1,3}(?:\.\d)?)(?:学时)?/],
        parse: 'number',
      },
      { field: 'course', patterns: [/(公需科目|公需课|专业科目|专业课)/], parse: 'course' },
      { field: 'number', patterns: [CERT_NO], parse: 'upper' },
    ],
  },
  {
    kind: 'degree',
    name: { zh: '学位证书', en: 'degree certificate' },
    title: [/学位证书/],
    fields: [
      { field: 'degree', patterns: [/授予.{0,8}?(学士|硕士|博士)学位/, /(学士|硕士|博士)学位证书/], parse: 'text' },
      { field: 'number', patterns: [CERT_NO], parse: 'upper' },
    ],
  },
  {
    kind: 'diploma',
    name: { zh: '毕业证书', en: 'diploma (毕业证书)' },
    title: [/毕业证书/],
    fields: [
      { field: 'level', patterns: [/(博士研究生|硕士研究生|本科|专科|高职|大专)(?:学习|毕业|学生)/], parse: 'level' },
      { field: 'number', patterns: [CERT_NO], parse: 'upper' },
    ],
  },
  {
    kind: 'publicity-result',
    name: { zh: '公示结果', en: 'publicity result' },
    title: [/公示结果/, /公示情况(?:说明|报告)/],
    fields: [{ field: 'start', patterns: [new RegExp(`${DATE}(?:至|到|—|－|-|~|～)${DATE}`)], parse: 'date', also: { field: 'end', group: 2 } }],
  },
  {
    kind: 'publicity',
    name: { zh: '单位公示', en: 'unit publicity notice' },
    title: [/的公示$/, /^公示$/, /公示(?:通知|公告)$/],
    fields: [{ field: 'start', patterns: [new RegExp(`公示(?:时间|期)?[:：为]?${DATE}(?:至|到|—|－|-|~|～)${DATE}`)], parse: 'date', also: { field: 'end', group: 2 } }],
  },
]

export function kindSpec(kind: KindId): KindSpec {
  return KINDS.find((k) => k.kind === kind)!
}
