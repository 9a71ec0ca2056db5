import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from './requires.js'

// The tests draw Chinese (generated scans, PDFs with a text layer) with the repository's own CJK
// font, test/fixtures/fonts/wqy-microhei-subset.ttf (WenQuanYi Micro Hei cut down to the
// characters the tests draw: scripts/make-test-font.sh), so they need no system font. Text in SVG
// is drawn by librsvg through fontconfig, which finds fonts by family: vitest.config.ts points
// fontconfig (FONTCONFIG_FILE, inherited by the test workers and the CLI they start) at a config
// that adds that folder to the machine's own. Where the system has WenQuanYi Micro Hei too, both
// files hold the same glyphs; the system's other CJK families stay available to vary scans.

/** The repository's CJK font file (a TrueType font whose family is "WenQuanYi Micro Hei"). */
export const TEST_FONT_FILE = join(REPO_ROOT, 'test/fixtures/fonts/wqy-microhei-subset.ttf')
export const TEST_FONT_FAMILY = 'WenQuanYi Micro Hei'

/** Writes the fontconfig file (the machine's config + test/fixtures/fonts) and sets FONTCONFIG_FILE. */
export function useRepositoryFonts(): void {
  if (process.env.ZHICHENG_TEST_FONTS === '1') return
  const base = process.env.FONTCONFIG_FILE || '/etc/fonts/fonts.conf'
  const dir = join(tmpdir(), `zc-fontconfig-${process.getuid?.() ?? 0}`)
  mkdirSync(join(dir, 'cache'), { recursive: true })
  const file = join(dir, `fonts-${process.pid}.conf`)
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <cachedir>${esc(join(dir, 'cache'))}</cachedir>
  <dir>${esc(join(REPO_ROOT, 'test/fixtures/fonts'))}</dir>
  <include ignore_missing="yes">${esc(base)}</include>
</fontconfig>
`,
  )
  process.env.FONTCONFIG_FILE = file
  process.env.ZHICHENG_TEST_FONTS = '1'
}
