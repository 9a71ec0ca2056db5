// Thumbnail worker entry when the checker runs from its TypeScript sources (vitest): as
// src/inspect/dev-worker.mjs, with the same module hooks. The built package uses thumbnail-worker.js.
import { register } from 'node:module'

register(new URL('../inspect/ts-hooks.mjs', import.meta.url))
const mod = await import(new URL('./thumbnail-worker.ts', import.meta.url).href)
export default mod.default
