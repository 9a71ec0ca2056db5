import { isImageFile } from '../../inspect/facts.js'
import { MIN_FACE_MM } from '../../inspect/faces.js'
import { defineRule, type Hit } from '../define-rule.js'
import { identityTerms, maskIdentity } from '../../identity/match.js'
import { fileHit } from '../shared/file-hit.js'
import { place } from './common.js'

// 四（一）3: 所有……上传附件中涉及本人……照片……均需遮盖. A face that shows on any page of any
// uploaded file, whatever the manifest's redaction.photo says (faces.ts finds them; a face under a
// box drawn over it in the PDF is marked covered and is no finding). Faces narrower than
// MIN_FACE_MM on paper are not reported by inspection: too small to identify anyone.

type Message = 'face' | 'imageFace' | 'faceFlagWrong' | 'imageFaceFlagWrong'

const FLAG = {
  zh: '；清单写了照片已遮盖（redaction.photo: true），与文件不符',
  en: '; the manifest says the photo is masked (redaction.photo: true), which this file contradicts',
}

export const redactionPhotoLeak = defineRule({
  id: 'redaction.photo-leak',
  area: 'redaction',
  severity: 'error',
  clause: '四（一）3',
  description: {
    zh: `盲评：上传文件中有未遮盖的人脸照片（证件照等；宽不足 ${MIN_FACE_MM} mm 的人脸不计）`,
    en: `Blind review: an uploaded file shows a face that is not masked (an ID photo …; faces narrower than ${MIN_FACE_MM} mm are not counted)`,
  },
  messages: {
    face: {
      zh: '{file} 第 {page} 页有未遮盖的人脸照片，位置：距页面左上角 {x}×{y} mm，人脸宽 {w} mm',
      en: '{file} page {page}: a face is not masked, {x}×{y} mm from the top left, {w} mm wide',
    },
    imageFace: {
      zh: '{file} 上有未遮盖的人脸照片，位置：距页面左上角 {x}×{y} mm，人脸宽 {w} mm',
      en: '{file}: a face is not masked, {x}×{y} mm from the top left, {w} mm wide',
    },
    faceFlagWrong: {
      zh: `{file} 第 {page} 页有未遮盖的人脸照片，位置：距页面左上角 {x}×{y} mm，人脸宽 {w} mm${FLAG.zh}`,
      en: `{file} page {page}: a face is not masked, {x}×{y} mm from the top left, {w} mm wide${FLAG.en}`,
    },
    imageFaceFlagWrong: {
      zh: `{file} 上有未遮盖的人脸照片，位置：距页面左上角 {x}×{y} mm，人脸宽 {w} mm${FLAG.zh}`,
      en: `{file}: a face is not masked, {x}×{y} mm from the top left, {w} mm wide${FLAG.en}`,
    },
  },
  fix: {
    zh: '在原件复印件的照片上贴纸或涂黑后重新扫描；或用图片/PDF 软件在照片上画不透明色块后另存为新文件（马赛克或模糊须粗到认不出人脸）；遮盖后再勾选“照片”遮盖项',
    en: 'cover the photo on a copy of the original and scan it again; or paint an opaque block over it in an image or PDF editor and save a new file (a mosaic or blur must leave no recognisable face); then tick the photo mask',
  },
  examples: {
    fail: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 证书上的证件照没有遮盖', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # the ID photo on the certificate is not covered' },
    pass: { zh: 'mandarin:\n  certificate: files/普通话证书.jpg   # 证件照已涂黑', en: 'mandarin:\n  certificate: files/普通话证书.jpg   # the ID photo is blacked out' },
    fromFiles: true,
  },
  check(ctx) {
    const terms = identityTerms(ctx.data.applicant)
    const flagSaysMasked = ctx.data.redaction?.photo === true
    const hits: Hit<Message>[] = []
    for (const { facts: f, at } of ctx.files()) {
      // The path as a report may show it: the name or employer in it masked.
      const file = maskIdentity(f.path, terms)
      const image = isImageFile(f)
      for (const page of f.scan.pages) {
        for (const face of page.faces ?? []) {
          if (face.covered) continue
          const id: Message = `${image ? 'imageFace' : 'face'}${flagSaysMasked ? 'FlagWrong' : ''}` as Message
          hits.push(fileHit(id, file, at, image ? undefined : page.page, { page: page.page, ...place(face.box) }))
        }
      }
    }
    return hits
  },
})
