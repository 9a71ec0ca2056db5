import { spawnSync } from 'node:child_process'

// Tests that need a program from outside the repository (qpdf, exiftool, pdftotext: the independent
// tools a user could run to check a fixed copy). On a developer's machine without one, the test is
// skipped and the reason printed; under CI=true (where .ci/run installs them) it is never skipped:
// it runs and fails, naming what is missing.

const found = new Map<string, boolean>()

function onPath(program: string): boolean {
  let ok = found.get(program)
  if (ok === undefined) {
    ok = spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 20_000 }).error === undefined
    found.set(program, ok)
  }
  return ok
}

/** True when the tests must be skipped: some program is missing and this is not CI (the reason is printed). */
export function missingPrograms(...programs: string[]): boolean {
  const missing = programs.filter((p) => !onPath(p))
  if (missing.length === 0) return false
  if (process.env.CI === 'true') return false
  console.warn(`skipped: needs ${missing.join(', ')} (apt-get install ${missing.map((p) => PACKAGES[p] ?? p).join(' ')}); under CI=true these tests run and fail`)
  return true
}

const PACKAGES: Record<string, string> = { qpdf: 'qpdf', exiftool: 'libimage-exiftool-perl', pdftotext: 'poppler-utils' }
