// The composer's audience of lists and segments with plain form posts (JavaScript off, decision 039):
// the fields are stored, come back checked in the editor, the review counts each source and
// exclusion, the confirmation counts the final audience, and bad input is refused with a message.
import { describe, expect, it } from 'vitest'
import { createContactList } from '../builders'
import { addToList, makeList, makeSegment } from './audience-support'
import { campaignFixture, campaignRow, composerForm, postComposer } from './campaigns-helpers'
import { appFetch } from './helpers/app'

async function fixture() {
  const f = await campaignFixture()
  const extra = await createContactList(f.ctx.db, { tenantId: f.tenantId, count: 2, seed: 99, name: 'Feira' })
  const seg = await makeSegment(f, 'Clientes VIP (segmento)', { lists: [f.listId] })
  const out = await makeList(f, 'Não enviar')
  const [first] = await f.ctx.db.query.people.findMany({
    where: (p, { and, eq }) => and(eq(p.tenantId, f.tenantId), eq(p.phoneE164, f.phones[0]!)),
  })
  await addToList(f, out, first!.id, f.phones[0]!)
  return { f, extra: extra.id, seg, out }
}

describe('composer audience without JavaScript', () => {
  it('should store lists, segments and exclusions, show them checked and count each reason', async () => {
    const { f, extra, seg, out } = await fixture()
    const form = composerForm(f, {
      audienceLists: [extra],
      audienceSegments: [String(seg)],
      excludeLists: [out],
      excludeMessagedDays: '30',
    })
    const id = `cmp_${form.get('token')}`
    const saved = await postComposer(f.users.operator.cookie, form)
    expect(saved.status).toBe(303)
    expect((await campaignRow(f, id))?.audience).toEqual({
      lists: [f.listId, extra],
      segments: [seg],
      exclude: { lists: [out], segments: [], messagedWithinDays: 30 },
    })
    const edit = await (await appFetch(`/campanhas/${id}/editar`, { cookie: f.users.operator.cookie })).text()
    expect(edit).toMatch(new RegExp(`name="audienceLists" checked="" value="${extra}"`))
    expect(edit).toMatch(new RegExp(`name="audienceSegments" checked="" value="${seg}"`))
    expect(edit).toMatch(new RegExp(`name="excludeLists" checked="" value="${out}"`))
    expect(edit).toContain('value="30"')
    // 5 in the list and the segment (the same people, counted once) + 2 in Feira − 1 in "Não enviar".
    expect(edit).toContain('7 pessoas nas listas e segmentos escolhidos')
    expect(edit).toContain('5 pessoas no segmento Clientes VIP (segmento)')
    expect(edit).toContain('1 na lista Não enviar (excluída do público)')
    expect(edit).toContain('0 receberam mensagem nos últimos 30 dias')
    expect(edit).toContain('6 pessoas vão receber')
    // "Enviar agora" asks to confirm the final count.
    const ask = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        ...Object.fromEntries([]),
        audienceLists: [extra],
        audienceSegments: [String(seg)],
        excludeLists: [out],
        excludeMessagedDays: '30',
        intent: 'launch',
      }),
    )
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain('Enviar para 6 contatos por 1 sessão?')
  })

  it('should refuse bad days and an audience nobody is left in, keeping what was typed', async () => {
    const { f, extra } = await fixture()
    const days = await postComposer(f.users.operator.cookie, composerForm(f, { excludeMessagedDays: '400' }))
    expect(days.status).toBe(400)
    expect(await days.text()).toContain('Dias inválidos: use um número inteiro de 1 a 365')
    const nobody = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { listId: extra, excludeLists: [extra], intent: 'launch' }),
    )
    expect(nobody.status).toBe(400)
    const html = await nobody.text()
    expect(html).toContain('Ninguém sobra para receber depois das exclusões')
    expect(html).toMatch(new RegExp(`name="excludeLists" checked="" value="${extra}"`))
  })

  it("should refuse another team's lists and segments as not found (cross-tenant) and store nothing", async () => {
    const { f: owner, extra, seg, out } = await fixture()
    const other = await campaignFixture()
    const form = composerForm(other, {
      audienceLists: [extra],
      audienceSegments: [String(seg)],
      excludeLists: [out],
      excludeSegments: [String(seg)],
    })
    const res = await postComposer(other.users.operator.cookie, form)
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Segmento não encontrado. Escolha um dos segmentos salvos da sua equipe.')
    expect(html).toContain('Lista de contatos não encontrada.')
    expect(html).not.toContain('Clientes VIP (segmento)')
    expect(await campaignRow(other, `cmp_${form.get('token')}`)).toBeUndefined()
    expect(await campaignRow(owner, `cmp_${form.get('token')}`)).toBeUndefined()
  })
})
