import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { newSigningSecret, signWebhook } from './signing'

describe('Standard Webhooks signatures', () => {
  it('verify with the reference implementation (standardwebhooks on npm)', async () => {
    const secret = newSigningSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const body = JSON.stringify({
      type: 'message.read',
      timestamp: '2026-12-06T12:00:00.000Z',
      data: { a: 'ç' },
    })
    const headers = await signWebhook(secret, 'msg_abc', Date.now(), body)
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
  })

  it('the reference refuses a changed body, another secret or an old timestamp', async () => {
    const secret = newSigningSecret()
    const body = '{"type":"webhook.test","data":{}}'
    const headers = await signWebhook(secret, 'msg_x', Date.now(), body)
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow()
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow()
    const old = await signWebhook(secret, 'msg_x', Date.now() - 10 * 60_000, body)
    expect(() => new Webhook(secret).verify(body, old)).toThrow()
  })

  it('matches the reference signer byte for byte', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const at = new Date('2026-12-06T12:00:00Z')
    const ours = await signWebhook(
      secret,
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      at.getTime(),
      '{"test": 2432232314}',
    )
    expect(ours['webhook-signature']).toBe(
      new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, '{"test": 2432232314}'),
    )
    expect(ours['webhook-timestamp']).toBe(String(at.getTime() / 1000))
  })
})
