import { defineRule, type Rule } from './define-rule.js'

// The package's own files: every file in the folder is named by the manifest (四（一）1).

export const packageUnreferencedFile = defineRule({
  id: 'package.unreferenced-file',
  area: 'manifest',
  severity: 'warning',
  clause: '四（一）1',
  needsData: false,
  description: {
    zh: '申报包里有清单没有写到的文件（是否漏传？）',
    en: 'A file in the package that the manifest does not name (forgotten upload?)',
  },
  messages: { unreferenced: { zh: '清单没有写到 {path}', en: 'the manifest does not name {path}' } },
  fix: {
    zh: '如果需要上传，把它写进清单的相应栏目；不需要就移出申报包',
    en: 'if it is to be uploaded, add it to the manifest under its section; otherwise move it out of the package',
  },
  examples: {
    fail: { zh: '# 申报包里还有 files/获奖证书.pdf，清单没有写到它\nachievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }', en: '# files/获奖证书.pdf is in the package, but the manifest does not name it\nachievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }' },
    pass: 'achievements:\n  - { title: 代表作一, file: files/业绩/代表作一.pdf }\n  - { title: 获奖证书, file: files/获奖证书.pdf }',
    fromFiles: true,
  },
  check({ packageFiles, resolved, outside }) {
    // A file named by an absolute path into the package is named (manifest.path-outside says how to write it).
    const named = new Set([...resolved.values(), ...outside.flatMap((o) => (o.inside ? [o.inside] : []))])
    return packageFiles.filter((f) => !named.has(f)).map((f) => ({ messageId: 'unreferenced' as const, data: { path: f }, file: f }))
  },
})

export const packageRules: Rule[] = [packageUnreferencedFile]
