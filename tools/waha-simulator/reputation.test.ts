import { afterEach, describe, expect, it } from 'vitest'
import type { ReputationPatch } from './reputation-config'
import { example, plainContact, startReceiver, startTestSim, type TestSim, waitUntil } from './test-support'

const SESSION = 'campanha-loja-01'
const PHONE = '5511999990000'
const OLD = '5511988881234@c.us'
let t: TestSim
let hook: Awaited<ReturnType<typeof startReceiver>>
let clock: number
afterEach(async () => {
  await t.close()
  await hook.close()
})

/** A WORKING session on a simulator with a hand-moved clock and the reputation model on. */
async function setup(reputation: ReputationPatch = {}) {
  clock = Date.parse('2026-11-20T12:00:00Z')
  hook = await startReceiver()
  t = await startTestSim({ now: () => clock, reputation: { enabled: true, ...reputation } })
  await t.workingSession(SESSION, { webhooks: [{ url: hook.url, events: ['*'] }] }, PHONE)
  await hook.waitFor((r) => r.body.payload.status === 'WORKING')
  hook.received.length = 0
}

const send = (chatId: string, text = 'Promoção imperdível só hoje!') =>
  t.post('/api/sendText', { session: SESSION, chatId, text })
const rep = async () => (await t.getJson(`/_sim/reputation?session=${SESSION}`)).sessions[0]
const withoutTimestamp = ({ timestamp, ...rest }: Record<string, unknown>) => rest
const reply = (from: string, text: string) => t.control(`/_sim/sessions/${SESSION}/reply`, { from, text })
const message = async (id: string) =>
  (await t.getJson(`/_sim/messages?session=${SESSION}`)).find((m: { id: string }) => m.id === id)

/** Sends the same text to new contacts until the state leaves `state`; returns the answers' statuses. */
async function blastWhile(state: string, from: number) {
  const statuses: number[] = []
  for (let i = from; (await rep()).state === state; i++) {
    if (i - from > 500) throw new Error(`still ${state} after 500 sends`)
    statuses.push((await send(`${plainContact(i)}@c.us`)).status)
  }
  return statuses
}

