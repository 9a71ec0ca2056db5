import type { Rule } from './define-rule.js'

// Rules of this area, in RULES.md order.
export const scanRules: Rule[] = []
