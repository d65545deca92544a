// Attachments through /api/v1 (decisions 030, 034): POST /media takes the raw bytes and decides the
// kind by magic bytes; a campaign created by API with a PDF or a voice note is launched by API and the
// WAHA simulator gets sendFile / sendVoice with the stored bytes exactly once per contact; a single
// message carries one too. Bad files, sizes, scopes and another team's media id are refused.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { wahaSessions } from '../../db/schema'
import { EXE, OGG_OPUS, PDF, PNG, sized } from '../fixtures/media-bytes'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'
import { campaignRow, createEngineFixture, simJson, statusCounts, waitFor } from './helpers/engine'

type Media = { id: string; kind: string; type: string; name: string | null; size: number }
type Problem = { status: number; detail?: string; errors?: { pointer: string; detail: string }[] }
type SimMessage = {
  id: string
  chatId: string
  type: string
  body: string
  fromMe: boolean
  media?: { mimetype: string; filename?: string; size: number; source: string }
}
type SimSends = { calls: Array<{ endpoint: string; chatId: string; outcome: string }> }

const CONTACTS = 3

function upload(token: string, bytes: Uint8Array<ArrayBuffer>, name?: string) {
  const q = name ? `?name=${encodeURIComponent(name)}` : ''
  return apiFetch(`/media${q}`, {
    token,
    method: 'POST',
    body: bytes,
    headers: { 'Content-Type': 'application/octet-stream' },
  })
}

async function storedBytes(messageId: string) {
  const res = await fetch(`${env.WAHA_SIM_URL}/_sim/media/${encodeURIComponent(messageId)}`)
  return new Uint8Array(await res.arrayBuffer())
}

async function sendsOf(sessionName: string) {
  const messages = (await simJson<SimMessage[]>(`/_sim/messages?session=${sessionName}`)).filter(
    (m) => m.fromMe,
  )
  const sends = (await simJson<SimSends>(`/_sim/sends?session=${sessionName}`)).calls.filter(
    (c) => c.endpoint.startsWith('send') && c.endpoint !== 'sendSeen',
  )
  return { messages, sends }
}

