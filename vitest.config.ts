import { defineConfig } from 'vitest/config'

// Three projects, all run by `npm test`: the unit and CLI tests, the hostile-package suite
// (test/hostile, issue 15: under two minutes on two cores) and its slow bombs apart, so each can
// be run alone (`npx vitest run --project hostile`).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'test/hostile/**'] } },
      { extends: true, test: { name: 'hostile', include: ['test/hostile/*.test.ts'], testTimeout: 120_000 } },
      { extends: true, test: { name: 'hostile-bombs', include: ['test/hostile/bombs/*.test.ts'], testTimeout: 300_000 } },
    ],
  },
})
