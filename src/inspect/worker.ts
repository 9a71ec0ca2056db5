import { inspectBytes, type ContentFacts, type InspectTask } from './inspect-bytes.js'

// The piscina worker: one file per task. Errors that escape become the pool's, which turns them
// into facts on that file (pool.ts); nothing here may take the process down.
export default function inspectInWorker(task: InspectTask): Promise<ContentFacts> {
  return inspectBytes(task)
}
