import { escapeHtml } from './html-escape.js'

// The pictures of an HTML report. Several findings about the same page with the same marks share
// one drawing (src/preview/thumbnails.ts draws it once); here it is also written once: a picture
// used by two or more findings is defined once as an SVG <image> at the end of the page and each
// finding shows it with <use>, so a page with ten findings on one scan carries one copy, not ten.
// A picture used once stays a plain <img>. data: URLs only (the page's CSP allows nothing else).

export interface Figures {
  /** The <figure> of finding `index`, or '' when it has no picture. */
  figure(index: number, alt: string): string
  /** The shared pictures, once each: to put at the end of the page ('' when none is shared). */
  sprite: string
}

export function planFigures(thumbnails: ReadonlyMap<number, string> | undefined, idPrefix = 'pic'): Figures {
  const uses = new Map<string, number>()
  for (const url of thumbnails?.values() ?? []) uses.set(url, (uses.get(url) ?? 0) + 1)
  // Ids in the order the pictures first appear (by finding index): the same report, the same page.
  const shared = new Map<string, { id: string; width: number; height: number }>()
  for (const [, url] of [...(thumbnails ?? [])].sort(([a], [b]) => a - b)) {
    if ((uses.get(url) ?? 0) < 2 || shared.has(url)) continue
    const size = jpegSize(url)
    if (size) shared.set(url, { id: `${idPrefix}-${shared.size + 1}`, ...size })
  }
  return {
    figure(index, alt) {
      const url = thumbnails?.get(index)
      if (!url) return ''
      const s = shared.get(url)
      if (!s) return `<figure><img alt="${escapeHtml(alt)}" src="${escapeHtml(url)}"></figure>`
      return `<figure><svg class="pic" role="img" aria-label="${escapeHtml(alt)}" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}"><use href="#${s.id}"/></svg></figure>`
    },
    sprite:
      shared.size === 0
        ? ''
        : `<svg class="pics" aria-hidden="true" width="0" height="0"><defs>${[...shared]
            .map(([url, s]) => `<image id="${s.id}" width="${s.width}" height="${s.height}" href="${escapeHtml(url)}"/>`)
            .join('')}</defs></svg>`,
  }
}

/** Width and height of a data:image/jpeg URL, from its first SOF marker; undefined when not found. */
export function jpegSize(url: string): { width: number; height: number } | undefined {
  const m = /^data:image\/jpeg;base64,([A-Za-z0-9+/=]+)$/u.exec(url)
  if (!m) return undefined
  const b = Buffer.from(m[1]!, 'base64')
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined
    const marker = b[at + 1]!
    const length = b.readUInt16BE(at + 2)
    // SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(at + 5)
      const width = b.readUInt16BE(at + 7)
      return width > 0 && height > 0 ? { width, height } : undefined
    }
    at += 2 + length
  }
  return undefined
}
