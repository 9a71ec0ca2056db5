import { readFileSync, statSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { describe, expect, test } from 'vitest'
import { testFontCharacters } from '../scripts/test-font-text.mjs'
import { TEST_FONT_FAMILY, TEST_FONT_FILE } from './helpers/fonts.js'
import { fixture } from './helpers/requires.js'

// What the tests need ships in test/fixtures (issue 16 §6), small and with its licence: the CJK
// font they draw with must hold every character they draw, or a scan would silently fall back to
// another font (or to boxes) on a machine without system fonts.

describe('test/fixtures', () => {
  const font = fontkit.create(readFileSync(TEST_FONT_FILE)) as unknown as { familyName: string; hasGlyphForCodePoint(c: number): boolean }

  test('the CJK font is WenQuanYi Micro Hei, small, beside its licence', () => {
    expect(font.familyName).toBe(TEST_FONT_FAMILY)
    expect(statSync(TEST_FONT_FILE).size).toBeLessThan(400_000)
    expect(readFileSync(fixture('fonts/LICENSE-Apache-2.0.txt'), 'utf8')).toContain('Apache License')
    expect(readFileSync(fixture('fonts/COPYRIGHT-wqy-microhei.txt'), 'utf8')).toContain('WenQuanYi')
  })

  test('the font holds every Chinese character the tests draw (else: scripts/make-test-font.sh)', () => {
    const cjk = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || (c >= 0x20 && c < 0x7f)
    const missing = testFontCharacters().filter((ch: string) => cjk(ch.codePointAt(0)!) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!))
    expect(missing.join(''), 'run scripts/make-test-font.sh and commit the font').toBe('')
  })

  test('the encrypted PDFs are a few KB and encrypted', () => {
    for (const f of ['pdf/encrypted-user-password.pdf', 'pdf/encrypted-empty-password.pdf']) {
      const bytes = readFileSync(fixture(f))
      expect(bytes.length).toBeLessThan(8_000)
      expect(bytes.toString('latin1')).toMatch(/\/Encrypt\s+\d+ 0 R/)
    }
  })
})
