/**
 * What inspection learnt about one named file: plain JSON, deterministic, the only input rules
 * have about a file's bytes. Measurements only, never judgements: thresholds live in the policy,
 * so a policy change never invalidates the cache (src/inspect/cache.ts keys facts by content).
 */
export interface FileFacts {
  /** Normalised path relative to the package. */
  path: string
  exists: boolean
  sizeBytes?: number
  /** Lower-case extension from the name, without the dot ('' when none). */
  declaredExt: string
  /** Type from the bytes; null when no signature is recognised. */
  sniffed?: { ext: string; mime: string } | null
  /** sha256 of the bytes (hex), when they were read. */
  sha256?: string
  /** The scan inspection; absent when the file does not exist. */
  scan?: ScanFacts
}

/** Why a file could not be judged. `password` is scan.encrypted's, not scan.unreadable's. */
export type UnreadableReason =
  | 'empty' // 0 bytes
  | 'corrupt' // the decoder refused it
  | 'truncated' // the data stops early (JPEG without its end, PNG cut short)
  | 'password' // an encrypted PDF that needs a password to open
  | 'limit-bytes' // larger than the inspection bound: not opened
  | 'limit-pixels' // an image larger than the pixel bound (decompression bomb)
  | 'timeout' // not done within the per-file time bound
  | 'crashed' // the inspector itself failed (out of memory, worker died)
  | 'not-a-file' // a FIFO, device, socket or folder where a scan should be: never opened for reading
  | 'permission' // there, but the checker may not read it

export interface ScanFacts {
  /** Which reader looked at the bytes: 'other' means none did (not PDF/JPEG/PNG). */
  kind: 'pdf' | 'jpeg' | 'png' | 'other'
  /** Decoded without a fatal error (a repaired PDF is readable). */
  readable: boolean
  unreadable?: { reason: UnreadableReason; detail: string }
  /** PDF: the reader had to rebuild the cross-reference table (damaged, but opens). */
  repaired?: boolean
  /** PDF: what pdf.js found damaged while reading it (objects, streams, fonts, images), a few distinct messages. */
  damaged?: string[]
  /** PDF: an /Encrypt dictionary is present. */
  encrypted?: { needsPassword: boolean; filter: string | null }
  /** PDF: pages in the document; images: 1. */
  pageCount?: number
  /** Pages inspected when a bound stopped short of pageCount. */
  pagesInspected?: number
  /**
   * A bound that cut the inspection short; the file was still judged on what was read. `work`:
   * drawing operators (limits.maxOperators); `time` is no longer written (kept for old readers).
   */
  limit?: { kind: 'pages' | 'work' | 'time'; max: number }
  /** The file is also a ZIP archive (a zip appended to or woven into it). */
  polyglot?: 'zip'
  /** Images: the EXIF/XMP block, when present. */
  exif?: ExifFacts
  /**
   * Strings of the metadata that could name a person or a unit (PDF Info and XMP, outline,
   * annotation authors, earlier revisions; image EXIF, XMP, IPTC, PNG text, JPEG comments).
   */
  metadata?: MetadataField[]
  /** --deep: the image-only pages were given to OCR (each page says how that went). */
  ocr?: { engine: string }
  /** The pictures were looked at for faces (faces.ts); `failed` when the detector could not run. */
  faceCheck?: { engine: string; failed?: string }
  pages: PageFacts[]
}

export interface MetadataField {
  /** Where it is, as a reader names it: 'Info /Author', 'XMP dc:creator', 'EXIF Artist'. */
  field: string
  value: string
}

/** [left, top, right, bottom] in points from the page's top left corner (as drawn, before /Rotate). */
export type Box = [number, number, number, number]

/** A run of the text layer (pdf.js text content item), in content order. */
export interface TextRun {
  s: string
  box: Box
}

/** Text that a box or an image painted over it hides, but that can still be selected and copied. */
export interface CoveredText {
  /** The covering box (clipped to what shows). */
  box: Box
  /** The hidden characters, in drawing order (spaces where runs part). */
  text: string
  /** rect: a filled path; image: a uniform patch of an image; same-colour: text in the box's own colour; redact-annotation: an unapplied Redact annotation. */
  by: 'rect' | 'image' | 'same-colour' | 'redact-annotation'
  /** The box colour as #rrggbb. */
  colour: string
  /** Dark enough to read as a redaction (white or pale boxes are also how forms and tables are drawn). */
  dark: boolean
  /**
   * Invisible text under a dark patch of a scan drawn over it: a scanner app's OCR layer, which
   * reads what the scan showed. It leaks only what the identity matcher finds in it (the layer was
   * made before the patch was burned in); anything else is the OCR's reading of the patch itself.
   */
  ocrLayer?: true
}

