import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import type { FileFacts } from '../../src/inspect/facts.js'
import { fileRefs } from '../../src/manifest/file-refs.js'
import { loadManifestText } from '../../src/manifest/load.js'
import { loadPolicy } from '../../src/policy/load.js'
import { ruleContext } from '../../src/rules/context.js'
import type { RuleContext } from '../../src/rules/define-rule.js'
import { duplicateRule, evidenceDuplicateFile } from '../../src/rules/evidence/duplicate.js'
import { evidenceMismatch, evidenceUnread, evidenceWrongDocument } from '../../src/rules/evidence/readings.js'
import { BASE_TODAY, baseManifest } from '../helpers/base-manifest.js'
import { coverMessages } from '../helpers/message-coverage.js'
import { ocrScan } from '../helpers/ocr-facts.js'
import { applySet, ruleCases } from '../helpers/rule-cases.js'

// What the scans say, from OCR lines as inspection leaves them (test/helpers/ocr-facts.ts). The
// same rules on real OCR of generated, varied scans: test/evidence/generated.test.ts.

const MANDARIN = 'files/普通话证书.jpg'
const CE = 'files/继续教育/2021公需课.pdf'
const CHSI = 'files/学信网备案表.pdf'
const DIPLOMA = 'files/学历证书.pdf'
const DEGREE = 'files/学位证书.pdf'
const PUBLICITY = 'files/附件/单位公示.pdf'

const mandarin = (grade: string, conf = 0.99, score = '88.5') => ocrScan([['普通话水平测试等级证书'], [`成绩：${score}分`], ['等级：', 0.99, 90, 400], [grade, conf, 160, 400]])
const ce = (year: number, hours: number, course = '公需科目', conf = 0.99) => ocrScan([['专业技术人员继续教育'], [`${course}培训合格证明`], [`欧**同志于${year}年参加${course}培训，共计${hours}学时，考核合格。`, conf]], 'pdf')
const chsi = (code: string, conf = 0.99, validUntil = '2024年12月31日') =>
  ocrScan([['教育部学历证书电子注册备案表'], [`在线验证码：${code}`, conf], ['毕业日期：2009年6月30日'], ['层次：本科'], [`报告有效期至：${validUntil}`]], 'pdf')
const diploma = () => ocrScan([['普通高等学校毕业证书'], ['学生欧**在本校汉语言文学专业四年制本科学习，准予毕业。']], 'pdf')
const degree = () => ocrScan([['学士学位证书'], ['授予文学学士学位。']], 'pdf')
const publicity = (start: string, end: string) => ocrScan([['关于欧**同志申报主任编辑职称的公示'], [`公示时间：${start}至${end}。`]], 'pdf')

const CLEAN_SCANS = {
  [MANDARIN]: mandarin('二级甲等'),
  [CE]: ce(2021, 30),
  [CHSI]: chsi('A1B2C3D4E5F6G7H8'),
  [DIPLOMA]: diploma(),
  [DEGREE]: degree(),
  [PUBLICITY]: publicity('2024年7月10日', '2024年7月16日'),
}

