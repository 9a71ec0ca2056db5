import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml'
import type { z } from 'zod'
import { UsageError } from '../usage-error.js'
import { manifestSchema, type ManifestData } from './schema.js'
import { describeIssues, isToFill, type ManifestProblem } from './problems.js'

export const MANIFEST_NAMES = ['manifest.yaml', '申报.yaml'] as const
/** A manifest is a page of text; anything larger is a mistake or an attack. */
export const MAX_MANIFEST_BYTES = 256 * 1024
const MAX_ALIASES = 100

export type Pointer = ReadonlyArray<string | number>
export interface Position {
  line: number
  column: number
}

export interface LoadedManifest {
  /** The manifest's file name inside the package (manifest.yaml or 申报.yaml). */
  file: string
  /** The validated data; invalid parts are left out (each is a problem). undefined when too little is left. */
  data: ManifestData | undefined
  /** The manifest as written, before validation: files it names are still files it names. */
  raw: Record<string, unknown>
  /** Fields left out of `data` because they were invalid (not unknown keys): rules say nothing about them. */
  dropped: string[][]
  /** Fields still to fill in (待填写 …, as `init` writes them): rules say nothing about them either. */
  toFill: string[][]
  problems: ManifestProblem[]
  /** Where a field is in the manifest; a missing field points at its nearest present parent. */
  at(pointer: string | Pointer): Position | undefined
}

export function parsePointer(p: string | Pointer): Pointer {
  return typeof p === 'string' ? (p === '' ? [] : p.split('.')) : p
}

/** Parses and validates manifest bytes. Throws UsageError when they are not a YAML mapping. */
export function loadManifestBytes(bytes: Uint8Array, file: string): LoadedManifest {
  if (bytes.byteLength > MAX_MANIFEST_BYTES) {
    throw new UsageError('manifest-too-large', { file, size: bytes.byteLength, max: MAX_MANIFEST_BYTES })
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new UsageError('manifest-encoding', { file })
  }
  return loadManifestText(text, file)
}

/**
 * An 18-digit ID number or an 11-digit phone written without quotes is a YAML integer, and past
 * 2^53 a JavaScript number loses its last digits: these fields are read as the text written.
 */
function digitsAsWritten(doc: Document, text: string): void {
  const applicant = doc.get('applicant', true)
  if (!isMap(applicant)) return
  for (const key of ['id_number', 'phone']) {
    const node = applicant.get(key, true)
    if (isScalar(node) && typeof node.value === 'number' && node.range) node.value = text.slice(node.range[0], node.range[1]).trim()
  }
}

export function loadManifestText(text: string, file = 'manifest.yaml'): LoadedManifest {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const yamlError = doc.errors[0]
  if (yamlError) {
    const pos = positionOf(yamlError.pos[0])
    throw new UsageError('manifest-not-yaml', { file, line: pos.line, column: pos.column, reason: oneLine(yamlError.message), yamlCode: yamlError.code })
  }
  digitsAsWritten(doc, text)
  let js: unknown
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIASES })
  } catch (err) {
    throw new UsageError('manifest-not-yaml', { file, line: 1, column: 1, reason: oneLine(err) })
  }
  // `loop: &a [*a]` is a value that holds itself: every walk over it would recurse for ever.
  if (isCyclic(js)) {
    throw new UsageError('manifest-not-yaml', { file, line: 1, column: 1, reason: 'an alias refers to the value it is inside (a self-referencing &anchor / *alias)', yamlCode: 'ALIAS_CYCLE' })
  }
  if (typeof js !== 'object' || js === null || Array.isArray(js)) {
    throw new UsageError('manifest-not-yaml', { file, line: 1, column: 1, reason: 'not a mapping of keys to values' })
  }

  const at = (pointer: string | Pointer): Position | undefined => {
    const found = findNode(doc, parsePointer(pointer))
    return found ? positionOf(found) : undefined
  }
  const { data, issues, dropped } = validateWithRepair(js)
  const problems = issues.flatMap((issue) => describeIssues(issue, js, at))
  // A misspelt key (educaton) stands for the field it suggests, when that one is not there: rules
  // stay silent about that field as about a dropped value, so the typo is reported once, not
  // again as "没有填写学历".
  for (const p of problems) {
    const suggestion = p.messageId === 'unknown-key' ? String(p.data.suggestion ?? '') : ''
    if (!suggestion) continue
    const meant = [...p.pointer.slice(0, -1), suggestion]
    if (valueAt(js, meant) === undefined) dropped.push(meant)
  }
  // Placeholders the schema accepts as text (单位类型: 待填写) are still to fill in all the same.
  const toFill: string[][] = []
  const walk = (node: unknown, path: string[]): void => {
    if (isToFill(node)) toFill.push(path)
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k])
  }
  walk(js, [])
  for (const pointer of toFill) {
    if (!problems.some((p) => p.pointer.join('.') === pointer.join('.'))) problems.push({ messageId: 'to-fill', pointer, data: { field: pointer.join('.') }, position: at(pointer) })
  }
  return { file, data, raw: js as Record<string, unknown>, dropped, toFill, problems, at }
}

