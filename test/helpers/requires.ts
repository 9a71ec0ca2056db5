import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'vitest'

// The one way a test says it needs something from outside the repository. `npm ci && npm test` on
// a fresh clone with none of it passes: such a test is skipped, and the reason is printed (a
// skipped test named "needs …" in the report, and a line on stderr). Under CI=true (where .ci/run
// installs the system packages and the shared folder sits beside the clone) nothing is skipped: a
// missing requirement is a failing test that names what is missing and how to get it.
//
//   describe.skipIf(!requires('corpus'))('corpus ground truth', () => { … })
//   const tools = requires('qpdf', 'exiftool', 'poppler')
//
// Call it while the file is collected (top level or inside a describe callback), never inside a
// running test. `has()` only answers, for a choice that is not a skip (which fonts to vary).

export type Requirement =
  /** The shared corpus of real PDFs and images (`../shared/corpus`, or $ZHICHENG_SHARED/corpus). */
  | 'corpus'
  /** The team's design notes beside the repository (`../shared/RULES.md`, the notice as published). */
  | 'team-notes'
  /** Headless Chromium, to open the HTML reports. */
  | 'chromium'
  /** poppler-utils (pdftotext, pdftoppm): an independent reader of the PDFs fix writes. */
  | 'poppler'
  /** qpdf: checks and encrypts PDFs. */
  | 'qpdf'
  /** exiftool: reads the metadata fix must have removed. */
  | 'exiftool'
  /** The system CJK fonts the scan generators vary between (besides the repository's own). */
  | 'cjk-fonts'

/** The repository's root folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The team's shared folder: $ZHICHENG_SHARED, else `shared` beside the repository (absent in a user's clone). */
export const SHARED_DIR = process.env.ZHICHENG_SHARED ? resolve(process.env.ZHICHENG_SHARED) : resolve(REPO_ROOT, '../shared')

/** The shared corpus of real files (see `requires('corpus')`). */
export const CORPUS_DIR = join(SHARED_DIR, 'corpus')

/** The system font families .ci/run installs; the scan generators vary between them when present. */
export const SYSTEM_CJK_FAMILIES = ['WenQuanYi Micro Hei', 'AR PL UKai CN', 'AR PL UMing CN']

function onPath(program: string, arg = '--version'): boolean {
  const r = spawnSync(program, [arg], { encoding: 'utf8', timeout: 20_000 })
  return r.error === undefined
}

/** The CJK families fontconfig has with full Chinese coverage (the repository's subset font has not). */
export function systemCjkFamilies(): string[] {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 20_000 })
  const listed = r.error === undefined && r.status === 0 ? r.stdout : ''
  return listed.split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()).filter(Boolean)
}

const CHECKS: Record<Requirement, { present: () => boolean; get: string }> = {
  corpus: { present: () => existsSync(join(CORPUS_DIR, 'SOURCES.tsv')), get: `the shared corpus at ${CORPUS_DIR} (set ZHICHENG_SHARED to the folder holding corpus/)` },
  'team-notes': { present: () => existsSync(join(SHARED_DIR, 'RULES.md')), get: `the team's notes at ${SHARED_DIR} (RULES.md; set ZHICHENG_SHARED)` },
  chromium: { present: () => chromiumPath() !== undefined, get: 'chromium (apt-get install chromium)' },
  poppler: { present: () => onPath('pdftotext', '-v') && onPath('pdftoppm', '-v'), get: 'pdftotext and pdftoppm (apt-get install poppler-utils)' },
  qpdf: { present: () => onPath('qpdf'), get: 'qpdf (apt-get install qpdf)' },
  exiftool: { present: () => onPath('exiftool', '-ver'), get: 'exiftool (apt-get install libimage-exiftool-perl)' },
  'cjk-fonts': {
    present: () => {
      const families = systemCjkFamilies()
      return SYSTEM_CJK_FAMILIES.every((f) => families.includes(f))
    },
    get: `the CJK fonts ${SYSTEM_CJK_FAMILIES.join(', ')} (apt-get install fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming)`,
  },
}

const known = new Map<Requirement, boolean>()

/** Whether the requirement is met on this machine (cached). */
export function has(need: Requirement): boolean {
  let ok = known.get(need)
  if (ok === undefined) {
    ok = CHECKS[need].present()
    known.set(need, ok)
  }
  return ok
}

/**
 * Under CI=true every requirement must be met, but the team's notes: they are not part of the
 * product (the repository documents itself), and the tests that hold the code to them are the
 * team's own cross-check, skipped with the reason where the notes are not beside the clone.
 */
const strict = (missing: readonly Requirement[]) => process.env.CI === 'true' && missing.some((n) => n !== 'team-notes')

/**
 * True when the tests that need `needs` may run. When something is missing: on a developer's
 * machine false (skip them; the reason is printed); under CI=true a failing test naming what is
 * missing, and false (so the tests themselves do not fail for a confusing reason).
 */
export function requires(...needs: Requirement[]): boolean {
  const missing = needs.filter((n) => !has(n))
  if (missing.length === 0) return true
  const what = missing.map((n) => CHECKS[n].get).join('; ')
  if (strict(missing)) {
    test(`requires ${missing.join(', ')}`, () => {
      throw new Error(`CI=true and this machine lacks ${what}`)
    })
  } else {
    console.warn(`skipped: needs ${what}${missing.every((n) => n === 'team-notes') ? '' : '; under CI=true this fails'}`)
    test.skip(`needs ${missing.join(', ')}: ${what}`, () => {})
  }
  return false
}

/**
 * For what makes a test better but is not needed (more fonts to vary scans between): nothing is
 * skipped; on a developer's machine a line says what runs with less; under CI=true a missing one
 * is a failing test, as for requires().
 */
export function prefers(...needs: Requirement[]): void {
  const missing = needs.filter((n) => !has(n))
  if (missing.length === 0) return
  const what = missing.map((n) => CHECKS[n].get).join('; ')
  if (strict(missing)) {
    test(`requires ${missing.join(', ')}`, () => {
      throw new Error(`CI=true and this machine lacks ${what}`)
    })
  } else console.warn(`runs with less: without ${what}`)
}

let chromium: string | null | undefined

/** The Chromium binary on PATH (chromium or chromium-browser), when there is one that runs. */
export function chromiumPath(): string | undefined {
  if (chromium === undefined) {
    const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
    const found = ['chromium', 'chromium-browser'].flatMap((name) => dirs.map((d) => join(d, name))).find((p) => existsSync(p))
    chromium = found && spawnSync(found, ['--version'], { encoding: 'utf8', timeout: 20_000 }).status === 0 ? found : null
  }
  return chromium ?? undefined
}

/** A file of test/fixtures (shipped in the repository). */
export function fixture(rel: string): string {
  return join(REPO_ROOT, 'test/fixtures', rel)
}
