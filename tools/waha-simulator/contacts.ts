/**
 * The simulated WhatsApp directory behind check-exists and LIDs. Deterministic rules (README
 * "Numbers"), each overridable per number through the control API:
 * - fewer than 10 or more than 15 digits, or ending in 0000 → not on WhatsApp;
 * - Brazilian mobile ending in 7777 → legacy account, its chat id has no 9th digit (CONTRACT §6);
 * - ending in 5555 → the phone never acks (off); ending in 4444 → DEVICE but never READ;
 * - otherwise a stable hash of the number applies neverDeliveredFraction / neverReadFraction.
 */
import type { Hono } from 'hono'
import { failureResponse, takeFailure } from './failures'
import { requireStatus } from './http-helpers'
import { hash01, hashDigits } from './ids'
import { engineOf, type Sim } from './sim-state'
import type { AckBehaviour } from './types'
import { badRequest } from './waha-errors'

export interface Contact {
  exists: boolean
  /** Digits of the chat id WhatsApp knows this account by. */
  chatDigits: string
  legacy: boolean
  lid: string
  acks: AckBehaviour
  pushName: string
}

const NAMES = [
  'Maria',
  'João',
  'Ana',
  'Pedro',
  'Juliana',
  'Carlos',
  'Fernanda',
  'Lucas',
  'Patrícia',
  'Rafael',
]

/** 55 + DDD + 9 + 8 digits, or the same typed without the 9 (12 digits, subscriber 6–9). */
function brazilianMobile(digits: string): { with9: string; without9: string } | null {
  if (!digits.startsWith('55')) return null
  if (digits.length === 13 && digits[4] === '9')
    return { with9: digits, without9: digits.slice(0, 4) + digits.slice(5) }
  if (digits.length === 12 && /[6-9]/.test(digits[4]!))
    return { with9: `${digits.slice(0, 4)}9${digits.slice(4)}`, without9: digits }
  return null
}

export function lookupContact(sim: Sim, phone: string): Contact {
  const digits = phone.replace(/\D/g, '')
  const mobile = brazilianMobile(digits)
  const override =
    (mobile && (sim.registry.get(mobile.with9) ?? sim.registry.get(mobile.without9))) ??
    sim.registry.get(digits) ??
    {}
  const validLength = digits.length >= 10 && digits.length <= 15
  const exists = override.exists ?? (validLength && !digits.endsWith('0000'))
  const legacy = override.legacy ?? (mobile !== null && digits.endsWith('7777'))
  const chatDigits = mobile ? (legacy ? mobile.without9 : mobile.with9) : digits
  const h = hash01(`acks:${chatDigits}`)
  const { neverDeliveredFraction, neverReadFraction } = sim.settings
  const acks: AckBehaviour =
    override.acks ??
    (digits.endsWith('5555')
      ? 'none'
      : digits.endsWith('4444')
        ? 'device'
        : h < neverDeliveredFraction
          ? 'none'
          : h < neverDeliveredFraction + neverReadFraction
            ? 'device'
            : 'read')
  const lid = override.lid ? normaliseLid(override.lid) : `2${hashDigits(`lid:${chatDigits}`, 14)}@lid`
  const pushName = override.pushName ?? NAMES[Math.floor(hash01(`name:${chatDigits}`) * NAMES.length)]!
  if (exists) sim.knownLids.set(lid, chatDigits)
  return { exists, chatDigits, legacy, lid, acks, pushName }
}

/** The contact a message to `chatId` reaches, or null (not on WhatsApp, wrong BR variant, group...). */
export function recipientOf(sim: Sim, chatId: string): Contact | null {
  if (chatId.endsWith('@lid')) {
    const digits = sim.knownLids.get(chatId)
    return digits ? lookupContact(sim, digits) : null
  }
  if (!chatId.endsWith('@c.us')) return null
  const digits = chatId.slice(0, -'@c.us'.length)
  const contact = lookupContact(sim, digits)
  // Sending to the variant WhatsApp does not know is accepted and silently lost (#2120).
  return contact.exists && contact.chatDigits === digits ? contact : null
}

const normaliseLid = (lid: string) => (lid.endsWith('@lid') ? lid : `${lid.replace(/@.*$/, '')}@lid`)

export function registerContactRoutes(app: Hono, sim: Sim) {
  const checkExists = async (c: import('hono').Context) => {
    const phone = c.req.query('phone') ?? ''
    const sessionName = c.req.query('session') ?? 'default'
    if (phone.replace(/\D/g, '') === '') return badRequest(['phone should not be empty'])
    const session = await requireStatus(sim, sessionName, ['WORKING'])
    if (session instanceof Response) return session
    const failure = takeFailure(sim, session.name, 'check-exists', phone)
    const url = new URL(c.req.url)
    const request = { path: url.pathname + url.search, method: 'GET', body: {}, query: c.req.query() }
    const error = failureResponse(sim, failure, request)
    if (error) return error
    if (failure?.kind === 'timeout') await sim.scheduler.sleep(failure.hangMs ?? sim.settings.timings.hangMs)
    const contact = lookupContact(sim, phone)
    if (contact.exists) return c.json({ numberExists: true, chatId: `${contact.chatDigits}@c.us` })
    // GOWS (CheckPhones) fills chatId even for numbers that are not on WhatsApp: test numberExists.
    if (engineOf(sim, session) === 'GOWS')
      return c.json({ numberExists: false, chatId: `${contact.chatDigits}@c.us` })
    return c.json({ numberExists: false })
  }
  app.get('/api/contacts/check-exists', checkExists)
  app.get('/api/checkNumberStatus', checkExists)

  app.get('/api/:session/lids/count', async (c) => {
    const session = await requireStatus(sim, c.req.param('session'), ['WORKING'])
    if (session instanceof Response) return session
    return c.json({ count: sim.knownLids.size })
  })
  app.get('/api/:session/lids/pn/:phoneNumber', async (c) => {
    const session = await requireStatus(sim, c.req.param('session'), ['WORKING'])
    if (session instanceof Response) return session
    const contact = lookupContact(sim, c.req.param('phoneNumber'))
    return c.json({ lid: contact.exists ? contact.lid : null, pn: `${contact.chatDigits}@c.us` })
  })
  app.get('/api/:session/lids/:lid', async (c) => {
    const session = await requireStatus(sim, c.req.param('session'), ['WORKING'])
    if (session instanceof Response) return session
    const lid = normaliseLid(decodeURIComponent(c.req.param('lid')))
    const digits = sim.knownLids.get(lid)
    return c.json({ lid, pn: digits ? `${digits}@c.us` : null })
  })
  app.get('/api/:session/lids', async (c) => {
    const session = await requireStatus(sim, c.req.param('session'), ['WORKING'])
    if (session instanceof Response) return session
    const limit = Number(c.req.query('limit') ?? 100)
    const offset = Number(c.req.query('offset') ?? 0)
    const all = [...sim.knownLids].map(([lid, digits]) => ({ lid, pn: `${digits}@c.us` }))
    return c.json(all.slice(offset, offset + limit))
  })
}
