import sharp from 'sharp'
import type { Box, Face } from './facts.js'
import { detectFaces, FACE_DPI, MIN_FACE_MM, type FoundFace } from './faces.js'
import { overlapArea, round1 } from './geometry.js'

// Where faces.ts is given pixels: the pictures of each page as they are placed on it. Kept apart
// from the readers (image.ts, pdf.ts) so that each calls one function with what it decoded.

/** Pixels a millimetre the detector is given: FACE_DPI. */
const PX_PER_MM = FACE_DPI / 25.4
/** A picture placed smaller than this (mm, both sides) cannot hold a face of MIN_FACE_MM. */
const MIN_PICTURE_MM = MIN_FACE_MM * 1.25
/** An opaque box drawn after the picture that covers this share of a face hides it. */
const COVERED = 0.6

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * Faces on a picture placed on the page at `placed` (points from the page's top left, upright),
 * given a sharp pipeline of the picture already turned upright. The pipeline is resized to
 * FACE_DPI at the placed size (never enlarged beyond 2×).
 */
export async function facesOnPicture(upright: sharp.Sharp, placed: Box): Promise<Face[]> {
  if (!canHoldFace(placed)) return []
  const wMm = ((placed[2] - placed[0]) * 25.4) / 72
  const hMm = ((placed[3] - placed[1]) * 25.4) / 72
  const width = Math.max(1, Math.round(wMm * PX_PER_MM))
  const height = Math.max(1, Math.round(hMm * PX_PER_MM))
  const { data, info } = await upright
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  if (info.channels !== 3) return []
  const found = await detectFaces({ data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height }, PX_PER_MM)
  return found.map((f) => toPage(f, placed, info.width, info.height))
}

/** A picture placed this large can show a face of MIN_FACE_MM: smaller ones (logos, icons) are not decoded. */
export function canHoldFace(placed: Box): boolean {
  return ((placed[2] - placed[0]) * 25.4) / 72 >= MIN_PICTURE_MM && ((placed[3] - placed[1]) * 25.4) / 72 >= MIN_PICTURE_MM
}

function toPage(f: FoundFace, placed: Box, w: number, h: number): Face {
  const sx = (placed[2] - placed[0]) / w
  const sy = (placed[3] - placed[1]) / h
  return {
    box: [round1(placed[0] + f.box[0] * sx), round1(placed[1] + f.box[1] * sy), round1(placed[0] + f.box[2] * sx), round1(placed[1] + f.box[3] * sy)],
    score: round2(f.score),
  }
}

/** Marks the faces that an opaque box drawn later covers (most of the face under it). */
export function markCovered(faces: Face[], covers: readonly Box[]): Face[] {
  return faces.map((f) => {
    const area = (f.box[2] - f.box[0]) * (f.box[3] - f.box[1])
    const hidden = covers.some((c) => area > 0 && overlapArea(c, f.box) >= COVERED * area)
    return hidden ? { ...f, covered: true } : f
  })
}

/** Faces in page order (top to bottom, then left to right), the same face from two pictures once. */
export function orderFaces(faces: Face[]): Face[] {
  return [...faces].sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0] || b.score - a.score)
}
