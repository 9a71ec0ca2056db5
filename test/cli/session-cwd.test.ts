import { cpSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../helpers/run-cli.js'
import { tmpDir, writePackage } from '../helpers/tmp-package.js'

// The working folder is the one the CLI is given (Io.cwd), never the process's: a path the user
// types is looked up against it, for the package, for --policy FILE and for the package shown.

const TODAY = ['--today', '2024-08-05', '--no-ocr', '--no-cache', '--format', 'json']

describe('io.cwd is the working folder of a check (issue 16 §2)', () => {
  test('a relative package path is found under io.cwd, not under process.cwd(), and shown relative to it', async () => {
    const pkg = writePackage()
    const r = await runCli(['check', basename(pkg), ...TODAY], { cwd: dirname(pkg) })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout).package).toBe(basename(pkg))
  }, 180_000)

  test('a relative --policy FILE is read under io.cwd', async () => {
    const pkg = writePackage()
    const elsewhere = tmpDir('zc-cwd-')
    writeFileSync(join(elsewhere, 'my-policy.yaml'), 'not: [a policy')
    const r = await runCli(['check', pkg, '--policy', 'my-policy.yaml', ...TODAY], { cwd: elsewhere })
    // The file under io.cwd was read (and found not to be a policy), not looked for under process.cwd().
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/政策文件 my-policy\.yaml 无效/)
    expect(r.stderr).not.toMatch(/没有名为/)
  })

  test('batch and fix look their targets up under io.cwd too', async () => {
    const unit = tmpDir('zc-unit-')
    cpSync(writePackage(), join(unit, '甲'), { recursive: true })
    const batch = await runCli(['batch', '.', ...TODAY], { cwd: unit })
    expect(batch.stderr).toBe('')
    expect(JSON.parse(batch.stdout).packages.map((p: { package: string }) => p.package)).toEqual(['甲'])
    const out = tmpDir('zc-fix-')
    const fix = await runCli(['fix', '甲', '--out', join(out, 'copy'), '--dry-run', '--today', '2024-08-05', '--no-ocr', '--no-cache'], { cwd: unit })
    expect(fix.stderr).toBe('')
    expect(fix.code).toBe(0)
  }, 180_000)
})
