// Reconciling `unknown` sends (decision 021) through the real engine: queues, SenderSession, D1 and the
// WAHA simulator with injected faults. WAHA answers 500 after sending, 500 without sending, or hangs past
// our timeout; the reconcile task then asks WAHA's chat. Whatever happens, WhatsApp gets each phone
// exactly once, and a row WAHA cannot tell about stays `unknown` (never resent blindly).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { eraseContentStatement } from '../../app/core/sending/outbox-events.server'
import {
  confirmUnknownSent,
  deferUnknown,
  leaseDueUnknown,
  RESEND_NUDGE_AFTER_MS,
  requeueUnknownOnce,
} from '../../app/core/sending/outbox-reconcile.server'
import { reconcileUnknownSends } from '../../app/core/sending/reconcile.server'
import {
  RECONCILE_LEASE_MS,
  RECONCILE_MAX_CHECKS,
  RECONCILE_SAFE_WAIT_MS,
} from '../../app/core/sending/reconcile-policy'
import worker from '../../workers/app'
import { acrossShards, appFetch, ORIGIN } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  deliveriesPerChat,
  type EngineFixture,
  messages,
  sendsPerChat,
  sendsSettled,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'
import { decodeHtml } from './report-support'

async function launch(f: EngineFixture) {
  expect(
    (await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id), f.campaignId, ORIGIN))
      .ok,
  ).toBe(true)
}

async function inject(f: EngineFixture, failure: Record<string, unknown>, session = 0) {
  await simJson('/_sim/failures', {
    method: 'POST',
    body: JSON.stringify({ session: f.sessions[session]!.sessionName, ...failure }),
  })
}

/** A reconcile run as the cron would do it, `minutes` from now. */
function reconcileAt(minutes: number) {
  const at = Date.now() + minutes * 60_000
  return acrossShards(reconcileUnknownSends, { clock: () => at })
}

const names = (f: EngineFixture) => f.sessions.map((s) => s.sessionName)

/** WhatsApp got every phone of the list exactly once. */
async function assertEachPhoneOnce(f: EngineFixture) {
  const got = await deliveriesPerChat(names(f))
  expect(got.size, 'chats that got the message').toBe(f.list.phones.length)
  for (const [chat, n] of got) expect(n, `messages WhatsApp got in ${chat}`).toBe(1)
}

async function finished(f: EngineFixture) {
  await waitFor(
    async () => (await campaignRow(f.campaignId))?.status === 'finished',
    'campaign finished',
    30_000,
  )
}

