// The characters the tests draw with the repository's CJK font (test/fixtures/fonts): printable
// ASCII, CJK and full-width punctuation, and every non-ASCII character in the test sources and the
// scan generators of bench/ (the text tests render comes from there). Printed on stdout for
// scripts/make-test-font.sh, and used by test/fixtures.test.ts to check the font still covers them.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function sources(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/u.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

/** Every character the font must have, sorted by code point. */
export function testFontCharacters() {
  const chars = new Set()
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCodePoint(c))
  for (const c of '，。、；：？！“”‘’（）《》【】「」—…·　★█') chars.add(c)
  for (const file of [...sources('test'), ...sources('bench')]) {
    for (const ch of readFileSync(file, 'utf8')) if (ch.codePointAt(0) >= 0x2e80) chars.add(ch)
  }
  return [...chars].sort((a, b) => a.codePointAt(0) - b.codePointAt(0))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(testFontCharacters().join(''))
