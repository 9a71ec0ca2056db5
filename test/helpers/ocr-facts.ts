import type { ScanFacts } from '../../src/inspect/facts.js'

/**
 * A scanned page as inspection leaves it after OCR: the lines given, top to bottom, each
 * `[text, confidence]` or `[text, confidence, left]` (two at the same `top` sit on one row, as OCR
 * boxes a label and its value apart). For rule tests that need what a scan says, not its pixels.
 */
export function ocrScan(lines: Array<[string, number?, number?, number?]>, kind: 'pdf' | 'jpeg' = 'jpeg'): ScanFacts {
  let top = 80
  const out = lines.map(([text, confidence = 0.99, left = 70, at]) => {
    const y = at ?? (top += 30)
    return { text, confidence, box: [left, y, left + 14 * [...text].length, y + 18] as [number, number, number, number] }
  })
  return {
    kind,
    readable: true,
    pageCount: 1,
    pages: [
      {
        page: 1,
        widthPt: 595.28,
        heightPt: 841.89,
        rotateDeg: 0,
        textChars: 0,
        textRotationDeg: null,
        hasGraphics: true,
        scanImage: { widthPx: 1654, heightPx: 2339, dpiX: 200, dpiY: 200, placementDeg: 0, coverage: 1, pixels: null },
        ocr: { status: 'read', dpi: 200, lines: out },
      },
    ],
  }
}
