// Follow-up steps end to end (decision 040): each audience picks the right people among those who
// received the previous step, SAIR / opt-out / erasure stop further steps (at creation and at the
// claim), the step waits for its delay and the send window, a redelivered or concurrent due job creates
// and sends nothing twice, the confirmation goes once per person, and the campaign finishes only after
// its last step.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { recountCampaign } from '../../app/core/campaigns/counters.server'
import { advanceStep } from '../../app/core/campaigns/steps.server'
import { erasePerson } from '../../app/core/contacts/optouts.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { campaigns } from '../../db/schema'
import {
  campaignStatus,
  chatOf,
  click,
  dueJob,
  HOUR,
  launchWithSteps,
  read,
  reply,
  rowsOf,
  simSends,
  step,
  stepSettled,
  vote,
} from './followups-support'
import { acrossShards, appFetch } from './helpers/app'
import { messages } from './helpers/engine'

const phonesOf = (rows: Array<{ phoneE164: string }>) => rows.map((r) => r.phoneE164).sort()

describe('follow-up steps', () => {
  it('should pick each audience among the previous step recipients', async () => {
    // Step 1: did not reply; step 2 (after step 1): did not read; step 3: read but did not reply;
    // step 4: clicked.
    const f = await launchWithSteps(5, {
      linkTracking: true,
      steps: [
        step({ audience: 'no_reply', texts: ['Etapa 1 https://loja.example/um'] }),
        step({ audience: 'not_read', texts: ['Etapa 2 https://loja.example/dois'] }),
        step({ audience: 'read_no_reply', texts: ['Etapa 3 https://loja.example/tres'] }),
        step({ audience: 'clicked', texts: ['Etapa 4'] }),
      ],
    })
    const first = await rowsOf(f.campaignId, 0)
    // Nothing is due before the delay: the campaign waits for its steps, running.
    expect((await dueJob(30 * 60_000)).created).toBe(0)
    expect((await campaignStatus(f.campaignId)).status).toBe('running')
    await reply(f, first[0]!, 'Tenho interesse')
    expect((await dueJob(2 * HOUR)).created).toBe(4)
    await stepSettled(f.campaignId, 1, 4)
    const one = await rowsOf(f.campaignId, 1)
    expect(phonesOf(one)).toEqual(phonesOf(first.slice(1)))
    expect(one.every((r) => r.status === 'sent' && r.renderedText?.startsWith('Etapa 1'))).toBe(true)
    // Step 2 (not read): two of step 1's recipients read it.
    await read(f, one[0]!)
    await read(f, one[1]!)
    await dueJob(4 * HOUR)
    await stepSettled(f.campaignId, 2, 2)
    const two = await rowsOf(f.campaignId, 2)
    expect(phonesOf(two)).toEqual(phonesOf(one.slice(2)))
    // Step 3 (read, no reply): one reads and replies, one only reads.
    await read(f, two[0]!)
    await read(f, two[1]!)
    await reply(f, two[1]!, 'Quanto custa?')
    await dueJob(6 * HOUR)
    await stepSettled(f.campaignId, 3, 1)
    const three = await rowsOf(f.campaignId, 3)
    expect(phonesOf(three)).toEqual([two[0]!.phoneE164])
    // Step 4 (clicked): the one who followed step 3's link.
    await click(three[0]!)
    await dueJob(8 * HOUR)
    await stepSettled(f.campaignId, 4, 1)
    expect(phonesOf(await rowsOf(f.campaignId, 4))).toEqual([three[0]!.phoneE164])
    // The last step is done: the campaign finishes; WhatsApp got 5 + 4 + 2 + 1 + 1 messages.
    await expect
      .poll(async () => (await campaignStatus(f.campaignId)).status, { timeout: 10_000 })
      .toBe('finished')
    expect(await simSends(f)).toHaveLength(13)
    // The campaign page: one funnel line per message of the sequence.
    const html = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(html).toContain('data-testid="report-steps"')
    const cell = (step: number, col: string) =>
      new RegExp(`data-step="${step}"[^]*?data-col="${col}">(\\d+)<`).exec(html)?.[1]
    expect([0, 1, 2, 3, 4].map((k) => cell(k, 'created'))).toEqual(['5', '4', '2', '1', '1'])
    expect([cell(0, 'replied'), cell(1, 'read'), cell(2, 'replied'), cell(3, 'clicked')]).toEqual([
      '1',
      '2',
      '1',
      '1',
    ])
    // The funnel reads the counters (decision 041), kept per step by the triggers: a recount agrees.
    expect(await recountCampaign(scopeTo(f.tenant.ctx, f.tenant.tenantId), f.campaignId)).toBe(0)
  })

  it('should send a step to the voters of an option only, and stop on SAIR, opt-out and erasure', async () => {
    const f = await launchWithSteps(5, {
      poll: { options: ['Sim', 'Não'], multipleAnswers: false },
      steps: [step({ audience: 'voted', option: 'Sim', texts: ['Que bom, {{primeiro_nome}}!'] })],
    })
    const first = await rowsOf(f.campaignId, 0)
    for (const r of first.slice(0, 4)) await vote(f, r, ['Sim'])
    await vote(f, first[4]!, ['Não'])
    // One voter of Sim writes SAIR, one is erased (LGPD); one is opted out by a person.
    await reply(f, first[0]!, 'SAIR')
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await erasePerson(scope, { phone: first[1]!.phoneE164 })).ok).toBe(true)
    await f.tenant.ctx.db.$client
      .prepare(
        "INSERT INTO suppressions (tenant_id, phone_e164, reason, source, created_at) VALUES (?, ?, 'manual', 'teste', ?)",
      )
      .bind(f.tenant.tenantId, first[2]!.phoneE164, Date.now())
      .run()
    await dueJob(2 * HOUR)
    await stepSettled(f.campaignId, 1, 1)
    const one = await rowsOf(f.campaignId, 1)
    expect(phonesOf(one)).toEqual([first[3]!.phoneE164])
    expect(one[0]!.renderedText).toMatch(/^Que bom, .+!$/)
    const sends = await simSends(f)
    expect(sends.filter((s) => s.chatId === chatOf(first[3]!.phoneE164))).toHaveLength(2)
    for (const r of [first[0]!, first[1]!, first[2]!, first[4]!])
      expect(sends.filter((s) => s.chatId === chatOf(r.phoneE164))).toHaveLength(1)
  })

  it('should not send a step to someone who opts out after its rows were created (checked at the claim)', async () => {
    const f = await launchWithSteps(2, { steps: [step({ audience: 'no_reply' })] })
    // The step's rows wait for the campaign's send window to open: every day but today (São Paulo).
    const today = new Date(Date.now() - 3 * HOUR).getUTCDay()
    const closed = { days: [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today), startMinute: 0, endMinute: 1440 }
    await f.tenant.ctx.db.update(campaigns).set({ window: closed }).where(eq(campaigns.id, f.campaignId))
    await dueJob(2 * HOUR)
    await new Promise((r) => setTimeout(r, 1500))
    expect((await rowsOf(f.campaignId, 1)).map((r) => r.status)).toEqual(['queued', 'queued'])
    const one = await rowsOf(f.campaignId, 1)
    expect(one).toHaveLength(2)
    await reply(f, (await rowsOf(f.campaignId, 0))[0]!, 'PARAR')
    // The window opens: the opted-out person's row is skipped at the claim, the other goes.
    await f.tenant.ctx.db.update(campaigns).set({ window: null }).where(eq(campaigns.id, f.campaignId))
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    const { pause, resume } = await import('../../app/core/campaigns/lifecycle.server')
    await pause(scope, f.campaignId)
    await resume(scope, f.campaignId)
    await stepSettled(f.campaignId, 1, 2)
    const after = await rowsOf(f.campaignId, 1)
    expect(after.map((r) => r.status).sort()).toEqual(['sent', 'skipped'])
    expect(after.find((r) => r.status === 'skipped')!.phoneE164).toBe(one[0]!.phoneE164)
  })

  it('should create and send nothing twice under concurrent and redelivered due jobs', async () => {
    const f = await launchWithSteps(6, { steps: [step({ audience: 'no_reply' })] })
    const later = { ...f.tenant.ctx, clock: () => Date.now() + 2 * HOUR }
    const c = await campaignStatus(f.campaignId)
    // Two due jobs at once, then a redelivered one with the campaign as it was read before.
    await Promise.all([advanceStep(later, c), advanceStep(later, c), dueJob(2 * HOUR)])
    await advanceStep(later, c)
    await stepSettled(f.campaignId, 1, 6)
    expect(await rowsOf(f.campaignId, 1)).toHaveLength(6)
    const sends = await simSends(f)
    const perChat = new Map<string, number>()
    for (const s of sends) perChat.set(s.chatId, (perChat.get(s.chatId) ?? 0) + 1)
    expect([...perChat.values()]).toEqual([2, 2, 2, 2, 2, 2])
    expect((await campaignStatus(f.campaignId)).stepsCreated).toBe(1)
  })

  it('should send the confirmation once per person under webhook redelivery', async () => {
    const f = await launchWithSteps(3, { confirmation: 'Recebemos sua resposta, {{primeiro_nome}}!' })
    const first = await rowsOf(f.campaignId, 0)
    await reply(f, first[0]!, 'Quero!')
    await reply(f, first[0]!, 'Quero!')
    await reply(f, first[1]!, 'SAIR')
    await stepSettled(f.campaignId, -1, 1)
    // Another reply after the confirmation lands on the confirmation: nothing more goes out.
    await reply(f, first[0]!, 'Obrigado')
    const conf = await rowsOf(f.campaignId, -1)
    expect(conf).toHaveLength(1)
    expect(conf[0]!.renderedText).toMatch(/^Recebemos sua resposta, .+!$/)
    expect(conf[0]!.sessionId).toBe(first[0]!.sessionId)
    expect((await simSends(f)).filter((s) => s.chatId === chatOf(first[0]!.phoneE164))).toHaveLength(2)
    expect((await messages(f.campaignId)).filter((r) => r.step === -1)).toHaveLength(1)
    // The campaign stays open for late replies, and finishes 24 hours after its last message.
    expect((await campaignStatus(f.campaignId)).status).toBe('running')
    const { finishSettledCampaigns } = await import('../../app/core/sending/sweeper.server')
    await acrossShards(finishSettledCampaigns, { clock: () => Date.now() + 23 * HOUR })
    expect((await campaignStatus(f.campaignId)).status).toBe('running')
    await acrossShards(finishSettledCampaigns, { clock: () => Date.now() + 25 * HOUR })
    expect((await campaignStatus(f.campaignId)).status).toBe('finished')
    // A reply after it finished gets no confirmation.
    await reply(f, first[2]!, 'Oi')
    expect((await messages(f.campaignId)).filter((r) => r.step === -1)).toHaveLength(1)
  })

  it('should keep a campaign with a pending step running until that step is done', async () => {
    const f = await launchWithSteps(2, { steps: [step({ audience: 'clicked', delayMinutes: 24 * 60 })] })
    expect((await dueJob(23 * HOUR)).created).toBe(0)
    const c = await campaignStatus(f.campaignId)
    expect(c.status).toBe('running')
    expect(c.nextStepAt).toBeGreaterThan(Date.now() + 23 * HOUR)
    const page = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(page).toMatch(/data-testid="steps-next">Próxima: etapa 1 em \d{2}\/\d{2}\/\d{4}/)
    // Nobody clicked: the step is done with nobody, and the campaign finishes.
    await dueJob(25 * HOUR)
    await expect
      .poll(async () => (await campaignStatus(f.campaignId)).status, { timeout: 10_000 })
      .toBe('finished')
    expect(await rowsOf(f.campaignId, 1)).toHaveLength(0)
  })
})
