// English for the user-facing pt-BR messages that core modules return or store (import rejects,
// WAHA/AI errors, failure reasons in campaign_messages.error...). The core keeps pt-BR as the
// canonical text (stored, exported); `translate` shows it in English for the 'en' UI: exact texts
// first (one Map lookup), then the interpolated shapes of core-en-patterns.ts.
import { INTEGRATIONS_EN } from './core-en-integrations'

/** Exact pt-BR core message -> English. */
export const CORE_EN: ReadonlyMap<string, string> = new Map(INTEGRATIONS_EN)

/** The English text of a pt-BR core message, or the text unchanged when it is not one. */
export function translateCore(text: string): string {
  return CORE_EN.get(text) ?? text
}
