import { isScalar, parseDocument } from 'yaml'

// The copy's manifest: the original's text with only the renamed paths changed, each in place
// (its quotes kept), so comments, order and layout are the applicant's own.

export interface PathEdit {
  /** Dotted pointer of the field ('education.diploma', 'achievements.0.file'). */
  pointer: string
  to: string
}

/** `text` with the value at each pointer replaced; a pointer not found as a scalar is left alone (returned). */
export function editPaths(text: string, edits: readonly PathEdit[]): { text: string; missed: string[] } {
  const doc = parseDocument(text, { keepSourceTokens: false })
  const spans: Array<{ start: number; end: number; value: string }> = []
  const missed: string[] = []
  for (const e of edits) {
    const path = e.pointer.split('.').map((p) => (/^\d+$/u.test(p) ? Number(p) : p))
    const node = doc.getIn(path, true)
    if (!isScalar(node) || !node.range) {
      missed.push(e.pointer)
      continue
    }
    const [start, end] = node.range
    const quote = text[start] === '"' || text[start] === "'" ? text[start]! : ''
    spans.push({ start, end, value: quote === '"' ? JSON.stringify(e.to) : quote === "'" ? `'${e.to.replace(/'/gu, "''")}'` : plain(e.to) })
  }
  let out = text
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.value + out.slice(s.end)
  return { text: out, missed }
}

/** A path written plain when YAML reads it back as the same string, else double-quoted. */
function plain(value: string): string {
  const back = parseDocument(`k: ${value}`).get('k')
  return back === value && !/[#:]/u.test(value) ? value : JSON.stringify(value)
}
