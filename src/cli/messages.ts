import { closest } from '../util/closest.js'
import type { Lang } from '../rules/define-rule.js'
import type { UsageErrorCode } from '../usage-error.js'
import { fill } from '../report/render-message.js'
import { escapeControls } from '../report/sanitize.js'

// One line each, in the user's language: what is wrong and what to do.
const TEMPLATES: Record<UsageErrorCode, Record<Lang, string>> = {
  'bad-option': { zh: '{reason}（zhicheng-check --help 查看用法）', en: '{reason} (see zhicheng-check --help)' },
  'bad-date': { zh: '--today 的值“{value}”不是有效日期，应为 YYYY-MM-DD', en: '--today "{value}" is not a valid date (YYYY-MM-DD)' },
  'no-target': { zh: '找不到 {target}', en: '{target} does not exist' },
  'no-manifest-batch': {
    zh: '{target} 里没有 manifest.yaml 或 申报.yaml，但它的子文件夹里有申报包：要一次检查全部，用 zhicheng-check batch {target}',
    en: 'no manifest.yaml or 申报.yaml in {target}, but its folders hold packages: to check them all, use zhicheng-check batch {target}',
  },
  'no-manifest': {
    zh: '{target} 里没有 manifest.yaml 或 申报.yaml（用 zhicheng-check init 生成一个）',
    en: 'no manifest.yaml or 申报.yaml in {target} (zhicheng-check init writes one)',
  },
  'manifest-not-yaml': {
    zh: '{file} 第 {line} 行第 {column} 列不是有效的 YAML：{reason}',
    en: '{file} is not valid YAML at line {line}, column {column}: {reason}',
  },
  'manifest-too-large': {
    zh: '{file} 有 {size} 字节，超过清单上限 {max} 字节，不像是申报清单',
    en: '{file} is {size} bytes, over the {max}-byte limit for a manifest',
  },
  'manifest-encoding': {
    zh: '{file} 不是 UTF-8 编码（可能是 GBK）：请用“另存为 UTF-8”重新保存',
    en: '{file} is not UTF-8 (GBK?): save it again as UTF-8',
  },
  'policy-not-found': { zh: '没有名为 {policy} 的政策（可用：{known}）', en: 'no policy {policy} (available: {known})' },
  'policy-invalid': { zh: '政策文件 {policy} 无效：{reason}', en: 'policy {policy} is invalid: {reason}' },
  'unknown-rule': { zh: '没有规则 {rule}{hint}（zhicheng-check rules 列出全部）', en: 'no rule {rule}{hint} (zhicheng-check rules lists them)' },
  'fix-out-inside': {
    zh: '不能把修改后的副本写进申报包，也不能写到包含申报包的文件夹（{out}）：请另选一个包外的文件夹',
    en: 'will not write the fixed copy into the package or into a folder holding it ({out}): choose a folder outside',
  },
  'fix-out-not-empty': {
    zh: '{out} 已存在且不是空文件夹：请另选一个文件夹；若它是上次 fix 生成的副本，加 --force 覆盖',
    en: '{out} exists and is not empty: choose another folder, or add --force if it is a copy fix made before',
  },
  'fix-out-not-ours': {
    zh: '{out} 不是 fix 生成的副本（没有 fix-log.json）：即使加了 --force 也不会覆盖',
    en: '{out} is not a copy fix made (no fix-log.json): it is not overwritten, even with --force',
  },
  'output-inside-package': {
    zh: '不能把报告写进申报包（{output}）：检查器从不改动申报包，请写到包外{hint}',
    en: 'will not write the report into the package ({output}): write it outside{hint}',
  },
  'unknown-command': { zh: '没有命令 {command}{hint}（zhicheng-check --help 查看用法）', en: 'no command {command}{hint} (see zhicheng-check --help)' },
  'no-examples': {
    zh: '政策 {policy} 没有写示例申报包的位置（examples:）：在命令后给出示例文件夹，或在政策文件里加上 examples:',
    en: 'policy {policy} names no example folder (examples:): give the folder after the command, or add examples: to the policy file',
  },
  'no-example-packages': {
    zh: '{dir} 里没有属于政策 {policy} 的示例申报包（清单的 policy: 字段选定所属政策）',
    en: 'no example package of policy {policy} in {dir} (a manifest’s policy: field says which policy it belongs to)',
  },
  'would-overwrite': { zh: '{path} 已经存在：policy new 从不覆盖文件，请换一个 --id 或 --out', en: '{path} already exists: policy new never overwrites; choose another --id or --out' },
  'no-packages': {
    zh: '{root} 下没有申报包（含 manifest.yaml 或 申报.yaml 的文件夹，或申报包的 .zip）',
    en: 'no package under {root} (a folder holding manifest.yaml or 申报.yaml, or a .zip of one)',
  },
  'zip-invalid': { zh: '{file} 无法作为 zip 打开：{reason}', en: '{file} cannot be opened as a zip: {reason}' },
  'zip-unsafe-path': {
    zh: '{file} 里的“{entry}”指向压缩包以外（绝对路径或 ..），为安全起见不解压：请重新压缩申报包文件夹',
    en: '{file}: entry "{entry}" points outside the zip (absolute or ..), so it is not extracted: zip the package folder again',
  },
  'zip-too-large': { zh: '{file} 解压后过大（{reason}），为安全起见不解压', en: '{file} is too large once extracted ({reason}), so it is not extracted' },
  'zip-no-manifest': {
    zh: '{file} 里没有 manifest.yaml 或 申报.yaml（应在压缩包根目录，或唯一的顶层文件夹里）',
    en: 'no manifest.yaml or 申报.yaml in {file} (at the top of the zip, or in its only top folder)',
  },
  'package-crashed': { zh: '检查时出错：{reason}', en: 'the check failed: {reason}' },
  'reports-written': { zh: '已在 {dir} 为 {n} 个申报包各写了一份报告（HTML 和 JSON）', en: 'a report per package (HTML and JSON) for {n} package(s) written to {dir}' },
  'not-a-manifest': {
    zh: '{target} 是一个文件，不是申报包文件夹或清单：请给出申报包文件夹（或其中的 manifest.yaml）',
    en: '{target} is a file, not a package folder or its manifest: give the package folder (or its manifest.yaml)',
  },
  'batch-not-a-folder': {
    zh: '{target} 是一个文件：batch 要给出放申报包的文件夹（或一个申报包的 .zip）',
    en: '{target} is a file: batch needs the folder that holds the packages (or a package .zip)',
  },
  'not-a-folder': { zh: '{target} 不是文件夹：init 要给出放扫描件的文件夹', en: '{target} is not a folder: init needs the folder that holds the scans' },
  'manifest-exists': {
    zh: '{file} 已经存在：init --yes 从不覆盖清单；去掉 --yes 运行会先问是否覆盖',
    en: '{file} already exists: init --yes never overwrites a manifest; run without --yes to be asked',
  },
  'no-terminal': {
    zh: '没有终端可以提问：加 --yes 只写能猜到的内容（待填写的地方会标出）',
    en: 'no terminal to ask questions on: add --yes to write what can be guessed (what is left is marked)',
  },
  'manifest-outside': {
    zh: '{file} 是指向申报包以外的链接：清单必须是包里的文件，没有读取',
    en: '{file} is a link that leads out of the package: the manifest must be a file in it; not read',
  },
  'manifest-unreadable': { zh: '无法读取 {file}：{reason}', en: 'cannot read {file}: {reason}' },
  'manifest-policy-file': {
    zh: '清单的 policy: 只能写内置政策的 ID（{known}），不能是“{policy}”：政策文件只能由运行检查的人用 --policy 指定',
    en: 'the manifest’s policy: may only be a built-in policy id ({known}), not "{policy}": a policy file is chosen by whoever runs the check, with --policy',
  },
  'init-symlink': {
    zh: '{file} 是一个链接：init 不会通过链接写文件，请先删除它',
    en: '{file} is a link: init does not write through links; remove it first',
  },
  'folder-no-manifest': {
    zh: '{folder} 里有 {n} 个扫描件，但没有 manifest.yaml 或 申报.yaml，没有检查：用 zhicheng-check init {folder} 生成清单后再检查（不是申报包的文件夹请移出）',
    en: '{folder} holds {n} scan(s) but no manifest.yaml or 申报.yaml, so it was not checked: zhicheng-check init {folder} writes one (move the folder out if it is not a package)',
  },
  'archive-unsupported': {
    zh: '{file} 是 {format} 压缩包，没有检查：batch 只读取 .zip 压缩包和文件夹，请解压成文件夹或重新压缩为 .zip',
    en: '{file} is a {format} archive and was not checked: batch reads .zip archives and folders only; extract it to a folder or zip it again',
  },
  'bad-shard-report': {
    zh: '{file} 不是 batch --shard 写出的 JSON 报告（{reason}）：merge 只合并 zhicheng-check batch --shard i/N --format json 的输出',
    en: '{file} is not a JSON report written by batch --shard ({reason}): merge joins the output of zhicheng-check batch --shard i/N --format json',
  },
  'shards-mismatch': { zh: '这些分片不能合并：{reason}', en: 'these shards cannot be merged: {reason}' },
  'bad-since-report': {
    zh: '{file} 不是 zhicheng-check batch --format json 写出的报告（{reason}）：--since 要给出上一轮的批量 JSON 报告',
    en: '{file} is not a report of zhicheng-check batch --format json ({reason}): --since needs the earlier batch JSON report',
  },
  'cancelled': { zh: '已取消：没有写入 {file}', en: 'cancelled: {file} was not written' },
  'report-written': { zh: '报告已写到 {path}', en: 'report written to {path}' },
  'stdout-failed': {
    zh: '无法写出到标准输出（{reason}），报告不完整：用 --output 文件 写到文件，或检查磁盘空间',
    en: 'could not write to stdout ({reason}), so the report is incomplete: write it to a file with --output, or check the disk',
  },
}