describe('the number reputation: consequences reached by their causes', () => {
  it('fast identical sends to new contacts: 463 for new contacts, then SERVER-only acks, then FAILED', async () => {
    await setup({ weights: { speed: 1, firstContact: 1, identical: 1 } })
    // A contact this number already talks with (it answered), before any trouble.
    expect((await send(OLD, 'Oi Maria, tudo bem?')).status).toBe(201)
    await reply(OLD, 'Tudo ótimo!')

    // Careless blast: same text, new contacts, all in the same minute.
    const healthy = await blastWhile('ok', 0)
    expect(healthy.every((status) => status === 201)).toBe(true)
    let r = await rep()
    expect(r.state).toBe('restricted-new-contacts')
    expect(r.value).toBeLessThan(60)
    expect(r.components.speed).toBeLessThan(0)
    expect(r.components.identical).toBeLessThan(0)
    expect(r.components.firstContact).toBeLessThan(0)

    // New contacts: WAHA's 500 "error 463"; the old contact still gets (and reads) messages.
    const refused = await send(`${plainContact(9000)}@c.us`)
    expect(refused.status).toBe(500)
    expect(withoutTimestamp(await refused.json())).toEqual(
      withoutTimestamp(example('example-error-500-gows-463.json')),
    )
    const toOld = await send(OLD, 'Chegou a sua encomenda')
    expect(toOld.status).toBe(201)
    const oldId = (await toOld.json()).id
    await hook.waitFor(
      (x) => x.body.event === 'message.ack' && x.body.payload.id === oldId,
      'old contact acks',
    )
    const me = await (await t.api(`/api/sessions/${SESSION}/me`)).json()
    expect(me.reachoutTimelock).toMatchObject({ isActive: true, enforcementType: 'RESTRICT_ALL_COMPANIONS' })
    const { byChat } = await t.getJson(`/_sim/sends?session=${SESSION}`)
    expect(byChat[`${plainContact(9000)}@c.us`]).toEqual({ calls: 1, sent: 0, failed: 1 })

    // Insisting on new contacts while restricted keeps costing: messages stop reaching phones.
    const insisting = await blastWhile('restricted-new-contacts', 1000)
    expect(insisting.every((status) => status === 500)).toBe(true)
    r = await rep()
    expect(r.state).toBe('not-delivering')
    expect(r.counts.refused).toBe(insisting.length + 1)
    const undelivered = await send(OLD, 'Você viu a oferta?')
    expect(undelivered.status).toBe(201)
    const undeliveredId = (await undelivered.json()).id
    await hook.waitFor((x) => x.body.event === 'message.any' && x.body.payload.id === undeliveredId)
    await new Promise((done) => setTimeout(done, 150)) // past the fast DEVICE (30 ms) and READ (50 ms)
    expect(await message(undeliveredId)).toMatchObject({ ack: 1, delivered: false })
    expect(hook.events('message.ack').filter((x) => x.body.payload.id === undeliveredId)).toEqual([])
    expect(await t.status(SESSION)).toBe('WORKING')

    // Further: banned. FAILED (session.status webhook), logged out: a restart shows a QR.
    for (let i = 0; (await t.status(SESSION)) === 'WORKING' && i < 200; i++)
      await send(OLD, `Oferta ${i % 2}`)
    const failed = await hook.waitFor(
      (x) => x.body.event === 'session.status' && x.body.payload.status === 'FAILED',
    )
    expect(failed.body.payload.statuses.at(-1).status).toBe('FAILED')
    r = await rep()
    expect(r).toMatchObject({ state: 'failed', banned: true, bans: 1, number: PHONE, status: 'FAILED' })
    expect(r.value).toBeLessThan(20)
    expect(await (await t.api(`/api/sessions/${SESSION}/me`)).json()).toBeNull()
    // It stays so: nothing brings it back by itself, even hours later.
    clock += 6 * 3_600_000
    await new Promise((done) => setTimeout(done, 100))
    expect(await t.status(SESSION)).toBe('FAILED')
    await t.post(`/api/sessions/${SESSION}/restart`)
    await waitUntil(async () => (await t.status(SESSION)) === 'SCAN_QR_CODE', 'QR after the ban')
  })

  it('bad links cost points: http:// and public shorteners, not https to a normal site', async () => {
    await setup({ limits: { perMinute: 1000 } })
    await send(`${plainContact(1)}@c.us`, 'Veja https://loja.example.com.br/ofertas')
    expect((await rep()).counts.badLinks).toBe(0)
    await send(`${plainContact(2)}@c.us`, 'Veja http://loja.example.com.br/ofertas')
    await send(`${plainContact(3)}@c.us`, 'Veja https://bit.ly/abc123')
    await send(`${plainContact(4)}@c.us`, 'Veja tinyurl.com/xyz')
    const r = await rep()
    expect(r.counts.badLinks).toBe(3)
    expect(r.components.badLink).toBe(-1.5) // 3 × the default 0.5
  })

  it('sending without rest for too long costs points, a rest starts a new streak', async () => {
    await setup({ limits: { perMinute: 1000, restMinutes: 10, streakMinutes: 30 } })
    for (let i = 0; i < 8; i++) {
      await send(`${plainContact(i)}@c.us`, `Oi ${i}`)
      clock += 5 * 60_000 // every 5 minutes: never a 10-minute rest
    }
    // Sends at 0, 5, ..., 35 min: the one at 35 min is past the 30-minute streak.
    expect((await rep()).components.noRest).toBe(-0.05)
    clock += 15 * 60_000 // a rest
    await send(`${plainContact(20)}@c.us`, 'Depois da pausa')
    expect((await rep()).components.noRest).toBe(-0.05)
  })
})

