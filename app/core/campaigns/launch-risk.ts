// Risk before launch (decision 023): from what the composer knows before anything is sent (the texts,
// the audience, how many of them the chosen numbers never wrote to, how new the numbers are and how
// many days the sending will take), a level (baixo/médio/alto), the reasons behind it (codes with
// their numbers, worded by the review panel) and the one-click fixes that exist for them. Every
// threshold is in RISK_THRESHOLDS and documented in docs/decisions/023-risk-before-launch.md. Pure.
import { MAX_TEXTS } from './composer-schema'
import { hasOptOutLine, isShortener, linkHosts, usesName, variantCount } from './launch-risk-text'

export const RISK_THRESHOLDS = {
  /** Content reasons (one text, no name, no way out) only count from this many contacts. */
  contentAudience: 50,
  /** One text for everyone is "alto" from this many contacts. */
  oneTextHighAudience: 1000,
  /** A number first connected fewer days ago than this is new. */
  newNumberDays: 30,
  /** ...and very new below this (its risk is "alto"). */
  veryNewNumberDays: 7,
  /** A new number sending more than this many of the campaign's messages a day is a reason. */
  newNumberDailyVolume: 100,
  /** First contacts: a reason from this share of the audience and this many contacts... */
  firstContactsShare: 0.5,
  firstContactsMin: 50,
  /** ...and "alto" from this share and this many. */
  firstContactsHighShare: 0.8,
  firstContactsHighMin: 500,
  /** Three or more "médio" reasons together make the level "alto". */
  mediumReasonsForHigh: 3,
  /** "Espalhar em mais dias" never proposes a campaign daily cap below this. */
  minSpreadDailyCap: 10,
  /** "Enviar mais devagar" never proposes a minimum gap above this (seconds). */
  maxSlowMinDelayS: 600,
} as const

export type RiskLevel = 'baixo' | 'medio' | 'alto'
type RiskSeverity = 'medio' | 'alto'
type RiskFixKind = 'addVariant' | 'spreadDays' | 'slowDown' | 'addOptOut'

export type RiskReason =
  | {
      code: 'newNumber'
      severity: RiskSeverity
      session: string
      days: number
      perDay: number
      warmup: boolean
    }
  | { code: 'oneText'; severity: RiskSeverity; audience: number }
  | { code: 'noName'; severity: RiskSeverity; texts: number }
  | { code: 'insecureLink'; severity: RiskSeverity; url: string }
  | { code: 'shortLink'; severity: RiskSeverity; host: string }
  | { code: 'firstContacts'; severity: RiskSeverity; count: number; percent: number; of?: 'audience' }
  | { code: 'noOptOut'; severity: RiskSeverity; texts: number }

export type RiskFix =
  | { kind: 'addVariant' }
  | { kind: 'spreadDays'; dailyCap: number }
  | { kind: 'slowDown'; minDelayS: number; maxDelayS: number }
  | { kind: 'addOptOut' }

export type LaunchRiskInput = {
  /** The campaign's texts (blank ones are ignored). */
  texts: readonly string[]
  /** Contacts who will get it. */
  audience: number
  /** Of them, those the chosen numbers never wrote to (null: unknown, no number chosen). */
  firstContacts: number | null
  /** Whom the share is of: one list, or an audience of lists and segments (decision 039). */
  firstContactsOf?: 'list' | 'audience'
  /** The numbers that will send it. */
  sessions: readonly { name: string; ageDays: number; warmup: boolean }[]
  /** Days the sending is estimated to take (null: no estimate). */
  estimatedDays: number | null
  /** The campaign's daily cap as typed; the gap that applies (the slowest of the campaign and its numbers). */
  pacing: { dailyCap: number; minDelayS: number; maxDelayS: number }
  /** What each chosen number really sends per day for this campaign at most (effective daily cap). */
  effectiveDailyCap: number | null
}

export type LaunchRisk = { level: RiskLevel; reasons: RiskReason[]; fixes: RiskFix[] }

/** Fixes that exist for each reason (in the order offered). */
const FIXES_FOR: Record<RiskReason['code'], RiskFixKind[]> = {
  newNumber: ['spreadDays', 'slowDown'],
  oneText: ['addVariant'],
  noName: [],
  insecureLink: [],
  shortLink: [],
  firstContacts: ['spreadDays', 'slowDown'],
  noOptOut: ['addOptOut'],
}

/** The level from the reasons: any "alto", or enough "médio" together, is alto; any reason is médio. */
export function riskLevel(reasons: readonly RiskReason[]): RiskLevel {
  if (reasons.some((r) => r.severity === 'alto')) return 'alto'
  if (reasons.length >= RISK_THRESHOLDS.mediumReasonsForHigh) return 'alto'
  return reasons.length > 0 ? 'medio' : 'baixo'
}

