// English for the user-facing pt-BR messages that core modules return or store (import rejects,
// WAHA/AI errors, failure reasons in campaign_messages.error...). The core keeps pt-BR as the
// canonical text (stored, exported); `translate` shows it in English for the 'en' UI: exact texts
// first (one Map lookup), then the interpolated shapes of core-en-patterns.ts.
import { INTEGRATIONS_EN } from './core-en-integrations'
import { CORE_EN_PATTERNS } from './core-en-patterns'

/** Exact pt-BR core message -> English. */
export const CORE_EN: ReadonlyMap<string, string> = new Map(INTEGRATIONS_EN)

export { CORE_EN_PATTERNS }

// Every interpolated message is a sentence of some length; labels, numbers and names skip the regexes.
const MIN_PATTERN_LENGTH = 16

/** The English text of a pt-BR core message, or the text unchanged when it is not one. */
export function translateCore(text: string): string {
  const exact = CORE_EN.get(text)
  if (exact !== undefined) return exact
  if (text.length < MIN_PATTERN_LENGTH || !text.includes(' ')) return text
  for (const { re, en } of CORE_EN_PATTERNS) {
    const m = re.exec(text)
    if (!m) continue
    return typeof en === 'string'
      ? en.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '')
      : en(m, translateCore)
  }
  return text
}
