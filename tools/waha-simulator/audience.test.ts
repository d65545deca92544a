import { afterEach, describe, expect, it } from 'vitest'
import { answerChances, decideAnswer, OPT_OUT_TEXTS, REPLY_TEXTS } from './audience'
import type { ReputationPatch } from './reputation-config'
import { createSimulator } from './server'
import { plainContact, startReceiver, startTestSim, type TestSim, waitUntil } from './test-support'

const SESSION = 'campanha-loja-01'
const PHONE = '5511999990000'
const running: TestSim[] = []
afterEach(async () => {
  for (const t of running.splice(0)) await t.close()
})

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** A simulator with a fixed clock, the model and the audience on, and a WORKING session. */
async function start(reputation: ReputationPatch = {}, webhookUrl?: string) {
  const clock = Date.parse('2026-11-20T12:00:00Z')
  const t = await startTestSim({
    now: () => clock,
    reputation: { enabled: true, ...reputation, audience: { enabled: true, ...reputation.audience } },
  })
  running.push(t)
  const config = webhookUrl ? { webhooks: [{ url: webhookUrl, events: ['message'] }] } : undefined
  await t.workingSession(SESSION, config, PHONE)
  return t
}

const inbound = async (t: TestSim) =>
  (await t.getJson(`/_sim/messages?session=${SESSION}`))
    .filter((m: { fromMe: boolean }) => !m.fromMe)
    .map((m: { chatId: string; body: string }) => `${m.chatId} ${m.body}`)
    .sort()

describe('the simulated audience', () => {
  it('answers at the configured rates over many contacts (personal vs mass, careful vs careless)', () => {
    const sim = createSimulator({ reputation: { audience: { enabled: true } } }).state
    const careful = { fast: false, identical: false, personal: true }
    const careless = { fast: true, identical: true, personal: false }
    const rates = (traits: typeof careful) => {
      const tally = { reply: 0, 'opt-out': 0, none: 0 }
      const n = 6000
      for (let i = 0; i < n; i++)
        tally[decideAnswer(sim, PHONE, plainContact(i), 1, traits)?.kind ?? 'none']++
      return { reply: tally.reply / n, optOut: tally['opt-out'] / n }
    }
    // Defaults: personal 0.30 reply / 0.01 opt-out; mass 0.10 × 0.5 reply / 0.01 + 3 × 0.03 opt-out.
    expect(answerChances(sim, careful)).toEqual({ reply: 0.3, optOut: 0.01 })
    expect(answerChances(sim, careless).reply).toBeCloseTo(0.05)
    expect(answerChances(sim, careless).optOut).toBeCloseTo(0.1)
    for (const traits of [careful, careless]) {
      const observed = rates(traits)
      const expected = answerChances(sim, traits)
      expect(Math.abs(observed.reply - expected.reply)).toBeLessThan(0.02)
      expect(Math.abs(observed.optOut - expected.optOut)).toBeLessThan(0.015)
    }
    // A contact answers one message and not the next: each message is its own draw.
    const answers = new Set(
      Array.from({ length: 40 }, (_, n) => decideAnswer(sim, PHONE, plainContact(1), n, careful)?.kind),
    )
    expect(answers.size).toBeGreaterThan(1)
  })

  it('answers arrive as real message webhooks from the contact and move the reputation', async () => {
    const hook = await startReceiver()
    try {
      const t = await start({ audience: { replyDelayMs: { min: 5, max: 30 } } }, hook.url)
      const contacts = Array.from({ length: 120 }, (_, i) => `${plainContact(i)}@c.us`)
      for (const chatId of contacts)
        await t.post('/api/sendText', { session: SESSION, chatId, text: 'Oferta da semana!' })
      await sleep(200) // every answer is due 5–30 ms after its send
      const typed = (await inbound(t)).length
      await waitUntil(() => hook.events('message', SESSION).length >= typed, 'answer webhooks')
      const answers = hook.events('message', SESSION)
      const r = (await t.getJson(`/_sim/reputation?session=${SESSION}`)).sessions[0]
      expect(r.counts.optOuts).toBeGreaterThan(0)
      expect(r.counts.replies).toBeGreaterThan(0)
      expect(answers).toHaveLength(r.counts.optOuts + r.counts.replies)
      expect(await inbound(t)).toHaveLength(answers.length)
      for (const answer of answers) {
        expect(answer.body.payload).toMatchObject({ fromMe: false, source: 'app' })
        expect(contacts).toContain(answer.body.payload.from)
        expect([...OPT_OUT_TEXTS, ...REPLY_TEXTS]).toContain(answer.body.payload.body)
      }
      const optOuts = answers.filter((a) => OPT_OUT_TEXTS.includes(a.body.payload.body))
      expect(optOuts).toHaveLength(r.counts.optOuts)
      expect(r.components.optOut).toBe(-3 * r.counts.optOuts)

      // Who said SAIR never answers again (and writing to them costs, as an ignored opt-out).
      const quitter = optOuts[0]!.body.payload.from
      hook.received.length = 0
      for (let i = 0; i < 10; i++)
        await t.post('/api/sendText', { session: SESSION, chatId: quitter, text: `Oi ${i}` })
      await sleep(150)
      expect(hook.events('message', SESSION)).toEqual([])
    } finally {
      await hook.close()
    }
  })

  it('stays silent when off (the default), even with the reputation model on', async () => {
    const t = await start({ audience: { enabled: false } })
    for (let i = 0; i < 60; i++)
      await t.post('/api/sendText', { session: SESSION, chatId: `${plainContact(i)}@c.us`, text: `Oi ${i}` })
    await sleep(150)
    expect(await inbound(t)).toEqual([])
  })
})

