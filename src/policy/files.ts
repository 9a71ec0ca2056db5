import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parse } from 'yaml'

// Where a policy's example packages are, for the regression kit.

/**
 * The folder the policy's `examples:` field names, resolved against the policy file; undefined
 * when the file has no such field (or is not YAML: loading it reports that).
 */
export function policyExamplesDir(policyFile: string): string | undefined {
  try {
    const raw = parse(readFileSync(policyFile, 'utf8')) as { examples?: unknown } | null
    return typeof raw?.examples === 'string' ? resolve(dirname(policyFile), raw.examples) : undefined
  } catch {
    return undefined
  }
}
