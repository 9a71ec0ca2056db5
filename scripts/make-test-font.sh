#!/usr/bin/env bash
# Makes test/fixtures/fonts/wqy-microhei-subset.ttf: WenQuanYi Micro Hei (Apache-2.0, Debian's
# fonts-wqy-microhei 0.2.0-beta) cut down to the characters the tests draw
# (scripts/test-font-text.mjs), so the tests that render Chinese need no system font. Run it again
# when test/fixtures.test.ts says a character the tests draw is missing from the font.
# Needs: fonts-wqy-microhei and fonttools (pip install fonttools; made with fonttools 4.66.1).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${WQY_MICROHEI:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
text=$(mktemp)
trap 'rm -f "$text"' EXIT
node scripts/test-font-text.mjs > "$text"
# Font 0 of the collection (Micro Hei, not Micro Hei Mono); every name record is kept so the
# family is still "WenQuanYi Micro Hei" and fontconfig matches it by that name; no timestamp
# change (--no-recalc-timestamp) so the same input gives the same bytes.
python3 -m fontTools.subset "$src" --font-number=0 --text-file="$text" \
  --layout-features='*' --name-IDs='*' --name-languages='*' --name-legacy --notdef-outline \
  --no-recalc-timestamp --output-file=test/fixtures/fonts/wqy-microhei-subset.ttf
ls -l test/fixtures/fonts/wqy-microhei-subset.ttf