describe('reconciling unknown sends', () => {
  it('should settle as sent what WAHA answered 500 to after sending, without resending', async () => {
    const f = await createEngineFixture({ contacts: 8, sessions: 1, seed: 201 })
    await inject(f, { kind: 'http-error', status: 500, count: 2, sent: true })
    await launch(f)
    await sendsSettled(f.campaignId)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 6, unknown: 2 })
    // Too early: nothing is looked at before the safe wait, and the campaign waits for the look.
    expect((await acrossShards(reconcileUnknownSends)).looked).toBe(0)
    expect((await campaignRow(f.campaignId))?.status).toBe('running')
    const run = await reconcileAt(3)
    expect(run).toMatchObject({ looked: 2, confirmed: 2, resent: 0, unconfirmed: 0 })
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 8 })
    const rows = await messages(f.campaignId)
    for (const r of rows.filter((r) => r.reconciled === 'confirmed'))
      expect(r.wahaMessageId).toMatch(/^true_/)
    expect(rows.filter((r) => r.reconciled === 'confirmed')).toHaveLength(2)
    expect((await campaignRow(f.campaignId))?.status).toBe('finished')
    await assertEachPhoneOnce(f)
    for (const [, calls] of await sendsPerChat(names(f))) expect(calls).toBe(1)
  })

  it('should resend once what WAHA answered 500 to without sending, and WhatsApp gets it once', async () => {
    const f = await createEngineFixture({ contacts: 8, sessions: 1, seed: 202 })
    await inject(f, { kind: 'http-error', status: 500, count: 2 })
    await launch(f)
    await sendsSettled(f.campaignId)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 6, unknown: 2 })
    expect(await reconcileAt(3)).toMatchObject({ looked: 2, resent: 2, confirmed: 0 })
    await finished(f)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 8 })
    const resent = (await messages(f.campaignId)).filter((r) => r.resentAt !== null)
    expect(resent.map((r) => r.reconciled)).toEqual(['resent', 'resent'])
    await assertEachPhoneOnce(f)
    // Two calls for the two resent phones (the refused one, then the real send); one for the others.
    const calls = [...(await sendsPerChat(names(f))).values()].sort()
    expect(calls).toEqual([1, 1, 1, 1, 1, 1, 2, 2])
    // Later runs find nothing left to do.
    expect((await reconcileAt(10)).looked).toBe(0)
  })

  it('should settle as sent a send that timed out on our side while WhatsApp got it', async () => {
    const f = await createEngineFixture({ contacts: 5, sessions: 1, seed: 203 })
    await inject(f, { kind: 'timeout', hangMs: 4000, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 4, unknown: 1 })
    expect(await reconcileAt(3)).toMatchObject({ looked: 1, confirmed: 1 })
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 5 })
    await assertEachPhoneOnce(f)
  })

  it('should leave it unknown when WAHA cannot tell, asking a bounded number of times', async () => {
    const f = await createEngineFixture({ contacts: 4, sessions: 1, seed: 204 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    await inject(f, { kind: 'http-error', status: 500, on: 'chat-messages', count: null })
    const runs = []
    for (let i = 1; i <= RECONCILE_MAX_CHECKS + 1; i++) runs.push(await reconcileAt(i * 20))
    await simJson('/_sim/failures', { method: 'DELETE' })
    expect(runs.map((r) => [r.deferred, r.unconfirmed])).toEqual([
      ...Array(RECONCILE_MAX_CHECKS - 1).fill([1, 0]),
      [0, 1],
      [0, 0],
    ])
    const [row] = (await messages(f.campaignId)).filter((r) => r.status === 'unknown')
    expect(row).toMatchObject({
      reconciled: 'unconfirmed',
      reconcileNextAt: null,
      reconcileChecks: RECONCILE_MAX_CHECKS,
      resentAt: null,
    })
    expect(row?.error).toMatch(/WAHA não soube dizer/)
    expect((await campaignRow(f.campaignId))?.status).toBe('finished')
    // Never resent: that phone got one refused call and nothing else.
    const got = await deliveriesPerChat(names(f))
    expect([...got.values()].sort()).toEqual([0, 1, 1, 1])
    for (const [, calls] of await sendsPerChat(names(f))) expect(calls).toBe(1)
  })

  it('should not count a session that is not WORKING as proof, and resend once it answers', async () => {
    const f = await createEngineFixture({ contacts: 3, sessions: 1, seed: 205 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    await simJson(`/_sim/failures`, {
      method: 'POST',
      body: JSON.stringify({ session: f.sessions[0]!.sessionName, kind: 'disconnect', durationMs: 1500 }),
    })
    expect(await reconcileAt(3)).toMatchObject({ looked: 1, deferred: 1 })
    await waitFor(
      async () =>
        (await simJson<{ status: string }>(`/api/sessions/${f.sessions[0]!.sessionName}`)).status ===
        'WORKING',
      'WORKING again',
    )
    expect(await reconcileAt(3 + RECONCILE_SAFE_WAIT_MS / 60_000 + 1)).toMatchObject({ looked: 1, resent: 1 })
    await finished(f)
    await assertEachPhoneOnce(f)
  })

  it('should resend only once: a resend WAHA again refuses ends failed, never queued again', async () => {
    const f = await createEngineFixture({ contacts: 3, sessions: 1, seed: 206 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    expect(await reconcileAt(3)).toMatchObject({ resent: 1 })
    await waitFor(
      async () =>
        (await statusCounts(f.campaignId)).unknown === 1 && !(await statusCounts(f.campaignId)).queued,
      'resend answered',
    )
    await sendsSettled(f.campaignId)
    expect(await reconcileAt(6)).toMatchObject({ looked: 1, notSent: 1, resent: 0 })
    const [row] = (await messages(f.campaignId)).filter((r) => r.resentAt !== null)
    expect(row).toMatchObject({ status: 'failed', errorKind: 'not_sent', reconciled: 'not_sent' })
    await finished(f)
    const got = [...(await deliveriesPerChat(names(f))).values()].sort()
    expect(got).toEqual([0, 1, 1])
    expect([...(await sendsPerChat(names(f))).values()].sort()).toEqual([1, 1, 2])
  })

  it('should not resend twice when reconcile runs concurrently', async () => {
    const f = await createEngineFixture({ contacts: 10, sessions: 2, seed: 207 })
    await inject(f, { kind: 'http-error', status: 500, count: 2 }, 0)
    await inject(f, { kind: 'http-error', status: 500, count: 2 }, 1)
    await launch(f)
    await sendsSettled(f.campaignId)
    expect((await statusCounts(f.campaignId)).unknown).toBe(4)
    const at = Date.now() + 3 * 60_000
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => reconcileUnknownSends({ ...f.tenant.ctx, clock: () => at })),
    )
    expect(runs.reduce((n, r) => n + r.looked, 0)).toBe(4)
    expect(runs.reduce((n, r) => n + r.resent, 0)).toBe(4)
    await finished(f)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 10 })
    await assertEachPhoneOnce(f)
  })

  it('should skip rows another run holds, and a stale run can no longer settle or resend them', async () => {
    const f = await createEngineFixture({ contacts: 2, sessions: 1, seed: 208 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    const t0 = Date.now() + 3 * 60_000
    // Run A takes the row and stalls; run B, within A's lease, finds nothing to do.
    const [held] = await leaseDueUnknown({ ...f.tenant.ctx, clock: () => t0 }, 10)
    expect(held?.status).toBe('unknown')
    expect(
      (await reconcileUnknownSends({ ...f.tenant.ctx, clock: () => t0 + RECONCILE_LEASE_MS - 1 })).looked,
    ).toBe(0)
    // A's lease ran out: run C looks again and resends the row.
    expect(
      await reconcileUnknownSends({ ...f.tenant.ctx, clock: () => t0 + RECONCILE_LEASE_MS }),
    ).toMatchObject({
      looked: 1,
      resent: 1,
    })
    // A wakes up with its stale lease: none of its writes take effect.
    const ctxA = { ...f.tenant.ctx, clock: () => t0 + 1 }
    expect(await requeueUnknownOnce(ctxA, held!)).toBe(false)
    expect(await confirmUnknownSent(ctxA, held!, 'true_stale@c.us_X', t0)).toBe(false)
    expect(await deferUnknown(ctxA, held!, null)).toBe(false)
    await finished(f)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 2 })
    await assertEachPhoneOnce(f)
  })

  it('should hand a resent row out again when its send job was lost, once per period', async () => {
    const f = await createEngineFixture({ contacts: 2, sessions: 1, seed: 211 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    // A run that requeued the row and died before writing the send job.
    const t0 = Date.now() + 3 * 60_000
    const ctx0 = { ...f.tenant.ctx, clock: () => t0 }
    const [row] = await leaseDueUnknown(ctx0, 10)
    expect(await requeueUnknownOnce(ctx0, row!)).toBe(true)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 1, queued: 1 })
    expect(
      (await reconcileUnknownSends({ ...f.tenant.ctx, clock: () => t0 + RESEND_NUDGE_AFTER_MS - 1 })).nudged,
    ).toBe(0)
    const late = { ...f.tenant.ctx, clock: () => t0 + RESEND_NUDGE_AFTER_MS }
    const both = await Promise.all([reconcileUnknownSends(late), reconcileUnknownSends(late)])
    expect(both.reduce((n, r) => n + r.nudged, 0)).toBe(1)
    await finished(f)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 2 })
    await assertEachPhoneOnce(f)
  })

  it('should run from the Worker’s cron trigger', async () => {
    const f = await createEngineFixture({ contacts: 3, sessions: 1, seed: 212 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    // The safe wait is over (cron uses the real clock): make the unknown row due now.
    await f.tenant.ctx.db.$client
      .prepare(
        `UPDATE campaign_messages SET reconcile_next_at = ? WHERE campaign_id = ? AND status = 'unknown'`,
      )
      .bind(Date.now() - 1, f.campaignId)
      .run()
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    await finished(f)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 3 })
    expect((await messages(f.campaignId)).filter((r) => r.reconciled === 'resent')).toHaveLength(1)
    await assertEachPhoneOnce(f)
  })

  it('should never resend a row whose text was erased (LGPD) meanwhile', async () => {
    const f = await createEngineFixture({ contacts: 2, sessions: 1, seed: 213 })
    await inject(f, { kind: 'http-error', status: 500, count: 1 })
    await launch(f)
    await sendsSettled(f.campaignId)
    const [row] = (await messages(f.campaignId)).filter((r) => r.status === 'unknown')
    await f.tenant.ctx.db.batch([
      eraseContentStatement(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), row!.phoneE164),
    ])
    expect(await reconcileAt(3)).toMatchObject({ looked: 1, deferred: 1, resent: 0 })
    for (let i = 1; i < RECONCILE_MAX_CHECKS; i++) await reconcileAt(3 + i * 20)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 1, unknown: 1 })
    expect((await messages(f.campaignId)).find((r) => r.id === row!.id)).toMatchObject({
      reconciled: 'unconfirmed',
      resentAt: null,
    })
    await finished(f)
    expect([...(await deliveriesPerChat(names(f))).values()].sort()).toEqual([0, 1])
  })
})

