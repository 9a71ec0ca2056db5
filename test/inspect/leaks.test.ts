// Blind-review leak detectors on generated documents: for every place a name hides (file name,
// PDF Info/XMP/earlier revision/annotations, image EXIF/XMP/IPTC/PNG text, the text layer, text
// under boxes) a document that must fire and its twin that must not. The documents are made
// here (pdf-lib with the CJK font, sharp), inspected as the checker does, then judged by the rules.
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'
import type { FileFacts, ScanFacts } from '../../src/inspect/facts.js'
import { inspectBytes } from '../../src/inspect/inspect-bytes.js'
import { DEFAULT_LIMITS } from '../../src/inspect/limits.js'
import type { Rule } from '../../src/rules/define-rule.js'
import { redactionCoveredText, redactionFilenameLeak, redactionMetadataLeak, redactionTextLeak } from '../../src/rules/redaction/leaks.js'
import { pageList, scanOcrFailed } from '../../src/rules/scan/file.js'
import { ocrCoverage } from '../../src/core/ocr-coverage.js'
import { exitCodeFor } from '../../src/report/finding.js'
import { runRule } from '../helpers/rule-cases.js'
import { coverMessages } from '../helpers/message-coverage.js'
import {
  TAG,
  annotate,
  appendInfoRevision,
  asciiTag,
  exifSegment,
  iptcSegment,
  pasteImage,
  plainJpeg,
  plainPng,
  setXmp,
  sheet,
  solidPng,
  ucs2Tag,
  widthOf,
  withPngText,
  withSegments,
  xmpPacket,
  type Sheet,
} from './helpers/leak-docs.js'

// The ID number, phone and e-mail messages (…Personal) are produced by test/rules/redaction-fields.test.ts.
coverMessages([redactionFilenameLeak, redactionMetadataLeak, redactionTextLeak, redactionCoveredText, scanOcrFailed], { only: (id) => !/personal/iu.test(id) })

// The base manifest's applicant (test/helpers/base-manifest.ts).
const NAME = '欧阳明远'
const EMPLOYER = '阿克苏地区融媒体中心'
const PDF = 'files/学历证书.pdf'
const JPG = 'files/普通话证书.jpg'

async function inspect(bytes: Uint8Array): Promise<ScanFacts> {
  const facts = await inspectBytes({ bytes: new Uint8Array(bytes), sizeBytes: bytes.length, limits: DEFAULT_LIMITS })
  expect(facts.scan.readable, JSON.stringify(facts.scan.unreadable)).toBe(true)
  return facts.scan
}

/** The rule's hits on a package whose `path` has these scan facts. */
function judge(rule: Rule, scan: ScanFacts, path = PDF) {
  return runRule(rule, { scans: { [path]: scan } })
}

async function textPdf(draw: (s: Sheet) => void | Promise<void>): Promise<ScanFacts> {
  const s = await sheet()
  s.text('关于申报主任编辑职称的单位推荐意见', 72, 760, 18)
  await draw(s)
  return inspect(await s.save())
}

describe('file names (redaction.filename-leak)', () => {
  const fires = (path: string) => runRule(redactionFilenameLeak, { set: { 'education.diploma': path } })
  test.for([
    ['the name', 'files/欧阳明远学历证书.pdf', 'name'],
    ['the name in Traditional characters', 'files/歐陽明遠-学历.pdf', 'name'],
    ['the name in pinyin, underscored', 'files/ouyang_mingyuan_diploma.pdf', 'name'],
    ['the name with spaces', 'files/欧阳 明远 学历.pdf', 'name'],
    ['the full employer', 'files/阿克苏地区融媒体中心推荐.pdf', 'employer'],
    ['the employer’s short form', 'files/地区融媒体中心-推荐.pdf', 'employer'],
  ] as const)('fires: %s', ([, path, kind]) => {
    const hits = fires(path)
    expect(hits.map((h) => h.messageId)).toEqual([kind])
    // The file as shown is masked: never the full name.
    expect(hits[0]!.file).not.toContain(NAME)
    expect(hits[0]!.file).not.toContain('歐陽明遠')
    expect(hits[0]!.file).not.toContain(EMPLOYER)
  })
  test('the file as shown is masked as every report masks the name and the employer', () => {
    expect(fires('files/欧阳明远学历证书.pdf')[0]!.file).toBe('files/欧**学历证书.pdf')
    expect(fires('files/阿克苏地区融媒体中心推荐.pdf')[0]!.file).toBe('files/阿克苏****中心推荐.pdf')
  })
  test.for([
    ['the masked name', 'files/欧**学历证书.pdf'],
    ['another person sharing a character', 'files/欧阳春学历.pdf'],
    ['three of the four characters', 'files/欧阳明学历.pdf'],
    ['the name in a folder only (the platform sees the file name)', 'files/欧阳明远/学历证书.pdf'],
    ['pinyin inside another word', 'files/xouyangmingyuanx.pdf'],
  ] as const)('silent: %s', ([, path]) => {
    expect(fires(path)).toEqual([])
  })
})

