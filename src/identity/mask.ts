// Reports never show the applicant's name or employer in full, so a report can be shared with
// a reviewer. The number of stars is fixed: it must not tell the length either.

export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  return `${chars[0]}**`
}

export function maskEmployer(employer: string): string {
  const chars = [...employer.trim()]
  if (chars.length === 0) return ''
  if (chars.length <= 5) return `${chars[0]}****`
  return `${chars.slice(0, 3).join('')}****${chars.slice(-2).join('')}`
}

export type PersonalKind = 'idNumber' | 'phone' | 'email'

/**
 * The ID-card number, phone and e-mail are shown as little as a name: enough to recognise one's
 * own (65****3x, 138****78, o***@1***), never enough to be read; the stars are as many whatever
 * the length.
 */
export function maskPersonal(kind: PersonalKind, value: string): string {
  const v = value.replace(/[\s-]/gu, '')
  if (kind === 'email') {
    const at = v.indexOf('@')
    const user = at > 0 ? v.slice(0, at) : v
    const domain = at > 0 ? v.slice(at + 1) : ''
    return `${[...user][0] ?? ''}***${domain ? `@${[...domain][0]}***` : ''}`
  }
  const chars = [...v]
  if (chars.length <= 4) return '****'
  return `${chars.slice(0, kind === 'phone' ? 3 : 2).join('')}****${chars.slice(-2).join('')}`
}

export interface Identity {
  names: string[]
  employers: string[]
  /** ID-card number, phone, e-mail: as written in the manifest. */
  personal?: Array<{ kind: PersonalKind; value: string }>
}

/**
 * Last line of defence: replaces any remaining occurrence of the name or employer (or a
 * variant) in a finished text with its mask. Longest first, so a variant inside the full
 * employer name does not leave the rest readable.
 */
export function scrub(text: string, id: Identity): string {
  const terms = [
    ...id.names.map((t) => [t, maskName(t)] as const),
    ...id.employers.map((t) => [t, maskEmployer(t)] as const),
    // As written and without its spaces and hyphens (6529 0119… and 65290119…).
    ...(id.personal ?? []).flatMap((p) => [p.value, p.value.replace(/[\s-]/gu, '')].map((t) => [t, maskPersonal(p.kind, p.value)] as const)),
  ]
    .filter(([t]) => [...t.trim()].length >= 2)
    .sort((a, b) => b[0].length - a[0].length)
  let out = text
  for (const [term, mask] of terms) out = out.split(term).join(mask)
  return out
}
