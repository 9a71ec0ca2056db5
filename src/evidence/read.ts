import type { Box, FileFacts, PageFacts } from '../inspect/facts.js'
import { KINDS, TITLE_ROWS, type FieldId, type FieldSpec, type KindId, type Parse } from './kinds.js'
import { normaliseCode, parseCourse, parseDate, parseLevel } from './values.js'

// Reading a file's fields from what inspection already has: the text layer's runs and the OCR
// lines (with their boxes and confidences). A pure function of the facts, so it is as cached and
// as deterministic as they are; no second look at the bytes.

export interface FieldRead {
  value: string | number
  /** The lowest confidence of the OCR lines it was read from (1 for a text layer), 0–1, two decimals. */
  confidence: number
  page: number
  /** Where it was read, in points from the page's top left (as OCR or the text layer gives it). */
  box: Box
  /** The same field read with other values elsewhere on the file: it is not one clear value. */
  conflicting?: Array<string | number>
}

export interface FileEvidence {
  file: string
  /** Which kind of document it is (src/evidence/kinds.ts), or null when none is recognised. */
  kind: KindId | null
  fields: Partial<Record<FieldId, FieldRead>>
  /** Where the words came from: a PDF's text layer, OCR of scanned pages, or both. */
  source: 'text' | 'ocr' | 'both'
}

interface Item {
  text: string
  box: Box
  confidence: number
}

interface Row {
  page: number
  /** NFKC, whitespace dropped. */
  text: string
  /** For each UTF-16 unit of text, the item it came from. */
  from: number[]
  items: Item[]
}

/** What the file says, or null when there are no words on it to read (no text layer, no OCR). */
export function readEvidence(facts: FileFacts): FileEvidence | null {
  const pages = facts.scan?.pages ?? []
  const rows: Row[] = []
  let text = false
  let ocr = false
  for (const p of pages) {
    const items = itemsOf(p)
    if (items.text.length > 0) text = true
    if (items.ocr.length > 0) ocr = true
    rows.push(...rowsOf(p.page, [...items.text, ...items.ocr]))
  }
  if (rows.length === 0) return null
  const kind = kindOf(rows)
  const fields: FileEvidence['fields'] = {}
  if (kind) for (const spec of KINDS.find((k) => k.kind === kind)!.fields) readField(spec, rows, fields)
  return { file: facts.path, kind, fields, source: text && ocr ? 'both' : text ? 'text' : 'ocr' }
}

function itemsOf(p: PageFacts): { text: Item[]; ocr: Item[] } {
  const text = (p.text ?? []).filter((r) => r.s.trim() !== '').map((r) => ({ text: r.s, box: r.box, confidence: 1 }))
  const ocr = p.ocr?.status === 'read' ? p.ocr.lines.map((l) => ({ text: l.text, box: l.box, confidence: l.confidence })) : []
  return { text, ocr }
}

/** Lines side by side (their middles within half a line of each other) make one row, read left to right. */
function rowsOf(page: number, items: Item[]): Row[] {
  const sorted = [...items].sort((a, b) => mid(a) - mid(b) || a.box[0] - b.box[0])
  const groups: Item[][] = []
  for (const it of sorted) {
    const last = groups.at(-1)
    const h = Math.max(1, it.box[3] - it.box[1])
    if (last && Math.abs(mid(it) - mid(last[0]!)) <= Math.min(h, height(last[0]!)) / 2) last.push(it)
    else groups.push([it])
  }
  return groups.map((g) => {
    const items = g.sort((a, b) => a.box[0] - b.box[0])
    let text = ''
    const from: number[] = []
    items.forEach((it, i) => {
      const s = it.text.normalize('NFKC').replace(/\s/gu, '')
      text += s
      for (let k = 0; k < s.length; k++) from.push(i)
    })
    return { page, text, from, items }
  })
}

const mid = (it: Item) => (it.box[1] + it.box[3]) / 2
const height = (it: Item) => Math.max(1, it.box[3] - it.box[1])

/** The first kind whose title words are in the top rows of the first page with words. */
function kindOf(rows: Row[]): KindId | null {
  const first = rows[0]!.page
  const title = rows.filter((r) => r.page === first).slice(0, TITLE_ROWS)
  for (const spec of KINDS) if (title.some((r) => spec.title.some((re) => re.test(r.text)))) return spec.kind
  return null
}

function readField(spec: FieldSpec, rows: Row[], out: FileEvidence['fields']): void {
  for (const pattern of spec.patterns) {
    const re = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'd')
    const found: Array<{ main: FieldRead; also?: FieldRead }> = []
    for (const { row, split } of candidates(rows)) {
      const m = re.exec(row.text)
      if (!m?.indices?.[1]) continue
      // A pair of rows counts only for a match across the line break (共计 | 30学时).
      if (split !== undefined && !(m.index < split && m.index + m[0].length > split)) continue
      const main = fieldAt(row, m.indices[1], m[1]!, spec.parse)
      if (!main) continue
      const also = spec.also && m.indices[spec.also.group] ? fieldAt(row, m.indices[spec.also.group]!, m[spec.also.group]!, spec.parse) : null
      found.push(also ? { main, also } : { main })
    }
    if (found.length === 0) continue
    const first = found[0]!
    out[spec.field] = withConflicts(first.main, found.map((f) => f.main))
    if (spec.also && first.also) out[spec.also.field] = withConflicts(first.also, found.flatMap((f) => (f.also ? [f.also] : [])))
    return
  }
}

/** Each row, then each row joined with the next on its page (a sentence wrapped onto the next line). */
function* candidates(rows: Row[]): Generator<{ row: Row; split?: number }> {
  for (const row of rows) yield { row }
  for (let i = 0; i + 1 < rows.length; i++) {
    const [a, b] = [rows[i]!, rows[i + 1]!]
    if (a.page !== b.page) continue
    yield { row: { page: a.page, text: a.text + b.text, from: [...a.from, ...b.from.map((k) => k + a.items.length)], items: [...a.items, ...b.items] }, split: a.text.length }
  }
}

function withConflicts(first: FieldRead, all: FieldRead[]): FieldRead {
  const others = [...new Set(all.map((f) => f.value))].filter((v) => v !== first.value)
  return others.length > 0 ? { ...first, conflicting: others } : first
}

function fieldAt(row: Row, [start, end]: [number, number], raw: string, parse: Parse): FieldRead | null {
  const value = parseValue(raw, parse)
  if (value === null) return null
  const used = [...new Set(row.from.slice(start, end))].map((i) => row.items[i]!)
  const box: Box = [
    Math.min(...used.map((u) => u.box[0])),
    Math.min(...used.map((u) => u.box[1])),
    Math.max(...used.map((u) => u.box[2])),
    Math.max(...used.map((u) => u.box[3])),
  ]
  const confidence = Math.round(Math.min(...used.map((u) => u.confidence)) * 100) / 100
  return { value, confidence, page: row.page, box: box.map((v) => Math.round(v * 10) / 10) as Box }
}

function parseValue(raw: string, parse: Parse): string | number | null {
  switch (parse) {
    case 'text':
      return raw
    case 'upper':
      return normaliseCode(raw)
    case 'number': {
      const n = Number(raw)
      return Number.isFinite(n) ? n : null
    }
    case 'date':
      return parseDate(raw)
    case 'level':
      return parseLevel(raw)
    case 'course':
      return parseCourse(raw)
  }
}
