import type { Area, RuleMeta } from '../rules/define-rule.js'

// What the reporters know about rules: the rule meta without the checks (area, severity, clause,
// description, messages, fixes), in catalogue order. Reporters take it as an argument, as ESLint's
// formatters take `rulesMeta`, instead of importing the rule registry: the CLI builds it once from
// the rules it ran, and a test can hand a reporter two made-up rules.

export type CatalogueRule = Pick<RuleMeta<string>, 'id' | 'area' | 'severity' | 'clause' | 'description' | 'messages' | 'fix'>

export interface Catalogue {
  /** In catalogue order (RULES.md): reports list and rank rules by it. */
  rules: readonly CatalogueRule[]
  get(id: string): CatalogueRule | undefined
  /** Position in catalogue order; -1 for a rule the catalogue does not know (a retired rule in an older shard). */
  rank(id: string): number
}

export function catalogueOf(rules: ReadonlyArray<CatalogueRule>): Catalogue {
  const list = rules.map(({ id, area, severity, clause, description, messages, fix }) => ({ id, area, severity, clause, description, messages, fix }))
  const byId = new Map(list.map((r, i) => [r.id, { rule: r, i }]))
  return {
    rules: list,
    get: (id) => byId.get(id)?.rule,
    rank: (id) => byId.get(id)?.i ?? -1,
  }
}

/** The area a finding is grouped under: its own, else its rule's (an older report's findings carry none). */
export function areaOf(f: { rule: string; area?: Area }, catalogue: Catalogue): Area {
  return f.area ?? catalogue.get(f.rule)?.area ?? 'manifest'
}
