// Opt-outs people actually write (decision 031), through the real events queue consumer and the
// opt-outs page: a plain request opts out at once, a doubtful one waits in "Possíveis opt-outs" for a
// person (confirm / dismiss, recorded with who), a redelivered message adds nothing, and a plain
// request later settles the doubtful ones.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { auditLog, possibleOptOuts, suppressions } from '../../db/schema'
import { flashOf } from './contacts-support'
import { consumeEvents, incoming } from './health-support'
import { appFetch, createTestTenant, ORIGIN, tenantContext } from './helpers/app'
import { campaignRow, createEngineFixture, messages, waitFor } from './helpers/engine'

async function sentCampaign(contacts: number, seed: number) {
  const f = await createEngineFixture({ contacts, sessions: 1, seed })
  await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), f.campaignId, ORIGIN)
  await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished')
  const rows = await messages(f.campaignId)
  const s = f.sessions[0]!
  const reply = (i: number, body: string) =>
    incoming(s.sessionName, `${rows[i]!.phoneE164.slice(1)}@c.us`, body)
  return { f, s, rows, reply }
}

async function optOutsOf(tenantId: string) {
  const { db } = await tenantContext(tenantId)
  return db.select().from(suppressions).where(eq(suppressions.tenantId, tenantId))
}

async function possibleOf(tenantId: string) {
  const { db } = await tenantContext(tenantId)
  return db.select().from(possibleOptOuts).where(eq(possibleOptOuts.tenantId, tenantId))
}

describe('opt-outs people actually write', () => {
  it('should opt out at once on a plain request in any words, and keep a doubtful one for a person', async () => {
    const { f, s, rows, reply } = await sentCampaign(4, 401)
    const doubtful = reply(1, 'Como faço para sair da lista?')
    await consumeEvents(f.tenant.tenantId, s.id, [
      reply(0, 'Não quero mais receber essas mensagens, obrigado'),
      doubtful,
      reply(2, 'Não quero sair, adoro as promoções'),
      reply(3, 'Quanto custa?'),
    ])
    expect((await optOutsOf(f.tenant.tenantId)).map((o) => [o.phoneE164, o.reason])).toEqual([
      [rows[0]!.phoneE164, 'opt_out'],
    ])
    const pending = await possibleOf(f.tenant.tenantId)
    expect(pending).toEqual([
      expect.objectContaining({
        phoneE164: rows[1]!.phoneE164,
        body: 'Como faço para sair da lista?',
        status: 'pending',
        messageId: rows[1]!.id,
        sessionId: s.id,
        rule: 'outOfList',
      }),
    ])
    // The queue delivers the same message again: nothing more.
    await consumeEvents(f.tenant.tenantId, s.id, [doubtful])
    expect(await possibleOf(f.tenant.tenantId)).toHaveLength(1)
    // Every reply was credited to its message, whatever it said.
    expect((await messages(f.campaignId)).every((r) => r.repliedAt !== null)).toBe(true)
  })

  it('should settle the doubtful replies of a number that then asks plainly, and add none for one already out', async () => {
    const { f, s, rows, reply } = await sentCampaign(2, 402)
    await consumeEvents(f.tenant.tenantId, s.id, [reply(0, 'Isso é spam?')])
    await consumeEvents(f.tenant.tenantId, s.id, [reply(0, 'SAIR')])
    expect(await possibleOf(f.tenant.tenantId)).toEqual([
      expect.objectContaining({ phoneE164: rows[0]!.phoneE164, status: 'confirmed', decidedBy: null }),
    ])
    await consumeEvents(f.tenant.tenantId, s.id, [reply(0, 'vou denunciar')])
    expect(await possibleOf(f.tenant.tenantId)).toHaveLength(1)
    expect(await optOutsOf(f.tenant.tenantId)).toHaveLength(1)
  })

  it('should let operators confirm or dismiss on the opt-outs page, once, recorded with who', async () => {
    const { f, s, rows, reply } = await sentCampaign(3, 403)
    await consumeEvents(f.tenant.tenantId, s.id, [
      reply(0, 'Quem te deu meu número? <b>spam</b>'),
      reply(1, 'Não tenho interesse'),
    ])
    const [first, second] = (await possibleOf(f.tenant.tenantId)).sort((a, b) => a.id - b.id)
    const t = f.tenant
    const html = await (await appFetch('/opt-outs', { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('Possíveis opt-outs')
    expect(html).toContain('&lt;b&gt;spam&lt;/b&gt;')
    expect(html).not.toContain('<b>spam</b>')
    expect(html).toContain('Resposta à campanha Promoção de teste')
    expect(html).toContain('Fala em bloquear, denunciar ou spam')
    expect(html).toContain('Diz que não tem interesse')
    expect(html).not.toContain('value="confirmPossible"')

    const viewer = await appFetch('/opt-outs', {
      cookie: t.users.viewer.cookie,
      form: { intent: 'confirmPossible', id: String(first!.id) },
    })
    expect(viewer.status).toBe(403)

    const confirmed = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'confirmPossible', id: String(first!.id) },
    })
    expect(flashOf(confirmed)).toMatchObject({ message: 'optouts.possible.confirmed' })
    const again = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'dismissPossible', id: String(first!.id) },
    })
    expect(flashOf(again)).toMatchObject({ message: 'optouts.possible.already' })
    const dismissed = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'dismissPossible', id: String(second!.id) },
    })
    expect(flashOf(dismissed)).toMatchObject({ message: 'optouts.possible.dismissed' })

    expect(await optOutsOf(t.tenantId)).toEqual([
      expect.objectContaining({
        phoneE164: rows[0]!.phoneE164,
        reason: 'opt_out',
        createdBy: t.users.operator.id,
        source: 'Quem te deu meu número? <b>spam</b>'.slice(0, 40),
      }),
    ])
    const decided = (await possibleOf(t.tenantId)).sort((a, b) => a.id - b.id)
    expect(decided.map((p) => [p.status, p.decidedBy])).toEqual([
      ['confirmed', t.users.operator.id],
      ['dismissed', t.users.admin.id],
    ])
    const { db } = t.ctx
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId)))
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['optout.possible.confirm', 'optout.possible.dismiss']),
    )
    const after = await (await appFetch('/opt-outs', { cookie: t.users.viewer.cookie })).text()
    expect(after).toContain('Nenhuma resposta para revisar.')
  })

  it("should answer 404 for another team's reply and change nothing", async () => {
    const { f, s, reply } = await sentCampaign(1, 404)
    await consumeEvents(f.tenant.tenantId, s.id, [reply(0, 'vou bloquear')])
    const [row] = await possibleOf(f.tenant.tenantId)
    const other = await createTestTenant('Outra Loja')
    for (const intent of ['confirmPossible', 'dismissPossible']) {
      const res = await appFetch('/opt-outs', {
        cookie: other.users.admin.cookie,
        form: { intent, id: String(row!.id) },
      })
      expect(res.status).toBe(404)
    }
    expect(await possibleOf(f.tenant.tenantId)).toEqual([expect.objectContaining({ status: 'pending' })])
    expect(await optOutsOf(f.tenant.tenantId)).toEqual([])
    expect(await optOutsOf(other.tenantId)).toEqual([])
  })

  it('should refuse a decision without a valid id with a clear message', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'confirmPossible', id: 'abc' },
    })
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'error' })
  })
})
