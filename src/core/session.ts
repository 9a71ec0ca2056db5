import { availableParallelism } from 'node:os'
import { FactsCache } from '../inspect/cache.js'
import { SharedInspector } from '../inspect/inspect-package.js'
import { DEFAULT_LIMITS, type InspectLimits } from '../inspect/limits.js'
import { ocrEngineName } from '../inspect/ocr.js'
import { InspectPool } from '../inspect/pool.js'
import { loadPolicy, type Policy } from '../policy/load.js'
import type { Lang } from '../rules/define-rule.js'
import { VERSION } from './version.js'

// What one run of the tool decides once and every check of it shares: the working folder the
// user's paths are relative to, the date the check is as of, the language, the policies (each
// loaded once) and the inspector (one worker pool, started on the first cache miss, and the
// facts cache). The CLI builds it once per command and closes it at the end; check, batch, the
// policy kit and the previews take it instead of rebuilding its parts.

export interface Session {
  /** The working folder: a path the user gave is relative to it, never to process.cwd(). */
  readonly cwd: string
  readonly today: string
  readonly lang: Lang
  /** The scanned pages are read (OCR) unless --no-ocr. */
  readonly ocr: boolean
  /** A shipped policy by id or a policy file (relative to cwd), loaded once; undefined: the default. */
  policy(idOrFile: string | undefined): Policy
  /** One worker pool and cache for every file the run inspects. */
  readonly inspector: SharedInspector
  /**
   * The same session as of another date and in another language (the policy kit: each example
   * package is checked as of its own date), sharing its pool, cache and policies. Closing it does
   * nothing: the session it came from is closed by its owner.
   */
  asOf(today: string, lang: Lang): Session
  /** Stops the workers and prunes the cache; the session is not used afterwards. */
  close(): Promise<void>
}

export interface SessionOptions {
  cwd: string
  today: string
  lang: Lang
  /** --jobs: inspection workers (default: the number of cores). */
  jobs?: number
  /** Folder of the facts cache; null or absent: no cache (--no-cache). */
  cacheDir?: string | null
  /** Per-file inspection bounds (tests lower them). */
  limits?: InspectLimits
  /** OCR the image-only pages: on unless false (--no-ocr). */
  ocr?: boolean
}

export function openSession(o: SessionOptions): Session {
  const ocr = o.ocr !== false
  const limits = o.limits ?? DEFAULT_LIMITS
  const inspector = new SharedInspector(
    new InspectPool(Math.max(1, Math.floor(o.jobs ?? availableParallelism())), limits, { ocr }),
    o.cacheDir ? new FactsCache(o.cacheDir, VERSION, limits, ocr ? ocrEngineName() : null) : null,
  )
  const policies = new Map<string, Policy>()
  const policy = (idOrFile: string | undefined): Policy => {
    const key = idOrFile ?? ''
    let p = policies.get(key)
    if (!p) policies.set(key, (p = loadPolicy(idOrFile, o.cwd)))
    return p
  }
  const at = (today: string, lang: Lang, close: () => Promise<void>): Session => ({
    cwd: o.cwd,
    today,
    lang,
    ocr,
    inspector,
    policy,
    asOf: (t, l) => at(t, l, async () => {}),
    close,
  })
  return at(o.today, o.lang, () => inspector.close())
}
