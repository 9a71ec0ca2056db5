import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { run } from './helpers.js'

// Nobody is skipped without a word: a folder of scans without a manifest and an archive the batch
// cannot open are rows, counted as not checked, and the exit code says so. In the tables a package
// not checked has its own status, sorts with the failures, and has no counts (not 0).

const TODAY = ['--today', '2024-08-05']
const env = { XDG_CACHE_HOME: tmpDir('zc-xdg-unchecked-') }
type Entry = { package: string; error?: string; summary: { errors: number } }

/** A unit of five: two pass, one fails, one has no manifest yet, one sent a .rar; and a zip that is a RAR renamed. */
function unit(): string {
  const root = tmpDir('zc-unit-skip-')
  const good = writePackage()
  cpSync(good, join(root, '一科', '甲'), { recursive: true })
  cpSync(good, join(root, '一科', '乙'), { recursive: true })
  cpSync(writePackage({ set: { 'mandarin.grade': '三级乙等', 'applicant.post': '播音员主持人' } }), join(root, '二科', '丙'), { recursive: true })
  // 丁 scanned everything but has no manifest yet: scans in sub-folders, one row for the folder.
  put(root, '二科/丁/学历/学历证书.pdf', readFileSync(join(good, 'files/学历证书.pdf')))
  put(root, '二科/丁/证书/普通话证书.jpg', readFileSync(join(good, 'files/普通话证书.jpg')))
  put(root, '戊.rar', 'Rar!\x1a\x07\x01\x00 not really')
  writeFileSync(join(root, '己.zip'), 'Rar!\x1a\x07\x01\x00 a RAR named .zip')
  put(root, '说明.txt', 'the unit’s own note: not a package, not a row')
  return root
}

describe('what cannot be checked is a row', () => {
  test('a folder of scans without a manifest and a .rar: rows with their reason, counted, exit 1', { timeout: 600_000 }, async () => {
    const root = unit()
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json'], { env })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    const batch = JSON.parse(r.stdout)
    expect(batch.packages.map((p: Entry) => p.package)).toEqual(['一科/乙', '一科/甲', '二科/丁', '二科/丙', '己.zip', '戊.rar'])
    expect(batch.summary).toMatchObject({ packages: 6, passed: 2, failed: 1, unreadable: 3 })
    const get = (name: string): Entry => batch.packages.find((p: Entry) => p.package === name)
    expect(get('二科/丁').error).toBe(
      '二科/丁 里有 2 个扫描件，但没有 manifest.yaml 或 申报.yaml，没有检查：用 zhicheng-check init 二科/丁 生成清单后再检查（不是申报包的文件夹请移出）',
    )
    expect(get('戊.rar').error).toBe('戊.rar 是 RAR 压缩包，没有检查：batch 只读取 .zip 压缩包和文件夹，请解压成文件夹或重新压缩为 .zip')
    // A RAR renamed .zip is said as what it is.
    expect(get('己.zip').error).toBe('己.zip 是 RAR 压缩包，没有检查：batch 只读取 .zip 压缩包和文件夹，请解压成文件夹或重新压缩为 .zip')
    // No English sentence (three English words in a row) in a Chinese table, commands aside.
    for (const p of batch.packages as Entry[]) if (p.error) expect(p.error.replace(/zhicheng-check init \S+/u, '')).not.toMatch(/[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}/u)

    const pretty = await run(['batch', root, ...TODAY, '--no-ocr'], { env })
    expect(pretty.code).toBe(1)
    expect(pretty.stdout).toContain('共 6 个申报包：2 个通过，1 个需修改，3 个无法检查')
    const en = await run(['batch', root, ...TODAY, '--no-ocr', '--lang', 'en', '--format', 'json'], { env })
    expect(JSON.parse(en.stdout).packages.find((p: Entry) => p.package === '戊.rar').error).toBe(
      '戊.rar is a RAR archive and was not checked: batch reads .zip archives and folders only; extract it to a folder or zip it again',
    )
  })

  test('a zip that is broken: the reason in Chinese, not yauzl’s English', async () => {
    const root = tmpDir('zc-unit-broken-zip-')
    cpSync(writePackage(), join(root, '甲'), { recursive: true })
    put(root, '乙.zip', 'PK\x03\x04 cut short')
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json'], { env })
    const error = JSON.parse(r.stdout).packages.find((p: Entry) => p.package === '乙.zip').error
    expect(error).toBe('乙.zip 无法作为 zip 打开：不是 zip 文件，或文件不完整（找不到 zip 目录）；若是 RAR、7z 改了扩展名，请解压后重新压缩为 .zip')
  })

  test('a unit with only a manifest-less folder still reports it (not "no package")', async () => {
    const root = tmpDir('zc-unit-none-')
    put(root, '张/扫描1.jpg', 'x')
    // 科/丁 alone holds scans (in two sub-folders of its own): the row is 丁's, not 科's.
    put(root, '科/丁/学历/x.pdf', '%PDF-1.4')
    put(root, '科/丁/证书/y.jpg', 'x')
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json'], { env })
    expect(r.code).toBe(1)
    const batch = JSON.parse(r.stdout)
    expect(batch.summary).toMatchObject({ packages: 2, unreadable: 2 })
    expect(batch.packages.map((p: Entry) => p.package)).toEqual(['张', '科/丁'])
    expect(batch.packages[1].error).toMatch(/^科\/丁 里有 2 个扫描件/u)
  })

  test('loose scans beside packages (the notice at the unit’s top) and a folder of scans inside a package are not rows', async () => {
    const root = tmpDir('zc-unit-loose-')
    cpSync(writePackage(), join(root, '甲'), { recursive: true })
    put(root, '通知.pdf', '%PDF-1.4')
    put(root, '甲/旧扫描/x.pdf', '%PDF-1.4')
    const r = await run(['batch', root, ...TODAY, '--no-ocr', '--format', 'json'], { env })
    expect(JSON.parse(r.stdout).packages.map((p: Entry) => p.package)).toEqual(['甲'])
  })
})

