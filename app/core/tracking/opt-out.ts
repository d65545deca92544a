// Opt-out keywords (docs/design.md §3 "Events"): a reply that is, as a whole, one of these words asks to
// never be messaged again. Case, accents, punctuation, emoji and surrounding spaces are ignored;
// a keyword inside a longer sentence is not an opt-out ("não quero sair de casa" is not).

const KEYWORDS = [
  'sair',
  'parar',
  'pare',
  'cancelar',
  'cancela',
  'descadastrar',
  'descadastre',
  'remover',
  'remova',
  'stop',
  'unsubscribe',
  'nao quero mais',
  'nao quero receber',
  'nao envie mais',
  'sair da lista',
  'me tira da lista',
  'me tire da lista',
]

const NORMALISED = new Set(KEYWORDS)

/** Lower-case, no accents, only letters/digits separated by single spaces. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** True when the whole message is an opt-out request. */
export function isOptOutMessage(text: string): boolean {
  const normal = normaliseReply(text)
  return normal.length > 0 && normal.length <= 40 && NORMALISED.has(normal)
}
