import type { Box } from '../../inspect/facts.js'
import { IDENTITY_KINDS, identityTerms, maskIdentity, type IdentityHit, type IdentityTerm } from '../../identity/match.js'
import type { PageAt } from '../context.js'
import { secret, type RuleContext } from '../define-rule.js'

// What the blind-review leak rules share: where a finding is, how what was found is shown (masked),
// and how text pieces join for the matcher.

/** Every page of every inspected file, with the file's path as a report may show it. */
export function pagesOf(ctx: RuleContext, terms: readonly IdentityTerm[]): Array<PageAt & { file: string }> {
  return ctx.pages().map((p) => ({ ...p, file: maskIdentity(p.facts.path, terms) }))
}

/** The matched text, masked wherever it is shown. */
export const masked = (h: IdentityHit) => secret(h.kind, h.matched.replace(/\s+/gu, ''))

/** Message of a hit: the name and the employer have their own; ID number, phone and e-mail share `personal` (the masked value says which). */
export type Leak = 'name' | 'employer' | 'personal'
export const leakOf = (h: IdentityHit): Leak => (h.kind === 'name' || h.kind === 'employer' ? h.kind : 'personal')

/** One hit per kind, the first where it occurs: a page that names the applicant ten times is one finding. */
export function firstOfEachKind(hits: readonly IdentityHit[]): IdentityHit[] {
  const out: IdentityHit[] = []
  for (const kind of IDENTITY_KINDS) {
    const h = hits.find((x) => x.kind === kind)
    if (h) out.push(h)
  }
  return out
}

const mm = (pt: number) => Math.round((pt * 25.4) / 72)

/** Where a box is, for the applicant: millimetres from the page's top left corner. */
export function place(box: Box): { x: number; y: number; w: number; h: number } {
  return { x: mm(box[0]), y: mm(box[1]), w: Math.max(1, mm(box[2] - box[0])), h: Math.max(1, mm(box[3] - box[1])) }
}

/** Texts joined with spaces (dropped by the matcher), and where each one starts, so a hit maps back to its pieces. */
export function joined(parts: readonly string[]): { text: string; starts: number[] } {
  const starts: number[] = []
  let text = ''
  for (const p of parts) {
    if (text !== '') text += ' '
    starts.push(text.length)
    text += p
  }
  return { text, starts }
}

/** Indexes of the parts a hit [start, end) touches. */
export function partsOf(starts: readonly number[], lengths: readonly number[], start: number, end: number): number[] {
  const out: number[] = []
  starts.forEach((s, i) => {
    if (s < end && s + lengths[i]! > start) out.push(i)
  })
  return out
}

export function union(boxes: readonly Box[]): Box {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
}

export const termsOf = (ctx: { data: { applicant: Parameters<typeof identityTerms>[0] } }) => identityTerms(ctx.data.applicant)
