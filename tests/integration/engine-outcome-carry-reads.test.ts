// The carried `sent` outcome in front of the health evaluation's first reads (decision 028, fifth
// pass): written before the reads, in one batch; when that batch fails nothing of it is written and
// the outcome is still waiting, so the next claim or flush writes it.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../app/core/db/client.server'
import { outcomeStatement } from '../../app/core/sending/outbox.server'
import { OutcomeCarry } from '../../app/core/sending/outcome-carry.server'
import { campaignMessages, tenants } from '../../db/schema'
import { createCampaign, createTenant } from '../builders'

const db = getDb(env.DB)

async function sendingRow() {
  const tenant = await createTenant(db)
  const campaign = await createCampaign(db, { tenantId: tenant.id, status: 'running' })
  const [row] = await db
    .insert(campaignMessages)
    .values({
      tenantId: tenant.id,
      campaignId: campaign.id,
      contactId: 1,
      phoneE164: '+5511999990002',
      status: 'sending',
      attemptId: 'att1',
      sendingAt: Date.now(),
    })
    .returning({ id: campaignMessages.id })
  return { tenant, id: row!.id }
}

const carried = (id: number, seen: unknown[][]) => ({
  statements: [outcomeStatement(db, id, 'att1', { kind: 'sent', wahaMessageId: 'w2' }, ['s1'], Date.now())],
  after: async (results: unknown[]) => {
    seen.push(results)
  },
})

const statusRead = (id: number) =>
  db.select({ status: campaignMessages.status }).from(campaignMessages).where(eq(campaignMessages.id, id))

describe('carried outcome in front of reads (batchAfter)', () => {
  it('writes the waiting outcome before the reads, in one batch, once', async () => {
    const { id } = await sendingRow()
    const seen: unknown[][] = []
    const carry = new OutcomeCarry(db)
    carry.put(carried(id, seen))
    const [rows] = (await carry.batchAfter([statusRead(id)])) as [Array<{ status: string }>]
    expect(rows).toEqual([{ status: 'sent' }])
    expect(seen).toHaveLength(1)
    expect(carry.take()).toBeNull()
    await carry.flush()
    expect(seen).toHaveLength(1)
  })

  it('runs only the reads when nothing waits', async () => {
    const { id } = await sendingRow()
    const carry = new OutcomeCarry(db)
    const [rows] = (await carry.batchAfter([statusRead(id)])) as [Array<{ status: string }>]
    expect(rows).toEqual([{ status: 'sending' }])
  })

  it('keeps the outcome waiting when the batch fails, and the next flush writes it', async () => {
    const { tenant, id } = await sendingRow()
    const seen: unknown[][] = []
    const carry = new OutcomeCarry(db)
    carry.put(carried(id, seen))
    const failing = db.insert(tenants).values({ id: tenant.id, name: 'repetido' })
    await expect(carry.batchAfter([failing])).rejects.toThrow()
    // One transaction: nothing of it was written, and nothing was read back.
    expect((await statusRead(id))[0]?.status).toBe('sending')
    expect(seen).toHaveLength(0)
    await carry.flush()
    expect((await statusRead(id))[0]?.status).toBe('sent')
    expect(seen).toHaveLength(1)
  })
})
