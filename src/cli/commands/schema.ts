import { manifestJsonSchema } from '../../manifest/schema.js'
import type { Io } from '../context.js'

export function runSchema(io: Io): number {
  io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`)
  return 0
}
