// Worker entry when the checker runs from its TypeScript sources (vitest): Node 20 cannot load
// .ts in a worker thread, so this registers a loader that transpiles it (typescript, a dev
// dependency) and then loads worker.ts. The built package uses dist/inspect/worker.js instead.
import { register } from 'node:module'

register(new URL('./ts-hooks.mjs', import.meta.url))
const mod = await import(new URL('./worker.ts', import.meta.url).href)
export default mod.default
