import { afterAll, expect } from 'vitest'
import type { Rule } from '../../src/rules/define-rule.js'

/**
 * For rules tested outside a ruleCases table (scan facts, leak files, OCR, whole manifests): records
 * every message id the rules produce while this test file runs and, after the file, fails on a message
 * id no test produced — a message no input reaches is made reachable or removed. ruleCases tables
 * check the same from their expectations; test/rules/message-coverage.test.ts checks that every rule
 * is under one of the two. It judges the whole file: a run filtered with -t reports what it skipped.
 */
export function coverMessages(
  rules: readonly Rule[],
  opts: {
    /** false: some producing cases are skipped here (no corpus) */
    complete?: boolean
    /** Only these message ids are this file's to produce (another file produces the rest, and says so). */
    only?: (messageId: string) => boolean
  } = {},
): void {
  const produced = new Map<string, Set<string>>(rules.map((r) => [r.id, new Set()]))
  for (const rule of rules) {
    const check = rule.check
    rule.check = (ctx) => {
      const hits = check(ctx)
      for (const h of hits) produced.get(rule.id)!.add(h.messageId)
      return hits
    }
  }
  afterAll(() => {
    if (opts.complete === false) return
    const missing = rules.flatMap((r) => Object.keys(r.messages).filter((id) => (opts.only?.(id) ?? true) && !produced.get(r.id)!.has(id)).map((id) => `${r.id}/${id}`))
    expect(missing, 'message ids no test of this file produced').toEqual([])
  })
}