describe('PDF metadata (redaction.metadata-leak)', () => {
  test('Info /Author with the name fires, naming the field; an ordinary author does not', async () => {
    const leaky = await textPdf((s) => s.doc.setAuthor(NAME))
    const hits = judge(redactionMetadataLeak, leaky)
    expect(hits.map((h) => [h.messageId, h.data?.field])).toEqual([['pdfName', 'Info /Author']])
    const clean = await textPdf((s) => s.doc.setAuthor('Administrator'))
    expect(judge(redactionMetadataLeak, clean)).toEqual([])
  })

  test('XMP dc:creator with the employer fires; the masked form does not', async () => {
    const leaky = await textPdf((s) => setXmp(s, xmpPacket(EMPLOYER)))
    expect(judge(redactionMetadataLeak, leaky).map((h) => [h.messageId, h.data?.field])).toEqual([['pdfEmployer', 'XMP dc:creator']])
    const clean = await textPdf((s) => setXmp(s, xmpPacket('阿克苏****中心')))
    expect(judge(redactionMetadataLeak, clean)).toEqual([])
  })

  test('an earlier revision still holding the name fires; a file saved once without it does not', async () => {
    const s = await sheet()
    s.text('个人承诺书', 72, 760, 18)
    s.doc.setAuthor(NAME)
    // "Clearing" the author by an incremental update (as ExifTool does) leaves the old value in the file.
    const updated = appendInfoRevision(await s.save(), { Author: 'user' })
    const scan = await inspect(updated)
    expect(scan.metadata?.find((f) => f.field === 'Info /Author')?.value).toBe('user')
    expect(judge(redactionMetadataLeak, scan).map((h) => h.data?.field)).toEqual(['Info /Author (earlier revision)'])
    const s2 = await sheet()
    s2.text('个人承诺书', 72, 760, 18)
    s2.doc.setAuthor('user')
    expect(judge(redactionMetadataLeak, await inspect(await s2.save()))).toEqual([])
  })

  test('an annotation author with the name fires as an annotation; a reviewer’s own does not', async () => {
    const leaky = await textPdf((s) => annotate(s, 'Text', [400, 700, 420, 720], { author: NAME, contents: '请核对' }))
    expect(judge(redactionMetadataLeak, leaky).map((h) => h.messageId)).toEqual(['annotationName'])
    const clean = await textPdf((s) => annotate(s, 'Text', [400, 700, 420, 720], { author: '审核人', contents: '请核对' }))
    expect(judge(redactionMetadataLeak, clean)).toEqual([])
  })

  test('an annotation author with the employer fires as an annotation employer leak', async () => {
    const leaky = await textPdf((s) => annotate(s, 'Text', [400, 700, 420, 720], { author: EMPLOYER, contents: '请核对' }))
    expect(judge(redactionMetadataLeak, leaky).map((h) => h.messageId)).toEqual(['annotationEmployer'])
  })
})

