/**
 * Control API under /_sim/* (no API key): what the "phone" and the tests do to the simulator —
 * scan a QR, reply as a contact, inject failures, set registry entries, engines and timings,
 * read what was sent, reset. Accepts JSON, or form posts from the phone page (answered with a
 * 303 back to /_sim/). Documented in README.md.
 */
import type { Context, Hono } from 'hono'
import { qrPng } from './auth'
import { lookupContact } from './contacts'
import { injectReply } from './delivery'
import { editContactMessage, revokeContactMessage } from './edits'
import { type FailureInput, injectFailure } from './failures'
import { pairSession } from './lifecycle'
import { voteInPoll } from './polls'
import type { SimTimings } from './settings'
import { engineOf, type Sim } from './sim-state'
import { ENGINES, type Engine, type RegistryEntry, type SimSession } from './types'

export type Input = Record<string, unknown>

const NUMERIC = new Set(['count', 'status', 'hangMs', 'durationMs', 'durationSeconds', 'value'])

/** JSON body, or a form post (checkbox "on" → true, numeric fields → numbers). */
export async function readInput(c: Context): Promise<{ input: Input; form: boolean }> {
  const type = c.req.header('content-type') ?? ''
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const raw = await c.req.parseBody()
    const input: Input = {}
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value !== 'string') continue
      input[key] = value === 'on' ? true : NUMERIC.has(key) && value !== '' ? Number(value) : value
    }
    return { input, form: true }
  }
  const text = await c.req.text()
  try {
    const value = text.trim() ? JSON.parse(text) : {}
    return { input: value && typeof value === 'object' ? value : {}, form: false }
  } catch {
    return { input: { __invalid: true }, form: false }
  }
}

export function reply(c: Context, form: boolean, data: unknown, status: 200 | 201 = 200) {
  return form ? c.redirect('/_sim/', 303) : c.json(data as object, status)
}

