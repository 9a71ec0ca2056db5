import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Ajv } from 'ajv'
import { CHROMIUM } from '../helpers/chromium.js'

// Real parsers for the reports: the SARIF 2.1.0 JSON Schema (shipped by the dev dependency
// @microsoft/jest-sarif, MIT; its 2.1.0-rtm.5 draft-04 schema) and Debian's headless Chromium for the HTML.

let validate: ReturnType<Ajv['compile']> | undefined

export function validateSarif(log: unknown): { valid: boolean; errors: string } {
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'))
    const { $schema: _draft04, id, ...rest } = schema
    // The rtm.5 schema has a pattern that is not valid with the u flag (a stray ']'): compile without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
    ajv.addFormat('uri', (s: string) => URL.canParse(s))
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s\u0080-\uFFFF]/.test(s))
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s))
    validate = ajv.compile({ ...rest, $id: id })
  }
  const valid = validate(log) as boolean
  return { valid, errors: JSON.stringify(validate.errors ?? [], null, 1).slice(0, 2000) }
}


/** The DOM after Chromium has loaded the file (no network: the page must need none). */
export function chromiumDom(htmlFile: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'zc-chromium-'))
  try {
    const r = spawnSync(
      CHROMIUM!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--dump-dom',
        pathToFileURL(htmlFile).href,
      ],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    )
    if (r.status !== 0) throw new Error(`chromium exited ${r.status}: ${r.stderr.slice(0, 500)}`)
    return r.stdout
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

export function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zc-out-'))
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}
