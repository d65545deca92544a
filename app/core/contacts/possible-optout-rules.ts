// The sentence that says why a reply was flagged as a possible opt-out (decision 031), for the opt-outs
// page and the conversation in Respostas.

/** Rules that flag a reply by its words; any other rule flagged a request asked as a question. */
const WORD_RULES = new Set(['mentionsLeaving', 'blockOrReport', 'enough', 'whoGaveNumber', 'notInterested'])

/** The message key of a rule's explanation. */
export function possibleOptOutRuleKey(rule: string): string {
  return `optouts.possible.rule.${WORD_RULES.has(rule) ? rule : 'question'}`
}