export function usageMessage(code: UsageErrorCode, data: Record<string, string | number>, lang: Lang): string {
  if (code === 'manifest-unreadable' && lang === 'zh') data = { ...data, reason: NOT_READABLE_ZH[String(data.reason)] ?? String(data.reason) }
  if (code === 'output-inside-package') {
    const where = data.suggestion === undefined || data.suggestion === '' ? '' : String(data.suggestion)
    data = { ...data, hint: where === '' ? '' : lang === 'zh' ? `，如 --output ${where}` : `, e.g. --output ${where}` }
  }
  if (code === 'manifest-not-yaml' && lang === 'zh') data = { ...data, reason: yamlReasonZh(String(data.yamlCode ?? ''), String(data.reason ?? '')) }
  if ((code === 'zip-invalid' || code === 'zip-too-large') && lang === 'zh') data = { ...data, reason: zipReasonZh(String(data.reason ?? '')) }
  if (code === 'package-crashed' && lang === 'zh') data = { ...data, reason: crashReasonZh(String(data.reason ?? '')) }
  // Names from the package (a zip entry, a file) may hold terminal escapes: shown escaped.
  return fill(TEMPLATES[code][lang], Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? escapeControls(v) : v])), lang)
}

/** Why a file was not read (src/util/safe-read.ts), in Chinese. */
const NOT_READABLE_ZH: Record<string, string> = {
  'a folder': '它是一个文件夹',
  'a FIFO (named pipe)': '它是命名管道（FIFO），不是普通文件',
  'a device': '它是设备文件，不是普通文件',
  'a socket': '它是套接字，不是普通文件',
  'not a regular file': '它不是普通文件',
  EACCES: '没有读取权限',
  EPERM: '没有读取权限',
}

