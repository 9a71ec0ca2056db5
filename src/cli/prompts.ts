import type { Lang } from '../rules/define-rule.js'
import type { Asker } from '../init/questions.js'

// The Asker `init` uses on a terminal: @inquirer/prompts, worded in the user's language. The
// streams are given (the CLI passes the terminal: questions on stderr, so stdout stays the
// report's); tests pass their own.

export interface PromptStreams {
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
}

const KEYS: Record<Lang, Record<string, string>> = {
  zh: { navigate: '选择', select: '确定' },
  en: { navigate: 'move', select: 'choose' },
}

const TEXT: Record<Lang, { yes: string; no: string; required: string }> = {
  zh: { yes: '是', no: '否', required: '这一项必须填写' },
  en: { yes: 'yes', no: 'no', required: 'this one is needed' },
}

/** Loaded on the first question, not at start-up. */
const prompts = () => import('@inquirer/prompts')

export function inquirerAsker(streams: PromptStreams, lang: Lang): Asker {
  const context = { input: streams.input, output: streams.output, clearPromptOnDone: false }
  const keysHelpTip = (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${KEYS[lang][action] ?? action}`).join(' · ')
  return {
    select: async (message, choices, def) =>
      (await prompts()).select({ message, choices, default: def, pageSize: 12, theme: { style: { keysHelpTip } } }, context),
    input: async (message, opts = {}) =>
      (await prompts()).input(
        {
          message,
          default: opts.default,
          // Our own `required` check below: inquirer's would answer in English.
          validate: (value: string) => {
            if (opts.required && value.trim() === '') return TEXT[lang].required
            return opts.validate ? opts.validate(value) : true
          },
        },
        context,
      ),
    confirm: async (message, def) =>
      (await prompts()).confirm(
        {
          message,
          default: def,
          transformer: (answer: boolean) => (answer ? TEXT[lang].yes : TEXT[lang].no),
        },
        context,
      ),
  }
}

/** Ctrl+C or a closed terminal during a question. */
export function isPromptCancelled(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError'
}
