import { isMap, isScalar, parseDocument, type Document, type Node } from 'yaml'

// Merges an `explain` example fragment (src/rules/define-rule.ts, RuleExamples) into a manifest:
// block mappings merge key by key, a flow mapping or a list replaces, an empty value removes the key.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function mergeNode(target: unknown, node: Node, doc: Document): unknown {
  if (!isMap(node) || node.flow) return node.toJS(doc)
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {}
  for (const pair of node.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key)
    const value = pair.value as Node | null
    if (value === null || (isScalar(value) && value.value === null)) delete out[key]
    else out[key] = mergeNode(out[key], value, doc)
  }
  return out
}

export function mergeFragment(base: Record<string, unknown>, fragment: string): Record<string, unknown> {
  const doc = parseDocument(fragment)
  if (doc.errors.length > 0) throw new Error(`fragment is not YAML: ${doc.errors[0]!.message}`)
  if (doc.contents === null) return base
  return mergeNode(base, doc.contents as Node, doc) as Record<string, unknown>
}