describe('image metadata (redaction.metadata-leak)', () => {
  let jpeg: Buffer
  let png: Buffer
  beforeAll(async () => {
    jpeg = await plainJpeg()
    png = await plainPng()
  })
  const fields = async (bytes: Buffer, path = JPG) => judge(redactionMetadataLeak, await inspect(bytes), path).map((h) => `${h.messageId} ${String(h.data?.field)}`)

  test('EXIF Artist (UTF-8) and XPAuthor (UCS-2) with the name fire; the masked name does not', async () => {
    expect(await fields(withSegments(jpeg, exifSegment([{ tag: TAG.Artist, type: 2, bytes: asciiTag(NAME) }])))).toEqual(['imageName EXIF Artist'])
    expect(await fields(withSegments(jpeg, exifSegment([{ tag: TAG.XPAuthor, type: 1, bytes: ucs2Tag(NAME) }])))).toEqual(['imageName EXIF XPAuthor'])
    expect(await fields(withSegments(jpeg, exifSegment([{ tag: TAG.Copyright, type: 2, bytes: asciiTag(EMPLOYER) }])))).toEqual(['imageEmployer EXIF Copyright'])
    expect(await fields(withSegments(jpeg, exifSegment([{ tag: TAG.Artist, type: 2, bytes: asciiTag('欧**') }, { tag: TAG.XPAuthor, type: 1, bytes: ucs2Tag('Canon') }])))).toEqual([])
  })

  test('XMP dc:creator of a JPEG fires; another creator does not', async () => {
    const xmp = (who: string) => sharp_withXmp(jpeg, xmpPacket(who))
    expect(await fields(await xmp(NAME))).toEqual(['imageName XMP dc:creator'])
    expect(await fields(await xmp('扫描全能王'))).toEqual([])
  })

  test('IPTC By-line fires; an IPTC block without the name does not', async () => {
    expect(await fields(withSegments(jpeg, iptcSegment(NAME)))).toEqual(['imageName IPTC Byline'])
    expect(await fields(withSegments(jpeg, iptcSegment('欧**')))).toEqual([])
  })

  test('PNG text (iTXt Author) fires; other text does not', async () => {
    const path = 'files/普通话证书.jpg'
    expect(await fields(withPngText(png, 'Author', NAME), path)).toEqual(['imageName PNG Author'])
    expect(await fields(withPngText(png, 'Software', 'CamScanner'), path)).toEqual([])
  })
})

async function sharp_withXmp(jpeg: Buffer, xmp: string): Promise<Buffer> {
  const sharp = (await import('sharp')).default
  return sharp(jpeg).withXmp(xmp).jpeg({ quality: 80 }).toBuffer()
}

describe('the PDF text layer (redaction.text-leak)', () => {
  const kinds = async (draw: (s: Sheet) => void) => judge(redactionTextLeak, await textPdf(draw)).map((h) => `${h.messageId}@${h.page}`)

  test.for([
    ['the name as one run', (s: Sheet) => s.text(`申报人：${NAME}`, 72, 700), ['name@1']],
    ['spaces between the characters', (s: Sheet) => s.text('申报人：欧 阳 明 远', 72, 700), ['name@1']],
    ['full-width pinyin', (s: Sheet) => s.text('ＯＵＹＡＮＧ　ＭＩＮＧＹＵＡＮ', 72, 700), ['name@1']],
    ['Traditional characters', (s: Sheet) => s.text('申報人：歐陽明遠', 72, 700), ['name@1']],
    [
      'the name split across runs, one character each',
      (s: Sheet) => [...NAME].forEach((ch, i) => s.text(ch, 150 + i * 16, 700)),
      ['name@1'],
    ],
    [
      'a line break inside the name',
      (s: Sheet) => {
        s.text('推荐欧阳', 400, 700)
        s.text('明远同志申报主任编辑', 72, 680)
      },
      ['name@1'],
    ],
    ['the employer’s short form', (s: Sheet) => s.text('工作单位：地区融媒体中心', 72, 700), ['employer@1']],
    ['name and employer', (s: Sheet) => s.text(`${EMPLOYER}${NAME}`, 72, 700), ['name@1', 'employer@1']],
  ] as const)('fires: %s', async ([, draw, expected]) => {
    expect((await kinds(draw)).sort()).toEqual([...expected].sort())
  })

  test.for([
    ['the masked name', (s: Sheet) => s.text('申报人：欧**', 72, 700)],
    ['a masked employer', (s: Sheet) => s.text('工作单位：████', 72, 700)],
    ['another person sharing a character', (s: Sheet) => s.text('审核人：欧阳春、明远路', 72, 700)],
    ['three of the four characters', (s: Sheet) => s.text('欧阳明同志', 72, 700)],
    ['a list that puts two names side by side', (s: Sheet) => s.text('欧阳，明远', 72, 700)],
  ] as const)('silent: %s', async ([, draw]) => {
    expect(await kinds(draw)).toEqual([])
  })
})

