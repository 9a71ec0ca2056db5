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

export interface Identity {
  names: string[]
  employers: string[]
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
  ]
    .filter(([t]) => [...t.trim()].length >= 2)
    .sort((a, b) => b[0].length - a[0].length)
  let out = text
  for (const [term, mask] of terms) out = out.split(term).join(mask)
  return out
}
