// WhatsApp polls (decision 038): a campaign message may be a poll — the campaign's text is the question
// (rendered per contact like any text: variables and {a|b} variants), with 2..12 fixed options, single or
// multiple answers. Options are unique after trimming and case-folding (WhatsApp matches votes by the
// option's text, so two options that look alike would split one answer). Pure: the composer, the API
// and the tests use it; messages are codes (decision 025).

export const POLL_MIN_OPTIONS = 2
export const POLL_MAX_OPTIONS = 12
/** WhatsApp cuts longer option labels; 100 characters is its own limit. */
export const POLL_OPTION_MAX = 100
/** A poll question longer than this is refused by WhatsApp clients (255 characters). */
export const POLL_QUESTION_MAX = 255

/** What the campaign row stores (campaigns.poll). */
export type PollSpec = { options: string[]; multipleAnswers: boolean }

export type PollProblem = {
  /** The form field (`pollOptions` or `pollOptions[i]`). */
  field: string
  message:
    | 'polls.errors.tooFew'
    | 'polls.errors.tooMany'
    | 'polls.errors.duplicate'
    | 'polls.errors.optionTooLong'
    | 'polls.errors.withMedia'
}

/** Case- and accent-insensitive key of an option (what makes two options "the same"). */
function optionKey(option: string): string {
  return option.trim().normalize('NFKC').toLocaleLowerCase('pt-BR').replace(/\s+/g, ' ')
}

/** The options typed (blank inputs ignored, each trimmed), in the order typed. */
function pollOptionsOf(raw: readonly (string | undefined | null)[] | undefined): string[] {
  return (raw ?? []).map((o) => (o ?? '').trim()).filter((o) => o !== '')
}

/**
 * Problems of a poll's options: 2..12 non-blank options, each up to 100 characters, no two alike.
 * `raw` is as typed (positions kept so a problem points at its input).
 */
export function pollProblems(
  raw: readonly (string | undefined | null)[] | undefined,
  hasMedia = false,
): PollProblem[] {
  const problems: PollProblem[] = []
  if (hasMedia) problems.push({ field: 'pollOptions', message: 'polls.errors.withMedia' })
  const seen = new Map<string, number>()
  let count = 0
  ;(raw ?? []).forEach((value, i) => {
    const option = (value ?? '').trim()
    if (option === '') return
    count++
    if ([...option].length > POLL_OPTION_MAX)
      problems.push({ field: `pollOptions[${i}]`, message: 'polls.errors.optionTooLong' })
    const key = optionKey(option)
    if (seen.has(key)) problems.push({ field: `pollOptions[${i}]`, message: 'polls.errors.duplicate' })
    else seen.set(key, i)
  })
  if (count < POLL_MIN_OPTIONS) problems.push({ field: 'pollOptions', message: 'polls.errors.tooFew' })
  if (count > POLL_MAX_OPTIONS) problems.push({ field: 'pollOptions', message: 'polls.errors.tooMany' })
  return problems
}

/** The stored poll from the form, or null when the message is not a poll (or its options are wrong). */
export function pollSpecOf(input: {
  pollOn?: boolean
  pollOptions?: (string | undefined)[]
  pollMultiple?: boolean
}): PollSpec | null {
  if (!input.pollOn) return null
  if (pollProblems(input.pollOptions).length > 0) return null
  return { options: pollOptionsOf(input.pollOptions), multipleAnswers: input.pollMultiple ?? false }
}

/**
 * The options a vote names, in the poll's own spelling and order; options the poll does not have are
 * dropped (`unknown` counts them). An empty list is a vote taken back.
 */
export function matchVote(
  poll: PollSpec,
  selected: readonly string[],
): { options: string[]; unknown: number } {
  const byKey = new Map(poll.options.map((o) => [optionKey(o), o]))
  const picked = new Set<string>()
  let unknown = 0
  for (const s of selected) {
    const o = byKey.get(optionKey(s))
    if (o) picked.add(o)
    else unknown++
  }
  return { options: poll.options.filter((o) => picked.has(o)), unknown }
}

/** Counts per option (in the poll's order) over the current votes; `voters` counts people, not answers. */
export function tallyVotes(
  poll: PollSpec,
  votes: readonly (readonly string[])[],
): { options: { option: string; votes: number }[]; voters: number } {
  const counts = new Map(poll.options.map((o) => [o, 0]))
  let voters = 0
  for (const v of votes) {
    if (v.length === 0) continue
    voters++
    for (const o of v) if (counts.has(o)) counts.set(o, (counts.get(o) ?? 0) + 1)
  }
  return { options: poll.options.map((o) => ({ option: o, votes: counts.get(o) ?? 0 })), voters }
}
