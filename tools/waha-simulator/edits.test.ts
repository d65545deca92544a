import { afterEach, describe, expect, it } from 'vitest'
import { parseWahaEvent } from '../../app/core/waha/webhook'
import { startReceiver, startTestSim, type TestSim } from './test-support'

const SESSION = 'campanha-loja-01'
let t: TestSim
let hook: Awaited<ReturnType<typeof startReceiver>>
afterEach(async () => {
  await t?.close()
  await hook?.close()
})

async function setup() {
  hook = await startReceiver()
  t = await startTestSim()
  await t.workingSession(
    SESSION,
    { webhooks: [{ url: hook.url, events: ['message', 'message.edited', 'message.revoked'] }] },
    '5511999990000',
  )
  const sent = await t.control(`/_sim/sessions/${SESSION}/reply`, { from: '5511988881234', text: 'Quero 2' })
  return (await sent.json()) as { id: string; key: string }
}

describe('a contact edits or deletes a message', () => {
  it('should emit message.edited naming the edited key, as Disparo parses it', async () => {
    const original = await setup()
    const res = await t.control(`/_sim/sessions/${SESSION}/edit`, { messageId: original.id, text: 'Quero 3' })
    expect(res.status).toBe(201)
    const edited = await hook.waitFor((r) => r.body.event === 'message.edited')
    expect(edited.body.payload).toMatchObject({
      editedMessageId: original.key,
      body: 'Quero 3',
      fromMe: false,
    })
    expect(edited.body.payload.id).not.toBe(original.id)
    const parsed = parseWahaEvent(edited.body)
    expect(parsed).toMatchObject({ ok: true, event: { type: 'message.edited', editedKey: original.key } })
  })

  it('should emit message.revoked with the key, before and after, as Disparo parses it', async () => {
    const original = await setup()
    await t.control(`/_sim/sessions/${SESSION}/revoke`, { messageId: original.id })
    const revoked = await hook.waitFor((r) => r.body.event === 'message.revoked')
    expect(revoked.body.payload).toMatchObject({
      revokedMessageId: original.key,
      before: { id: original.id, body: 'Quero 2' },
      after: { body: '', fromMe: false },
    })
    const parsed = parseWahaEvent(revoked.body)
    expect(parsed).toMatchObject({
      ok: true,
      event: { type: 'message.revoked', revokedKey: original.key, chatId: '5511988881234@c.us' },
    })
    // Only the contact's own messages, and only once.
    expect((await t.control(`/_sim/sessions/${SESSION}/edit`, { messageId: 'nope', text: 'x' })).status).toBe(
      409,
    )
  })
})
