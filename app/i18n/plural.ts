// Plural messages, in one place: a message whose wording depends on a number is stored as forms
// `key#one`, `key#other` (and, when a language needs them, `key#many`, `key#few`...) picked with
// Intl.PluralRules for the locale, plus an optional `key#0` for the zero case ("Nenhum contato").
// Zero without a `#0` form takes `#other`: Brazilian usage writes "0 contatos" (CLDR's pt rule files
// 0 under "one", which reads "0 contato"); English already says "0 contacts".
// translate() uses them when `key` itself is not a message and the `count` variable is a number;
// `{count}` is then written with the locale's digit grouping ("1.234 contatos", "1,234 contacts").

const RULES = new Map<string, Intl.PluralRules>()

function rulesFor(locale: string): Intl.PluralRules {
  let rules = RULES.get(locale)
  if (!rules) {
    rules = new Intl.PluralRules(locale)
    RULES.set(locale, rules)
  }
  return rules
}

/** The form of plural message `key` for `count`: for zero `#0` (else `#other`), else the CLDR category (else `#other`). */
export function pluralForm(
  dict: Readonly<Record<string, string>>,
  locale: string,
  key: string,
  count: number,
): string | undefined {
  if (count === 0) return dict[`${key}#0`] ?? dict[`${key}#other`]
  return dict[`${key}#${rulesFor(locale).select(count)}`] ?? dict[`${key}#other`]
}

/** The plural message keys of a dictionary (`contacts.total` for `contacts.total#one`...). */
export function pluralKeys(dict: Readonly<Record<string, string>>): string[] {
  const keys = new Set<string>()
  for (const k of Object.keys(dict)) {
    const at = k.indexOf('#')
    if (at > 0) keys.add(k.slice(0, at))
  }
  return [...keys]
}

/** `n` with the locale's grouping ("1.234" in pt-BR). */
export function formatCount(n: number, locale: string): string {
  return n.toLocaleString(locale)
}
