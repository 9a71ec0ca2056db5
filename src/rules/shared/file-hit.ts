import type { DataValue, Hit } from '../define-rule.js'

// A finding about one file (and page), as the scan, leak and photo rules make it.

/** The file in the finding and in its data ({file}), the page when given, and the manifest field naming it. */
export function fileHit<M extends string>(messageId: M, file: string, at: string | undefined, page: number | undefined, data: Record<string, DataValue>): Hit<M> {
  const h: Hit<M> = { messageId, file, data: { file, ...data } }
  if (page !== undefined) h.page = page
  if (at !== undefined) h.at = at
  return h
}
