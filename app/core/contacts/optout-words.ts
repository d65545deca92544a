// Where an opt-out came from, in words (suppressions.source holds 'manual', 'lgpd', or the text of the
// message the person sent, e.g. "SAIR"): the opt-outs page and its export show these, never the code.
export function optOutSource(
  source: string | null,
  t: (key: string, vars?: Record<string, string>) => string,
): string {
  if (!source) return ''
  if (source === 'manual') return t('optouts.source.manual')
  if (source === 'lgpd') return t('optouts.source.lgpd')
  return t('optouts.source.message', { text: source })
}
