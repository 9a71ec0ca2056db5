import { z } from '../util/zod.js'

// The shape of ContentFacts (facts.ts), checked on every cache entry read: an entry that is not
// exactly facts (torn, from another build, edited) is a cache miss, never a crash in the rules.
// Checked only; the entry itself is used as read.

const num = z.number().finite()
const deg = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)])
const box = z.tuple([num, num, num, num])

const pixelStats = z.object({ widthPx: num, heightPx: num, blur: num, ink: num, inkLuma: num, p50: num, p90: num, mean: num, hash: z.string().regex(/^[A-Za-z0-9_-]*$/).optional() })
const scanImage = z.object({ widthPx: num, heightPx: num, dpiX: num, dpiY: num, placementDeg: deg, coverage: num, pixels: pixelStats.nullable() })
const ocrPage = z.union([
  z.object({ status: z.literal('read'), dpi: num, lines: z.array(z.object({ text: z.string(), box, confidence: num })), turnedDeg: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional(), truncated: z.literal(true).optional() }),
  z.object({ status: z.enum(['timeout', 'failed']), detail: z.string() }),
])
const page = z.object({
  page: z.number().int().positive(),
  widthPt: num,
  heightPt: num,
  rotateDeg: deg,
  textChars: z.number().int().nonnegative(),
  textRotationDeg: deg.nullable(),
  hasGraphics: z.boolean(),
  scanImage: scanImage.nullable(),
  text: z.array(z.object({ s: z.string(), box })).optional(),
  covered: z.array(z.object({ box, text: z.string(), by: z.enum(['rect', 'image', 'same-colour', 'redact-annotation']), colour: z.string(), dark: z.boolean(), ocrLayer: z.literal(true).optional() })).optional(),
  ocr: ocrPage.optional(),
})
const reason = z.enum(['empty', 'corrupt', 'truncated', 'password', 'limit-bytes', 'limit-pixels', 'timeout', 'crashed', 'not-a-file', 'permission'])

export const contentFactsSchema = z.object({
  sniffed: z.object({ ext: z.string(), mime: z.string() }).nullable(),
  scan: z.object({
    kind: z.enum(['pdf', 'jpeg', 'png', 'other']),
    readable: z.boolean(),
    unreadable: z.object({ reason, detail: z.string() }).optional(),
    repaired: z.boolean().optional(),
    damaged: z.array(z.string()).optional(),
    encrypted: z.object({ needsPassword: z.boolean(), filter: z.string().nullable() }).optional(),
    pageCount: z.number().int().nonnegative().optional(),
    pagesInspected: z.number().int().nonnegative().optional(),
    limit: z.object({ kind: z.enum(['pages', 'time', 'work']), max: num }).optional(),
    polyglot: z.literal('zip').optional(),
    exif: z.object({ orientation: num.nullable(), dpiX: num.nullable(), dpiY: num.nullable() }).optional(),
    metadata: z.array(z.object({ field: z.string(), value: z.string() })).optional(),
    ocr: z.object({ engine: z.string() }).optional(),
    pages: z.array(page),
  }),
})
