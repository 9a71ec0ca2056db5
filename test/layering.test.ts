import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { REPO_ROOT } from './helpers/requires.js'

// The shape of src/ (issue 16, "done when"): imports run with the flow only, no import cycle, no
// module over ~400 lines without a reason in its header. `import type` does not count (it is
// erased; it ties no module to another at run time). Known exceptions are listed below with the
// part of issue 16 that removes them: an entry that is no longer true fails too, so the list only
// shrinks.

/** The layers, first to last: a module may import only from its own folder or a later layer. */
const LAYERS: string[][] = [
  ['cli'], ['init', 'fix'], ['kit'], ['core'], ['preview'], ['report'], ['rules'], ['evidence'], ['identity'], ['manifest'], ['policy'], ['fs'], ['inspect'],
  ['util', 'types', 'usage-error.ts'],
]
const MAX_LINES = 400
/** A header line that says why a module is longer. */
const LONG_REASON = /^\/\/ Over 400 lines because \S/m

/** Imports against the flow allowed for now, each with why (none). */
const AGAINST_FLOW_ALLOWED: Record<string, string> = {}
/** Import cycles allowed for now, each as its modules sorted, with why (none). */
const CYCLES_ALLOWED: Record<string, string> = {}
/** Modules over 400 lines with no reason in their header (none). */
const LONG_ALLOWED: Record<string, string> = {}

const SRC = join(REPO_ROOT, 'src')

function modules(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort()
}

/** The src/ modules `file` imports at run time (relative specifiers; `import type` left out). */
export function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const specs: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)))
      if (!typeOnly) specs.push(node.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly))
      if (!typeOnly) specs.push(node.moduleSpecifier.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(SRC, resolve(SRC, dirname(file), s)).split('\\').join('/').replace(/\.js$/, '.ts'))
}

function layerOf(module: string): number {
  const top = module.includes('/') ? module.slice(0, module.indexOf('/')) : module
  const i = LAYERS.findIndex((l) => l.includes(top))
  if (i < 0) throw new Error(`src/${module}: its folder ${top} is in no layer of test/layering.test.ts`)
  return i
}
const folderOf = (module: string) => (module.includes('/') ? module.slice(0, module.indexOf('/')) : module)

const graph = new Map(modules().map((m) => [m, runtimeImports(m, readFileSync(join(SRC, m), 'utf8'))] as const))

/** Strongly connected components of more than one module (Tarjan). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const strong = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue
      if (!idx.has(w)) {
        strong(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of g.keys()) if (!idx.has(v)) strong(v)
  return out
}

describe('the shape of src/', () => {
  test('the import parser sees value imports and leaves type-only ones out', () => {
    const text = [
      "import { a } from './a.js'",
      "import type { B } from '../b/b.js'",
      "import { type C, type D } from './c.js'",
      "import { type E, f } from './e.js'",
      "export { g } from './g.js'",
      "export type { H } from './h.js'",
      "const i = await import('./i.js')",
      "import chalk from 'chalk'",
    ].join('\n')
    expect(runtimeImports('rules/x.ts', text)).toEqual(['rules/a.ts', 'rules/e.ts', 'rules/g.ts', 'rules/i.ts'])
  })

  test('every module imports with the flow (cli → … → inspect → util), or its own folder', () => {
    const against: string[] = []
    for (const [from, tos] of graph) {
      for (const to of tos) {
        if (folderOf(from) === folderOf(to)) continue
        if (layerOf(to) <= layerOf(from)) against.push(`${from} → ${to}`)
      }
    }
    const found = [...new Set(against)].sort()
    expect(found.filter((v) => !(v in AGAINST_FLOW_ALLOWED)), 'imports against the flow').toEqual([])
    expect(Object.keys(AGAINST_FLOW_ALLOWED).filter((v) => !found.includes(v)), 'gone: drop these from AGAINST_FLOW_ALLOWED').toEqual([])
  })

  test('no import cycle', () => {
    const found = cycles(graph).map((c) => c.join(' ↔ ')).sort()
    expect(found.filter((c) => !(c in CYCLES_ALLOWED)), 'import cycles').toEqual([])
    expect(Object.keys(CYCLES_ALLOWED).filter((c) => !found.includes(c)), 'gone: drop these from CYCLES_ALLOWED').toEqual([])
  })

  test('the cycle finder finds a cycle of three and leaves a chain alone', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])
    expect(cycles(g)).toEqual([['a', 'b', 'c']])
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([])
  })

  test(`no module over ${MAX_LINES} lines without a reason in its header ("// Over 400 lines because …")`, () => {
    const long: string[] = []
    for (const m of graph.keys()) {
      const text = readFileSync(join(SRC, m), 'utf8')
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
      const header = text.split('\n').slice(0, 30).join('\n')
      if (lines > MAX_LINES && !LONG_REASON.test(header)) long.push(m)
    }
    expect(long.filter((m) => !(m in LONG_ALLOWED)), 'over 400 lines with no reason in the header').toEqual([])
    expect(Object.keys(LONG_ALLOWED).filter((m) => !long.includes(m)), 'now short or explained: drop these from LONG_ALLOWED').toEqual([])
  })

  test('every folder of src/ is in a layer', () => {
    for (const m of graph.keys()) expect(() => layerOf(m), m).not.toThrow()
  })
})
