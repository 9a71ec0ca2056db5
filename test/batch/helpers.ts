import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { put, tmpDir, writePackage } from '../helpers/tmp-package.js'
import { encodeGbk, makeZip, type ZipEntry } from '../helpers/zip.js'
import { runCli } from '../helpers/run-cli.js'

export const run = runCli

/** Every file of a folder, relative, `/`-separated. */
export function filesOf(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name
    return e.isDirectory() ? filesOf(dir, r) : [r]
  })
}

/** A zip of a package folder, its entries under `top/` (or at the root), names UTF-8 or GBK. */
export function zipOf(dir: string, opts: { top?: string; names: 'utf8' | 'gbk' | 'utf8-unflagged' }): Buffer {
  const prefix = opts.top ? `${opts.top}/` : ''
  const entries: ZipEntry[] = filesOf(dir).map((rel) => {
    const name = prefix + rel
    const data = readFileSync(join(dir, rel))
    if (opts.names === 'gbk') return { name: encodeGbk(name), data, utf8Flag: false }
    if (opts.names === 'utf8-unflagged') return { name: Buffer.from(name, 'utf8'), data, utf8Flag: false }
    return { name, data }
  })
  return makeZip(entries)
}

/**
 * A unit's folder (folders named by staff number: a folder's name is shown as it is): two good packages in sub-folders (one nested a level down), a broken manifest,
 * a manifest that is a folder (the check crashes), a package zipped with UTF-8 names, one zipped on
 * Chinese Windows (GBK names, no flag), a zip-slip zip, a zip without manifest, and things that
 * are not packages (hidden folder, node_modules).
 */
export function unitFolder(): { root: string; good: string } {
  const root = tmpDir('zc-unit-')
  const good = writePackage()
  cpSync(good, join(root, '第一科室', '001'), { recursive: true })
  cpSync(writePackage({ set: { 'mandarin.grade': '三级乙等', 'applicant.post': '播音员主持人' } }), join(root, '第二科室', '二组', '李四'), { recursive: true })
  put(root, '坏清单/manifest.yaml', 'version: 1\napplicant: {name: 张三\n')
  put(root, '清单是文件夹/manifest.yaml/readme.txt', 'x')
  writeFileSync(join(root, '王五.zip'), zipOf(good, { top: '王五', names: 'utf8' }))
  writeFileSync(join(root, '赵六（GBK）.zip'), zipOf(good, { names: 'gbk' }))
  writeFileSync(join(root, '越界.zip'), makeZip([{ name: 'manifest.yaml', data: 'version: 1\n' }, { name: '../../evil.txt', data: 'x' }]))
  writeFileSync(join(root, '空压缩包.zip'), makeZip([{ name: 'files/a.pdf', data: '%PDF-1.4' }]))
  put(root, '.hidden/manifest.yaml', 'version: 1\n')
  put(root, 'node_modules/x/manifest.yaml', 'version: 1\n')
  put(root, '说明.txt', 'not a package')
  return { root, good }
}

export function sizes(dir: string): string[] {
  return filesOf(dir).map((rel) => `${rel}\t${statSync(join(dir, rel)).size}\t${statSync(join(dir, rel)).mtimeMs}`)
}
