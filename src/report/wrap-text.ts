import stringWidth from 'string-width'

// Wrapping and padding by display width for terminals: a CJK character takes two columns, a Latin
// one one. Lines break after spaces and around CJK characters, never before closing punctuation.

export { stringWidth }

export function padEndWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)))
}

/** Characters that must not start a line (closing punctuation): they stay with the one before. */
const NO_LINE_START = new Set([...'，。、；：！？）】》」』’”…,.;:!?)]}%'])

/** Break opportunities: after a space, and around each wide (CJK) character. */
function tokens(text: string): string[] {
  const out: string[] = []
  let word = ''
  const flush = () => {
    if (word) out.push(word)
    word = ''
  }
  for (const ch of text) {
    if (NO_LINE_START.has(ch)) {
      if (word) word += ch
      else if (out.length > 0) out[out.length - 1] += ch
      else word = ch
      continue
    }
    if (ch === ' ') {
      word += ch
      flush()
    } else if (stringWidth(ch) === 2) {
      flush()
      word = ch
    } else {
      if (word && stringWidth(word.at(-1)!) === 2) flush()
      word += ch
    }
  }
  flush()
  return out
}

/**
 * Wraps plain text (no colour codes) to `width` columns; the first line has `firstWidth` columns
 * (what is left beside a label). A word longer than a line is cut.
 */
export function wrapWidth(text: string, width: number, firstWidth = width): string[] {
  const lines: string[] = []
  let line = ''
  let room = Math.max(1, firstWidth)
  const push = () => {
    lines.push(line.trimEnd())
    line = ''
    room = Math.max(1, width)
  }
  for (const token of tokens(text)) {
    if (stringWidth(line) + stringWidth(token.trimEnd()) <= room) {
      line += token
      continue
    }
    if (line.trim() !== '') push()
    let rest = token.trimStart()
    while (stringWidth(rest.trimEnd()) > room) {
      let cut = ''
      for (const ch of rest) {
        if (stringWidth(cut + ch) > room) break
        cut += ch
      }
      if (cut === '') cut = [...rest][0]!
      line = cut
      push()
      rest = rest.slice(cut.length)
    }
    line = rest
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd())
  return lines
}
