import { defineRule, type Hit } from '../define-rule.js'

// The same scan in two applicants' packages (scan area, batch only): a certificate copied from a
// colleague, or files put in the wrong folder. One package alone cannot see it; `batch` (and
// `merge`, from the shard reports) compares the packages' file digests and hands the matches to
// this rule, which words a warning in every package involved.

/** Other packages named in one message; the rest are counted. */
const MAX_NAMED = 5

export const scanSameElsewhere = defineRule({
  id: 'scan.same-elsewhere',
  area: 'scan',
  severity: 'warning',
  clause: '四（二）',
  needsData: false,
  description: {
    zh: '同一份扫描件（字节相同，或重新保存过的同一张图）出现在不同申报人的申报包里（批量检查）',
    en: 'the same scan (same bytes, or the same picture saved again) is in other applicants’ packages (batch)',
  },
  messages: {
    sameBytes: {
      zh: '{file} 与其他申报包里的文件完全相同（同一份文件）：{others}',
      en: '{file} is byte for byte the same file as in other packages: {others}',
    },
    samePicture: {
      zh: '{file} 第 {page} 页与其他申报包里的页面是同一张图（重新保存或压缩过）：{others}',
      en: 'page {page} of {file} is the same picture (saved again or recompressed) as in other packages: {others}',
    },
    sameBytesMany: {
      zh: '{file} 与其他申报包里的 {count} 个文件完全相同（同一份文件），如：{others}',
      en: '{file} is byte for byte the same file as {count} files in other packages, e.g.: {others}',
    },
    samePictureMany: {
      zh: '{file} 第 {page} 页与其他申报包里的 {count} 个页面是同一张图（重新保存或压缩过），如：{others}',
      en: 'page {page} of {file} is the same picture (saved again or recompressed) as {count} pages in other packages, e.g.: {others}',
    },
  },
  fix: {
    zh: '核对这份材料是不是申报人本人的：放错文件夹的，换回本人的材料；复制他人证书的，撤下并由单位核实',
    en: 'check that the document is the applicant’s own: if it is in the wrong folder, put the applicant’s own; if it was copied from someone else, take it out and have the unit look into it',
  },
  examples: {
    fail: {
      zh: 'education:\n  diploma: files/学历证书.pdf   # 与同一批另一位申报人的学历证书是同一份扫描件',
      en: 'education:\n  diploma: files/diploma.pdf   # the same scan as another applicant’s diploma in the batch',
    },
    pass: {
      zh: 'education:\n  diploma: files/学历证书.pdf   # 本人的证书，只在本人的申报包里',
      en: 'education:\n  diploma: files/diploma.pdf   # the applicant’s own, in no other package',
    },
    fromFiles: true,
  },
  check(ctx) {
    return (ctx.elsewhere ?? []).map((e): Hit<'sameBytes' | 'samePicture' | 'sameBytesMany' | 'samePictureMany'> => {
      const many = e.others.length > MAX_NAMED
      const data = { file: e.file, others: e.others.slice(0, MAX_NAMED), ...(many ? { count: e.others.length } : {}) }
      if (e.page === undefined) return { messageId: many ? 'sameBytesMany' : 'sameBytes', file: e.file, data }
      return { messageId: many ? 'samePictureMany' : 'samePicture', file: e.file, page: e.page, data: { ...data, page: e.page } }
    })
  },
})