/** What OCR read on an image-only page (--deep). */
export type OcrPage =
  | {
      status: 'read'
      dpi: number
      /** Lines in reading order; boxes in points from the top left of the page as read (turned upright when `turnedDeg` is set). */
      lines: OcrLine[]
      /**
       * The page's text reads only when the page is turned: how far it shows turned clockwise
       * (90, 180 or 270), as scan.rotated says it.
       */
      turnedDeg?: 90 | 180 | 270
      /** More lines than OCR reads on one page (ocr-engine.ts MAX_LINES): the largest were read. */
      truncated?: true
    }
  | { status: 'timeout' | 'failed'; detail: string }

export interface OcrLine {
  text: string
  box: Box
  /** Mean character confidence, 0–1. */
  confidence: number
}

/** A JPEG or PNG: one page, no page numbers in what is said of it. */
export function isImageFile(f: { scan?: ScanFacts }): boolean {
  return f.scan?.kind === 'jpeg' || f.scan?.kind === 'png'
}

/** A page whose content is a scanned image with no text layer: only OCR can read it. */
export function isImageOnlyPage(page: PageFacts): boolean {
  return page.textChars === 0 && page.scanImage !== null
}

export interface ExifFacts {
  /** EXIF Orientation 1–8; 0 or out of range is recorded as given (readers treat it as 1). */
  orientation: number | null
  /** Resolution tag in dots per inch (centimetre units converted), when given. */
  dpiX: number | null
  dpiY: number | null
}

export interface PageFacts {
  /** 1-based. */
  page: number
  /** Page size in points as drawn (before /Rotate); images: the A4 page assumed for them. */
  widthPt: number
  heightPt: number
  /** Effective PDF /Rotate, clockwise, normalised to 0/90/180/270 (inheritance applied). */
  rotateDeg: 0 | 90 | 180 | 270
  /** Non-whitespace characters in the text layer. */
  textChars: number
  /**
   * Clockwise rotation of most of the text as drawn in user space (before /Rotate), snapped to a
   * right angle; null without text. The page shows upright when (textRotationDeg + rotateDeg) % 360 = 0.
   */
  textRotationDeg: 0 | 90 | 180 | 270 | null
  /** Anything painted besides text: paths, shadings, images. */
  hasGraphics: boolean
  /** The scanned image of the page, when one covers most of it. */
  scanImage: ScanImage | null
  /** PDF: the text layer, run by run (absent when the page has none). */
  text?: TextRun[]
  /** PDF: text hidden under boxes or images drawn over it (absent when none). */
  covered?: CoveredText[]
  /** --deep, image-only pages: what OCR read. */
  ocr?: OcrPage
  /** Faces on the page's pictures (absent when none): faces.ts. */
  faces?: Face[]
}

/** A human face on a picture of the page (redaction.photo-leak). */
export interface Face {
  /** Points from the page's top left, as drawn (images: on their A4 page, turned upright by EXIF). */
  box: Box
  /** Detector score, 0–1, two decimals. */
  score: number
  /** PDF: an opaque box drawn after the picture covers most of the face. */
  covered?: boolean
}

export interface ScanImage {
  widthPx: number
  heightPx: number
  /** Pixels per inch at the size the image is placed (images: fitted to A4). */
  dpiX: number
  dpiY: number
  /** Clockwise rotation of the image as placed on the page (PDF CTM); images: 0. */
  placementDeg: 0 | 90 | 180 | 270
  /** Share of the page the scan images cover, 0–1. */
  coverage: number
  /** Measured on a grey copy at about 100 dpi; null when the pixels could not be had. */
  pixels: PixelStats | null
}

export interface PixelStats {
  /** Size of the grey copy measured. */
  widthPx: number
  heightPx: number
  /** Crété-Roffet blur effect, 0 (sharp) … 1 (flat): see pixels.ts. */
  blur: number
  /** Share of pixels visibly darker than the paper (ink, stamps, photos), 0–1. */
  ink: number
  /** How dark those marks are (10th percentile of their luminance), 0 (black) … 1 (white). */
  inkLuma: number
  /** Luminance percentiles, 0 (black) … 1 (white): p90 is the paper. */
  p50: number
  p90: number
  mean: number
  /** Perceptual fingerprint of the grey copy (fingerprint.ts: samePicture), base64url; '' when too small. */
  hash?: string
}
