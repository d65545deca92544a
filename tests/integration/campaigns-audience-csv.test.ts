// The composer's "or upload a CSV" audience: the file goes through the real import pipeline and
// becomes the campaign's list; a bad file is refused with the import's message and nothing is saved.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactLists, contacts } from '../../db/schema'
import {
  campaignFixture,
  composerForm,
  flashOf,
  PNG_1X1,
  postComposer,
  tenantCampaigns,
} from './campaigns-helpers'
import { waitFor } from './helpers/engine'

const CSV =
  'nome;celular;cidade\r\nJoão da Silva;(11) 98765-4321;São Paulo\r\nMaria;11 91234-5678;Recife\r\nSem telefone;;Natal\r\n'

function withAudienceFile(form: FormData, name: string, bytes: Uint8Array | string, type = 'text/csv') {
  form.delete('listId')
  form.append(
    'audienceFile',
    new File([new Uint8Array(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes)], name, {
      type,
    }),
  )
  return form
}

describe('composer: a CSV uploaded right here', () => {
  it('should import it into a new list and save the draft with it', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      withAudienceFile(composerForm(f, { name: 'Feirão' }), 'clientes.csv', CSV),
    )
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'campaigns.saved' })
    const [campaign] = await tenantCampaigns(f)
    expect(campaign?.listId).toBeTruthy()
    expect(campaign?.listId).not.toBe(f.listId)
    const list = await f.ctx.db
      .select()
      .from(contactLists)
      .where(eq(contactLists.id, campaign!.listId!))
      .get()
    expect(list).toMatchObject({ name: 'Feirão (contatos)', tenantId: f.tenantId })
    // The import queue runs for real; the list becomes ready with the two valid contacts.
    await waitFor(async () => {
      const l = await f.ctx.db.select().from(contactLists).where(eq(contactLists.id, campaign!.listId!)).get()
      return l?.status === 'ready'
    }, 'the list to be imported')
    const people = await f.ctx.db.select().from(contacts).where(eq(contacts.listId, campaign!.listId!))
    expect(people.map((p) => [p.name, p.phoneE164]).sort()).toEqual([
      ['João da Silva', '+5511987654321'],
      ['Maria', '+5511912345678'],
    ])
  })

  it('should refuse a file that is not a CSV with the import message and save nothing', async () => {
    const f = await campaignFixture()
    const before = await f.ctx.db.select().from(contactLists).where(eq(contactLists.tenantId, f.tenantId))
    const res = await postComposer(
      f.users.operator.cookie,
      withAudienceFile(composerForm(f), 'planilha.csv', PNG_1X1, 'text/csv'),
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toMatch(/não parece ser um CSV|não é um CSV|arquivo/i)
    expect(await tenantCampaigns(f)).toEqual([])
    expect(
      await f.ctx.db.select().from(contactLists).where(eq(contactLists.tenantId, f.tenantId)),
    ).toHaveLength(before.length)
  })
})
