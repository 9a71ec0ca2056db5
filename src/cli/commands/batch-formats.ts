/** The formats of `batch` (its own module, so the command line is built without loading batch). */
export const BATCH_FORMATS = ['pretty', 'json', 'csv', 'xlsx', 'junit', 'sarif', 'html'] as const
export type BatchFormat = (typeof BATCH_FORMATS)[number]
