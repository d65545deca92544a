// The carried `sent` outcome (decision 028): written in front of the next claim's statements, and
// still written on its own when that batch fails (a D1 batch is one transaction: nothing of it stays).
// In front of the health evaluation's first reads (fifth pass, `batchAfter`): written before the
// reads, in one batch; when that batch fails nothing of it is written and the outcome is still
// waiting, so the next claim or flush writes it.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../app/core/db/client.server'
import { outcomeStatement } from '../../app/core/sending/outbox.server'
import { OutcomeCarry, writeNow } from '../../app/core/sending/outcome-carry.server'
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
      phoneE164: '+5511999990001',
      status: 'sending',
      attemptId: 'att1',
      sendingAt: Date.now(),
    })
    .returning({ id: campaignMessages.id })
  return { tenant, id: row!.id }
}

const carried = (id: number, seen: unknown[][]) => ({
  statements: [outcomeStatement(db, id, 'att1', { kind: 'sent', wahaMessageId: 'w1' }, ['s1'], Date.now())],
  after: async (results: unknown[]) => {
    seen.push(results)
  },
})

const statusOf = async (id: number) =>
  (await db.select().from(campaignMessages).where(eq(campaignMessages.id, id)).get())?.status

describe('carried outcome', () => {
  it('should write the carried outcome before the next statements, in one batch', async () => {
    const { id } = await sendingRow()
    const seen: unknown[][] = []
    const carry = new OutcomeCarry(db)
    carry.put(carried(id, seen))
    expect(() => carry.put(carried(id, seen))).toThrow()
    const [rows] = (await writeNow(
      db,
      [
        db
          .select({ status: campaignMessages.status })
          .from(campaignMessages)
          .where(eq(campaignMessages.id, id)),
      ],
      carry.take(),
    )) as [Array<{ status: string }>]
    expect(rows).toEqual([{ status: 'sent' }])
    expect(seen).toHaveLength(1)
    expect(carry.take()).toBeNull()
  })

  it('should still write the carried outcome when the batch with the next claim fails', async () => {
    const { tenant, id } = await sendingRow()
    const seen: unknown[][] = []
    const failing = db.insert(tenants).values({ id: tenant.id, name: 'repetido' })
    await expect(writeNow(db, [failing], carried(id, seen))).rejects.toThrow()
    expect(await statusOf(id)).toBe('sent')
    expect(seen).toHaveLength(1)
  })

  it('should write a waiting outcome on flush, once', async () => {
    const { id } = await sendingRow()
    const seen: unknown[][] = []
    const carry = new OutcomeCarry(db)
    carry.put(carried(id, seen))
    await carry.flush()
    await carry.flush()
    expect(await statusOf(id)).toBe('sent')
    expect(seen).toHaveLength(1)
  })
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
