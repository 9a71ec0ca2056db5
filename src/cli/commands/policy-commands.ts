import { Command, Option } from 'commander'
import type { Lang } from '../../rules/define-rule.js'
import { UsageError } from '../../usage-error.js'
import type { Io } from '../context.js'

// The command line of `zhicheng-check policy test|diff|new|lint`; the commands themselves are in
// policy.ts, loaded when one runs.

const run = () => import('./policy.js')

const HELP = {
  zh: `
示例：
  zhicheng-check policy test                              运行默认政策（aksu-2024）的全部示例申报包
  zhicheng-check policy test --policy sample-2025         运行另一个政策的示例
  zhicheng-check policy test --policy 我的.yaml examples/   用改过的政策文件运行 examples/ 里属于它的包
  zhicheng-check policy test --update                     有意改动后，按结果改写 expected.yaml
  zhicheng-check policy diff aksu-2024 sample-2025        两个政策下各示例的发现有何不同、政策取值改了什么
  zhicheng-check policy lint src/policies/aksu-2024.yaml  深入检查一个政策文件
  zhicheng-check policy new aksu-2024 --id aksu-2025      复制政策及其示例，作为新政策的起点（写到 ./aksu-2025/）

退出码：0 全部一致（或没有变化、没有错误）；1 有不一致（或有变化、有错误）；2 无法运行`,
  en: `
Examples:
  zhicheng-check policy test                              run every example package of the default policy
  zhicheng-check policy test --policy sample-2025         run another policy's examples
  zhicheng-check policy test --policy mine.yaml examples/ run an edited policy file on its packages in examples/
  zhicheng-check policy test --update                     after a deliberate change, rewrite expected.yaml
  zhicheng-check policy diff aksu-2024 sample-2025        what findings flip, and which policy values changed
  zhicheng-check policy lint src/policies/aksu-2024.yaml  deeper checks of a policy file
  zhicheng-check policy new aksu-2024 --id aksu-2025      copy a policy and its examples to start a new one (into ./aksu-2025/)

Exit codes: 0 all match (no change, no error); 1 a difference (a change, an error); 2 could not run`,
}

/** Registers `policy test|diff|new|lint` on the program; `setExit` receives each command's code. */
export function registerPolicyCommands(program: Command, io: Io, lang: Lang, setExit: (code: number) => void): void {
  const zh = lang === 'zh'
  const group = program
    .command('policy')
    .description(zh ? '政策回归检查：示例申报包与预期（test、diff、new、lint）' : 'policy regression kit: example packages and their expectations (test, diff, new, lint)')
    .addHelpText('after', HELP[lang])
    .usage('test|diff|new|lint [options]')
    .argument('[command...]', 'test | diff | new | lint')
    // --lang and the like belong to the subcommands; here they only must not hide an unknown command.
    .allowUnknownOption()
    // Reached only without a known subcommand: one line and exit 2, as for any usage error.
    .action((args: string[]) => {
      const command = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--lang')
      if (command) throw new UsageError('unknown-command', { command: `policy ${command}`, hint: '' })
      throw new UsageError('bad-option', { reason: zh ? 'policy 后面要写子命令：test、diff、new 或 lint' : 'policy needs a command: test, diff, new or lint' })
    })

  const output = (cmd: Command, formats: string[]) =>
    cmd
      .addOption(new Option('--format <format>', '输出格式 / output format').choices(formats).default('pretty'))
      .option('--output <file>', '写入文件 / write to a file')
      .option('--lang <zh|en>', '语言 / language', 'zh')
  const running = (cmd: Command) =>
    cmd
      .option('--jobs <n>', '同时检查的扫描件数 / files inspected at once')
      .option('--no-cache', '不读不写扫描件检查缓存 / neither read nor write the inspection cache')

  running(
    output(
      group
        .command('test')
        .description(zh ? '运行示例申报包，与各包的 expected.yaml 比较' : "run the example packages and compare with each one's expected.yaml")
        .argument('[dirs...]', zh ? '示例文件夹或申报包（默认：政策的 examples:）' : "folders of packages, or packages (default: the policy's examples:)")
        .option('--policy <id|file>', zh ? '政策 ID 或政策文件（默认 aksu-2024）' : 'policy id or file (default aksu-2024)')
        .option('--update', zh ? '按本次结果改写 expected.yaml（只在有意改动之后用）' : 'rewrite expected.yaml to match this run (after a deliberate change only)'),
      ['pretty', 'json', 'junit'],
    ),
  ).action(async (dirs: string[], opts) => {
    setExit(await (await run()).runPolicyTestCommand(dirs, opts, io))
  })

  running(
    output(
      group
        .command('diff')
        .description(zh ? '同一批示例在两个政策下的发现有何不同，以及政策取值的变化' : 'which findings appear or disappear between two policies, and which values changed')
        .argument('<old>', 'ID | FILE')
        .argument('<new>', 'ID | FILE')
        .argument('[dirs...]', zh ? '示例文件夹或申报包（默认：两个政策的 examples:）' : "folders of packages, or packages (default: both policies' examples:)")
        .option('--today <YYYY-MM-DD>', zh ? '没有 expected.yaml 的包按这一天检查' : 'the date for packages without an expected.yaml'),
      ['pretty', 'json', 'junit'],
    ),
  ).action(async (oldPolicy: string, newPolicy: string, dirs: string[], opts) => {
    setExit(await (await run()).runPolicyDiffCommand(oldPolicy, newPolicy, dirs, opts, io))
  })

  group
    .command('new')
    .description(zh ? '复制一个政策及其示例，作为新政策的起点（从不覆盖文件）' : 'copy a policy and its examples as the start of a new one (never overwrites)')
    .argument('<from>', 'ID | FILE')
    .requiredOption('--id <id>', zh ? '新政策的 ID，如 aksu-2025' : 'the new policy id, e.g. aksu-2025')
    .option('--out <dir>', zh ? '政策文件和通知原文写到这里（默认 ./<id>）' : 'where the policy file and notice go (default ./<id>)')
    .option('--examples-out <dir>', zh ? '示例申报包写到这里（默认 <out>/examples）' : 'where the example packages go (default <out>/examples)')
    .addOption(new Option('--format <format>').choices(['pretty', 'json']).default('pretty'))
    .option('--lang <zh|en>', '', 'zh')
    .action(async (from: string, opts) => {
      setExit((await run()).runPolicyNewCommand(from, opts, io))
    })

  output(
    group
      .command('lint')
      .description(zh ? '深入检查政策文件：格式、条款引文、日期顺序、日历' : 'deeper checks of a policy file: schema, clause quotes, date order, calendar')
      .argument('<file>', 'FILE | ID'),
    ['pretty', 'json', 'junit'],
  ).action(async (file: string, opts) => {
    setExit((await run()).runPolicyLintCommand(file, opts, io))
  })
}
