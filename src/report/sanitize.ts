// Everything a report prints that came from the package (manifest values, file and folder names,
// zip entry names) may carry characters a terminal or an editor acts on: ESC and CSI sequences that
// clear the screen or forge a "✔ PASS", OSC titles and links, BEL, a bare CR that overwrites the
// line, and the bidi overrides (U+202E) that show text reversed. They are shown escaped, as
// `\x1b` or `\u202e`, in every format: a person sees that something odd is there, and nothing acts.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const n = c.codePointAt(0)!
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`
  })
}

export function hasControls(text: string): boolean {
  return new RegExp(UNSAFE.source, 'u').test(text)
}