/** The YAML parser's complaint (its error code and English text) as a person writing a manifest would say it. */
function yamlReasonZh(code: string, reason: string): string {
  if (/end with a \]/u.test(reason)) return '方括号 [ ] 没有配对，少了 ]'
  if (/end with a \}/u.test(reason)) return '花括号 { } 没有配对，少了 }'
  const zh: Record<string, string> = {
    BAD_INDENT: '缩进不对：同一层的字段要从同一列开始，下一层多缩进两个空格',
    TAB_AS_INDENT: '用了 Tab 缩进：YAML 只能用空格缩进',
    DUPLICATE_KEY: '同一个字段写了两次',
    BAD_DQ_ESCAPE: '双引号里的反斜杠 \\ 后面不能这样写：路径请用 /，或改用单引号',
    BLOCK_AS_IMPLICIT_KEY: '一行里有两个“: ”：值里有冒号时请给值加引号',
    MULTILINE_IMPLICIT_KEY: '字段名不能跨行：是不是少了冒号，或值里的冒号没加引号',
    MISSING_CHAR: '少了引号或括号的另一半',
    UNEXPECTED_TOKEN: '这里有一个不该出现的符号（多余的引号、括号或冒号？）',
    BAD_SCALAR_START: '值不能以这个符号开头（如 @ ` %）：请给值加引号',
    MULTIPLE_DOCS: '文件里有多段 YAML（---）：清单只能有一段',
    ALIAS_CYCLE: '别名引用了包含它自己的值（&锚点 / *别名 自我引用）',
  }
  // The parser's English text is not shown to a Chinese reader: line and column already say where.
  return zh[code] ?? '这里的写法不符合 YAML 格式（检查引号、冒号和缩进）'
}

