import { Command, CommanderError, Help, Option, type Argument } from 'commander'
import { VERSION } from '../core/version.js'
import { UsageError } from '../usage-error.js'
import type { Lang } from '../rules/define-rule.js'
import { commanderMessage, usageMessage } from './messages.js'
import type { Io } from './context.js'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { closest } from '../util/closest.js'
import { runCheck } from './commands/check.js'
import { BATCH_FORMATS } from './commands/batch-formats.js'
import { registerPolicyCommands } from './commands/policy-commands.js'
import { guardStdout } from './streams.js'

// Start-up is part of every check: a command's module (and what it imports: zips, prompts, the
// policy kit) is loaded only when that command runs; `check`, the default, is loaded up front.

const EXAMPLES = {
  zh: `
示例：
  zhicheng-check init                      第一次用：看扫描件、问几个问题、写出 manifest.yaml
  zhicheng-check                           检查当前文件夹里的申报包
  zhicheng-check check 申报材料/             检查某个文件夹
  zhicheng-check --format json > 报告.json   输出 JSON 报告
  zhicheng-check --format html --output 报告.html   网页报告（手机可看，带问题页面的缩略图）
  zhicheng-check --today 2024-08-01         按某一天判断时间要求
  zhicheng-check --no-ocr                  快速结构检查：不用文字识别读扫描页（报告会列出没有读的页）
  zhicheng-check batch 申报材料/ --reports 退回/  检查文件夹下全部申报包，每人一份报告
  zhicheng-check batch 申报材料/ --shard 1/3 --format json --output 1.json   分片检查；再 zhicheng-check merge 1.json 2.json 3.json
    })

  program
  zhicheng-check fix 申报材料/ --out 申报材料-上传版/  写出修改好的可上传副本并检查它
  zhicheng-check rules                     列出全部检查规则
  zhicheng-check explain ce.total-hours    解释一条规则及通知原文

退出码：0 没有错误；1 有必须修改的错误，或有扫描页没能识别（盲评检查不完整）；2 无法运行（选项错误、找不到清单、清单不是 YAML）`,
  en: `
Examples:
  zhicheng-check init                      first time: look at the scans, ask, write manifest.yaml
  zhicheng-check                           check the package in this folder
  zhicheng-check check my-package/         check a folder
  zhicheng-check --format json > out.json  JSON report
  zhicheng-check --format html --output report.html   a page to look at (phone-sized, with pictures)
  zhicheng-check --lang en --today 2024-08-01
  zhicheng-check --no-ocr                  a quick structural pass: scanned pages are not read (the verdict lists them)
  zhicheng-check batch units/ --reports out/  every package under a folder, a report each
  zhicheng-check batch units/ --shard 1/3 --format json --output 1.json   a share; then zhicheng-check merge 1.json 2.json 3.json
    })

  program
  zhicheng-check fix my-package/ --out upload/  write a fixed, upload-ready copy and check it
  zhicheng-check rules                     list every rule
  zhicheng-check explain ce.total-hours    one rule with its clause

Exit codes: 0 no error; 1 at least one error finding, or a scanned page OCR could not read; 2 could not run`,
}

const INIT_EXAMPLES = {
  zh: `
示例：
  zhicheng-check init                      在当前文件夹（放扫描件的文件夹）生成 manifest.yaml，逐项提问
  zhicheng-check init 申报材料/              为某个文件夹生成
  zhicheng-check init 申报材料/ --yes        不提问，只写能猜到的，待填写处标出（可在脚本里用）

已有 manifest.yaml 时会先问是否覆盖；--yes 从不覆盖。写完后自动检查一次。`,
  en: `
Examples:
  zhicheng-check init                      write manifest.yaml for the scans in this folder, asking as it goes
  zhicheng-check init my-package/          for another folder
  zhicheng-check init my-package/ --yes    ask nothing; mark what is left to fill in (for scripts)

An existing manifest is overwritten only after a yes; --yes never overwrites. The check runs after.`,
}

