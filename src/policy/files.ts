import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parse } from 'yaml'
import { UsageError } from '../usage-error.js'
import { BUILTIN_POLICY_DIR, builtinPolicyIds } from './load.js'

// Where a policy's file and its example packages are, for the regression kit. Same reading of
// `ID|FILE` as loadPolicy: an id names src/policies/<id>.yaml unless a file of that name exists.

const POLICY_ID = /^[a-z0-9][a-z0-9-]*$/

/** Absolute path of the policy file `idOrFile` names. Throws policy-not-found. */
export function policyFilePath(idOrFile: string, cwd: string): string {
  const isId = POLICY_ID.test(idOrFile) && !existsSync(resolve(cwd, idOrFile))
  const file = isId ? join(BUILTIN_POLICY_DIR, `${idOrFile}.yaml`) : resolve(cwd, idOrFile)
  if (!existsSync(file)) throw new UsageError('policy-not-found', { policy: idOrFile, known: builtinPolicyIds().join(', ') })
  return file
}

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
