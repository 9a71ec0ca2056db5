import { packageUnreferencedFile } from '../../src/rules/package.js'
import { ruleCases } from '../helpers/rule-cases.js'

// package.unreferenced-file judges the package folder's file list against the files the manifest
// names (the base package names all of its files). The same rule on a real folder, with paths that
// leave the package, is in test/rules/manifest.test.ts ('files and paths').

ruleCases(packageUnreferencedFile, {
  fires: [
    {
      name: 'a file in the package the manifest does not name',
      extraFiles: ['files/获奖证书.pdf'],
      expect: [{ messageId: 'unreferenced', file: 'files/获奖证书.pdf', data: { path: 'files/获奖证书.pdf' } }],
    },
  ],
  silent: [{ name: 'every file in the package is named' }],
  edge: [
    {
      name: 'two unnamed files: one finding each, in path order',
      extraFiles: ['files/草稿.pdf', 'files/业绩/代表作一（旧）.pdf'],
      expect: [
        { messageId: 'unreferenced', file: 'files/业绩/代表作一（旧）.pdf' },
        { messageId: 'unreferenced', file: 'files/草稿.pdf' },
      ],
    },
    {
      name: 'a file the manifest names but that is not there is manifest.file-missing, not this',
      missing: ['files/学历证书.pdf'],
      extraFiles: ['files/说明.txt'],
      expect: [{ messageId: 'unreferenced', file: 'files/说明.txt' }],
    },
  ],
})
