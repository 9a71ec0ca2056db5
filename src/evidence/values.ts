// Turning what a pattern captured into a field's value: dates in the ways certificates print them,
// education levels in the manifest's words, course kinds as the manifest's keys.

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '0': 0, o: 0, O: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 十 = 10, 二十 = 20, 三十一 = 31, 六 = 6; null when it is not such a number. */
function cnSmall(s: string): number | null {
  if (s === '') return null
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/u.exec(s)
  if (!m) return null
  if (!m[2]) return m[1] && m[3] ? null : CN_DIGIT[(m[1] ?? m[3])!]!
  return (m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[3] ? CN_DIGIT[m[3]]! : 0)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** YYYY-MM-DD, or YYYY-MM when the day is not printed (or not legible); null when it is no date. */
export function parseDate(raw: string): string | null {
  const s = raw.replace(/\s/gu, '')
  const arabic = /^((?:19|20)\d{2})[年./-](\d{1,2})[月./-]?(?:(\d{1,2})日?)?$/u.exec(s)
  let y: number, m: number, d: number | null
  if (arabic) {
    y = Number(arabic[1])
    m = Number(arabic[2])
    d = arabic[3] ? Number(arabic[3]) : null
  } else {
    const cn = /^(.{4})年(.{1,3})月(?:(.{1,3})日)?$/u.exec(s)
    if (!cn) return null
    const digits = [...cn[1]!].map((c) => CN_DIGIT[c])
    if (digits.some((x) => x === undefined)) return null
    y = Number(digits.join(''))
    const mm = cnSmall(cn[2]!)
    if (mm === null) return null
    m = mm
    d = cn[3] ? cnSmall(cn[3]) : null
  }
  if (m < 1 || m > 12 || y < 1900 || y > 2100) return null
  if (d === null) return `${y}-${pad(m)}`
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  if (d < 1 || d > days) return `${y}-${pad(m)}`
  return `${y}-${pad(m)}-${pad(d)}`
}

/**
 * Two dates agree at the precision both have: 2009-06 agrees with 2009-06-30. Different lengths of
 * the same day are not a contradiction; only a differing year, month or day is.
 */
export function sameDate(read: string, typed: string): boolean {
  const n = Math.min(read.length, typed.length)
  return read.slice(0, n) === typed.slice(0, n)
}

/** The manifest's words for an education level (EDUCATION_LEVELS). */
export function parseLevel(raw: string): string | null {
  if (/博士/u.test(raw)) return '博士研究生'
  if (/硕士/u.test(raw)) return '硕士研究生'
  if (/本科/u.test(raw)) return '本科'
  if (/专科|高职|大专/u.test(raw)) return '大专'
  return null
}

/** public (公需) or professional (专业), the manifest's keys under a year. */
export function parseCourse(raw: string): 'public' | 'professional' | null {
  if (/公需/u.test(raw)) return 'public'
  if (/专业/u.test(raw)) return 'professional'
  return null
}

/** A verification code or certificate number as compared: upper case, no spaces or dashes. */
export function normaliseCode(s: string): string {
  return s.normalize('NFKC').replace(/[\s-]/gu, '').toUpperCase()
}
