import type { Text } from './define-rule.js'

// Errors an `accepted:` entry in the manifest cannot turn into an info, with why. The notice makes
// these absolute in its own words (不予受理, 除外, 均需遮盖, 不得低于): no explanation by the applicant
// changes the outcome, so accepting one would only hide a certain rejection. The manifest's own
// errors are here too: an acceptance cannot make the checker read a field or find a file.
// Every other rule, warnings and infos included, may be accepted with a reason.

const BLIND: Text = {
  zh: '通知四（一）3：评审采用“盲评”，所有填写内容及上传附件中涉及本人姓名、照片和工作单位信息均需遮盖',
  en: 'notice 四（一）3: the review is blind; the name, photo and employer must be masked in everything typed and uploaded',
}
const MANIFEST: Text = {
  zh: '这是清单本身的问题：接受它不能让检查器读懂这个字段或找到这个文件',
  en: 'a fault of the manifest itself: accepting it does not let the checker read the field or find the file',
}

export const ABSOLUTE_RULES: Readonly<Record<string, Text>> = {
  'manifest.invalid': MANIFEST,
  'manifest.file-missing': MANIFEST,
  'manifest.path-outside': MANIFEST,
  'manifest.accepted': MANIFEST,
  'scope.exam-based': { zh: '通知一：国家以考代评的专业除外，不参加本次评审', en: 'notice 一: titles filled by the national exam are not reviewed here' },
  'timeline.window': {
    zh: '通知三（一）、四（一）1：申报时间由通知规定，超过申报时限的不予受理',
    en: 'notice 三（一）, 四（一）1: the window is the notice’s; what comes after it is not accepted (不予受理)',
  },
  'resubmission.limit': {
    zh: '通知四（一）1：提交审核次数不得超过3次，第3次提交后仍不符合要求的不予受理',
    en: 'notice 四（一）1: at most 3 submissions; still not compliant after the third is not accepted (不予受理)',
  },
  'mandarin.grade': { zh: '通知四（一）5：普通话水平不得低于规定等级', en: 'notice 四（一）5: the Mandarin grade may not be below the one required' },
  'redaction.flags': BLIND,
  'redaction.filename-leak': BLIND,
  'redaction.metadata-leak': BLIND,
  'redaction.text-leak': BLIND,
  'redaction.covered-text': BLIND,
  'redaction.ocr-leak': BLIND,
  'redaction.photo-leak': BLIND,
  'redaction.field-leak': BLIND,
  'redaction.classified': { zh: '通知四（一）3：涉密材料需经过脱密处理后上传', en: 'notice 四（一）3: classified material must be declassified before upload' },
}
