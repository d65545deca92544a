import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { SimulatorOptions } from './settings'
import {
  example,
  type Received,
  shapeOf,
  startReceiver,
  startTestSim,
  type TestSim,
  waitUntil,
} from './test-support'
import type { WebhookConfig } from './types'
import { signBody } from './webhooks'

const SESSION = 'campanha-loja-01'
let t: TestSim
type Receiver = Awaited<ReturnType<typeof startReceiver>>
const receivers: Receiver[] = []
let hook: Receiver
afterEach(async () => {
  await t?.close()
  for (const receiver of receivers.splice(0)) await receiver.close()
})

async function newReceiver(statusFor?: Parameters<typeof startReceiver>[0]) {
  hook = await startReceiver(statusFor)
  receivers.push(hook)
  return hook
}

/** A WORKING session whose webhook posts to a local receiver. */
async function setup(options: SimulatorOptions = {}, webhook: Partial<WebhookConfig> = {}, extra = {}) {
  if (receivers.length === 0) await newReceiver()
  t = await startTestSim(options)
  const config = {
    metadata: { 'tenant.id': 't_123', 'channel.id': 'ch_456' },
    webhooks: [{ url: hook.url, events: ['*'], hmac: { key: 'change-me-long-random-secret' }, ...webhook }],
    ...extra,
  }
  await t.workingSession(SESSION, config, '5511999990000')
  // Deliveries are asynchronous: let the pairing's WORKING event land before starting afresh.
  const events = config.webhooks[0]!.events ?? []
  if (events.includes('*') || events.includes('session.status')) {
    await hook.waitFor((r) => r.body.event === 'session.status' && r.body.payload.status === 'WORKING')
  }
  hook.received.length = 0
}

/** Ack values of the message.ack webhooks, sorted: delivery order is not guaranteed (as in WAHA). */
const acks = (r: Received[]) =>
  r
    .filter((x) => x.body.event === 'message.ack')
    .map((x) => x.body.payload.ack as number)
    .sort((a, b) => a - b)
const ackEvent = (ack: number) => hook.events('message.ack').find((r) => r.body.payload.ack === ack)!.body
const waitForAcks = (count: number) => waitUntil(() => acks(hook.received).length >= count, `${count} acks`)
const sendText = (chatId = '5511988881234@c.us') =>
  t.post('/api/sendText', { session: SESSION, chatId, text: 'Olá!' })

describe('HMAC', () => {
  it('should sign like the documented test vectors', () => {
    for (const vector of example('example-webhook-hmac-test-vectors.json') as {
      key: string
      body: string
      hmac: string
    }[]) {
      expect(signBody(vector.key, vector.body)).toBe(vector.hmac)
    }
  })
})

