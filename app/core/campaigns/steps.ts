// Follow-up steps (decision 040): after the first message, up to 4 steps, each a text or a poll, sent
// a delay (1 hour .. 30 days) after the previous step to part of those who received it. Pure: the
// composer, the API and the engine use it; problems are message codes (decision 025).
import type { FollowUpStep, StepAudience } from '../../../db/tables/audience-types'
import type { MessageMedia } from '../sending/message-payload.server'
import { type PollProblem, pollProblems, pollSpecOf } from './poll'

export type { FollowUpStep }

export const MAX_STEPS = 4
const HOUR_MINUTES = 60
export const DAY_MINUTES = 24 * 60
/** The longest delay after the previous step: 30 days. */
const MAX_DELAY_MINUTES = 30 * DAY_MINUTES
/** The outbox `step` of the automatic confirmation (a reply to the first message). */
export const CONFIRMATION_STEP = -1
/** A campaign with a confirmation stays open this long after its last message, for late replies. */
export const CONFIRMATION_OPEN_MS = 24 * 60 * 60 * 1000
export const STEP_AUDIENCES = ['no_reply', 'not_read', 'read_no_reply', 'clicked', 'voted'] as const
export const DELAY_UNITS = ['hours', 'days'] as const
type DelayUnit = (typeof DELAY_UNITS)[number]

/** A step as typed (form or API): everything optional, checked by stepProblems. */
export type StepInput = {
  /** `text` (default) or `poll`. */
  kind?: string
  texts?: (string | undefined)[]
  pollOptions?: (string | undefined)[]
  pollMultiple?: boolean
  delayValue?: number
  delayUnit?: string
  audience?: string
  option?: string
}

export type StepProblem = {
  /** Index of the step (0-based). */
  step: number
  /** The field within the step: `kind`, `texts`, `delayValue`, `audience`, `option`, `pollOptions` (+ index). */
  path: (string | number)[]
  message:
    | 'steps.errors.tooMany'
    | 'steps.errors.textRequired'
    | 'steps.errors.delayRequired'
    | 'steps.errors.delayZero'
    | 'steps.errors.delayTooLong'
    | 'steps.errors.audienceRequired'
    | 'steps.errors.votedNeedsPoll'
    | 'steps.errors.optionRequired'
    | 'steps.errors.optionUnknown'
    | PollProblem['message']
}

const isPoll = (s: StepInput) => s.kind === 'poll'

/** The delay in minutes, or null when not a positive whole number of hours or days. */
export function delayMinutesOf(value: number | undefined, unit: string | undefined): number | null {
  if (value === undefined || !Number.isFinite(value) || !Number.isInteger(value)) return null
  return value * (unit === 'days' ? DAY_MINUTES : HOUR_MINUTES)
}

/** The delay as the form shows it: whole days when it is, else hours. */
function delayParts(minutes: number): { value: number; unit: DelayUnit } {
  return minutes % DAY_MINUTES === 0
    ? { value: minutes / DAY_MINUTES, unit: 'days' }
    : { value: Math.round(minutes / HOUR_MINUTES), unit: 'hours' }
}

/**
 * Problems of the steps as typed. `firstPoll` is the first message's poll options (a step's `voted`
 * audience needs the PREVIOUS step to be a poll, and its option to be one of that poll's options).
 */
export function stepProblems(
  steps: readonly StepInput[],
  firstPoll: readonly string[] | null,
): StepProblem[] {
  const problems: StepProblem[] = []
  if (steps.length > MAX_STEPS)
    problems.push({ step: MAX_STEPS, path: ['kind'], message: 'steps.errors.tooMany' })
  let previousPoll: readonly string[] | null = firstPoll
  steps.forEach((s, i) => {
    const add = (field: string | (string | number)[], message: StepProblem['message']) =>
      problems.push({ step: i, path: Array.isArray(field) ? field : [field], message })
    if ((s.texts ?? []).every((t) => (t ?? '').trim() === '')) add('texts', 'steps.errors.textRequired')
    const minutes = delayMinutesOf(s.delayValue, s.delayUnit)
    if (s.delayValue === undefined) add('delayValue', 'steps.errors.delayRequired')
    else if (minutes === null || minutes <= 0) add('delayValue', 'steps.errors.delayZero')
    else if (minutes > MAX_DELAY_MINUTES) add('delayValue', 'steps.errors.delayTooLong')
    if (!STEP_AUDIENCES.includes(s.audience as StepAudience)) add('audience', 'steps.errors.audienceRequired')
    if (s.audience === 'voted') {
      if (!previousPoll) add('audience', 'steps.errors.votedNeedsPoll')
      else if (!(s.option ?? '').trim()) add('option', 'steps.errors.optionRequired')
      else if (!previousPoll.includes((s.option ?? '').trim())) add('option', 'steps.errors.optionUnknown')
    }
    if (isPoll(s)) {
      for (const p of pollProblems(s.pollOptions)) {
        const at = /\[(\d+)\]$/.exec(p.field)
        add(at ? ['pollOptions', Number(at[1])] : 'pollOptions', p.message)
      }
    }
    const spec = isPoll(s) ? pollSpecOf({ pollOn: true, pollOptions: s.pollOptions }) : null
    previousPoll = spec?.options ?? null
  })
  return problems
}

/** The stored steps from checked input (call only when stepProblems found nothing). */
export function stepsOf(steps: readonly StepInput[]): FollowUpStep[] {
  return steps.map((s) => {
    const poll = isPoll(s)
      ? pollSpecOf({ pollOn: true, pollOptions: s.pollOptions, pollMultiple: s.pollMultiple })
      : null
    return {
      texts: (s.texts ?? []).map((t) => (t ?? '').trim()).filter((t) => t !== ''),
      poll,
      delayMinutes: delayMinutesOf(s.delayValue, s.delayUnit) ?? HOUR_MINUTES,
      audience: s.audience as StepAudience,
      option: s.audience === 'voted' ? (s.option ?? '').trim() : null,
    }
  })
}

/** A stored step back as input (the edit form, a duplicated campaign). */
export function stepInputOf(step: FollowUpStep): StepInput {
  const d = delayParts(step.delayMinutes)
  return {
    kind: step.poll ? 'poll' : 'text',
    texts: step.texts,
    pollOptions: step.poll?.options ?? [],
    pollMultiple: step.poll?.multipleAnswers ?? false,
    delayValue: d.value,
    delayUnit: d.unit,
    audience: step.audience,
    option: step.option ?? undefined,
  }
}

type CampaignMessageSource = MessageMedia & { texts: string[]; steps?: FollowUpStep[] | null }

/**
 * What one outbox row sends: step 0 is the campaign's first message (its attachment or poll); a
 * follow-up step is its own text or poll, without attachment; the confirmation is a plain text.
 */
export function stepMessage(campaign: CampaignMessageSource, step: number): MessageMedia {
  if (step === 0) return campaign
  const own = step > 0 ? campaign.steps?.[step - 1] : undefined
  return {
    mediaKey: null,
    mediaKind: null,
    mediaType: null,
    mediaName: null,
    linkPreview: campaign.linkPreview,
    baseUrl: campaign.baseUrl,
    poll: own?.poll ?? null,
  }
}
