// A closed stdout (`zhicheng-check --help | head -1`, a CI step that stops reading) must not end
// in Node's "Unhandled 'error' event … EPIPE" stack trace. Node reports a failed write to a pipe as
// an 'error' event on process.stdout; with no listener that event kills the process with a stack.
// Here: the reader left (EPIPE) → what is still to be written is dropped and the command runs to
// its own exit code (the verdict stays true for `set -o pipefail`); any other failure of stdout
// (disk full, EIO) → the report is not delivered: main says so in one line and exits 2.

export interface StdoutGuard {
  write: (s: string) => void
  /** The error code of a stdout failure other than a closed pipe, once one happened. */
  failure: () => string | undefined
}

let guard: StdoutGuard | undefined

/** Installed once per process: the listeners stay for its lifetime. */
export function guardStdout(): StdoutGuard {
  if (guard) return guard
  let closed = false
  let failure: string | undefined
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    closed = true
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') failure ??= err.code ?? err.message
  })
  // Nothing is left to tell the user when stderr itself is gone.
  process.stderr.on('error', () => {})
  guard = {
    write: (s) => {
      if (!closed) process.stdout.write(s)
    },
    failure: () => failure,
  }
  return guard
}