ruleCases(evidenceMismatch, {
  fires: [
    { name: 'grade: the certificate prints 二级乙等, the manifest says 二级甲等', scans: { ...CLEAN_SCANS, [MANDARIN]: mandarin('二级乙等') }, expect: [{ messageId: 'differs', at: 'mandarin.grade', file: MANDARIN, data: { read: '二级乙等', typed: '二级甲等' } }] },
    { name: 'hours: 20 printed, 30 typed', scans: { ...CLEAN_SCANS, [CE]: ce(2021, 20) }, expect: [{ messageId: 'differs', at: 'continuing_education.years.2021.public.hours', data: { read: '20', typed: '30' } }] },
    { name: 'code: the typed code is not the printed one', set: { 'education.verification.code': 'K7M2P9Q4R8S3T6V1' }, scans: CLEAN_SCANS, expect: [{ messageId: 'differs', at: 'education.verification.code', data: { read: 'A1B2C3D4E5F6G7H8', typed: 'K7M2P9Q4R8S3T6V1' } }] },
    { name: 'valid until: 2025 typed, the report says 2024-12-31', set: { 'education.verification.valid_until': '2025-12-31' }, scans: CLEAN_SCANS, expect: [{ messageId: 'differs', at: 'education.verification.valid_until', data: { read: '2024-12-31', typed: '2025-12-31' } }] },
    { name: 'level: 硕士研究生 typed, the 备案表 and the diploma say 本科', set: { 'education.level': '硕士研究生' }, scans: CLEAN_SCANS, expect: [{ messageId: 'differs', file: DIPLOMA, data: { read: '本科' } }, { messageId: 'differs', file: CHSI, data: { read: '本科' } }] },
    { name: 'publicity dates: the notice states other days', scans: { ...CLEAN_SCANS, [PUBLICITY]: publicity('2024年7月3日', '2024年7月9日') }, expect: [{ messageId: 'differs', at: 'publicity.start', data: { read: '2024-07-03', typed: '2024-07-10' } }, { messageId: 'differs', at: 'publicity.end', data: { read: '2024-07-09', typed: '2024-07-16' } }] },
  ],
  silent: [
    { name: 'every scan agrees with the manifest', scans: CLEAN_SCANS },
    { name: 'a grade off only by characters OCR confuses (二/三), even read at 1.0, is a note', scans: { ...CLEAN_SCANS, [MANDARIN]: mandarin('三级甲等', 1) } },
    { name: 'a code off by 8/S read at 0.99: a misreading cannot be told from a typo', scans: { ...CLEAN_SCANS, [CHSI]: chsi('A1B2C3D4E5F6G7HS', 0.99) } },
    { name: 'no OCR (--no-ocr): nothing read, nothing compared' },
    { name: 'a grade read below the policy confidence is never an error', scans: { ...CLEAN_SCANS, [MANDARIN]: mandarin('二级乙等', 0.7) } },
    { name: 'a code one character off, read at 0.95: OCR confuses 1 and 7', set: { 'education.verification.code': 'A1B2C3D4E5F6G7H1' }, scans: { ...CLEAN_SCANS, [CHSI]: chsi('A1B2C3D4E5F6G7H7', 0.95) } },
    { name: 'the code typed in lower case with spaces is the same code', set: { 'education.verification.code': 'a1b2 c3d4 e5f6 g7h8' }, scans: CLEAN_SCANS },
    { name: 'a diploma in the degree slot is wrong-document’s, not compared', set: { 'education.degree': DIPLOMA }, scans: CLEAN_SCANS },
    { name: 'score typed 88.5, printed 88.5', set: { 'mandarin.grade': 88.5 }, scans: CLEAN_SCANS },
  ],
  edge: [
    { name: 'one character off, not one OCR confuses (H/B): an error', set: { 'education.verification.code': 'A1B2C3D4E5F6G7B8' }, scans: CLEAN_SCANS, expect: [{ messageId: 'differs', data: { read: 'A1B2C3D4E5F6G7H8', typed: 'A1B2C3D4E5F6G7B8' } }] },
    { name: 'confidence exactly the policy minimum (0.9) counts as clear', set: { 'education.verification.code': 'K7M2P9Q4R8S3T6V1' }, scans: { ...CLEAN_SCANS, [CHSI]: chsi('A1B2C3D4E5F6G7H8', 0.9) }, expect: [{ messageId: 'differs', data: { read: 'A1B2C3D4E5F6G7H8' } }] },
    { name: 'score typed 88.5, printed 87.2: beyond the tolerance', set: { 'mandarin.grade': 88.5 }, scans: { ...CLEAN_SCANS, [MANDARIN]: mandarin('二级甲等', 0.99, '87.2') }, expect: [{ messageId: 'differs', data: { read: '87.2', typed: '88.5' } }] },
    {
      name: 'only the score legible: the grade it reaches (policy table) is compared',
      scans: { ...CLEAN_SCANS, [MANDARIN]: ocrScan([['普通话水平测试等级证书'], ['成绩：84.2分']]) },
      expect: [{ messageId: 'differs', data: { read: '84.2（二级乙等）', typed: '二级甲等' } }],
    },
  ],
})

ruleCases(evidenceWrongDocument, {
  fires: [
    { name: 'the diploma named as the degree', set: { 'education.degree': DIPLOMA }, scans: CLEAN_SCANS, expect: [{ messageId: 'kind', at: 'education.degree', file: DIPLOMA, data: { expected: '学位证书', found: '毕业证书' } }] },
    { name: 'a 2022 certificate in the 2021 slot', scans: { ...CLEAN_SCANS, [CE]: ce(2022, 30) }, expect: [{ messageId: 'year', data: { slotYear: 2021, read: 2022 } }] },
    { name: 'a 专业科目 certificate in the 公需课 slot', scans: { ...CLEAN_SCANS, [CE]: ce(2021, 30, '专业科目') }, expect: [{ messageId: 'course' }] },
    { name: 'the 备案表 named as a 学籍在线验证报告', set: { 'education.verification.kind': '学籍在线验证报告' }, scans: CLEAN_SCANS, expect: [{ messageId: 'kind', data: { expected: '教育部学籍在线验证报告', found: '教育部学历证书电子注册备案表' } }] },
  ],
  silent: [
    { name: 'every file in its slot', scans: CLEAN_SCANS },
    { name: 'a file of no recognised kind is never claimed to be wrong', scans: { ...CLEAN_SCANS, [DEGREE]: ocrScan([['荣誉证书'], ['授予文学学士学位']]) } },
    { name: 'the 2021 year read below the policy confidence', scans: { ...CLEAN_SCANS, [CE]: ce(2022, 30, '公需科目', 0.8) } },
  ],
  edge: [
    { name: 'a year one off, read at 0.95 (above the minimum): the wrong year, and the course is not judged after it', scans: { ...CLEAN_SCANS, [CE]: ce(2022, 30, '专业科目', 0.95) }, expect: [{ messageId: 'year', data: { read: 2022 } }] },
    { name: 'the year read below the minimum: the course is still judged', scans: { ...CLEAN_SCANS, [CE]: ce(2022, 30, '专业科目', 0.85) }, expect: [{ messageId: 'course' }] },
  ],
})

