import { z } from '../util/zod.js'
import { manifestSchema } from './schema.js'
import { closest } from '../util/closest.js'
import type { Pointer, Position } from './load.js'

export type ProblemId = 'unknown-key' | 'required' | 'bad-value' | 'bad-type' | 'bad-number' | 'bad-date' | 'too-small' | 'too-big' | 'bad-format' | 'to-fill'

/**
 * What `init` writes where it could not guess a value (待填写, 待填写姓名 …): a value to fill in, not
 * a wrong one. Rules say nothing about it; manifest.invalid says it is still to fill in.
 */
export const TO_FILL_MARK = '待填写'
export const isToFill = (v: unknown): v is string => typeof v === 'string' && v.startsWith(TO_FILL_MARK)

/** One schema problem, as data: worded later by the manifest.invalid rule. */
export interface ManifestProblem {
  messageId: ProblemId
  pointer: string[]
  data: Record<string, string | number>
  position?: Position
}

type Issue = z.core.$ZodIssue

/** Every problem an issue holds: an unrecognized_keys issue names each unknown key of its mapping. */
export function describeIssues(issue: Issue, input: unknown, at: (p: Pointer) => Position | undefined): ManifestProblem[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => describeIssue({ ...issue, keys: [key] }, input, at))
  return [describeIssue(issue, input, at)]
}

export function describeIssue(issue: Issue, input: unknown, at: (p: Pointer) => Position | undefined): ManifestProblem {
  const path = issue.path.map(String)
  const field = path.join('.') || '(root)'
  // The ID-card number, phone and e-mail are never printed, not even when mistyped.
  const got = PERSONAL_FIELDS.has(path.join('.')) ? '****' : describeValue(valueAt(input, path))
  if (issue.code !== 'unrecognized_keys' && isToFill(valueAt(input, path))) return { messageId: 'to-fill', pointer: path, data: { field }, position: at(path) }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!
      const known = knownKeysAt(path)
      return {
        messageId: 'unknown-key',
        pointer: [...path, key],
        data: { field: [...path, key].join('.'), key, suggestion: closest(key, known) ?? '', known: known.join(', ') },
        position: at([...path, key]),
      }
    }
    case 'invalid_value': {
      // A literal (version: 1) that is not there at all is missing, not a wrong value.
      if (valueAt(input, path) === undefined) return { messageId: 'required', pointer: path, data: { field }, position: at(path) }
      const allowed = issue.values.map(String)
      return {
        messageId: 'bad-value',
        pointer: path,
        data: { field, got, allowed: allowed.join(' | '), suggestion: closest(String(valueAt(input, path) ?? ''), allowed) ?? '' },
        position: at(path),
      }
    }
    case 'invalid_union':
    case 'invalid_type': {
      const value = valueAt(input, path)
      if (value === undefined) return { messageId: 'required', pointer: path, data: { field }, position: at(path) }
      const allowed = enumValuesAt(path)
      if (allowed.length > 0 && typeof value === 'string') {
        return {
          messageId: 'bad-value',
          pointer: path,
          data: { field, got, allowed: allowed.join(' | '), suggestion: closest(value, allowed) ?? '' },
          position: at(path),
        }
      }
      const expected = issue.code === 'invalid_type' ? String(issue.expected) : 'union'
      // 30学时, "60 学时": the number is there, with a unit the format does not want.
      const number = expected === 'number' && typeof value === 'string' ? /^\s*([+-]?\d+(?:\.\d+)?)\s*\D/u.exec(value)?.[1] : undefined
      if (number !== undefined) return { messageId: 'bad-number', pointer: path, data: { field, got, number }, position: at(path) }
      const words = TYPE_WORDS[expected] ?? TYPE_WORDS.union!
      return { messageId: 'bad-type', pointer: path, data: { field, got, expected, expectedZh: words.zh, expectedEn: words.en }, position: at(path) }
    }
    case 'too_small':
      return { messageId: 'too-small', pointer: path, data: { field, got, minimum: String(issue.minimum) }, position: at(path) }
    case 'too_big':
      return { messageId: 'too-big', pointer: path, data: { field, got, maximum: String(issue.maximum) }, position: at(path) }
    case 'custom':
      if (issue.message === 'date') return { messageId: 'bad-date', pointer: path, data: { field, got }, position: at(path) }
      return { messageId: 'bad-format', pointer: path, data: { field, got }, position: at(path) }
    default:
      return { messageId: 'bad-format', pointer: path, data: { field, got }, position: at(path) }
  }
}

/** zod's type names as a person writing a manifest says them (never a bare "number" in Chinese). */
const TYPE_WORDS: Record<string, { zh: string; en: string }> = {
  number: { zh: '数字（如 30）', en: 'a number (e.g. 30)' },
  int: { zh: '整数（如 30）', en: 'a whole number (e.g. 30)' },
  string: { zh: '文字', en: 'text' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表（每项一行“- ”开头，或写成 [甲, 乙]）', en: 'a list (one "- " line per item, or [a, b])' },
  object: { zh: '“字段: 值”的分组（下一行缩进两格）', en: 'a group of "key: value" lines (indented below)' },
  date: { zh: '日期（YYYY-MM-DD）', en: 'a date (YYYY-MM-DD)' },
  union: { zh: '清单格式允许的写法之一（见 zhicheng-check schema）', en: 'one of the forms the format allows (zhicheng-check schema)' },
}

const PERSONAL_FIELDS = new Set(['applicant.id_number', 'applicant.phone', 'applicant.email'])

function valueAt(root: unknown, path: string[]): unknown {
  let node = root
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[seg]
  }
  return node
}

function describeValue(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return 'null'
  if (typeof v === 'object') return Array.isArray(v) ? '[…]' : '{…}'
  const s = String(v)
  return s.length > 40 ? `${s.slice(0, 40)}…` : s
}

/** The schema node at a data path, through optional, array, record and union wrappers. */
function schemaAt(path: string[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = manifestSchema
  for (const seg of path) {
    node = unwrap(node)
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[seg]
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType
    else return undefined
  }
  return unwrap(node)
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  while (node instanceof z.ZodOptional || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodType
  return node
}

export function knownKeysAt(path: string[]): string[] {
  const node = schemaAt(path)
  return node instanceof z.ZodObject ? Object.keys(node.shape) : []
}

function enumValuesAt(path: string[]): string[] {
  const node = schemaAt(path)
  const options = node instanceof z.ZodUnion ? (node.options as z.ZodType[]) : node ? [node] : []
  return options.flatMap((o) => (o instanceof z.ZodEnum ? (o.options as string[]) : o instanceof z.ZodLiteral ? [...o.values].map(String) : []))
}
