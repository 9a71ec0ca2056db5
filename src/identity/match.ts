import { Converter } from 'opencc-js/t2cn'
import { maskEmployer, maskName, maskPersonal } from './mask.js'

// Finding the applicant's name or employer in text the files carry (file names, metadata, the
// text layer, OCR lines), the way real documents write them: spaces or line breaks between
// characters (欧 阳 明 远), full-width forms (ＯＵＹＡＮＧ), Traditional characters (歐陽明遠), a
// name split across text runs. Both sides go through the same normalisation, so a name written
// in Traditional in the manifest still matches. Pure: the rules call it, facts never depend on it.

export type IdentityKind = 'name' | 'employer' | 'idNumber' | 'phone' | 'email'

/** Every kind, in the order findings name them. */
export const IDENTITY_KINDS: readonly IdentityKind[] = ['name', 'employer', 'idNumber', 'phone', 'email']

export interface IdentityTerm {
  kind: IdentityKind
  /** As written in the manifest (never shown: reports mask it). */
  term: string
  /** Normalised form searched for. */
  needle: string
  /** Latin needles match whole words only ("Li Na" is not inside "Carolina"). */
  latin: boolean
}

export interface IdentityHit {
  kind: IdentityKind
  term: string
  /** The matched text as it stands in the source, [start, end) in UTF-16 units of the source. */
  start: number
  end: number
  matched: string
}

/** Characters that stand in for a masked character (欧**, ████, 欧×× …): a needle made of them is not a name. */
const MASK_CHARS = /[*＊█■□▇▉◼●○〇◯×✕✖xX#＃?？_]/u

/**
 * Dropped wherever they stand: whitespace (spaces, line breaks, the ideographic space), zero-width
 * characters, and the joiners found inside a written-out name (欧阳·明远, ouyang_mingyuan,
 * Ouyang-Mingyuan). Commas, 、 and colons stay: between two characters they mean a list, not a
 * name broken apart (李张，三丰 names no 张三).
 */
const DROPPED = /[\s\u00ad\u200b-\u200d\u2060\ufeff·・•‧∙\-‐‑‒–—_.]/u

const CJK = /[\p{Script=Han}\u3005\u3007]/u
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Nd}]/u

/** Shortest needle searched: a single character would match every text. */
const MIN_CJK_CHARS = 2
/** Latin needles shorter than this (Li, Na) match too much to mean anything. */
const MIN_LATIN_CHARS = 4

let toSimplified: ((s: string) => string) | undefined
const simplifiedOf = new Map<string, string>()

/** One character to Simplified, through OpenCC's Traditional, Hong Kong and Taiwan tables. */
function simplifyChar(ch: string): string {
  let out = simplifiedOf.get(ch)
  if (out !== undefined) return out
  toSimplified ??= chain([Converter({ from: 't', to: 'cn' }), Converter({ from: 'hk', to: 'cn' }), Converter({ from: 'tw', to: 'cn' })])
  const converted = toSimplified(ch)
  // Character by character, so positions map back; a table entry that is not one character is not used.
  out = [...converted].length === 1 ? converted : ch
  simplifiedOf.set(ch, out)
  return out
}

function chain(fns: Array<(s: string) => string>): (s: string) => string {
  return (s) => fns.reduce((acc, f) => f(acc), s)
}

export interface Normalised {
  text: string
  /** For each UTF-16 unit of `text`, the index in the source of the character it came from. */
  from: number[]
}

/**
 * NFKC (full-width → half-width, compatibility forms), lower case, Traditional → Simplified,
 * joiners and whitespace dropped. `from` maps each result position back to the source.
 */
export function normalise(source: string): Normalised {
  let text = ''
  const from: number[] = []
  let i = 0
  for (const ch of source) {
    const at = i
    i += ch.length
    for (const part of ch.normalize('NFKC').toLowerCase()) {
      if (DROPPED.test(part)) continue
      const s = CJK.test(part) ? simplifyChar(part) : part
      text += s
      for (let k = 0; k < s.length; k++) from.push(at)
    }
  }
  return { text, from }
}