export function defaultIo(): Io {
  const out = guardStdout()
  return {
    stdout: out.write,
    stdoutFailure: out.failure,
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    now: new Date(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    ...(process.stderr.isTTY && process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
  }
}

/** The language asked for, read before parsing so that parse errors are worded in it. */
function langFromArgv(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='))
  if (i < 0) return 'zh'
  const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1]
  return v === 'en' ? 'en' : 'zh'
}

function commonOptions(cmd: Command, formats: string[]): Command {
  return cmd
    .addOption(new Option('--format <format>', '输出格式 / output format').choices(formats).default('pretty'))
    .option('--output <file>', '把报告写入文件 / write the report to a file')
    .option('--policy <id|file>', '政策 ID 或政策文件 / policy id or file')
    .option('--today <YYYY-MM-DD>', '按这一天判断时间要求（默认今天）/ the date timeline rules use')
    .option('--lang <zh|en>', '报告语言 / report language', 'zh')
    .option('--quiet', '只输出错误 / errors only')
}

/** How the scans are inspected (the session's pool, cache and OCR): check and batch alike. */
function inspectionOptions(cmd: Command): Command {
  return cmd
    .option('--jobs <n>', '同时检查的扫描件数（默认 CPU 核数）/ files inspected at once (default: cores)')
    .option('--no-cache', '不读不写扫描件检查缓存 / neither read nor write the inspection cache')
    .option('--no-ocr', '不用文字识别读扫描页（快速结构检查；报告会说明哪些页没有读）/ do not OCR the scanned pages (a quick structural pass; the verdict lists what was not read)')
    .addOption(new Option('--deep', 'OCR the scanned pages (the default now; kept for scripts)').hideHelp())
}

/** commander's help in Chinese: its headings and the (default: …) / (choices: …) it adds to options. */
const ZH_TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' }
const ZH_HELP = {
  styleTitle: (title: string) => ZH_TITLES[title] ?? title,
  optionDescription(this: Help, option: Option): string {
    return zhExtra(Help.prototype.optionDescription.call(this, option), option.description)
  },
  argumentDescription(this: Help, argument: Argument): string {
    return zhExtra(Help.prototype.argumentDescription.call(this, argument), argument.description)
  },
}

/** The "(default: …, choices: …)" commander appends to a description, in Chinese; the description itself is left alone. */
function zhExtra(full: string, own: string): string {
  if (full === own || !full.startsWith(own)) return full
  const extra = full.slice(own.length).trim().replace(/^\((.*)\)$/su, '$1')
  return `${own}（${extra.replace(/\bdefault: /gu, '默认：').replace(/\bchoices: /gu, '可选：')}）`
}

/** argv → exit code. Never throws: every failure is one line on stderr and exit 2. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const code = await run(argv, io)
  if (!io.stdoutFailure) return code
  // Node reports a failed write as an event on a later tick: let it arrive before judging.
  await new Promise((resolve) => setImmediate(resolve))
  const failure = io.stdoutFailure()
  if (failure === undefined) return code
  io.stderr(`zhicheng-check: ${usageMessage('stdout-failed', { reason: failure }, langFromArgv(argv))}\n`)
  return 2
}

async function run(argv: string[], io: Io): Promise<number> {
  const lang = langFromArgv(argv)
  let exitCode = 0
  /** A command's action: its exit code is the run's. */
  const exitWith =
    <A extends unknown[]>(run: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      exitCode = await run(...args)
    }
  const program = new Command('zhicheng-check')
    .description(
      lang === 'zh'
        ? '职称申报材料检查：按评审通知检查申报包（清单 + 扫描件），给出通过 / 修改报告'
        : 'Checks a professional-title application package against the notice and says what to fix',
    )
    .version(VERSION, '-V, --version', lang === 'zh' ? '显示版本号' : 'output the version number')
    .helpOption('-h, --help', lang === 'zh' ? '显示帮助' : 'display help for command')
    .helpCommand('help [command]', lang === 'zh' ? '显示某个命令的帮助' : 'display help for command')
    .configureHelp(lang === 'zh' ? ZH_HELP : {})
    .addHelpText('after', EXAMPLES[lang])
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: () => {}, outputError: () => {} })
    // Its suggestions ("Did you mean --format?") are worded again in the user's language (messages.ts).
    .showSuggestionAfterError(true)

  inspectionOptions(commonOptions(program.command('check', { isDefault: true }), ['pretty', 'json', 'html', 'junit', 'sarif'])
    .description(lang === 'zh' ? '检查一个申报包（默认当前文件夹）' : 'check one package (default: this folder)'))
    .argument('[target]', 'DIR | MANIFEST', '.')
    .action(exitWith(async (target: string, opts) => await runCheck(target, opts, io)))

  inspectionOptions(commonOptions(program.command('batch'), [...BATCH_FORMATS])
    .description(lang === 'zh' ? '检查 ROOT 下的全部申报包（单位人事用）：一张汇总表，每人一份报告' : 'check every package under ROOT (unit HR): one table, a report per applicant')
    .option('--reports <dir>', '为每个申报包写一份报告（HTML 和 JSON）/ write a report per package (HTML and JSON)'))
    .option('--shard <i/N>', lang === 'zh' ? '只检查第 i 份（共 N 份，按申报包路径的哈希分；auto/N 从 JOB_COMPLETION_INDEX 取 i），写出这一份的报告，再用 merge 合并' : 'check share i of N (by a hash of each package path; auto/N takes i from JOB_COMPLETION_INDEX) and write its report, for merge')
    .option('--since <report.json>', lang === 'zh' ? '与上一轮的批量 JSON 报告比较：每个申报包改了哪些、新增哪些、换了哪些文件' : 'compare with an earlier batch JSON report: per package, findings fixed and new, files replaced')
    .argument('<root>', 'ROOT')
    .action(exitWith(async (root: string, opts) => await (await import('./commands/batch.js')).runBatch(root, opts, io)))

  program
    .command('merge')
    .description(lang === 'zh' ? '把 batch --shard 的各份 JSON 报告合并成一次 batch 的结果' : 'join the JSON reports of batch --shard into what one batch writes')
    .argument('<shards...>', 'SHARD.json')
    .addOption(new Option('--format <format>').choices([...BATCH_FORMATS]).default('pretty'))
    .option('--output <file>', lang === 'zh' ? '写到文件（xlsx 必须）' : 'write to a file (xlsx needs one)')
    .option('--since <report.json>', lang === 'zh' ? '与上一轮的批量 JSON 报告比较' : 'compare with an earlier batch JSON report')
    .action(exitWith(async (shards: string[], opts) => await (await import('./commands/merge.js')).runMerge(shards, { ...opts, lang }, io)))

  program
    .command('fix')
    .description(lang === 'zh' ? '写出可上传的副本：清除元数据、遮盖姓名、改名、转正、压缩，然后检查副本（不改动原申报包）' : 'write an upload-ready copy (metadata cleared, names covered, renamed, turned upright, shrunk), then check the copy; the package is never changed')
    .argument('[target]', 'DIR | MANIFEST', '.')
    .requiredOption('--out <dir>', lang === 'zh' ? '副本写到这个文件夹（必须在申报包外，新的或空的）' : 'folder the copy is written to (outside the package, new or empty)')
    .option('--dry-run', lang === 'zh' ? '只列出修改计划，不写文件' : 'print the plan, write nothing')
    .option('--force', lang === 'zh' ? '覆盖上次 fix 生成的副本文件夹' : 'overwrite a copy folder fix made before')
    .addOption(new Option('--format <format>', '副本检查报告的格式 / format of the copy\'s report').choices(['pretty', 'json']).default('pretty'))
    .option('--policy <id|file>', '政策 ID 或政策文件 / policy id or file')
    .option('--today <YYYY-MM-DD>', '按这一天判断时间要求（默认今天）/ the date timeline rules use')
    .option('--lang <zh|en>', '报告语言 / report language', 'zh')
    .option('--jobs <n>', '同时检查的扫描件数 / files inspected at once')
    .option('--no-cache', '不读不写扫描件检查缓存 / neither read nor write the inspection cache')
    .option('--no-ocr', '不用文字识别读扫描页（扫描图像上的姓名就找不到、也不会遮盖）/ do not OCR scans (names in the pixels are then neither found nor covered)')
    .action(exitWith(async (target: string, opts) => await (await import('./commands/fix.js')).runFix(target, opts, io)))

  program
    .command('init')
    .description(lang === 'zh' ? '看文件夹里的扫描件，问几个问题，写出 manifest.yaml，然后检查' : 'look at the scans in a folder, ask what it cannot guess, write manifest.yaml, then check')
    .argument('[dir]', 'DIR', '.')
    .option('-y, --yes', lang === 'zh' ? '不提问：只写能猜到的，待填写的地方标出（可在没有终端时用）' : 'ask nothing: write what can be guessed and mark the rest (works without a terminal)')
    .option('--no-check', lang === 'zh' ? '只写清单，不运行检查' : 'write the manifest only, do not check')
    .option('--policy <id|file>', lang === 'zh' ? '政策 ID 或政策文件（决定可选的系列、职称等）' : 'policy id or file (the series, titles … offered)')
    .option('--today <YYYY-MM-DD>', lang === 'zh' ? '检查时按这一天判断时间要求' : 'the date the check uses')
    .option('--lang <zh|en>', '', 'zh')
    .addHelpText('after', INIT_EXAMPLES[lang])
    .action(exitWith(async (dir: string, opts) => await (await import('./commands/init.js')).runInit(dir, opts, io)))

  program
    .command('rules')
    .description(lang === 'zh' ? '列出全部规则' : 'list every rule')
    .addOption(new Option('--format <format>').choices(['pretty', 'json']).default('pretty'))
    .option('--lang <zh|en>', '', 'zh')
    .action(exitWith(async (opts) => (await import('./commands/rules.js')).runRulesList(opts, io)))

  program
    .command('explain')
    .description(lang === 'zh' ? '解释一条规则：通知原文、政策取值、如何修改' : 'explain one rule: clause, policy values, fix')
    .argument('<rule>', 'rule id, e.g. ce.total-hours')
    .option('--policy <id|file>')
    .option('--lang <zh|en>', '', 'zh')
    .action(exitWith(async (rule: string, opts) => (await import('./commands/rules.js')).runExplain(rule, opts, io)))

  program
    .command('schema')
    .description(lang === 'zh' ? '输出清单的 JSON Schema' : 'print the manifest JSON Schema')
    .action(exitWith(async () => (await import('./commands/schema.js')).runSchema(io)))

  registerPolicyCommands(program, io, lang, (code) => {
    exitCode = code
  })

  try {
    refuseMistypedCommand(argv, program, io.cwd, lang)
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0
      io.stderr(`zhicheng-check: ${commanderMessage(err.code, err.message, lang)}\n`)
      return 2
    }
    if (err instanceof UsageError) {
      io.stderr(`zhicheng-check: ${usageMessage(err.code, err.data, lang)}\n`)
      return 2
    }
    const debug = io.env.ZHICHENG_DEBUG === '1'
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err)
    io.stderr(
      `zhicheng-check: ${lang === 'zh' ? '内部错误' : 'internal error'}: ${msg}${debug ? '' : lang === 'zh' ? '（设 ZHICHENG_DEBUG=1 查看详情）' : ' (ZHICHENG_DEBUG=1 for details)'}\n`,
    )
    if (debug && err instanceof Error) io.stderr(`${err.stack}\n`)
    return 2
  }
}

/**
 * `explian …` would otherwise be read as `check explian …` ("too many arguments"): a first word
 * that is no command and no path, but near a command, is a typo of that command.
 */
function refuseMistypedCommand(argv: string[], program: Command, cwd: string, lang: Lang): void {
  // The first word that is not an option or an option's value (`--today 2024-08-05 chekc`).
  const check = program.commands.find((c) => c.name() === 'check')
  const takesValue = new Set((check?.options ?? []).filter((o) => o.required || o.optional).map((o) => o.long))
  let first: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('-')) {
      first = a
      break
    }
    if (!a.includes('=') && takesValue.has(a)) i++
  }
  if (first === undefined) return
  const commands = program.commands.map((c) => c.name())
  if (commands.includes(first) || first === 'help' || existsSync(resolve(cwd, first))) return
  const guess = closest(first, commands)
  if (guess) throw new UsageError('unknown-command', { command: first, hint: lang === 'zh' ? `，是否想写 ${guess}？` : `; did you mean ${guess}?` })
}