describe('delivery', () => {
  it('should POST the envelope with WAHA headers and an HMAC over the exact bytes', async () => {
    await newReceiver()
    await setup({}, { customHeaders: [{ name: 'X-Tenant-Id', value: 't_123' }] })
    await sendText()
    const any = await hook.waitFor((r) => r.body.event === 'message.any')
    const h = any.headers
    expect(h['content-type']).toBe('application/json')
    expect(h['user-agent']).toBe('WAHA/2026.7.1')
    expect(h['x-webhook-request-id']).toMatch(/^[0-9a-f]{32}$/)
    expect(Number(h['x-webhook-timestamp'])).toBeGreaterThan(1_600_000_000_000)
    expect(h['x-webhook-hmac-algorithm']).toBe('sha512')
    expect(h['x-webhook-hmac']).toBe(
      createHmac('sha512', 'change-me-long-random-secret').update(any.raw).digest('hex'),
    )
    expect(h['x-tenant-id']).toBe('t_123')
    expect(any.body.id).toMatch(/^evt_[0-9a-z]{26}$/)
    expect(shapeOf(any.body)).toEqual(shapeOf(example('example-webhook-message.any.json')))
    expect(any.body.payload).toMatchObject({
      fromMe: true,
      source: 'api',
      ack: 1,
      ackName: 'SERVER',
      from: '5511988881234@c.us',
    })
  })

  it('should only send subscribed events', async () => {
    await newReceiver()
    await setup({}, { events: ['message.ack'] })
    await sendText()
    await hook.waitFor((r) => r.body.payload.ack === 3, 'READ ack')
    expect(new Set(hook.received.map((r) => r.body.event))).toEqual(new Set(['message.ack']))
  })

  it('should retry failed deliveries with the same request id and event id', async () => {
    let failures = 0
    const receiver = await newReceiver((r) =>
      r.body.payload.status === 'STARTING' && ++failures <= 2 ? 500 : 200,
    )
    t = await startTestSim()
    const webhooks = [
      {
        url: receiver.url,
        events: ['session.status'],
        retries: { policy: 'linear', delaySeconds: 1, attempts: 3 },
      },
    ]
    await t.post('/api/sessions', { name: SESSION, start: false, config: { webhooks } })
    await t.post(`/api/sessions/${SESSION}/start`)
    const starting = () => receiver.received.filter((r) => r.body.payload.status === 'STARTING')
    await waitUntil(() => starting().length >= 3, 'three attempts')
    const [first, second, third] = starting()
    expect(second!.headers['x-webhook-request-id']).toBe(first!.headers['x-webhook-request-id'])
    expect(third!.headers['x-webhook-request-id']).toBe(first!.headers['x-webhook-request-id'])
    expect(third!.raw).toBe(first!.raw)
    expect(third!.body.payload.status).toBe('STARTING')
    const log = await t.getJson(`/_sim/webhooks?event=session.status`)
    const attempts = log.filter((d: { eventId: string }) => d.eventId === first!.body.id)
    expect(attempts.map((d: { attempt: number; status: number }) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ])
  })

  it('should give up after the configured attempts', async () => {
    const receiver = await newReceiver(() => 503)
    t = await startTestSim()
    const webhooks = [
      {
        url: receiver.url,
        events: ['session.status'],
        retries: { policy: 'constant', delaySeconds: 1, attempts: 2 },
      },
    ]
    await t.post('/api/sessions', { name: SESSION, start: false, config: { webhooks } })
    await t.post(`/api/sessions/${SESSION}/start`)
    await waitUntil(() => receiver.received.length >= 3)
    await new Promise((r) => setTimeout(r, 100))
    expect(receiver.received.filter((r) => r.body.payload.status === 'STARTING')).toHaveLength(3)
  })
})