/**
 * Validates; on failure drops each offending value (or unknown key) and tries again, so one typo
 * does not hide every other finding. Issues that only follow from a drop (a parent left without a
 * required child) are not reported twice.
 */
function validateWithRepair(input: object): { data: ManifestData | undefined; issues: z.core.$ZodIssue[]; dropped: string[][] } {
  const work = structuredClone(input) as Record<string, unknown>
  const reported: z.core.$ZodIssue[] = []
  const dropped: string[][] = []
  const isCovered = (path: PropertyKey[]) =>
    reported.some((r) => r.code !== 'unrecognized_keys' && path.length <= r.path.length && path.every((seg, i) => String(seg) === String(r.path[i])))
  for (let round = 0; round < 20; round++) {
    const result = manifestSchema.safeParse(work)
    if (result.success) return { data: result.data, issues: reported, dropped }
    const drops: PropertyKey[][] = []
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) drops.push([...issue.path, key])
      } else {
        // A missing required value: drop the object that lacks it.
        const drop = valueAt(work, issue.path) === undefined ? issue.path.slice(0, -1) : [...issue.path]
        drops.push(drop)
        dropped.push(drop.map(String))
      }
      // An unknown key is never a side effect of dropping something else.
      if (issue.code === 'unrecognized_keys' || !isCovered(issue.path)) reported.push(issue)
    }
    if (drops.some((d) => d.length === 0)) return { data: undefined, issues: reported, dropped }
    // Deepest and last first, so array indexes stay right while removing.
    drops.sort((a, b) => comparePaths(b, a))
    for (const path of drops) removeAt(work, path)
  }
  return { data: undefined, issues: reported, dropped }
}

function isCyclic(root: unknown): boolean {
  const open = new Set<object>()
  const visit = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false
    if (open.has(node)) return true
    open.add(node)
    const cyclic = Object.values(node).some(visit)
    open.delete(node)
    return cyclic
  }
  return visit(root)
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<PropertyKey, unknown>)[seg as string]
  }
  return node
}

function comparePaths(a: PropertyKey[], b: PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!
    const y = b[i]!
    if (typeof x === 'number' && typeof y === 'number' && x !== y) return x - y
    if (String(x) !== String(y)) return String(x) < String(y) ? -1 : 1
  }
  return a.length - b.length
}

function removeAt(root: Record<string, unknown>, path: PropertyKey[]): void {
  let node: unknown = root
  for (const seg of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return
    node = (node as Record<PropertyKey, unknown>)[seg as string]
  }
  const last = path.at(-1)!
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1)
  else if (typeof node === 'object' && node !== null) delete (node as Record<PropertyKey, unknown>)[last as string]
}

/**
 * Start offset of the node at pointer; for a collection, of its key; else of the nearest present
 * parent. A missing top-level section has no place in the file: undefined (not the first line).
 */
function findNode(doc: Document, pointer: Pointer): number | undefined {
  let node: Node | null | undefined = doc.contents as Node | null
  let keyOffset: number | undefined
  let best: number | undefined = pointer.length === 0 ? node?.range?.[0] : undefined
  for (const seg of pointer) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg))
      if (!pair) break
      keyOffset = (pair.key as Node).range?.[0]
      node = pair.value as Node | null
      best = isMap(node) || isSeq(node) || node === null ? keyOffset : (node.range?.[0] ?? keyOffset)
    } else if (isSeq(node) && /^\d+$/.test(String(seg))) {
      const item = node.items[Number(seg)] as Node | undefined
      if (!item) break
      node = item
      best = item.range?.[0] ?? best
    } else {
      break
    }
  }
  return best
}

function oneLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0]!.trim()
}