/** Why a zip could not be extracted (src/fs/zip-package.ts, yauzl), in Chinese. */
export function zipReasonZh(reason: string): string {
  let m: RegExpExecArray | null
  if (/end of central directory record signature not found/iu.test(reason)) return '不是 zip 文件，或文件不完整（找不到 zip 目录）；若是 RAR、7z 改了扩展名，请解压后重新压缩为 .zip'
  if ((m = /^(.*): encrypted$/u.exec(reason))) return `“${m[1]}”设置了密码，无法解压：请去掉密码后重新压缩`
  if ((m = /^(\d+) > (\d+) entries$/u.exec(reason))) return `有 ${m[1]} 个文件，超过上限 ${m[2]} 个`
  if ((m = /^(.*): over (\d+) bytes$/u.exec(reason))) return `“${m[1]}”超过 ${m[2]} 字节`
  if ((m = /^over (\d+) bytes in all$/u.exec(reason))) return `合计超过 ${m[1]} 字节`
  if ((m = /^(.*): inflates over (\d+)×$/u.exec(reason))) return `“${m[1]}”解压后膨胀超过 ${m[2]} 倍`
  if (/unsupported compression method/u.test(reason)) return '用了不支持的压缩方式：请用系统自带的“压缩”功能重新压缩为 .zip'
  if (/multi-disk/u.test(reason)) return '是分卷压缩包：请合并成一个 .zip'
  if ((m = /^([^:]+\.[^:/]+): /u.exec(reason))) return `“${m[1]}”的压缩数据已损坏，请重新压缩`
  return '压缩包已损坏，无法读取：请重新压缩'
}

/** A failure of the checker on one package (a system error), in Chinese: the English detail is for ZHICHENG_DEBUG=1. */
export function crashReasonZh(reason: string): string {
  const code = /^(E[A-Z]+)\b/u.exec(reason)?.[1]
  const file = /, \w+ '([^']+)'/u.exec(reason)?.[1]
  const known: Record<string, string> = {
    EACCES: '没有读取权限',
    EPERM: '没有读取权限',
    ENOENT: '文件在检查时不见了（被移动或删除）',
    ENOSPC: '磁盘空间不足',
    EMFILE: '同时打开的文件太多',
    EIO: '读取磁盘出错',
  }
  const what = code ? known[code] : undefined
  if (what) return file ? `${file}：${what}` : what
  return '检查器内部错误（设置环境变量 ZHICHENG_DEBUG=1 可看详情）'
}

