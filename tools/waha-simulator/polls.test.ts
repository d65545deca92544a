// The simulator's polls (decision 038): sendPoll as the spec shapes it, the poll on the phone page with
// a vote form that works without JS, and poll.vote / poll.vote.failed as WAHA sends them — validated
// against the spec's WAHAWebhookPollVote and read back by Disparo's own parser.
import { afterEach, describe, expect, it } from 'vitest'
import { parseWahaEvent } from '../../app/core/waha/webhook'
import { checkSchema, componentSchema, wahaSpec } from './contract/schema-check'
import { startReceiver, startTestSim, type TestSim, waitUntil } from './test-support'

const SESSION = 'campanha-loja-01'
let t: TestSim
let hook: Awaited<ReturnType<typeof startReceiver>>
afterEach(async () => {
  await t?.close()
  await hook?.close()
})

async function setup(chatId: string, multipleAnswers = false) {
  hook = await startReceiver()
  t = await startTestSim()
  await t.workingSession(
    SESSION,
    { webhooks: [{ url: hook.url, events: ['poll.vote', 'poll.vote.failed'] }] },
    '5511999990000',
  )
  const poll = { name: 'Qual horário?', options: ['Manhã', 'Tarde', 'Noite'], multipleAnswers }
  const sent = await t.post('/api/sendPoll', { session: SESSION, chatId, poll })
  expect(sent.status).toBe(201)
  const { id } = (await sent.json()) as { id: string }
  await waitUntil(async () => {
    const messages = (await t.getJson('/_sim/messages')) as { id: string; delivered: boolean }[]
    return messages.find((m) => m.id === id)?.delivered === true
  }, 'poll delivered')
  return id
}

const validate = (body: unknown, name: string) =>
  expect(checkSchema(wahaSpec, componentSchema(name), body)).toEqual([])

describe('polls on the simulated phone', () => {
  it('should refuse polls WhatsApp would not show (1 or 13 options, duplicates, no multipleAnswers)', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const chatId = '5511988881234@c.us'
    const bad = [
      { name: 'P?', options: ['Sim'], multipleAnswers: false },
      { name: 'P?', options: Array.from({ length: 13 }, (_, i) => `O${i}`), multipleAnswers: false },
      { name: 'P?', options: ['Sim', 'Sim'], multipleAnswers: false },
      { name: 'P?', options: ['Sim', 'Não'] },
    ]
    for (const poll of bad)
      expect((await t.post('/api/sendPoll', { session: SESSION, chatId, poll })).status).toBe(400)
    expect((await t.getJson('/_sim/messages')).length).toBe(0)
  })

  it('should emit poll.vote as WAHA does, from the chat id or the @lid, and parse in Disparo', async () => {
    const pollId = await setup('5511988881234@c.us')
    expect((await t.control(`/_sim/sessions/${SESSION}/vote`, { pollId, options: ['Tarde'] })).status).toBe(
      201,
    )
    const first = await hook.waitFor((r) => r.body.event === 'poll.vote')
    validate(first.body, 'WAHAWebhookPollVote')
    expect(first.body.payload).toMatchObject({
      vote: { from: '5511988881234@c.us', fromMe: false, selectedOptions: ['Tarde'] },
      poll: { id: pollId, fromMe: true },
    })
    expect(parseWahaEvent(first.body)).toMatchObject({
      ok: true,
      event: { type: 'poll.vote', vote: { pollId, voterId: '5511988881234@c.us', selected: ['Tarde'] } },
    })
    await t.control(`/_sim/sessions/${SESSION}/vote`, { pollId, options: ['Noite'], asLid: true })
    await waitUntil(() => hook.events('poll.vote').length === 2, 'second vote')
    const lid = hook.events('poll.vote')[1]!
    expect(lid.body.payload.vote.from).toMatch(/@lid$/)
    expect(lid.body.payload.poll.id).toMatch(/^true_\d+@lid_/)
    // One answer only; unknown options refused.
    expect(
      (await t.control(`/_sim/sessions/${SESSION}/vote`, { pollId, options: ['Manhã', 'Tarde'] })).status,
    ).toBe(409)
    expect(
      (await t.control(`/_sim/sessions/${SESSION}/vote`, { pollId, options: ['Madrugada'] })).status,
    ).toBe(409)
    await t.control(`/_sim/sessions/${SESSION}/vote`, { pollId, options: [], failed: true })
    const failed = await hook.waitFor((r) => r.body.event === 'poll.vote.failed')
    validate(failed.body, 'WAHAWebhookPollVoteFailed')
  })

  it('should vote from a legacy number without the 9th digit', async () => {
    // 5511988887777 is the simulator's legacy account: WhatsApp knows it as 551188887777.
    const pollId = await setup('551188887777@c.us', true)
    await t.control(`/_sim/sessions/${SESSION}/vote`, { pollId, options: ['Manhã', 'Noite'] })
    const vote = await hook.waitFor((r) => r.body.event === 'poll.vote')
    expect(vote.body.payload.vote).toMatchObject({
      from: '551188887777@c.us',
      selectedOptions: ['Manhã', 'Noite'],
    })
  })

  it('should show the poll on the phone page and take a vote from its form (no JS)', async () => {
    const pollId = await setup('5511988881234@c.us', true)
    const page = await (await fetch(`${t.url}/_sim/`)).text()
    expect(page).toContain('Qual horário?')
    expect(page).toContain(`data-poll="${pollId}"`)
    expect(page).toContain('type="checkbox" name="o1"')
    const form = new URLSearchParams({ pollId, o0: 'on', o2: 'on' })
    const posted = await fetch(`${t.url}/_sim/sessions/${SESSION}/vote`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    expect(posted.status).toBe(303)
    const vote = await hook.waitFor((r) => r.body.event === 'poll.vote')
    expect(vote.body.payload.vote.selectedOptions).toEqual(['Manhã', 'Noite'])
    expect(await (await fetch(`${t.url}/_sim/`)).text()).toContain('data-voted="Manhã | Noite"')
  })
})
