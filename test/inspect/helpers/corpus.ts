import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS_DIR, has, REPO_ROOT } from '../../helpers/requires.js'

// The shared corpus of real files: beside the repository (`../shared/corpus`) or where
// $ZHICHENG_SHARED says; absent in a user's fresh clone. Tests that read it say
// `requires('corpus')` (test/helpers/requires.ts): skipped there, a failure under CI=true.
export { CORPUS_DIR, REPO_ROOT }
/** Whether the corpus is there (for a choice; a test that needs it uses requires('corpus')). */
export const HAS_CORPUS = has('corpus')

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
