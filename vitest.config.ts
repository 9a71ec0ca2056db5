import { defineConfig } from 'vitest/config'
import { useRepositoryFonts } from './test/helpers/fonts.js'

// The tests draw Chinese with the repository's own font (test/fixtures/fonts), found by fontconfig
// through the config this writes; the workers and the CLI they start inherit it.
useRepositoryFonts()

// `npm test` runs every project; one runs alone with `npx vitest run --project NAME`
// (`npm run test:unit` is the inner loop). Whatever needs something outside the repository says so
// with requires() (test/helpers/requires.ts), in whichever project it is.
//   unit           rules on manifests and facts, manifest, policy, report writers, docs, layering: no scan
//                  is drawn or read, no CLI run on a package, no browser, no corpus
//   cli            the CLI, batch, init and the policy kit on whole packages (scans inspected, OCR where they run it)
//   inspect        reading scans: rendering, OCR, faces, leaks, evidence, fix, previews
//   browser        the HTML reports opened in headless Chromium
//   corpus         the shared corpus of real files (its ground truth, fuzzing)
//   examples       the CLI on every example package against its expected.yaml
//   hostile        hostile packages (issue 15); hostile-bombs: the slow bombs apart
const CLI = [
  'test/cli/cli.test.ts', 'test/cli/closed-pipe.test.ts', 'test/cli/misuse.test.ts', 'test/cli/output.test.ts', 'test/batch/**/*.test.ts', 'test/init/init.test.ts', 'test/policy/kit.test.ts',
  'test/report/judged-by.test.ts', 'test/report/html-figures.test.ts', 'test/rules/manifest.test.ts',
]
const INSPECT = [
  'test/inspect/**/*.test.ts', 'test/evidence/**/*.test.ts', 'test/fix/fix-*.test.ts', 'test/preview/**/*.test.ts', 'test/rules/scan.test.ts', 'test/init/from-scans.test.ts',
]
const BROWSER = ['test/report/html-chromium.test.ts', 'test/batch/formats.test.ts']
const CORPUS = ['test/inspect/corpus.test.ts', 'test/inspect/fuzz.test.ts', 'test/inspect/redaction-corpus.test.ts']
const EXAMPLES = ['test/examples.test.ts']
const HOSTILE = ['test/hostile/**']
const NODE_MODULES = '**/node_modules/**'
// A test's timeout only catches a hang: generous where scans are read (OCR loads its model on
// first use, and a shared 2-core machine can be ten times slower than an idle one), so the clock
// never decides a verdict.
const SLOW = 600_000

export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [NODE_MODULES, ...CLI, ...INSPECT, ...BROWSER, ...EXAMPLES, ...HOSTILE] } },
      { extends: true, test: { name: 'cli', include: CLI, exclude: [NODE_MODULES, ...BROWSER], testTimeout: SLOW } },
      { extends: true, test: { name: 'inspect', include: INSPECT, exclude: [NODE_MODULES, ...CORPUS], testTimeout: SLOW } },
      { extends: true, test: { name: 'browser', include: BROWSER, testTimeout: SLOW } },
      { extends: true, test: { name: 'corpus', include: CORPUS, testTimeout: SLOW } },
      { extends: true, test: { name: 'examples', include: EXAMPLES, testTimeout: SLOW } },
      { extends: true, test: { name: 'hostile', include: ['test/hostile/*.test.ts'], testTimeout: 120_000 } },
      { extends: true, test: { name: 'hostile-bombs', include: ['test/hostile/bombs/*.test.ts'], testTimeout: 300_000 } },
    ],
  },
})