export function fail(c: Context, form: boolean, error: string, status: 400 | 404 | 409 = 400) {
  if (!form) return c.json({ error }, status)
  const safe = error.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  return c.html(
    `<!doctype html><meta charset="utf-8"><p>${safe}</p><p><a href="/_sim/">Voltar</a></p>`,
    status,
  )
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

function sessionSummary(sim: Sim, session: SimSession) {
  return {
    name: session.name,
    status: session.status,
    engine: engineOf(sim, session),
    paired: session.paired,
    qr: session.qr?.value ?? null,
    pairingCode: session.pairingCode,
    reachoutTimelock: session.reachoutTimelock,
    messages: session.messages.length,
  }
}

export function registerControlRoutes(app: Hono, sim: Sim) {
  const withSession = (c: Context) => sim.sessions.get(c.req.param('name') ?? '')

  app.get('/_sim/state', (c) =>
    c.json({
      settings: sim.settings,
      sessions: [...sim.sessions.values()].map((s) => sessionSummary(sim, s)),
      failures: sim.failures,
      registry: Object.fromEntries(sim.registry),
      reputation: sim.reputation.config,
    }),
  )

  app.post('/_sim/reset', async (c) => {
    const { form } = await readInput(c)
    sim.reset()
    return reply(c, form, { reset: true })
  })

  app.get('/_sim/settings', (c) => c.json(sim.settings))
  app.patch('/_sim/settings', async (c) => {
    const { input, form } = await readInput(c)
    if (input.engine !== undefined) {
      if (!ENGINES.includes(input.engine as Engine))
        return fail(c, form, `engine deve ser um de: ${ENGINES.join(', ')}`)
      sim.settings.engine = input.engine as Engine
    }
    for (const key of ['neverDeliveredFraction', 'neverReadFraction'] as const) {
      if (typeof input[key] === 'number') sim.settings[key] = input[key] as number
    }
    const timings = (input.timings ?? {}) as Partial<Record<keyof SimTimings, unknown>>
    for (const [key, value] of Object.entries(timings)) {
      if (!(key in sim.settings.timings) || typeof value !== 'number' || value < 0) {
        return fail(c, form, `timings.${key} inválido`)
      }
      sim.settings.timings[key as keyof SimTimings] = value
    }
    return reply(c, form, sim.settings)
  })

  app.put('/_sim/sessions/:name/engine', async (c) => {
    const { input, form } = await readInput(c)
    if (!ENGINES.includes(input.engine as Engine))
      return fail(c, form, `engine deve ser um de: ${ENGINES.join(', ')}`)
    sim.sessionEngines.set(c.req.param('name'), input.engine as Engine)
    return reply(c, form, { name: c.req.param('name'), engine: input.engine })
  })

  app.post('/_sim/sessions/:name/scan', async (c) => {
    const { input, form } = await readInput(c)
    const session = withSession(c)
    if (!session) return fail(c, form, `Sessão '${c.req.param('name')}' não existe.`, 404)
    const error = pairSession(sim, session, str(input.phone), str(input.pushName))
    return error ? fail(c, form, error, 409) : reply(c, form, { scanned: true }, 201)
  })

  app.post('/_sim/sessions/:name/reply', async (c) => {
    const { input, form } = await readInput(c)
    const session = withSession(c)
    if (!session) return fail(c, form, `Sessão '${c.req.param('name')}' não existe.`, 404)
    const from = str(input.from)
    const media = inboundMedia(input.media, new URL(c.req.url).origin)
    if (typeof media === 'string') return fail(c, form, media)
    const text = str(input.quick) ?? str(input.text) ?? (media ? '' : undefined)
    if (!from || text === undefined) return fail(c, form, 'Informe from e text (ou media).')
    const result = injectReply(sim, session, {
      from,
      text,
      asLid: input.asLid === true,
      replyTo: input.quote === true ? lastOwnMessageId(session, from) : str(input.replyTo),
      pushName: str(input.pushName),
      media,
    })
    return typeof result === 'string' ? fail(c, form, result, 409) : reply(c, form, result, 201)
  })

  app.post('/_sim/sessions/:name/edit', async (c) => {
    const { input, form } = await readInput(c)
    const session = withSession(c)
    if (!session) return fail(c, form, `Sessão '${c.req.param('name')}' não existe.`, 404)
    const result = editContactMessage(sim, session, str(input.messageId) ?? '', str(input.text) ?? '')
    return typeof result === 'string' ? fail(c, form, result, 409) : reply(c, form, result, 201)
  })

  app.post('/_sim/sessions/:name/revoke', async (c) => {
    const { input, form } = await readInput(c)
    const session = withSession(c)
    if (!session) return fail(c, form, `Sessão '${c.req.param('name')}' não existe.`, 404)
    const result = revokeContactMessage(sim, session, str(input.messageId) ?? '')
    return typeof result === 'string' ? fail(c, form, result, 409) : reply(c, form, result, 201)
  })

  // A vote in a poll: JSON `{pollId, options: [...], asLid?, failed?}`, or the phone page's form
  // (`choice` = an option's index for single-answer polls, `o<i>` checkboxes for multiple answers).
  app.post('/_sim/sessions/:name/vote', async (c) => {
    const { input, form } = await readInput(c)
    const session = withSession(c)
    if (!session) return fail(c, form, `Sessão '${c.req.param('name')}' não existe.`, 404)
    const pollId = str(input.pollId) ?? ''
    const poll = session.messages.find((m) => m.id === pollId)?.poll
    const picked = Array.isArray(input.options)
      ? input.options.filter((o): o is string => typeof o === 'string')
      : (poll?.options ?? []).filter((_, i) => input[`o${i}`] === true || input.choice === String(i))
    const result = voteInPoll(sim, session, {
      pollId,
      options: picked,
      asLid: input.asLid === true,
      failed: input.failed === true,
    })
    return typeof result === 'string' ? fail(c, form, result, 409) : reply(c, form, result, 201)
  })

  app.post('/_sim/sessions/:name/reachout-timelock', async (c) => {
    const { input, form } = await readInput(c)
    const session = withSession(c)
    if (!session) return fail(c, form, `Sessão '${c.req.param('name')}' não existe.`, 404)
    const active = input.active !== false
    const seconds = typeof input.durationSeconds === 'number' ? input.durationSeconds : 7 * 24 * 3600
    session.reachoutTimelock = active
      ? {
          enforcementType: str(input.enforcementType) ?? 'RESTRICT_ALL_COMPANIONS',
          isActive: true,
          timeEnforcementEnds: Math.floor(sim.now() / 1000 + seconds),
        }
      : null
    return reply(c, form, { reachoutTimelock: session.reachoutTimelock })
  })

  app.get('/_sim/sends', (c) => {
    const session = c.req.query('session')
    const chatId = c.req.query('chatId')
    const calls = sim.sends.filter(
      (s) => (!session || s.session === session) && (!chatId || s.chatId === chatId),
    )
    // Counters are unbounded; `calls` (the detailed log) keeps only the most recent entries.
    const byChat: Record<string, { calls: number; sent: number; failed: number }> = {}
    for (const count of sim.sendCounts.values()) {
      if ((session && count.session !== session) || (chatId && count.chatId !== chatId)) continue
      const entry = byChat[count.chatId] ?? { calls: 0, sent: 0, failed: 0 }
      byChat[count.chatId] = entry
      entry.calls += count.calls
      entry.sent += count.sent
      entry.failed += count.failed
    }
    const total = Object.values(byChat).reduce((sum, e) => sum + e.calls, 0)
    return c.json({ total, byChat, calls })
  })

  app.get('/_sim/messages', (c) => {
    const session = c.req.query('session')
    const chatId = c.req.query('chatId')
    const messages = [...sim.sessions.values()]
      .filter((s) => !session || s.name === session)
      .flatMap((s) => s.messages)
      .filter((m) => !chatId || m.chatId === chatId)
    return c.json(messages)
  })

  app.get('/_sim/failures', (c) => c.json(sim.failures))
  app.delete('/_sim/failures', (c) => {
    sim.failures.length = 0
    return c.json({ cleared: true })
  })
  app.post('/_sim/failures', async (c) => {
    const { input, form } = await readInput(c)
    const result = injectFailure(sim, input as FailureInput)
    if (result.error) return fail(c, form, result.error, result.error.includes('não existe') ? 404 : 400)
    return reply(c, form, result.rule ?? { applied: result.applied }, 201)
  })

  app.get('/_sim/registry', (c) => c.json(Object.fromEntries(sim.registry)))
  app.get('/_sim/registry/:phone', (c) => c.json(lookupContact(sim, c.req.param('phone'))))
  app.put('/_sim/registry/:phone', async (c) => {
    const { input, form } = await readInput(c)
    const entry: RegistryEntry = {}
    if (typeof input.exists === 'boolean') entry.exists = input.exists
    if (typeof input.legacy === 'boolean') entry.legacy = input.legacy
    if (input.acks === 'read' || input.acks === 'device' || input.acks === 'none') entry.acks = input.acks
    if (str(input.lid)) entry.lid = str(input.lid)
    if (str(input.pushName)) entry.pushName = str(input.pushName)
    sim.registry.set(c.req.param('phone').replace(/\D/g, ''), entry)
    return reply(c, form, lookupContact(sim, c.req.param('phone')))
  })
  app.delete('/_sim/registry/:phone', (c) => {
    sim.registry.delete(c.req.param('phone').replace(/\D/g, ''))
    return c.json({ deleted: true })
  })

  app.get('/_sim/webhooks', (c) => {
    const session = c.req.query('session')
    const event = c.req.query('event')
    return c.json(
      sim.webhookLog.filter((d) => (!session || d.session === session) && (!event || d.event === event)),
    )
  })

  app.get('/_sim/media/:id', (c) => {
    const media = sim.media.get(c.req.param('id'))
    return media ? c.body(new Uint8Array(media.bytes), 200, { 'content-type': media.mimetype }) : c.notFound()
  })

  app.get('/_sim/sessions/:name/qr.png', async (c) => {
    const value = withSession(c)?.qr?.value
    return value
      ? c.body(new Uint8Array(await qrPng(value)), 200, { 'content-type': 'image/png' })
      : c.notFound()
  })
}

/** The last own message in the chat of `from` (any of its ids), for "citar a última mensagem". */
function lastOwnMessageId(session: SimSession, from: string): string | undefined {
  const digits = from.replace(/\D/g, '')
  const own = session.messages.filter(
    (m) => m.fromMe && (m.chatId === from || m.chatId.replace(/\D/g, '') === digits),
  )
  return own.at(-1)?.id
}

/** `media: { mimetype, filename?, base64 }` of a contact's reply (JSON control API only). */
function inboundMedia(raw: unknown, origin: string) {
  if (raw === undefined || raw === null) return undefined
  const m = raw as { mimetype?: unknown; filename?: unknown; base64?: unknown }
  if (
    typeof m.mimetype !== 'string' ||
    typeof m.base64 !== 'string' ||
    !/^[\w.+-]+\/[\w.+-]+(;[^\r\n]*)?$/.test(m.mimetype)
  )
    return 'media precisa de mimetype e base64.'
  const bytes = new Uint8Array(Buffer.from(m.base64, 'base64'))
  if (bytes.length === 0) return 'media.base64 está vazio.'
  return {
    mimetype: m.mimetype,
    filename: typeof m.filename === 'string' ? m.filename : undefined,
    bytes,
    origin,
  }
}