describe('the tables HR sorts', () => {
  test('CSV: a status that sorts, no 0 for a package not checked', { timeout: 600_000 }, async () => {
    const r = await run(['batch', unit(), ...TODAY, '--no-ocr', '--format', 'csv'], { env })
    const lines = r.stdout.replace(/^\uFEFF/u, '').trimEnd().split('\r\n')
    const row = (name: string) => lines.find((l) => l.startsWith(`"${name}"`))!
    expect(row('戊.rar')).toMatch(/^"戊\.rar",,,,"1 无法检查",,,,,"戊\.rar 是 RAR 压缩包/u)
    expect(row('二科/丙')).toMatch(/"2 需修改",[1-9]/u)
    expect(row('一科/甲')).toMatch(/"3 通过",0,/u)
  })

  test('XLSX read back: sorted by status, unchecked and failed packages come above the passing ones; reasons, 问题 and 如何修改 wrap; empty cells are empty', { timeout: 600_000 }, async () => {
    const out = join(tmpDir('zc-xlsx-'), '汇总.xlsx')
    const r = await run(['batch', unit(), ...TODAY, '--no-ocr', '--format', 'xlsx', '--output', out], { env })
    expect(r.code).toBe(1)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('汇总')!
    const head = (ws.getRow(1).values as unknown[]).slice(1)
    const statusCol = head.indexOf('结果') + 1
    const rows: Array<{ name: string; status: string; errors: unknown }> = []
    ws.eachRow((row, i) => {
      if (i > 1) rows.push({ name: String(row.getCell(1).value), status: String(row.getCell(statusCol).value), errors: row.getCell(head.indexOf('错误') + 1).value })
    })
    // As HR would: sort the status column A→Z (by code point here, as Excel does in any locale for digits first).
    const sorted = [...rows].sort((a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : 0))
    expect(sorted.map((x) => x.status)).toEqual(['1 无法检查', '1 无法检查', '1 无法检查', '2 需修改', '3 通过', '3 通过'])
    expect(sorted.slice(0, 3).map((x) => x.name).sort()).toEqual(['二科/丁', '己.zip', '戊.rar'].sort())
    // Also sorted with localeCompare (how a zh-CN Excel orders text): the same order of statuses.
    const zh = [...rows].sort((a, b) => a.status.localeCompare(b.status, 'zh-CN'))
    expect(zh.map((x) => x.status.slice(0, 1))).toEqual(['1', '1', '1', '2', '3', '3'])
    // Not checked: no count at all (a 0 would sort it among those that pass).
    for (const x of rows.filter((x) => x.status === '1 无法检查')) expect(x.errors).toBeNull()
    const rar = ws.getRow(rows.findIndex((x) => x.name === '戊.rar') + 2)
    expect(rar.getCell(head.indexOf('申报人') + 1).value).toBeNull()
    expect(rar.getCell(head.indexOf('申报人') + 1).type).toBe(ExcelJS.ValueType.Null)
    expect(ws.getColumn(head.indexOf('主要问题') + 1).alignment?.wrapText).toBe(true)
    expect(ws.getColumn(statusCol).alignment?.wrapText).toBeFalsy()

    const findings = wb.getWorksheet('问题明细')!
    const fhead = (findings.getRow(1).values as unknown[]).slice(1)
    for (const name of ['问题', '如何修改']) expect(findings.getColumn(fhead.indexOf(name) + 1).alignment?.wrapText, name).toBe(true)
    for (const name of ['行', '列', '页']) expect(findings.getColumn(fhead.indexOf(name) + 1).alignment?.wrapText, name).toBeFalsy()
    // A finding without a page or line leaves those cells empty, not ''.
    let empties = 0
    findings.eachRow((row, i) => {
      if (i === 1) return
      const page = row.getCell(fhead.indexOf('页') + 1)
      if (page.value === null) empties++
      expect(page.value === null || typeof page.value === 'number').toBe(true)
    })
    expect(empties).toBeGreaterThan(0)
  })
})
