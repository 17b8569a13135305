/**
 * Sentences a user can meet from the server, said in both languages: each carries a code and its
 * values, so the API keeps its English `error` while the user reads the same sentence in their own
 * language (the way the scheduler's sayings do). A domain keeps its catalogue beside the code that
 * refuses; `sentences(catalogue)` makes its sayer.
 */
export type SayLocale = 'en' | 'zh-CN'
export type SayParams = Record<string, string | number>
export interface Sentence { code: string; params: SayParams; text: Record<SayLocale, string> }
export type SentenceCatalog = Record<string, Record<SayLocale, string>>

const fill = (template: string, params: SayParams): string => template.replace(/\{(\w+)\}/g, (all, k: string) => (k in params ? String(params[k]) : all))

/** The sayer of a catalogue: code and values in, the sentence in both languages out. */
export function sentences<C extends SentenceCatalog>(catalog: C): (code: keyof C & string, params?: SayParams) => Sentence {
  return (code, params = {}) => ({ code, params, text: { en: fill(catalog[code]!.en, params), 'zh-CN': fill(catalog[code]!['zh-CN'], params) } })
}

/** An error that says a Sentence: its message is the English text. */
export class SaidError extends Error {
  constructor(readonly said: Sentence) { super(said.text.en) }
}
