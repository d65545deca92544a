// Is a new password guessable? (NIST SP 800-63B: check new passwords against lists of common and
// breached passwords, dictionary words, repetitive or sequential characters and context-specific words;
// no composition rules.) zxcvbn-ts estimates the guesses an attacker needs using the common-password
// list (leaked password corpora), pt-BR words, names and Wikipedia titles, keyboard patterns, dates and
// sequences, plus the person's own name, email and company. Server-only: the dictionaries (~3 MB)
// never reach the browser bundle. Cost (decision 012): ~80 ms of CPU to build the dictionaries once per
// isolate, then typically 2–15 ms per check and under 80 ms for the worst inputs we found (bounded by
// maxLength and l33tMaxSubstitutions below).
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as ptBR from '@zxcvbn-ts/language-pt-br'

/** zxcvbn score a new password needs: 3 = "safely unguessable" (about 10^8 guesses or more). */
const MIN_PASSWORD_SCORE = 3

/** zxcvbn warnings we explain; anything else gets the general message. */
const WARNINGS = new Set([
  'common',
  'topTen',
  'topHundred',
  'similarToCommon',
  'sequences',
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'recentYears',
  'dates',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
])
/** Several warnings share one explanation. */
const SAME_AS: Record<string, string> = {
  topTen: 'common',
  topHundred: 'common',
  keyPattern: 'straightRow',
  extendedRepeat: 'simpleRepeat',
  recentYears: 'dates',
  commonNames: 'namesByThemselves',
}

let factory: ZxcvbnFactory | null = null

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...ptBR.dictionary },
    graphs: common.adjacencyGraphs,
    // Bounds the CPU of one check. Characters past 64 only make a password stronger.
    maxLength: 64,
    l33tMaxSubstitutions: 15,
  })
  return factory
}

const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Words of the person's own context (name, email, company) a password must not lean on. */
function contextWords(inputs: (string | null | undefined)[]): string[] {
  const words = new Set<string>()
  for (const input of inputs) {
    const text = input?.trim().toLowerCase()
    if (!text) continue
    // As typed and without accents ("São Paulo" is typed "sao paulo" just as often), whole and by word.
    for (const variant of new Set([text, plain(text)])) {
      words.add(variant)
      for (const part of variant.split(/[\s@._+-]+/)) if (part.length >= 3) words.add(part)
    }
  }
  for (const product of ['disparo', 'whatsapp', 'waha']) words.add(product)
  return [...words]
}

/** How many characters of the password are covered by the context words (case and accents ignored). */
function contextCoverage(password: string, words: string[]): number {
  const text = plain(password)
  const covered = new Uint8Array(text.length)
  for (const word of words) {
    if (word.length < 3 || /\s/.test(word)) continue
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1))
      covered.fill(1, at, at + word.length)
  }
  return covered.reduce((n, c) => n + c, 0)
}

type Match = { pattern: string; token: string; dictionaryName?: string }

const fromDictionary = (m: Match, name: string) => m.pattern === 'dictionary' && m.dictionaryName === name

/**
 * Returns the i18n key explaining why `password` is too easy to guess, or null when it is strong enough.
 * `context` holds the person's name, email, company name: a password that is half or more made of them
 * (or of the product's name) is refused even when zxcvbn would let it pass.
 */
export function passwordStrengthProblem(
  password: string,
  context: (string | null | undefined)[] = [],
): string | null {
  const words = contextWords(context)
  if (contextCoverage(password, words) * 2 >= password.length) return 'password.weak.userInputs'
  const result = estimator().check(password, words)
  if (result.score >= MIN_PASSWORD_SCORE) return null
  const warning = result.feedback.warning
  if (warning && WARNINGS.has(warning)) return `password.weak.${SAME_AS[warning] ?? warning}`
  const sequence = result.sequence as Match[]
  if (sequence.some((m) => fromDictionary(m, 'passwords-common'))) return 'password.weak.common'
  if (sequence.some((m) => fromDictionary(m, 'userInputs'))) return 'password.weak.userInputs'
  return 'password.weak.guessable'
}
