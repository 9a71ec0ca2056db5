import type { FileFacts, PageFacts, ScanFacts } from '../inspect/facts.js'
import { fileRefs as refsOf, type FileRef } from '../manifest/file-refs.js'
import type { LoadedManifest } from '../manifest/load.js'
import type { WorkCalendar } from '../policy/calendar.js'
import type { PolicyValues } from '../policy/schema.js'
import type { Elsewhere, RuleContext } from './define-rule.js'

// The one way a rule context is made: by the check of a package (src/core/check-package.ts), by the
// batch for scan.same-elsewhere (src/report/batch-across.ts) and by the tests (test/helpers). What
// the caller leaves out has a plain default (no files, nothing outside), and the walks over the
// files every rule repeated are methods of the context: ctx.files(), ctx.pages(), ctx.named().

/** A file the inspection opened, with what it found in it. */
export type ScannedFile = FileFacts & { scan: ScanFacts }

/** An inspected file, with the manifest field that names it (line and column of a finding). */
export interface FileAt {
  facts: ScannedFile
  /** The first manifest field naming the file; undefined for a file no field names. */
  at: string | undefined
}

export interface PageAt extends FileAt {
  page: PageFacts
}

/** A file the manifest names that resolved inside the package, in manifest order. */
export interface NamedFile {
  pointer: string
  /** Normalised path in the package. */
  file: string
  /** What inspection found; undefined when it was not inspected. */
  facts: FileFacts | undefined
}

/** The walks over files every rule would otherwise write again. Closures: a context may be spread. */
export interface ContextHelpers {
  /** Each inspected file that exists and was opened, in inspection order. */
  files(): FileAt[]
  /** Every page of those files, file by file. */
  pages(): PageAt[]
  /** Each manifest field naming a file inside the package, with its facts (fileRefs order). */
  named(): NamedFile[]
}

export interface ContextInput {
  manifest?: LoadedManifest
  /** The policy's values and calendar (a loaded Policy will do). */
  policy?: { values: PolicyValues; calendar: WorkCalendar }
  today?: string
  /** Default: the manifest's file references. */
  fileRefs?: FileRef[]
  facts?: ReadonlyMap<string, FileFacts>
  outside?: RuleContext['outside']
  /** Default: every ref's path, unnormalised (tests, where paths are already clean). */
  resolved?: ReadonlyMap<string, string>
  /** Default: the resolved files, sorted. */
  packageFiles?: string[]
  rules?: RuleContext['rules']
  elsewhere?: readonly Elsewhere[]
}

/**
 * What a rule was not given and reads anyway fails loudly (the batch's context has only
 * `elsewhere`): never a rule that quietly judges an empty manifest or policy.
 */
function absent<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_, key) {
      throw new Error(`the rule context was made without ${what} (read: ${String(key)})`)
    },
  })
}

export function ruleContext(input: ContextInput): RuleContext {
  const manifest = input.manifest ?? absent<LoadedManifest>('a manifest')
  const fileRefs = input.fileRefs ?? (input.manifest ? refsOf(input.manifest.raw) : [])
  const resolved = input.resolved ?? new Map(fileRefs.map((r) => [r.pointer, r.path]))
  const facts = input.facts ?? new Map<string, FileFacts>()

  const files = (): FileAt[] => {
    const pointerOf = new Map<string, string>()
    for (const [pointer, rel] of resolved) if (!pointerOf.has(rel)) pointerOf.set(rel, pointer)
    const out: FileAt[] = []
    for (const f of facts.values()) if (f.exists && f.scan) out.push({ facts: f as ScannedFile, at: pointerOf.get(f.path) })
    return out
  }
  const helpers: ContextHelpers = {
    files,
    pages: () => files().flatMap((f) => f.facts.scan.pages.map((page) => ({ ...f, page }))),
    named: () =>
      fileRefs.flatMap((ref) => {
        const file = resolved.get(ref.pointer)
        return file === undefined ? [] : [{ pointer: ref.pointer, file, facts: facts.get(file) }]
      }),
  }
  return {
    manifest,
    policy: input.policy?.values ?? absent<PolicyValues>('a policy'),
    calendar: input.policy?.calendar ?? absent<WorkCalendar>('a policy calendar'),
    // Rules that read today need the manifest's data: without a manifest, reading it throws first.
    today: input.today ?? '',
    fileRefs,
    facts,
    outside: input.outside ?? [],
    packageFiles: input.packageFiles ?? [...new Set(resolved.values())].sort(),
    resolved,
    ...(input.rules ? { rules: input.rules } : {}),
    ...(input.elsewhere ? { elsewhere: input.elsewhere } : {}),
    ...helpers,
  }
}