describe('text under boxes (redaction.covered-text)', () => {
  const judged = async (draw: (s: Sheet) => void | Promise<void>) => judge(redactionCoveredText, await textPdf(draw)).map((h) => h.messageId)
  /** The name at (72, 700), 14 pt, and a box exactly over it. */
  const nameLine = (s: Sheet) => {
    s.text('申报人：', 72, 700)
    s.text(NAME, 72 + widthOf(s, '申报人：'), 700)
    return { x: 72 + widthOf(s, '申报人：') - 1, y: 696, w: widthOf(s, NAME) + 2, h: 18 }
  }

  test('a black box drawn over the name fires, saying it is the name (masked)', async () => {
    const scan = await textPdf((s) => {
      const b = nameLine(s)
      s.box(b.x, b.y, b.w, b.h)
    })
    const hits = judge(redactionCoveredText, scan)
    expect(hits.map((h) => h.messageId)).toEqual(['name'])
    expect(hits[0]!.data?.masked).toEqual({ secret: 'name', value: NAME })
    expect(hits[0]!.page).toBe(1)
  })

  test('a black box drawn over the employer fires, saying it is the employer', async () => {
    const scan = await textPdf((s) => {
      s.text('工作单位：', 72, 700)
      s.text(EMPLOYER, 72 + widthOf(s, '工作单位：'), 700)
      s.box(72 + widthOf(s, '工作单位：') - 1, 696, widthOf(s, EMPLOYER) + 2, 18)
    })
    const hits = judge(redactionCoveredText, scan)
    expect(hits.map((h) => h.messageId)).toEqual(['employer'])
    expect(hits[0]!.data?.masked).toEqual({ secret: 'employer', value: EMPLOYER })
  })

  test('a black box over other text fires as covered text, with a masked preview', async () => {
    const scan = await textPdf((s) => {
      s.text('联系电话：0997-2345678', 72, 650)
      s.box(72 + widthOf(s, '联系电话：') - 1, 646, widthOf(s, '0997-2345678') + 2, 18)
    })
    const hits = judge(redactionCoveredText, scan)
    expect(hits.map((h) => [h.messageId, h.data?.first, h.data?.count])).toEqual([['covered', '0', 12]])
  })

  test('a page blacked out box by box is one finding, with the count', async () => {
    const scan = await textPdf((s) => {
      for (let i = 0; i < 5; i++) {
        s.text(`第${i + 1}项：联系电话0997234567${i}`, 72, 600 - i * 30)
        s.box(70, 596 - i * 30, 200, 18)
      }
    })
    const hits = judge(redactionCoveredText, scan)
    expect(hits.map((h) => [h.messageId, h.data?.boxes])).toEqual([['many', 5]])
  })

  test('a black image pasted over the name fires', async () => {
    expect(
      await judged(async (s) => {
        const b = nameLine(s)
        await pasteImage(s, await solidPng([0, 0, 0]), b.x, b.y, b.w, b.h)
      }),
    ).toEqual(['name'])
  })

  test('text in the colour of a box drawn under it fires (black on black)', async () => {
    expect(
      await judged((s) => {
        s.box(150, 696, 80, 18)
        s.text(NAME, 152, 700)
      }),
    ).toEqual(['name'])
  })

  test('an unapplied Redact annotation over text fires', async () => {
    expect(
      await judged((s) => {
        s.text('身份证号：652901198603150011', 72, 650)
        annotate(s, 'Redact', [72 + widthOf(s, '身份证号：'), 646, 72 + widthOf(s, '身份证号：652901198603150011'), 664])
      }),
    ).toEqual(['redactAnnotation'])
  })

  test.for([
    ['a box drawn before the text (text on top shows)', (s: Sheet) => {
      s.box(140, 696, 120, 18, { colour: [0.2, 0.2, 0.5] })
      s.text(NAME, 150, 700, 14, [1, 1, 1])
    }],
    ['a translucent box over the name', (s: Sheet) => {
      const b = nameLine(s)
      s.box(b.x, b.y, b.w, b.h, { opacity: 0.4 })
    }],
    ['a white box over ordinary text (how forms are drawn)', (s: Sheet) => {
      s.text('（请填写）', 300, 600)
      s.box(298, 596, 60, 18, { colour: [1, 1, 1] })
    }],
    ['light table-cell shading over ordinary text', (s: Sheet) => {
      s.text('申报系列：新闻', 72, 600)
      s.box(70, 596, 120, 18, { colour: [0.9, 0.9, 0.9] })
    }],
    ['a black box over a mask', (s: Sheet) => {
      s.text('████', 72, 600)
      s.box(70, 596, 70, 18)
    }],
    ['a black box over nothing', (s: Sheet) => s.box(300, 300, 100, 20)],
    ['an underline under the name', (s: Sheet) => {
      const b = nameLine(s)
      s.box(b.x, b.y - 2, b.w, 1)
    }],
    ['a highlight annotation over the name', (s: Sheet) => {
      const b = nameLine(s)
      annotate(s, 'Highlight', [b.x, b.y, b.x + b.w, b.y + b.h])
    }],
    ['a stamp image with a transparent background over text', async (s: Sheet) => {
      s.text('推荐单位（盖章）', 300, 600)
      await pasteImage(s, await solidPng([200, 30, 30], 0), 296, 590, 140, 30)
    }],
  ] as const)('silent: %s', async ([, draw]) => {
    expect(await judged(draw as (s: Sheet) => void)).toEqual([])
  })

  test('a white box hiding the name still fires (it hides the name, whatever its colour)', async () => {
    expect(
      await judged((s) => {
        const b = nameLine(s)
        s.box(b.x, b.y, b.w, b.h, { colour: [1, 1, 1] })
      }),
    ).toEqual(['name'])
  })

  test("a scanner app's OCR layer under its scan: a patch burned into the scan hides only the OCR's reading of it, unless that is the name", async () => {
    const { setTextRenderingMode, TextRenderingMode } = await import('pdf-lib')
    // The scan: a page image with a black box burned in where the second line stood.
    const scanImage = await sharp({ create: { width: 595, height: 842, channels: 3, background: '#f4f2ee' } })
      .composite([{ input: await sharp({ create: { width: 420, height: 60, channels: 3, background: '#000' } }).png().toBuffer(), left: 60, top: 110 }])
      .png()
      .toBuffer()
    const searchable = async (hidden: string) => {
      const s = await sheet()
      // The OCR layer first (invisible text, render mode 3), the scan drawn over it, as some apps write them.
      s.page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible))
      s.text('关于申报主任编辑职称的单位推荐意见', 72, 760, 18)
      s.text(hidden, 72, 700)
      s.page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill))
      await pasteImage(s, scanImage, 0, 0, 595.28, 841.89)
      return inspect(await s.save())
    }
    // The OCR layer's words under the patch, not the name or employer: no finding at all.
    expect(judge(redactionCoveredText, await searchable('联系电话一三九九一二三四五六七八经办人签字日期'))).toEqual([])
    // The layer was made before the box was burned in: it still holds the name, which copies.
    expect(judge(redactionCoveredText, await searchable(`申报人：${NAME}`)).map((h) => h.messageId)).toEqual(['name'])
  })

  test('a black box clipped away does not hide the text', async () => {
    const { pushGraphicsState, popGraphicsState, rectangle, clip, endPath } = await import('pdf-lib')
    const scan = await textPdf((s) => {
      const b = nameLine(s)
      s.page.pushOperators(pushGraphicsState(), rectangle(0, 0, 50, 50), clip(), endPath())
      s.box(b.x, b.y, b.w, b.h)
      s.page.pushOperators(popGraphicsState())
    })
    expect(judge(redactionCoveredText, scan)).toEqual([])
  })
})

