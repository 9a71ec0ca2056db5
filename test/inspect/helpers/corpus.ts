import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The shared corpus beside the repository (`../shared/corpus`); absent in a user's fresh clone. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const CORPUS_DIR = resolve(REPO_ROOT, '../shared/corpus')
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, 'SOURCES.tsv'))
export const NO_CORPUS_REASON = `no shared corpus at ${CORPUS_DIR} (it sits beside the repository on the team's machines)`

export type SourceRow = Record<string, string> & { local_path: string; group: string }

/** SOURCES.tsv as rows keyed by column name. */
export function readSources(): SourceRow[] {
  if (!HAS_CORPUS) return []
  const [head, ...lines] = readFileSync(join(CORPUS_DIR, 'SOURCES.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '')
  const cols = head!.split('\t')
  return lines.map((l) => {
    const cells = l.split('\t')
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ''])) as SourceRow
  })
}

/** The groups whose columns are the inspector's expected answer (issue 4). */
export const GROUND_TRUTH_GROUPS = ['pdf-valid', 'pdf-malformed', 'pdf-encrypted', 'pdf-rotated', 'img-exif-orientation', 'img-misc']