describe('determinism', () => {
  /** The same sends on a fresh simulator: statuses, answers and the reputation it ends with. */
  async function run(seed: number) {
    const t = await start({
      seed,
      startValue: 70,
      // Answers land after every send (the loop takes well under a second, a few on a loaded
      // machine): the reputation's path then depends only on the sends, not on how real timers
      // interleave with them.
      audience: { replyDelayMs: { min: 4000, max: 4100 } },
    })
    const started = Date.now()
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) {
      const text = i % 3 === 0 ? `Oi ${i}, separei uma oferta para você` : 'Oferta da semana!'
      const response = await t.post('/api/sendText', {
        session: SESSION,
        chatId: `${plainContact(i)}@c.us`,
        text,
      })
      statuses.push(response.status)
    }
    expect(Date.now() - started, 'the sends must end before the first answer').toBeLessThan(4000)
    await sleep(4300)
    const { value, state, components, counts } = (await t.getJson(`/_sim/reputation?session=${SESSION}`))
      .sessions[0]
    const result = { statuses, answers: await inbound(t), reputation: { value, state, components, counts } }
    await t.close()
    running.splice(running.indexOf(t), 1)
    return result
  }

  it('same seed and same sends give the same outcomes; another seed other answers', async () => {
    const first = await run(7)
    const second = await run(7)
    expect(second).toEqual(first)
    expect(first.statuses).toContain(500) // it did cross into the restriction on the way
    expect(first.answers.length).toBeGreaterThan(0)
    const other = await run(8)
    expect(other.answers).not.toEqual(first.answers)
  }, 30_000)

  it('concurrent sends cost the same as sequential ones', async () => {
    const outcome = async (concurrent: boolean) => {
      const t = await start({ audience: { enabled: false } })
      const sends = Array.from(
        { length: 25 },
        (_, i) => () =>
          t.post('/api/sendText', { session: SESSION, chatId: `${plainContact(i)}@c.us`, text: 'Oferta' }),
      )
      if (concurrent) await Promise.all(sends.map((send) => send()))
      else for (const send of sends) await send()
      return (await t.getJson(`/_sim/reputation?session=${SESSION}`)).sessions[0]
    }
    const sequential = await outcome(false)
    const concurrent = await outcome(true)
    expect(concurrent.value).toBe(sequential.value)
    expect(concurrent.components).toEqual(sequential.components)
    expect(concurrent.counts).toEqual(sequential.counts)
  })
})