describe('scanned pages OCR could not read (scan.ocr-failed, summary.ocr)', () => {
  /** The facts of an image-only page as OCR left it (`ocr` absent: read without OCR, --no-ocr). */
  const withOcr = (scanned: ScanFacts, pages: Array<NonNullable<ScanFacts['pages'][number]['ocr']> | undefined>, ran = true): ScanFacts => ({
    ...scanned,
    kind: 'pdf',
    pageCount: pages.length,
    ...(ran ? { ocr: { engine: 'test' } } : {}),
    pages: pages.map((ocr, i) => ({ ...scanned.pages[0]!, page: i + 1, ...(ocr ? { ocr } : {}) })),
  })
  const read = { status: 'read', dpi: 150, lines: [] } as const

  test('fires per file with the pages not read, whatever stopped them; read pages and text pages are silent', async () => {
    const scanned = await inspect(await plainJpeg())
    const hits = runRule(scanOcrFailed, {
      scans: {
        [PDF]: withOcr(scanned, [read, { status: 'timeout', detail: 'not read in 30 s' }, { status: 'failed', detail: 'model' }, read, { status: 'failed', detail: 'model' }]),
        'files/学位证书.pdf': withOcr(scanned, [read, read]),
        [JPG]: { ...scanned, ocr: { engine: 'test' }, pages: [{ ...scanned.pages[0]!, ocr: { status: 'failed', detail: 'out of memory' } }] },
      },
    })
    expect(hits.map((h) => [h.messageId, h.file, h.page, h.data!.pages, h.data!.detail])).toEqual([
      ['pages', PDF, 2, '2–3, 5', 'not read in 30 s'],
      ['image', JPG, undefined, '1', 'out of memory'],
    ])
    // A page of an OCR'd file with no reading at all (the file's OCR time ran out) is not read either.
    expect(runRule(scanOcrFailed, { scans: { [PDF]: withOcr(scanned, [read, undefined]) } }).map((h) => h.data!.pages)).toEqual(['2'])
    expect(runRule(scanOcrFailed, { scans: { [PDF]: await textPdf(() => {}) } })).toEqual([])
  })

  test('--no-ocr: nothing failed (the verdict says what was not read)', async () => {
    const scanned = await inspect(await plainJpeg())
    expect(scanned.ocr).toBeUndefined()
    expect(runRule(scanOcrFailed, { scans: { [JPG]: scanned } })).toEqual([])
  })

  test('summary.ocr counts the image-only pages, what was read, skipped on purpose and failed, per file in path order', async () => {
    const scanned = await inspect(await plainJpeg())
    const text = await textPdf(() => {})
    const facts = (path: string, scan: ScanFacts) => ({ path, exists: true, scan }) as unknown as FileFacts
    const coverage = ocrCoverage([
      facts('files/b.pdf', withOcr(scanned, [read, { status: 'timeout', detail: 't' }, read])),
      facts('files/a.jpg', scanned), // read without OCR
      facts('files/c.pdf', text),
      facts('files/d.pdf', withOcr(scanned, [read])),
    ])
    expect(coverage).toEqual({
      pages: 5,
      read: 3,
      notRead: [{ file: 'files/a.jpg', pages: [1] }],
      failed: [{ file: 'files/b.pdf', pages: [2] }],
    })
    expect(exitCodeFor({ errors: 0, warnings: 1, infos: 0, files: 4, ocr: coverage })).toBe(1)
    expect(exitCodeFor({ errors: 0, warnings: 0, infos: 0, files: 4, ocr: { ...coverage, failed: [] } })).toBe(0)
    expect(pageList([1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7–8')
  })
})