/** The terms to look for: name and employer with their variants, normalised; masks and too-short ones left out. */
export function identityTerms(
  applicant: { name?: string; name_variants?: string[]; employer?: string; employer_variants?: string[]; id_number?: string; phone?: string; email?: string } | undefined,
): IdentityTerm[] {
  if (!applicant) return []
  const out: IdentityTerm[] = []
  const add = (kind: IdentityKind, term: string | undefined) => {
    if (typeof term !== 'string') return
    if (MASK_CHARS.test(term.replace(/\s/gu, '')) && !/^[\p{Script=Latin}\s.\-_]+$/u.test(term)) return
    const needle = normalise(term).text
    const latin = !CJK.test(needle)
    if (latin ? needle.length < MIN_LATIN_CHARS : [...needle].length < MIN_CJK_CHARS) return
    if (!latin && MASK_CHARS.test(needle)) return
    if (out.some((t) => t.needle === needle)) return
    out.push({ kind, term, needle, latin })
  }
  add('name', applicant.name)
  for (const v of applicant.name_variants ?? []) add('name', v)
  add('employer', applicant.employer)
  for (const v of applicant.employer_variants ?? []) add('employer', v)
  // ID-card number, phone, e-mail: digits and letters that the mask test above would refuse
  // (an ID ends in X, an e-mail may hold x or _). Matched as whole words, so a phone number is
  // not found inside a longer number; the text's spaces and hyphens are dropped as for names
  // (6529 0119 8001 0112 3X, 138-1234-5678), and case is ignored (a lowercase x).
  const addPersonal = (kind: 'idNumber' | 'phone' | 'email', term: string | undefined, needleOf: (n: string) => string) => {
    if (typeof term !== 'string' || /[*＊]/u.test(term)) return
    const needle = needleOf(normalise(term).text)
    if (needle.length < MIN_LATIN_CHARS || out.some((t) => t.needle === needle)) return
    out.push({ kind, term, needle, latin: true })
  }
  addPersonal('idNumber', applicant.id_number, (n) => n)
  // +86 138 1234 5678 in the manifest is looked for as 13812345678.
  addPersonal('phone', applicant.phone, (n) => n.replace(/^\+?86(?=1\d{10}$)/u, '').replace(/^\+/u, ''))
  addPersonal('email', applicant.email, (n) => n)
  // Longest first: where the full employer and its short form both match, the full one is reported.
  return out.sort((a, b) => b.needle.length - a.needle.length)
}

/**
 * The terms of a manifest as written, before validation: a `name_variants` written as one string
 * (not a list) is dropped by the schema but is still the applicant's name, and must not be shown.
 */
export function identityTermsOfRaw(raw: Record<string, unknown>): IdentityTerm[] {
  const a = raw.applicant
  if (typeof a !== 'object' || a === null) return []
  const o = a as Record<string, unknown>
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const list = (v: unknown) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  const name = str(o.name)
  const employer = str(o.employer)
  return identityTerms({ ...(name ? { name } : {}), name_variants: list(o.name_variants), ...(employer ? { employer } : {}), employer_variants: list(o.employer_variants) })
}

/** The text with every place the identity matcher finds the name or employer masked. */
export function maskIdentity(text: string, terms: readonly IdentityTerm[]): string {
  if (terms.length === 0) return text
  const hits = findIdentity(text, terms)
  return hits.length === 0 ? text : maskHits(text, hits)
}

/** A prepared text: normalise once, search for every term. */
export function prepare(source: string): { source: string; norm: Normalised } {
  return { source, norm: normalise(source) }
}

/**
 * Every place a term occurs in the source, longest term first, overlapping hits dropped (the short
 * form of the employer inside the full name is one hit, not two).
 */
export function findIdentity(source: string | { source: string; norm: Normalised }, terms: readonly IdentityTerm[]): IdentityHit[] {
  const { source: src, norm } = typeof source === 'string' ? prepare(source) : source
  if (terms.length === 0 || norm.text.length === 0) return []
  const taken: Array<[number, number]> = []
  const hits: IdentityHit[] = []
  for (const t of terms) {
    let from = 0
    for (;;) {
      const k = norm.text.indexOf(t.needle, from)
      if (k < 0) break
      from = k + 1
      const endNorm = k + t.needle.length
      const start = norm.from[k]!
      const last = norm.from[endNorm - 1]!
      const end = last + (src.codePointAt(last)! > 0xffff ? 2 : 1)
      if (t.latin && !wholeWord(src, start, end)) continue
      if (taken.some(([a, b]) => start < b && end > a)) continue
      taken.push([start, end])
      hits.push({ kind: t.kind, term: t.term, start, end, matched: src.slice(start, end) })
    }
  }
  return hits.sort((a, b) => a.start - b.start || a.end - b.end)
}

/** No Latin letter or digit right before or after (the dropped joiners count as boundaries). */
function wholeWord(src: string, start: number, end: number): boolean {
  const before = start > 0 ? String.fromCodePoint(src.codePointAt(start - 1)!) : ''
  const after = end < src.length ? String.fromCodePoint(src.codePointAt(end)!) : ''
  const isWordChar = (c: string) => c !== '' && LATIN_OR_DIGIT.test(c.normalize('NFKC'))
  // A low surrogate before: look at the whole character.
  const beforeChar = before && start >= 2 && /[\udc00-\udfff]/.test(before) ? String.fromCodePoint(src.codePointAt(start - 2)!) : before
  return !isWordChar(beforeChar) && !isWordChar(after)
}

/** The source with every hit replaced by a mask (first character + **), for showing a file name. */
export function maskHits(source: string, hits: readonly IdentityHit[]): string {
  let out = ''
  let at = 0
  for (const h of [...hits].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue
    // As every report masks them: 欧** for a name, 阿克苏****中心 for an employer.
    out += source.slice(at, h.start) + (h.kind === 'name' ? maskName(h.matched) : h.kind === 'employer' ? maskEmployer(h.matched) : maskPersonal(h.kind, h.matched))
    at = h.end
  }
  return out + source.slice(at)
}

/** True when the text is nothing but mask characters and separators (████, XXXX, ***). */
export function isMaskOnly(text: string): boolean {
  const chars = [...text].filter((c) => !/[\s\p{P}]/u.test(c) || MASK_CHARS.test(c))
  return chars.length > 0 && chars.every((c) => MASK_CHARS.test(c))
}
