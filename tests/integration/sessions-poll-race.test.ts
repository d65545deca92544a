// A page polls WAHA while a pairing finishes: WAHA answers "SCAN_QR_CODE", and before that answer is
// applied the WORKING webhook comes in. The older answer must not win: the session stays WORKING (row,
// live state, page), and the health guard's status log holds no QR code after WORKING (a false flap
// that held a number right after its first pairing). The poll's status is placed at the moment WAHA
// was asked.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DEFAULT_HEALTH_CONFIG, evidenceWindows } from '../../app/core/guard/health'
import { measureSession } from '../../app/core/health/measure.server'
import { refreshLiveState } from '../../app/core/sessions/live-state.server'
import { EXAMPLES, statusWebhook, WAHA_SESSION, withStatus } from './sessions-fake-waha'
import { rowOf, savedSessionPerTest } from './sessions-support'

const sessions = savedSessionPerTest()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a poll that crosses a status webhook', () => {
  it('should keep the newer WORKING and log no flap when the older QR answer lands after it', async () => {
    const { t, s } = await sessions.arrange('SCAN_QR_CODE')
    sessions.waha!.reply('GET', `/api/sessions/${WAHA_SESSION}`, {
      status: 200,
      body: withStatus(EXAMPLES.got, 'SCAN_QR_CODE'),
    })
    await sleep(5)
    const row = (await rowOf(t, s.id))!
    // WAHA answers "SCAN_QR_CODE"; while that answer travels, the pairing finishes and WAHA's WORKING
    // webhook is applied. Then the poll goes on with its answer.
    let webhook: Response | null = null
    const crossing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      const url = new URL(new Request(input as RequestInfo, init as RequestInit).url)
      if (webhook === null && url.pathname === `/api/sessions/${WAHA_SESSION}`) {
        await sleep(5)
        webhook = await statusWebhook(s.id, WAHA_SESSION, 'WORKING', s.webhookSecret)
        await sleep(5)
      }
      return res
    }
    const view = await refreshLiveState(t.ctx, row, { fetch: crossing }, { force: true })

    expect((webhook as Response | null)?.status).toBe(200)
    expect(view.status).toBe('WORKING')
    expect((await rowOf(t, s.id))?.status).toBe('WORKING')
    expect((await env.SENDER_SESSION.getByName(s.id).getState()).status).toBe('WORKING')
    const windows = evidenceWindows(Date.now() + 1, DEFAULT_HEALTH_CONFIG)
    const measured = await measureSession(t.ctx, { tenantId: t.tenantId }, s.id, windows, false)
    expect(measured.long.flaps).toBe(0)
    expect(measured.short.flaps).toBe(0)
  })

  it('should still apply an answer newer than what the session knows', async () => {
    const { t, s } = await sessions.arrange('SCAN_QR_CODE')
    await sleep(5)
    const view = await refreshLiveState(t.ctx, (await rowOf(t, s.id))!, {}, { force: true })
    // the fake's session body says WORKING (the contract example)
    expect(JSON.parse(EXAMPLES.got).status).toBe('WORKING')
    expect(view.status).toBe('WORKING')
    expect((await env.SENDER_SESSION.getByName(s.id).getState()).status).toBe('WORKING')
  })
})
