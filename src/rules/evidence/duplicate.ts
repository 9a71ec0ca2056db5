import type { FileFacts } from '../../inspect/facts.js'
import { samePicture } from '../../inspect/fingerprint.js'
import { slotOf } from '../../evidence/slots.js'
import { defineRule, type Hit } from '../define-rule.js'

// 四（一）1 错传: one scan uploaded for two pieces of evidence (the diploma again as the degree, last
// year's certificate copied into this year's slot). Same bytes are the same scan; so is the same
// picture saved again (another JPEG quality, another PDF wrapper), when inspection has its hash.

type Same = 'path' | 'bytes' | 'picture'

/** Whether the two files show the same picture on every page; null when it cannot be told. */
export type SamePicture = (a: FileFacts, b: FileFacts) => boolean | null

/**
 * Every page of one is the same picture as the same page of the other (inspection's perceptual
 * hash, fingerprint.ts); null when a page has no hash (a page that is not a scan, an old cache entry).
 */
export const samePages: SamePicture = (a, b) => {
  const pa = a.scan?.pages ?? []
  const pb = b.scan?.pages ?? []
  if (pa.length === 0 || pa.length !== pb.length) return null
  for (let i = 0; i < pa.length; i++) {
    const ha = pa[i]!.scanImage?.pixels?.hash
    const hb = pb[i]!.scanImage?.pixels?.hash
    if (!ha || !hb) return null
    if (!samePicture(ha, hb)) return false
  }
  return true
}

export function duplicateRule(samePicture: SamePicture) {
  return defineRule({
    id: 'evidence.duplicate-file',
    area: 'evidence',
    severity: 'warning',
    clause: '四（一）1',
    description: {
      zh: '同一份扫描件（同一个文件、相同的字节或同一张图重新保存）写在清单的两个栏目里',
      en: 'The same scan (the same file, the same bytes, or the same picture saved again) is named in two slots',
    },
    messages: {
      path: { zh: '{file} 同时写在 {first} 和 {second}', en: '{file} is named both in {first} and in {second}' },
      bytes: { zh: '{second} 的 {file} 与 {first} 的 {other} 是同一份文件（内容完全相同）', en: '{file} ({second}) has the same bytes as {other} ({first})' },
      picture: { zh: '{second} 的 {file} 与 {first} 的 {other} 是同一张扫描图（另存过）', en: '{file} ({second}) is the same picture as {other} ({first}), saved again' },
    },
    fix: {
      zh: '确认 {second} 应放哪份材料，换上对应的扫描件',
      en: 'check which document belongs in {second} and name its own scan there',
    },
    examples: {
      fail: { zh: 'education:\n  diploma: files/学历证书.pdf\n  degree: files/学历证书.pdf   # 同一个文件', en: 'education:\n  diploma: files/学历证书.pdf\n  degree: files/学历证书.pdf   # the same file' },
      pass: 'education:\n  diploma: files/学历证书.pdf\n  degree: files/学位证书.pdf',
      fromFiles: true,
    },
    check(ctx) {
      const hits: Hit<Same>[] = []
      const seen: Array<{ pointer: string; file: string; facts: FileFacts | undefined }> = []
      for (const { pointer, file, facts } of ctx.named()) {
        if (!facts?.exists) continue
        for (const prev of seen) {
          const same = sameness(prev, { file, facts }, samePicture)
          if (!same) continue
          if (same === 'path' && bothCoursesOfAYear(prev.pointer, pointer, ctx)) break
          hits.push({ messageId: same, data: { file, other: prev.file, first: prev.pointer, second: pointer }, at: pointer, file })
          break
        }
        seen.push({ pointer, file, facts })
      }
      return hits
    },
  })
}

function sameness(a: { file: string; facts: FileFacts | undefined }, b: { file: string; facts: FileFacts }, samePicture: SamePicture): Same | null {
  if (a.file === b.file) return 'path'
  if (!a.facts) return null
  if (a.facts.sha256 && a.facts.sha256 === b.facts.sha256) return 'bytes'
  return samePicture(a.facts, b.facts) === true ? 'picture' : null
}

/** One certificate for both courses of a year, named under public and professional: allowed. */
function bothCoursesOfAYear(a: string, b: string, ctx: { manifest: { data?: unknown } }): boolean {
  const data = ctx.manifest.data as Parameters<typeof slotOf>[1] | undefined
  if (!data) return false
  const sa = slotOf(a, data)
  const sb = slotOf(b, data)
  return sa?.kind === 'ce' && sb?.kind === 'ce' && sa.year === sb.year
}

export const evidenceDuplicateFile = duplicateRule(samePages)
