import stringWidth from 'string-width'

// Column widths on a terminal: a CJK character takes two cells, a combining mark none.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

export function widthOf(s: string): number {
  return stringWidth(s)
}

/** `s` cut to at most `width` cells, ending in … when cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return ''
  if (stringWidth(s) <= width) return s
  let out = ''
  let used = 0
  for (const { segment } of segmenter.segment(s)) {
    const w = stringWidth(segment)
    if (used + w > width - 1) break
    out += segment
    used += w
  }
  return `${out}…`
}

/** `s` padded with spaces to `width` cells (left-aligned, or right-aligned for numbers). */
export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(s)))
  return align === 'left' ? s + fill : fill + s
}
