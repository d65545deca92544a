// Risk before launch (decision 023): from what the composer knows before anything is sent (the texts,
// the audience, how many of them the chosen numbers never wrote to, how new the numbers are and how
// many days the sending will take), a level (baixo/médio/alto), the reasons behind it (codes with
// their numbers, worded by the review panel) and the one-click fixes that exist for them. Every
// threshold is in RISK_THRESHOLDS and documented in docs/decisions/023-risk-before-launch.md. Pure.
import { normaliseReply } from '../tracking/opt-out'
import { MAX_TEXTS } from './composer-schema'
import { findLinks } from './links'
import { type TemplateNode, parseTemplate } from './template'

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

/** Public URL shorteners (their domains are the ones most often marked as spam). */
export const SHORTENER_HOSTS = [
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'cutt.ly',
  'rebrand.ly',
  'shorturl.at',
  'tiny.cc',
  'encurtador.com.br',
  'rb.gy',
  't.ly',
  'bit.do',
  's.id',
]

/** The line "Adicionar linha para sair" appends to every text without a way out. */
export const OPT_OUT_LINE = 'Responda SAIR para não receber mais.'

/** Words that tell people how to stop receiving (any of them, as a word, counts as a way out). */
const OPT_OUT_WORDS = ['sair', 'parar', 'pare', 'stop', 'cancelar', 'descadastrar', 'descadastre', 'remover']

export type RiskLevel = 'baixo' | 'medio' | 'alto'
export type RiskSeverity = 'medio' | 'alto'
export type RiskFixKind = 'addVariant' | 'spreadDays' | 'slowDown' | 'addOptOut'

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
  | { code: 'firstContacts'; severity: RiskSeverity; count: number; percent: number }
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
  /** The numbers that will send it. */
  sessions: readonly { name: string; ageDays: number; warmup: boolean }[]
  /** Days the sending is estimated to take (null: no estimate). */
  estimatedDays: number | null
  /** The campaign's pacing as typed, and the slowest gap a chosen number applies (effective). */
  pacing: { dailyCap: number; minDelayS: number; maxDelayS: number }
  /** What each chosen number really sends per day for this campaign at most (effective daily cap). */
  effectiveDailyCap: number | null
}

export type LaunchRisk = { level: RiskLevel; reasons: RiskReason[]; fixes: RiskFix[] }

/** Fixes that exist for each reason (in the order offered). */
export const FIXES_FOR: Record<RiskReason['code'], RiskFixKind[]> = {
  newNumber: ['spreadDays', 'slowDown'],
  oneText: ['addVariant'],
  noName: [],
  insecureLink: [],
  shortLink: [],
  firstContacts: ['spreadDays', 'slowDown'],
  noOptOut: ['addOptOut'],
}

/** How many different messages the texts can produce (variables aside), up to `cap`. */
export function variantCount(texts: readonly string[], cap = 1000): number {
  const distinct = new Set(
    texts.map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()).filter((t) => t !== ''),
  )
  const ways = (nodes: TemplateNode[]): number =>
    nodes.reduce((n, node) => {
      if (node.type !== 'choice') return n
      const options = new Set(node.options.map((o) => JSON.stringify(o)))
      const inner = node.options.reduce((sum, o) => sum + ways(o), 0)
      return Math.min(cap, n * Math.max(options.size, inner))
    }, 1)
  let total = 0
  for (const text of distinct) {
    const parsed = parseTemplate(text)
    total += parsed.ok ? ways(parsed.ast) : 1
    if (total >= cap) return cap
  }
  return total
}

const NAME_VARIABLES = new Set(['nome', 'primeiro_nome'])

/** True when the text calls the person by name ({{nome}} or {{primeiro_nome}}, anywhere). */
export function usesName(text: string): boolean {
  const parsed = parseTemplate(text)
  if (!parsed.ok) return /\{\{\s*(nome|primeiro[_ ]nome)\s*(\|[^}]*)?\}\}/i.test(text)
  let found = false
  const walk = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'variable' && NAME_VARIABLES.has(n.key)) found = true
      else if (n.type === 'choice') for (const o of n.options) walk(o)
    }
  }
  walk(parsed.ast)
  return found
}

/** True when the text tells people how to stop receiving (a word such as SAIR, PARAR, STOP). */
export function hasOptOutLine(text: string): boolean {
  const words = new Set(normaliseReply(text).split(' '))
  return OPT_OUT_WORDS.some((w) => words.has(w))
}

/** Hosts of links in the text (with a scheme, or a shortener written without one). */
function linkHosts(text: string): { url: string; host: string; https: boolean }[] {
  const out: { url: string; host: string; https: boolean }[] = []
  for (const link of findLinks(text)) {
    try {
      const u = new URL(link.url)
      out.push({
        url: link.url,
        host: u.hostname.toLowerCase().replace(/^www\./, ''),
        https: u.protocol === 'https:',
      })
    } catch {
      // findLinks only returns URLs with a host
    }
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_@./:-])((?:[a-z0-9-]+\.)+[a-z]{2,})\/[^\s]*/giu)) {
    const host = (m[1] ?? '').toLowerCase().replace(/^www\./, '')
    out.push({ url: m[0], host, https: true })
  }
  return out
}

const isShortener = (host: string) => SHORTENER_HOSTS.some((s) => host === s || host.endsWith(`.${s}`))

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

/** The composer's submit intent of a fix (the values travel with it, so what was shown is applied). */
export function riskFixIntent(fix: RiskFix): string {
  if (fix.kind === 'spreadDays') return `risk-fix:spreadDays:${fix.dailyCap}`
  if (fix.kind === 'slowDown') return `risk-fix:slowDown:${fix.minDelayS}:${fix.maxDelayS}`
  return `risk-fix:${fix.kind}`
}

const FIX_INTENT = /^risk-fix:(addVariant|addOptOut|spreadDays:(\d{1,6})|slowDown:(\d{1,5}):(\d{1,5}))$/

/** The fix a posted intent asks for, or null (not a fix, or values out of range). */
export function parseRiskFixIntent(intent: unknown): RiskFix | null {
  const m = typeof intent === 'string' ? FIX_INTENT.exec(intent) : null
  if (!m) return null
  if (m[1] === 'addVariant' || m[1] === 'addOptOut') return { kind: m[1] }
  if (m[2] !== undefined) {
    const dailyCap = Number(m[2])
    return dailyCap >= 1 ? { kind: 'spreadDays', dailyCap } : null
  }
  const minDelayS = Number(m[3])
  const maxDelayS = Number(m[4])
  return maxDelayS >= minDelayS ? { kind: 'slowDown', minDelayS, maxDelayS } : null
}