describe('the report', () => {
  it('should count confirmed later, resent and unconfirmed sends in words', async () => {
    const f = await createEngineFixture({ contacts: 5, sessions: 1, seed: 209 })
    await inject(f, { kind: 'http-error', status: 500, count: 1, sent: true })
    await inject(f, { kind: 'http-error', status: 500, count: 2 })
    await launch(f)
    await sendsSettled(f.campaignId)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 2, unknown: 3 })
    // One of the two chats that got nothing: WAHA cannot list it.
    const [silent] = [...(await deliveriesPerChat(names(f)))].find(([, n]) => n === 0)!
    await inject(f, { kind: 'http-error', status: 500, on: 'chat-messages', chatId: silent, count: null })
    expect(await reconcileAt(3)).toMatchObject({ confirmed: 1, resent: 1, deferred: 1 })
    for (let i = 1; i < RECONCILE_MAX_CHECKS; i++) await reconcileAt(3 + i * 20)
    await simJson('/_sim/failures', { method: 'DELETE' })
    await finished(f)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 4, unknown: 1 })
    const page = decodeHtml(
      await (await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })).text(),
    )
    expect(page).toContain(
      'Envios que o WhatsApp não confirmou na hora: 1 confirmada depois, 1 reenviada e 1 sem confirmação.',
    )
    expect(page).toContain('o WAHA não soube dizer se a mensagem chegou')
    const en = decodeHtml(
      await (
        await appFetch(`/campanhas/${f.campaignId}`, {
          cookie: `${f.tenant.users.viewer.cookie}; disparo_lang=en`,
        })
      ).text(),
    )
    expect(en).toContain(
      'Sends WhatsApp did not confirm right away: 1 confirmed later, 1 resent and 1 unconfirmed.',
    )
    const got = [...(await deliveriesPerChat(names(f))).values()].sort()
    expect(got).toEqual([0, 1, 1, 1, 1])
  })

  it('should say nothing about it when every send was confirmed at once', async () => {
    const f = await createEngineFixture({ contacts: 2, sessions: 1, seed: 210 })
    await launch(f)
    await finished(f)
    const page = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(page).not.toContain('report-reconciliation')
  })
})
