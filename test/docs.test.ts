import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { Chalk } from 'chalk'
import { describe, expect, test } from 'vitest'
import { renderExplain } from '../src/cli/commands/rules.js'
import { manifestJsonSchema } from '../src/manifest/schema.js'
import { loadPolicy } from '../src/policy/load.js'
import { AREA_NAMES } from '../src/report/pretty.js'
import { AREAS } from '../src/rules/define-rule.js'
import { RULES } from '../src/rules/index.js'
import { renderDocs } from '../scripts/docs.mjs'
import { REPO_ROOT } from './helpers/requires.js'

// The repository documents itself (issue 16 §5): docs/rules and docs/manifest.md are written by
// `npm run docs` from the rule registry and the manifest schema; the committed pages must be what
// it would write now. And every link of the README and of docs/ points at a file of the repository
// (a user's clone has nothing beside it).

const pages: Record<string, string> = renderDocs({ RULES, AREAS, AREA_NAMES, loadPolicy, renderExplain, manifestJsonSchema, Chalk })

describe('generated docs', () => {
  test('a page per rule, the catalogue and the manifest reference', () => {
    expect(Object.keys(pages).filter((p) => p.startsWith('docs/rules/') && p !== 'docs/rules/README.md').length).toBe(RULES.length)
    expect(pages['docs/rules/README.md']).toContain('[`ce.professional-hours`](ce.professional-hours.md)')
    expect(pages['docs/manifest.md']).toContain('`continuing_education.years.<year>.professional.hours`')
    // A rule page is explain's own output, in both languages.
    const page = pages['docs/rules/mandarin.grade.md']!
    expect(page).toContain(renderExplain(RULES.find((r) => r.id === 'mandarin.grade')!, loadPolicy(), 'zh', new Chalk({ level: 0 })).trimEnd())
    expect(page).toContain(renderExplain(RULES.find((r) => r.id === 'mandarin.grade')!, loadPolicy(), 'en', new Chalk({ level: 0 })).trimEnd())
  })

  test.for(Object.keys(pages).sort())('%s is as `npm run docs` writes it', (path) => {
    const file = join(REPO_ROOT, path)
    expect(existsSync(file), `${path} is missing: run npm run docs and commit docs/`).toBe(true)
    expect(readFileSync(file, 'utf8') === pages[path], `${path} is out of date: run npm run docs and commit docs/`).toBe(true)
  })

  test('docs/rules holds no page of a rule that is gone', () => {
    const stale = readdirSync(join(REPO_ROOT, 'docs/rules')).filter((f) => !(`docs/rules/${f}` in pages))
    expect(stale, 'pages of rules that are not registered: run npm run docs').toEqual([])
  })
})

/** Relative link targets of a markdown file ([text](target), without #anchors and URLs). */
function links(markdown: string): string[] {
  const out: string[] = []
  for (const m of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!.split('#')[0]!
    if (target === '' || /^[a-z]+:/i.test(target)) continue
    out.push(decodeURI(target))
  }
  return out
}

describe('links stay inside the repository', () => {
  const docs = readdirSync(join(REPO_ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)
  test.for(['README.md', 'examples/README.md', ...docs.sort()])('%s links only to files of the repository', (file) => {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8')
    expect(text, 'no pointer to the team notes beside the repository').not.toMatch(/\.\.\/shared\b|\bshared\/(?:RULES|MANIFEST|DESIGN)\.md/)
    for (const target of links(text)) {
      const abs = resolve(dirname(join(REPO_ROOT, file)), target)
      expect(abs.startsWith(REPO_ROOT + '/') || abs === REPO_ROOT, `${file}: ${target} leaves the repository`).toBe(true)
      expect(existsSync(abs), `${file}: ${target} does not exist`).toBe(true)
    }
  })
})