describe('the number reputation: recovery', () => {
  it('time lifts the restriction: recoveryPerHour points an hour, then new contacts work again', async () => {
    await setup({ recoveryPerHour: 5 })
    await t.control('/_sim/reputation', { session: SESSION, value: 50 })
    expect((await send(`${plainContact(1)}@c.us`)).status).toBe(500)
    const me = await (await t.api(`/api/sessions/${SESSION}/me`)).json()
    // About 10 points (minus the refused attempt's cost) at 5 an hour: a bit over 2 hours.
    expect(me.reachoutTimelock.timeEnforcementEnds * 1000 - clock).toBeGreaterThan(2 * 3_600_000)
    expect(me.reachoutTimelock.timeEnforcementEnds * 1000 - clock).toBeLessThan(2.2 * 3_600_000)
    clock += 3 * 3_600_000
    const r = await rep()
    expect(r.state).toBe('ok')
    expect(r.components.time).toBe(15)
    expect((await send(`${plainContact(2)}@c.us`)).status).toBe(201)
    expect((await (await t.api(`/api/sessions/${SESSION}/me`)).json()).reachoutTimelock).toBeUndefined()
  })

  it('replies earn points back (once per own message); SAIR and writing after it cost them', async () => {
    await setup({ weights: { reply: 2, optOut: 3 } })
    await t.control('/_sim/reputation', { session: SESSION, value: 55 })
    const contacts = [1, 2, 3, 4].map((i) => `${plainContact(i)}@c.us`)
    // They wrote first, so they are not new contacts: the restricted number may answer them.
    for (const chat of contacts) await reply(chat, 'Oi, vi o anúncio')
    expect((await rep()).value).toBe(55)
    for (const chat of contacts) expect((await send(chat, `Olá! ${chat}`)).status).toBe(201)
    for (const chat of contacts.slice(0, 3)) {
      await reply(chat, 'Quero!')
      await reply(chat, 'Mais uma coisa') // no own message waiting for an answer: no points
    }
    let r = await rep()
    expect(r.counts.replies).toBe(3)
    expect(r.components.reply).toBe(6)
    expect(r.state).toBe('ok')
    expect((await send(`${plainContact(50)}@c.us`)).status).toBe(201)

    await reply(contacts[3]!, 'não quero mais!')
    r = await rep()
    expect(r.counts.optOuts).toBe(1)
    expect(r.components.optOut).toBe(-3)
    await send(contacts[3]!, 'Mas olha essa oferta')
    r = await rep()
    expect(r.counts.ignoredOptOuts).toBe(1)
    expect(r.components.optOut).toBe(-6)
  })

  it('banAs failed: plain FAILED; a restart reinstates the number at reinstateValue', async () => {
    await setup({ banAs: 'failed', reinstateValue: 50 })
    await t.control('/_sim/reputation', { session: SESSION, value: 10 })
    await hook.waitFor((x) => x.body.event === 'session.status' && x.body.payload.status === 'FAILED')
    expect((await rep()).state).toBe('failed')
    await t.post(`/api/sessions/${SESSION}/restart`)
    await waitUntil(async () => (await t.status(SESSION)) === 'WORKING', 'WORKING after restart')
    const r = await rep()
    expect(r).toMatchObject({ value: 50, state: 'restricted-new-contacts', banned: false, bans: 1 })
    expect(r.components.reinstated).toBe(40)
  })

  it('logged out by the ban: re-pairing the same number brings it back restricted, a new number fresh', async () => {
    await setup()
    await t.control('/_sim/reputation', { session: SESSION, value: 5 })
    await hook.waitFor((x) => x.body.event === 'session.status' && x.body.payload.status === 'FAILED')
    expect((await rep()).number).toBe(PHONE) // still shown after the logout
    await t.post(`/api/sessions/${SESSION}/start`)
    await waitUntil(async () => (await t.status(SESSION)) === 'SCAN_QR_CODE')
    await t.control(`/_sim/sessions/${SESSION}/scan`, { phone: PHONE })
    await waitUntil(async () => (await t.status(SESSION)) === 'WORKING')
    expect(await rep()).toMatchObject({ value: 50, state: 'restricted-new-contacts', bans: 1 })

    await t.post(`/api/sessions/${SESSION}/logout`)
    await waitUntil(async () => (await t.status(SESSION)) === 'SCAN_QR_CODE')
    await t.control(`/_sim/sessions/${SESSION}/scan`, { phone: '5511977770001' })
    await waitUntil(async () => (await t.status(SESSION)) === 'WORKING')
    expect(await rep()).toMatchObject({ number: '5511977770001', value: 100, state: 'ok', bans: 0 })
  })
})