/** The risk of launching these values now. */
export function launchRisk(input: LaunchRiskInput): LaunchRisk {
  const T = RISK_THRESHOLDS
  const texts = input.texts.filter((t) => t.trim() !== '')
  const audience = Math.max(0, input.audience)
  const reasons: RiskReason[] = []
  if (texts.length === 0 || audience === 0) return { level: 'baixo', reasons, fixes: [] }
  const days = Math.max(1, input.estimatedDays ?? 1)

  // A new number: the worst one that sends more than the daily volume for its age.
  const senders = input.sessions.length
  const perDay = senders > 0 ? Math.ceil(audience / senders / days) : 0
  const newOnes = input.sessions
    .filter((s) => s.ageDays < T.newNumberDays && perDay > T.newNumberDailyVolume)
    .sort((a, b) => a.ageDays - b.ageDays)
  const newest = newOnes[0]
  if (newest) {
    const high = newest.ageDays < T.veryNewNumberDays || !newest.warmup
    reasons.push({
      code: 'newNumber',
      severity: high ? 'alto' : 'medio',
      session: newest.name,
      days: Math.max(0, Math.floor(newest.ageDays)),
      perDay,
      warmup: newest.warmup,
    })
  }

  if (audience >= T.contentAudience && variantCount(texts) < 2)
    reasons.push({
      code: 'oneText',
      severity: audience >= T.oneTextHighAudience ? 'alto' : 'medio',
      audience,
    })
  const nameless = texts.filter((t) => !usesName(t)).length
  if (audience >= T.contentAudience && nameless > 0)
    reasons.push({ code: 'noName', severity: 'medio', texts: nameless })

  const links = texts.flatMap(linkHosts)
  const short = links.find((l) => isShortener(l.host))
  if (short) reasons.push({ code: 'shortLink', severity: 'alto', host: short.host })
  const insecure = links.find((l) => !l.https)
  if (insecure) reasons.push({ code: 'insecureLink', severity: 'medio', url: insecure.url })

  const first = input.firstContacts
  if (first !== null && first > 0) {
    const share = first / audience
    if (share >= T.firstContactsShare && first >= T.firstContactsMin) {
      const high = share >= T.firstContactsHighShare && first >= T.firstContactsHighMin
      reasons.push({
        code: 'firstContacts',
        severity: high ? 'alto' : 'medio',
        count: first,
        percent: Math.round(share * 100),
        ...(input.firstContactsOf === 'audience' ? { of: 'audience' as const } : {}),
      })
    }
  }

  const noWayOut = texts.filter((t) => !hasOptOutLine(t)).length
  if (audience >= T.contentAudience && noWayOut > 0)
    reasons.push({ code: 'noOptOut', severity: 'medio', texts: noWayOut })

  return { level: riskLevel(reasons), reasons, fixes: availableFixes(input, reasons, perDay, texts.length) }
}

/** The fixes the reasons call for, with the values they would set (none when they would change nothing). */
function availableFixes(
  input: LaunchRiskInput,
  reasons: RiskReason[],
  perDay: number,
  textCount: number,
): RiskFix[] {
  const T = RISK_THRESHOLDS
  const kinds = new Set(reasons.flatMap((r) => FIXES_FOR[r.code]))
  const fixes: RiskFix[] = []
  if (kinds.has('addVariant') && textCount < MAX_TEXTS) fixes.push({ kind: 'addVariant' })
  if (kinds.has('spreadDays')) {
    // Half of what each number sends a day now (never more than the new-number volume when that is
    // the reason), so the same audience takes about twice the days.
    const today = Math.min(perDay, input.effectiveDailyCap ?? perDay)
    let cap = Math.floor(today / 2)
    if (reasons.some((r) => r.code === 'newNumber')) cap = Math.min(cap, T.newNumberDailyVolume)
    if (cap >= T.minSpreadDailyCap && cap < input.pacing.dailyCap)
      fixes.push({ kind: 'spreadDays', dailyCap: cap })
  }
  if (kinds.has('slowDown')) {
    // Twice the gap that applies now (at least WAHA's advice of 30–60 s).
    const minDelayS = Math.max(30, input.pacing.minDelayS * 2)
    const maxDelayS = Math.max(minDelayS + 30, input.pacing.maxDelayS * 2)
    if (minDelayS <= T.maxSlowMinDelayS) fixes.push({ kind: 'slowDown', minDelayS, maxDelayS })
  }
  if (kinds.has('addOptOut')) fixes.push({ kind: 'addOptOut' })
  return fixes
}