describe('API media', () => {
  it.each([
    {
      what: 'a PDF by sendFile with its name and caption',
      bytes: sized(PDF, 2048),
      name: 'Catálogo Verão.pdf',
      kind: 'document',
      endpoint: 'sendFile',
      texts: ['Olá {{primeiro_nome}}, veja o catálogo!'],
      type_: 'document',
    },
    {
      what: 'a voice note by sendVoice without text',
      bytes: sized(OGG_OPUS, 1024),
      name: undefined,
      kind: 'voice',
      endpoint: 'sendVoice',
      texts: [],
      type_: 'voice',
    },
  ])('a campaign created and launched by API sends $what, once per contact', async (c) => {
    const f = await createEngineFixture({ contacts: CONTACTS })
    const [session] = f.sessions
    // base64: the simulator gets the bytes themselves (a signed URL to https://disparo.test would not resolve)
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ mediaMode: 'base64' })
      .where(eq(wahaSessions.id, session!.id))
    const token = await createTestToken(f.tenant, ['campaigns:write', 'campaigns:read'])
    const up = await upload(token, c.bytes, c.name)
    expect(up.status).toBe(201)
    const media = (await expectDocumented(up, 'POST', '/media')) as Media
    expect(media).toMatchObject({ kind: c.kind, size: c.bytes.length })

    const create = await apiFetch('/campaigns', {
      token,
      json: {
        name: `Anexo ${c.kind}`,
        listId: f.list.id,
        texts: c.texts,
        sessionIds: [session!.id],
        mediaId: media.id,
        simulateTyping: false,
        pacing: {
          minDelayS: 0,
          maxDelayS: 0,
          maxPerMinute: 60,
          dailyCap: 500,
          window: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' },
        },
      },
    })
    const created = (await expectDocumented(create, 'POST', '/campaigns')) as {
      id: string
      media: { kind: string; name: string | null }
    }
    expect(create.status).toBe(201)
    expect(created.media).toMatchObject({ kind: c.kind, name: c.name ?? null })
    const launch = await apiFetch(`/campaigns/${created.id}/launch`, { token, method: 'POST' })
    expect(launch.status).toBe(200)
    await waitFor(
      async () => (await campaignRow(created.id))?.status === 'finished',
      'campaign finished',
      30_000,
    )
    expect(await statusCounts(created.id)).toEqual({ sent: CONTACTS })
    const { messages, sends } = await sendsOf(session!.sessionName)
    expect(sends).toHaveLength(CONTACTS)
    expect(new Set(sends.map((s) => s.chatId)).size).toBe(CONTACTS)
    expect(sends.every((s) => s.endpoint === c.endpoint && s.outcome === 'sent')).toBe(true)
    expect(messages).toHaveLength(CONTACTS)
    for (const m of messages) {
      expect(m.type).toBe(c.type_)
      if (c.kind === 'voice') expect(m.body).toBe('')
      else expect(m.body).toMatch(/^Olá .+, veja o catálogo!$/)
      expect(m.media).toMatchObject({ mimetype: media.type, size: c.bytes.length, source: 'base64' })
      if (c.name) expect(m.media?.filename).toBe(c.name)
    }
    expect(await storedBytes(messages[0]!.id)).toEqual(c.bytes)
  })

  it('a single message carries an attachment; a voice note refuses a text', async () => {
    const f = await createEngineFixture({ contacts: 1 })
    const [session] = f.sessions
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ mediaMode: 'base64' })
      .where(eq(wahaSessions.id, session!.id))
    const token = await createTestToken(f.tenant, ['messages:send'])
    const pdf = (await (await upload(token, sized(PDF, 900), 'Boleto.pdf')).json()) as Media
    const voice = (await (await upload(token, sized(OGG_OPUS, 600))).json()) as Media
    const phone = f.list.phones[0] as string
    const withText = await apiFetch('/messages', { token, json: { phone, text: 'Oi', mediaId: voice.id } })
    expect(withText.status).toBe(422)
    const p = (await expectDocumented(withText, 'POST', '/messages')) as Problem
    expect(p.errors?.[0]?.pointer).toBe('/text')
    const sent = await apiFetch('/messages', { token, json: { phone, text: 'Seu boleto', mediaId: pdf.id } })
    expect(sent.status).toBe(202)
    const { campaignId } = (await expectDocumented(sent, 'POST', '/messages')) as { campaignId: string }
    await waitFor(async () => (await statusCounts(campaignId)).sent === 1, 'message sent', 30_000)
    const { messages, sends } = await sendsOf(session!.sessionName)
    expect(sends.map((s) => s.endpoint)).toEqual(['sendFile'])
    expect(messages[0]).toMatchObject({ type: 'document', body: 'Seu boleto' })
    expect(messages[0]?.media).toMatchObject({ filename: 'Boleto.pdf', mimetype: 'application/pdf' })
  })

  it('refuses bad files in Portuguese, sizes over the kind’s limit, other scopes and another team’s media', async () => {
    const tenant = await createTestTenant('Loja API mídia recusas')
    const token = await createTestToken(tenant, ['campaigns:write'])
    const exe = await upload(token, sized(EXE, 500), 'foto.jpg')
    expect(exe.status).toBe(422)
    const bad = (await expectDocumented(exe, 'POST', '/media')) as Problem
    expect(bad.detail).toMatch(/arquivo|tipo|formato/i)
    const empty = await upload(token, new Uint8Array(0))
    expect(empty.status).toBe(422)
    const bigImage = await upload(token, sized(PNG, 5 * 1024 * 1024 + 10))
    expect(bigImage.status).toBe(422)
    expect(((await bigImage.json()) as Problem).detail).toContain('5 MB')
    const tooBig = await upload(token, sized(PDF, 20 * 1024 * 1024 + 10))
    expect(tooBig.status).toBe(413)
    await tooBig.arrayBuffer()

    const reader = await createTestToken(tenant, ['contacts:read'])
    const forbidden = await upload(reader, sized(PDF, 100))
    expect(forbidden.status).toBe(403)
    await forbidden.arrayBuffer()

    // another team's media id: not found, nothing created
    const other = await createTestTenant('Loja API mídia outra')
    const otherToken = await createTestToken(other, ['campaigns:write'])
    const theirs = (await (await upload(otherToken, sized(PDF, 100), 'x.pdf')).json()) as Media
    const res = await apiFetch('/campaigns', { token, json: { name: 'Invasão', mediaId: theirs.id } })
    expect(res.status).toBe(422)
    const problem = (await expectDocumented(res, 'POST', '/campaigns')) as Problem
    expect(problem.errors?.[0]).toMatchObject({ pointer: '/mediaId' })
    expect(problem.errors?.[0]?.detail).toContain('Anexo não encontrado')
  })
})
