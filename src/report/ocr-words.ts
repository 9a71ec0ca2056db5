import type { Lang } from '../rules/define-rule.js'
import { pageList } from '../rules/scan/file.js'
import type { OcrCoverage, OcrPages } from './finding.js'

// What the verdict says about scanned pages OCR did not read: a pass is never claimed over them.

/** Files listed under the verdict; the JSON report (summary.ocr) lists them all. */
const MAX_LISTED = 10

const WORDS = {
  zh: {
    failed: (n: number) => `盲评检查不完整：${n} 页扫描页没能识别，不能判定通过`,
    notRead: (n: number) => `盲评检查不完整：${n} 页扫描页没有读（--no-ocr），其中的姓名、单位没有检查`,
    cleanButNotRead: (n: number) => `没有发现必须修改的问题，但盲评检查不完整：${n} 页扫描页没有读（--no-ocr）`,
    file: (f: OcrPages) => `${f.file} 第 ${pageList(f.pages)} 页`,
    more: (n: number) => `另有 ${n} 个文件（见 JSON 报告 summary.ocr）`,
  },
  en: {
    failed: (n: number) => `blind-review check incomplete: OCR could not read ${n} scanned page(s), so this is not a pass`,
    notRead: (n: number) => `blind-review check incomplete: ${n} scanned page(s) not read (--no-ocr), not checked for the name or employer`,
    cleanButNotRead: (n: number) => `nothing must be fixed in what was checked, but the blind-review check is incomplete: ${n} scanned page(s) not read (--no-ocr)`,
    file: (f: OcrPages) => `${f.file} page ${pageList(f.pages)}`,
    more: (n: number) => `and ${n} more file(s) (summary.ocr in the JSON report)`,
  },
}

const count = (files: OcrPages[]) => files.reduce((n, f) => n + f.pages.length, 0)

export interface OcrGap {
  /** The verdict's own line when there are no errors; else a line under it. */
  headline: string
  /** True when the gap fails the check (OCR could not read a page), false for --no-ocr. */
  fails: boolean
  /** The files and pages, a line each. */
  files: string[]
}

/** What to say of the unread pages, or null when every scanned page was read. `errors`: the report has error findings. */
export function ocrGap(ocr: OcrCoverage, errors: boolean, lang: Lang): OcrGap | null {
  const w = WORDS[lang]
  const fails = ocr.failed.length > 0
  if (!fails && ocr.notRead.length === 0) return null
  const listed = fails ? ocr.failed : ocr.notRead
  const n = count(listed)
  const headline = fails ? w.failed(n) : errors ? w.notRead(n) : w.cleanButNotRead(n)
  const files = listed.slice(0, MAX_LISTED).map(w.file)
  if (listed.length > MAX_LISTED) files.push(w.more(listed.length - MAX_LISTED))
  // Failed pages first; pages skipped on purpose are said after them.
  if (fails && ocr.notRead.length > 0) files.push(w.notRead(count(ocr.notRead)))
  return { headline, fails, files }
}
