import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

// pdf.js, loaded once per thread, from the package's own folders: in Node it reads CJK text only
// with cMapUrl and standardFontDataUrl pointing at its cmaps/ and standard_fonts/ (no network).

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

const require = createRequire(import.meta.url)
const PDFJS_ENTRY = require.resolve('pdfjs-dist/legacy/build/pdf.mjs')
const PDFJS_ROOT = join(dirname(PDFJS_ENTRY), '..', '..')

/** A folder of the pdfjs-dist package, as the URL-ish path pdf.js options take. */
export const asDir = (name: string) => `${join(PDFJS_ROOT, name)}/`

let pdfjsPromise: Promise<PdfJs> | undefined
export const loadPdfJs = () => (pdfjsPromise ??= import(pathToFileURL(PDFJS_ENTRY).href) as Promise<PdfJs>)

/**
 * What every document is opened with, inspected or drawn: pdf.js's own resources from its
 * package, no eval, no system fonts, and going on past errors (a damaged page is a finding).
 */
export function pdfDocumentDefaults() {
  return {
    cMapUrl: asDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: asDir('standard_fonts'),
    wasmUrl: asDir('wasm'),
    iccUrl: asDir('iccs'),
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
  }
}
