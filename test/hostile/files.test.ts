import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cli, expectSafeText, scene, treeHash, type Scene } from './helpers.js'

// Items 1, 2, 3, 13 and the mode-000 file of issue 15: what a package's files and manifest can do
// to the checker. Each answers within the hang bound, with the exit code the README promises, and
// leaves the package and the folder beside it as they were.

const TODAY = ['--today', '2024-08-05']

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path])
}

async function checkUntouched(s: Scene, run: () => Promise<void>): Promise<void> {
  const before = [treeHash(s.pkg), treeHash(s.sibling)]
  await run()
  expect([treeHash(s.pkg), treeHash(s.sibling)]).toEqual(before)
}

describe('a FIFO where a file should be (item 1)', () => {
  test.for([
    ['a scan that is a FIFO', (s: Scene) => (rmSync(join(s.pkg, 'files/学位证书.pdf')), mkfifo(join(s.pkg, 'files/学位证书.pdf')))],
    ['a scan that is a symlink to a FIFO', (s: Scene) => (rmSync(join(s.pkg, 'files/学位证书.pdf')), mkfifo(join(s.pkg, 'files/pipe')), symlinkSync('pipe', join(s.pkg, 'files/学位证书.pdf')))],
  ] as const)('%s is scan.unreadable, check and batch answer', async ([, make]) => {
    const s = scene()
    make(s)
    await checkUntouched(s, async () => {
      const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)
      expect(r.hung).toBe(false)
      expect(r.code).toBe(1)
      const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; file?: string; message: string }> }
      expect(report.findings.find((f) => f.file === 'files/学位证书.pdf')?.rule).toBe('scan.unreadable')
      const b = await cli(['batch', s.base + '/pkg', '--format', 'json', ...TODAY], s)
      expect(b.hung).toBe(false)
      expect(b.code).toBe(1)
    })
  })

  test('manifest.yaml that is a FIFO: one line, exit 2', async () => {
    const s = scene()
    rmSync(join(s.pkg, 'manifest.yaml'))
    mkfifo(join(s.pkg, 'manifest.yaml'))
    await checkUntouched(s, async () => {
      const r = await cli(['check', s.pkg, ...TODAY], s)
      expect(r.hung).toBe(false)
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/manifest\.yaml/)
    })
  })
})

describe('the manifest is confined and bounded (item 2)', () => {
  test.for([
    ['a symlink to a file outside', (s: Scene) => join(s.sibling, 'secret.yaml')],
    ['a symlink to /dev/zero', () => '/dev/zero'],
  ] as const)('%s is refused before it is read', async ([, target]) => {
    const s = scene()
    rmSync(join(s.pkg, 'manifest.yaml'))
    symlinkSync(target(s), join(s.pkg, 'manifest.yaml'))
    await checkUntouched(s, async () => {
      const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)
      expect(r.hung).toBe(false)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).not.toMatch(/外面的秘密/)
      expect(r.stderr).toMatch(/链接|link/)
    })
  })

  test('a manifest far over the bound is refused by its size', async () => {
    const s = scene()
    writeFileSync(join(s.pkg, 'manifest.yaml'), `${readFileSync(join(s.pkg, 'manifest.yaml'), 'utf8')}\n# ${'x'.repeat(2_000_000)}\n`)
    const r = await cli(['check', s.pkg, ...TODAY], s)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/超过清单上限/)
  })
})

describe('the manifest names a policy only by a shipped id (item 3)', () => {
  test.for([
    ['/etc/passwd'],
    ['/dev/zero'],
    ['../sibling/secret.yaml'],
    ['lenient.yaml'],
  ])('policy: %s is exit 2, and nothing is opened', async ([policy]) => {
    const s = scene()
    // A lenient copy of the shipped policy brought along in the package.
    writeFileSync(join(s.pkg, 'lenient.yaml'), readFileSync(new URL('../../src/policies/aksu-2024.yaml', import.meta.url)))
    const manifest = join(s.pkg, 'manifest.yaml')
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^policy: .*$/mu, `policy: ${policy}`))
    await checkUntouched(s, async () => {
      for (const cwd of [s.base, s.pkg]) {
        const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s, { cwd })
        expect(r.hung).toBe(false)
        expect(r.code).toBe(2)
        expect(r.stdout).toBe('')
        expect(r.stderr).toMatch(/--policy/)
      }
    })
  })

  test('--policy FILE is the runner’s choice, and the report names the file', async () => {
    const s = scene()
    writeFileSync(join(s.out, 'mine.yaml'), readFileSync(new URL('../../src/policies/aksu-2024.yaml', import.meta.url)))
    const r = await cli(['check', s.pkg, '--format', 'json', '--policy', 'out/mine.yaml', ...TODAY], s)
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { policy: string; policyFile?: string }
    expect(report).toMatchObject({ policy: 'aksu-2024', policyFile: 'out/mine.yaml' })
    const shipped = JSON.parse((await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)).stdout) as { policyFile?: string }
    expect(shipped.policyFile).toBeUndefined()
  })
})

describe('YAML that holds itself (item 13)', () => {
  test('loop: &a [*a] is a one-line not-YAML error, exit 2', async () => {
    const s = scene()
    writeFileSync(join(s.pkg, 'manifest.yaml'), `${readFileSync(join(s.pkg, 'manifest.yaml'), 'utf8')}\nloop: &a [*a]\n`)
    const r = await cli(['check', s.pkg, ...TODAY], s)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/不是有效的 YAML.*别名/u)
    expect(r.stderr).not.toMatch(/内部错误|call stack/u)
  })
})

describe('a file that cannot be read (mode 000)', () => {
  test('is scan.unreadable (no permission), not manifest.file-missing', async () => {
    const s = scene()
    const file = join(s.pkg, 'files/学位证书.pdf')
    chmodSync(file, 0o000)
    // Root reads anything: run the checker as nobody then, as a user would meet it.
    const uid = process.getuid?.() === 0 ? 65534 : undefined
    const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s, uid !== undefined ? { uid } : {})
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; file?: string; message: string }> }
    const about = report.findings.filter((f) => f.file === 'files/学位证书.pdf')
    expect(about.map((f) => f.rule)).toEqual(['scan.unreadable'])
    expect(about[0]!.message).toMatch(/没有读取权限/)
  })
})

describe('unknown keys', () => {
  test('every unknown key of a mapping is reported, each at its line', async () => {
    const s = scene()
    const manifest = join(s.pkg, 'manifest.yaml')
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^applicant:\n/mu, 'applicant:\n  hobby: 读书\n  pet: 猫\n  colour: 红\n'))
    const r = await cli(['check', s.pkg, '--format', 'json', ...TODAY], s)
    const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; line?: number; message: string }> }
    const unknown = report.findings.filter((f) => f.rule === 'manifest.invalid')
    expect(unknown.map((f) => f.message).join('\n')).toMatch(/hobby[\s\S]*pet[\s\S]*colour|hobby[\s\S]*colour[\s\S]*pet/u)
    expect(new Set(unknown.map((f) => f.line)).size).toBe(3)
    expectSafeText(r.stdout, 'json')
  })
})
