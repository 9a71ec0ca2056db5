import type { Io } from '../../src/cli/context.js'
import { main } from '../../src/cli/main.js'

/** The CLI in-process, as a user would call it: argv in, exit code and both streams out. */
export async function runCli(argv: string[], opts: Partial<Io> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    now: new Date('2024-08-05T10:00:00'),
    ...opts,
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