describe('acks', () => {
  it('GOWS: message.any with ack 1, then message.ack DEVICE and READ, never an ack 1 webhook', async () => {
    await setup()
    const { id } = await (await sendText()).json()
    await waitForAcks(2)
    expect(acks(hook.received)).toEqual([2, 3])
    const read = ackEvent(3)
    expect(shapeOf(read)).toEqual(shapeOf(example('example-webhook-message.ack.json')))
    expect(read.payload).toMatchObject({
      id,
      from: '5511988881234@c.us',
      to: null,
      fromMe: true,
      ackName: 'READ',
    })
    expect(read.payload._data.Type).toBe('read')
  })

  it('NOWEB: acks 1, 2, 3 with Baileys _data', async () => {
    await setup({ engine: 'NOWEB' })
    await sendText()
    await waitForAcks(3)
    expect(acks(hook.received)).toEqual([1, 2, 3])
    const server = ackEvent(1)
    expect(shapeOf(server)).toEqual(shapeOf(example('example-webhook-message.ack-SERVER-NOWEB.json')))
  })

  it('WEBJS: no message.ack unless config.webjs.tagsEventsOn, then the whole message', async () => {
    await setup({ engine: 'WEBJS' })
    await sendText()
    await hook.waitFor((r) => r.body.event === 'message.any')
    await new Promise((r) => setTimeout(r, 120))
    expect(acks(hook.received)).toEqual([])
    await t.close()
    await setup({ engine: 'WEBJS' }, {}, { webjs: { tagsEventsOn: true } })
    await sendText()
    await waitForAcks(3)
    expect(acks(hook.received)).toEqual([1, 2, 3])
    const device = ackEvent(2)
    expect(shapeOf(device)).toEqual(shapeOf(example('example-webhook-message.ack-WEBJS.json')))
    expect(device.payload).toMatchObject({ from: '5511999990000@c.us', to: '5511988881234@c.us' })
  })

  it('should follow the contact rules: 4444 never reads, 5555 never acks, wrong BR variant never arrives', async () => {
    await setup()
    await sendText('5511988884444@c.us')
    await sendText('5511988885555@c.us')
    await sendText('5511988887777@c.us') // the legacy account is 551188887777
    await sendText('5511988881234@c.us')
    await waitForAcks(3) // 4444: DEVICE; 1234: DEVICE and READ
    await new Promise((r) => setTimeout(r, 60))
    const byChat = (chat: string) => acks(hook.received.filter((r) => r.body.payload.from === chat))
    expect(byChat('5511988884444@c.us')).toEqual([2])
    expect(byChat('5511988885555@c.us')).toEqual([])
    expect(byChat('5511988887777@c.us')).toEqual([])
    expect(byChat('5511988881234@c.us')).toEqual([2, 3])
  })

  it('should replay acks that fell while the session was reconnecting', async () => {
    await setup({ timings: { deviceAckMs: 40, readAckMs: 60 } })
    await sendText()
    await t.control('/_sim/failures', { session: SESSION, kind: 'disconnect', durationMs: 150 })
    await new Promise((r) => setTimeout(r, 100))
    expect(acks(hook.received)).toEqual([])
    await waitForAcks(2)
    expect(acks(hook.received)).toEqual([2, 3])
  })
})

describe('inbound replies', () => {
  it('should emit message and message.any (fromMe false) shaped like the examples', async () => {
    await setup()
    const sent = await (await sendText('5511988887777')).json() // the wrong variant: never delivered
    await t.control(`/_sim/sessions/${SESSION}/reply`, {
      from: '5511988887777',
      text: 'SAIR',
      replyTo: sent.id,
    })
    const message = await hook.waitFor((r) => r.body.event === 'message')
    await hook.waitFor((r) => r.body.event === 'message.any' && r.body.payload.fromMe === false)
    expect(shapeOf({ ...message.body, payload: { ...message.body.payload, replyTo: null } })).toEqual(
      shapeOf(example('example-webhook-message.json')),
    )
    expect(message.body.payload).toMatchObject({
      from: '551188887777@c.us',
      fromMe: false,
      source: 'app',
      body: 'SAIR',
    })
    expect(message.body.payload.replyTo).toMatchObject({ id: sent.id.split('_')[2], body: 'Olá!' })
  })

  it('should send replies from @lid when asked, resolvable through /lids', async () => {
    await setup()
    await t.control(`/_sim/sessions/${SESSION}/reply`, { from: '5511988881234', text: 'Pare', asLid: true })
    const message = await hook.waitFor((r) => r.body.event === 'message')
    expect(message.body.payload.from).toMatch(/^\d{15}@lid$/)
    const lid = await (
      await t.api(`/api/${SESSION}/lids/${encodeURIComponent(message.body.payload.from)}`)
    ).json()
    expect(lid.pn).toBe('5511988881234@c.us')
  })

  it('should mark own messages READ when the contact answers before the read receipt', async () => {
    await setup({ timings: { deviceAckMs: 10, readAckMs: 60_000 } })
    await sendText()
    await hook.waitFor((r) => r.body.payload.ack === 2)
    await t.control(`/_sim/sessions/${SESSION}/reply`, { from: '5511988881234', text: 'oi' })
    await hook.waitFor((r) => r.body.payload.ack === 3, 'READ on reply')
  })
})