ruleCases(evidenceUnread, {
  fires: [
    { name: 'a blurred grade', scans: { ...CLEAN_SCANS, [MANDARIN]: mandarin('二级乙等', 0.6) }, expect: [{ messageId: 'unread', at: 'mandarin.certificate', data: { fields: ['普通话等级'] } }] },
    { name: 'a certificate whose hours are not printed legibly', scans: { ...CLEAN_SCANS, [CE]: ocrScan([['继续教育培训合格证书'], ['欧**同志于2021年参加公需科目培训，考核合格。']]) }, expect: [{ messageId: 'unread', data: { fields: ['学时'] } }] },
  ],
  silent: [
    { name: 'everything read clearly', scans: CLEAN_SCANS },
    { name: 'a clear contradiction is mismatch’s error, not a note', scans: { ...CLEAN_SCANS, [MANDARIN]: mandarin('二级乙等') } },
  ],
  edge: [
    { name: 'one character off (1/7): checked by eye', set: { 'education.verification.code': 'A1B2C3D4E5F6G7H1' }, scans: { ...CLEAN_SCANS, [CHSI]: chsi('A1B2C3D4E5F6G7H7', 0.95) }, expect: [{ messageId: 'unread', data: { fields: ['在线验证码'] } }] },
    { name: 'the same grade printed twice differently', scans: { ...CLEAN_SCANS, [MANDARIN]: ocrScan([['普通话水平测试等级证书'], ['等级：二级甲等'], ['等级：二级乙等']]) }, expect: [{ messageId: 'unread' }] },
  ],
})

/** A context with the given facts per path (sha256 and scans), for the duplicate rule. */
function ctxWith(set: Record<string, unknown>, facts: Record<string, Partial<FileFacts>>): RuleContext {
  const data = applySet(baseManifest(), set)
  const manifest = loadManifestText(stringify(data))
  const policy = loadPolicy()
  const refs = fileRefs(manifest.data)
  const resolved = new Map(refs.map((r) => [r.pointer, r.path]))
  const map = new Map<string, FileFacts>(refs.map((r) => [r.path, { path: r.path, exists: true, declaredExt: 'pdf', sha256: `sha-${r.path}`, ...facts[r.path] }]))
  return ruleContext({ manifest, policy, today: BASE_TODAY, fileRefs: refs, facts: map, packageFiles: [...resolved.values()], resolved })
}

describe('evidence.duplicate-file', () => {
  const ids = (ctx: RuleContext, rule = evidenceDuplicateFile) => rule.check(ctx).map((h) => [h.messageId, h.at, h.data?.other ?? h.data?.file])
  test('the same file in two slots', () => {
    expect(ids(ctxWith({ 'education.degree': DIPLOMA }, {}))).toEqual([['path', 'education.degree', DIPLOMA]])
  })
  test('two names, the same bytes', () => {
    expect(ids(ctxWith({}, { [DEGREE]: { sha256: `sha-${DIPLOMA}` } }))).toEqual([['bytes', 'education.degree', DIPLOMA]])
  })
  test('the same picture saved again, when inspection can tell', () => {
    const rule = duplicateRule((a, b) => a.path === DIPLOMA && b.path === DEGREE)
    expect(ids(ctxWith({}, {}), rule)).toEqual([['picture', 'education.degree', DIPLOMA]])
  })
  test('silent: every file its own; one certificate for both courses of a year is allowed', () => {
    expect(ids(ctxWith({}, {}))).toEqual([])
    expect(ids(ctxWith({ 'continuing_education.years.2021.professional': { hours: 60, certificate: CE } }, {}))).toEqual([])
  })
  test('edge: a missing file is not a duplicate of another missing file', () => {
    expect(ids(ctxWith({ 'education.degree': DIPLOMA }, { [DIPLOMA]: { exists: false } }))).toEqual([])
  })
})

// 'picture' needs inspection's picture hash: produced above through duplicateRule with a stand-in.
coverMessages([evidenceDuplicateFile], { only: (id) => id !== 'picture' })