/** Commander's own errors, worded for our users. */
/** What each command's argument is, for "missing argument" in the user's words. */
const ARGUMENTS: Record<string, Record<Lang, string>> = {
  rule: { zh: '缺少要解释的规则，如 zhicheng-check explain ce.total-hours', en: 'which rule? e.g. zhicheng-check explain ce.total-hours' },
  root: { zh: '缺少放申报包的文件夹，如 zhicheng-check batch 申报材料/', en: 'which folder of packages? e.g. zhicheng-check batch packages/' },
  file: { zh: '缺少要检查的政策文件或政策 ID，如 zhicheng-check policy lint aksu-2024', en: 'which policy file or id? e.g. zhicheng-check policy lint aksu-2024' },
  old: { zh: '缺少要比较的两个政策（旧的、新的），如 zhicheng-check policy diff aksu-2024 sample-2025', en: 'which two policies, old and new? e.g. zhicheng-check policy diff aksu-2024 sample-2025' },
  new: { zh: '缺少要比较的新政策（旧的、新的各一个），如 zhicheng-check policy diff aksu-2024 sample-2025', en: 'which new policy to compare with? e.g. zhicheng-check policy diff aksu-2024 sample-2025' },
  from: { zh: '缺少作为起点的政策，如 zhicheng-check policy new aksu-2024 --id aksu-2025', en: 'which policy to start from? e.g. zhicheng-check policy new aksu-2024 --id aksu-2025' },
}

export function commanderMessage(code: string, message: string, lang: Lang): string {
  const token = /'([^']*)'/.exec(message)?.[1] ?? ''
  // "option '--format <format>' argument 'xml' is invalid. Allowed choices are pretty, json."
  const choice = /option '(-[\w-]+)[^']*' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/u.exec(message.trim())
  if (code === 'commander.invalidArgument' && choice) {
    const [, option, value, allowed] = choice
    const choices = allowed!.split(', ')
    const hint = closest(value!, choices)
    const reason =
      lang === 'zh'
        ? `${option} 不能是 ${value}${hint ? `（是否想写 ${hint}？）` : ''}，可选：${choices.join('、')}`
        : `${option} cannot be ${value}${hint ? ` (did you mean ${hint}?)` : ''}; choices: ${choices.join(', ')}`
    return usageMessage('bad-option', { reason }, lang)
  }
  // commander's own suggestion: "error: unknown option '--frmat'\n(Did you mean --format?)"
  // Kept only when near enough to be a typo by our own measure (commander offers --no-ocr for --colour).
  const offered = /\(Did you mean (\S+?)\?\)/u.exec(message)?.[1]
  const bare = (o: string) => o.replace(/^-+/u, '')
  const meant = offered && closest(bare(token), [bare(offered)]) ? offered : undefined
  if (code === 'commander.unknownOption' && meant) {
    const reason = lang === 'zh' ? `未知选项 ${token}，是否想写 ${meant}？` : `unknown option '${token}'; did you mean ${meant}?`
    return usageMessage('bad-option', { reason }, lang)
  }
  const arg = ARGUMENTS[token]
  if (code === 'commander.missingArgument' && arg) return usageMessage('bad-option', { reason: arg[lang] }, lang)
  if (code === 'commander.missingMandatoryOptionValue') {
    const option = /'(--[\w-]+)/u.exec(message)?.[1] ?? token
    return usageMessage('bad-option', { reason: lang === 'zh' ? `缺少必需的选项 ${option}` : `the option ${option} is required` }, lang)
  }
  const zh: Record<string, string> = {
    'commander.unknownOption': `未知选项 ${token}`,
    'commander.unknownCommand': `未知命令 ${token}`,
    'commander.missingArgument': `缺少参数 ${token}`,
    'commander.optionMissingArgument': `选项 ${token} 缺少值`,
    'commander.invalidArgument': `参数无效：${message.replace(/^error: /, '')}`,
    'commander.excessArguments': '参数太多',
  }
  const plain = message.replace(/^error: /, '').replace(/\s*\(Did you mean \S+?\?\)/u, '')
  const text = lang === 'zh' ? (zh[code] ?? plain) : plain
  return usageMessage('bad-option', { reason: text }, lang)
}
