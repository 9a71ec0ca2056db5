#!/usr/bin/env bash
# Makes the encrypted PDFs of test/fixtures/pdf (a few KB each), so the tests of scan.encrypted
# fire without the shared corpus or qpdf: one page made by pdf-lib, then encrypted by qpdf
# (--static-id and --static-aes-iv: the same bytes on every run, for tests only).
#   encrypted-user-password.pdf   AES-256 (R6), user password "user-secret": needs a password to open
#   encrypted-empty-password.pdf  AES-128 (R4), empty user password, owner password "owner-secret":
#                                 opens without a password but is encrypted
# Needs: qpdf (apt-get install qpdf).
set -euo pipefail
cd "$(dirname "$0")/.."
plain=$(mktemp --suffix=.pdf)
trap 'rm -f "$plain"' EXIT
node --input-type=module -e "
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { writeFileSync } from 'node:fs'
const doc = await PDFDocument.create({ updateMetadata: false })
const page = doc.addPage([595, 842])
page.drawText('encrypted test page', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) })
writeFileSync('$plain', await doc.save())
"
qpdf --static-id --static-aes-iv --encrypt user-secret owner-secret 256 -- "$plain" test/fixtures/pdf/encrypted-user-password.pdf
qpdf --static-id --static-aes-iv --encrypt '' owner-secret 128 --use-aes=y -- "$plain" test/fixtures/pdf/encrypted-empty-password.pdf
ls -l test/fixtures/pdf
