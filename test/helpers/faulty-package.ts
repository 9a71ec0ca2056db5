import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib'
import sharp from 'sharp'
import { put, writePackage } from './tmp-package.js'

// A package with the faults a person should see in the HTML report: a diploma scanned sideways
// (/Rotate 90), a blurred Mandarin certificate, and a commitment whose signature (the name, in its
// Latin variant) has a black box drawn over text that still copies.

export const FAULTY_RULES = ['scan.rotated', 'scan.blurry', 'redaction.covered-text'] as const

export async function writeFaultyPackage(): Promise<string> {
  const dir = writePackage()
  const degree = await PDFDocument.load(readFileSync(join(dir, 'files/学位证书.pdf')))
  degree.getPage(0).setRotation(degrees(90))
  put(dir, 'files/学位证书.pdf', await degree.save())
  put(dir, 'files/普通话证书.jpg', await sharp(readFileSync(join(dir, 'files/普通话证书.jpg'))).blur(5).jpeg({ quality: 80 }).toBuffer())
  put(dir, 'files/附件/个人承诺书.pdf', await coveredSignature())
  return dir
}

async function coveredSignature(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595.28, 841.89])
  page.drawText('Personal commitment', { x: 72, y: 760, size: 18, font })
  page.drawText('Every document in this package is true and complete.', { x: 72, y: 720, size: 12, font })
  const prefix = 'Signed: '
  const name = 'Ouyang Mingyuan'
  page.drawText(prefix + name, { x: 72, y: 680, size: 12, font })
  const x = 72 + font.widthOfTextAtSize(prefix, 12)
  page.drawRectangle({ x: x - 2, y: 676, width: font.widthOfTextAtSize(name, 12) + 4, height: 16, color: rgb(0, 0, 0) })
  return doc.save({ useObjectStreams: false })
}
