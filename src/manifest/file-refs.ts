
/** A file the manifest names, with where it names it. */
export interface FileRef {
  /** The path as written in the manifest. */
  path: string
  /** Dotted pointer of the manifest field ('education.diploma'). */
  pointer: string
}

const FILE_KEYS = new Set(['diploma', 'degree', 'file', 'certificate', 'proof'])

/** Every file path the manifest names, in document order. */
export function fileRefs(data: unknown): FileRef[] {
  const out: FileRef[] = []
  const walk = (node: unknown, pointer: string[], underAttachments: boolean) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...pointer, String(i)], underAttachments))
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        // accepted[].file names the file of a finding, not a file to upload.
        if (pointer.length === 0 && k === 'accepted') continue
        walk(v, [...pointer, k], underAttachments || (pointer.length === 0 && k === 'attachments'))
      }
    } else if (typeof node === 'string' && (underAttachments || FILE_KEYS.has(pointer.at(-1) ?? ''))) {
      out.push({ path: node, pointer: pointer.join('.') })
    }
  }
  walk(data, [], false)
  return out
}
