// Attachments through the real engine (decision 034): launch -> dispatch -> SenderSession -> the WAHA
// simulator. Each kind goes by its own endpoint (sendImage, sendFile, sendVideo, sendVoice) with the
// payload the spec shapes — the bytes as stored, the type from the magic bytes, a document's name, the
// caption (none on a voice note), `convert` — exactly one call per contact; a text campaign's link
// preview choice reaches sendText's `linkPreview`.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { reconcileUnknownSends } from '../../app/core/sending/reconcile.server'
import { RECONCILE_SAFE_WAIT_MS } from '../../app/core/sending/reconcile-policy'
import { campaigns, wahaSessions } from '../../db/schema'
import { MP3_ID3, MP4, OGG_OPUS, PDF, PNG, sized } from '../fixtures/media-bytes'
import { acrossShards, ORIGIN } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  deliveriesPerChat,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'

type SimMessage = {
  id: string
  chatId: string
  type: string
  body: string
  fromMe: boolean
  linkPreview?: boolean
  convert?: boolean
  media?: { mimetype: string; filename?: string; size: number; source: string }
}
type SimSends = { calls: Array<{ endpoint: string; chatId: string; outcome: string }> }

const CONTACTS = 3

async function runCampaign(opts: {
  texts: string[]
  media?: { bytes: Uint8Array; type: string; kind: string; name?: string }
  linkPreview?: boolean
  /** Faults the simulator applies to the next sends (in order). */
  failures?: Record<string, unknown>[]
  /** Settles `unknown` rows (the reconcile cron) while waiting for the end. */
  reconcile?: boolean
}) {
  const f = await createEngineFixture({ contacts: CONTACTS, texts: opts.texts })
  const [session] = f.sessions
  const db = f.tenant.ctx.db
  // base64: the simulator gets the bytes themselves (a signed URL to https://disparo.test would not resolve).
  await db.update(wahaSessions).set({ mediaMode: 'base64' }).where(eq(wahaSessions.id, session!.id))
  if (opts.media) {
    const key = `media/${f.tenant.tenantId}/med_${opts.media.kind}0000000001`
    await env.FILES.put(key, opts.media.bytes, { httpMetadata: { contentType: opts.media.type } })
    await db
      .update(campaigns)
      .set({
        mediaKey: key,
        mediaType: opts.media.type,
        mediaKind: opts.media.kind,
        mediaName: opts.media.name ?? null,
      })
      .where(eq(campaigns.id, f.campaignId))
  }
  if (opts.linkPreview !== undefined)
    await db.update(campaigns).set({ linkPreview: opts.linkPreview }).where(eq(campaigns.id, f.campaignId))
  for (const failure of opts.failures ?? [])
    await simJson('/_sim/failures', {
      method: 'POST',
      body: JSON.stringify({ session: session!.sessionName, ...failure }),
    })
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect(await launchNow(scope, f.campaignId, ORIGIN)).toEqual({ ok: true, message: 'campaigns.launched' })
  await waitFor(
    async () => {
      if (opts.reconcile) {
        // The reconcile cron, once the safe wait has passed for every attempt so far.
        const at = Date.now() + RECONCILE_SAFE_WAIT_MS + 60_000
        await acrossShards(reconcileUnknownSends, { clock: () => at })
      }
      return (await campaignRow(f.campaignId))?.status === 'finished'
    },
    'campaign finished',
    30_000,
  )
  expect(await statusCounts(f.campaignId)).toEqual({ sent: CONTACTS })
  const name = session!.sessionName
  const messages = (await simJson<SimMessage[]>(`/_sim/messages?session=${name}`)).filter((m) => m.fromMe)
  const sends = (await simJson<SimSends>(`/_sim/sends?session=${name}`)).calls.filter(
    (c) => c.endpoint.startsWith('send') && c.endpoint !== 'sendSeen',
  )
  const delivered = await deliveriesPerChat([name])
  return { messages, sends, delivered }
}

/** Exactly one call per contact, all to `endpoint`, each taken by WhatsApp. */
function expectOncePerContact(sends: SimSends['calls'], endpoint: string) {
  expect(sends).toHaveLength(CONTACTS)
  expect(new Set(sends.map((s) => s.chatId)).size).toBe(CONTACTS)
  expect(sends.every((s) => s.endpoint === endpoint && s.outcome === 'sent')).toBe(true)
}

async function storedBytes(messageId: string) {
  const res = await fetch(`${env.WAHA_SIM_URL}/_sim/media/${encodeURIComponent(messageId)}`)
  return new Uint8Array(await res.arrayBuffer())
}

describe('send engine with attachments', () => {
  it.each([
    {
      kind: 'image',
      endpoint: 'sendImage',
      bytes: sized(PNG, 300),
      type: 'image/png',
      filename: 'imagem.png',
      type_: 'image',
    },
    {
      kind: 'document',
      endpoint: 'sendFile',
      bytes: sized(PDF, 2048),
      type: 'application/pdf',
      name: 'Catálogo Verão.pdf',
      filename: 'Catálogo Verão.pdf',
      type_: 'document',
    },
    {
      kind: 'video',
      endpoint: 'sendVideo',
      bytes: sized(MP4, 4096),
      type: 'video/mp4',
      filename: 'video.mp4',
      type_: 'video',
      convert: false,
    },
  ])('should send a $kind by $endpoint with its caption, once per contact', async (c) => {
    const { messages, sends } = await runCampaign({
      texts: ['Olá {{primeiro_nome}}, veja o anexo!'],
      media: { bytes: c.bytes, type: c.type, kind: c.kind, name: c.name },
    })
    expectOncePerContact(sends, c.endpoint)
    expect(messages).toHaveLength(CONTACTS)
    for (const m of messages) {
      expect(m.type).toBe(c.type_)
      expect(m.body).toMatch(/^Olá .+, veja o anexo!$/)
      expect(m.media).toMatchObject({
        mimetype: c.type,
        filename: c.filename,
        size: c.bytes.length,
        source: 'base64',
      })
      expect(m.convert).toBe(c.convert)
    }
    expect(await storedBytes(messages[0]!.id)).toEqual(c.bytes)
  })

  it.each([
    {
      name: 'an OGG/Opus voice note as is',
      bytes: sized(OGG_OPUS, 1024),
      type: 'audio/ogg; codecs=opus',
      convert: false,
    },
    { name: 'an MP3 converted by WAHA', bytes: sized(MP3_ID3, 1024), type: 'audio/mpeg', convert: true },
  ])('should send $name by sendVoice, without text, once per contact', async (c) => {
    const { messages, sends } = await runCampaign({
      texts: [],
      media: { bytes: c.bytes, type: c.type, kind: 'voice' },
    })
    // One call per contact and no sendText next to it: nothing to repeat after a crash.
    expectOncePerContact(sends, 'sendVoice')
    for (const m of messages) {
      expect(m).toMatchObject({ type: 'voice', body: '', convert: c.convert })
      expect(m.media).toMatchObject({ mimetype: c.type, size: c.bytes.length, source: 'base64' })
    }
    expect(await storedBytes(messages[0]!.id)).toEqual(c.bytes)
  })

  it.each([true, false])('should honour the campaign link preview (%s) on sendText', async (linkPreview) => {
    const { messages, sends } = await runCampaign({
      texts: ['Olá {{primeiro_nome}}, veja https://loja.example/promo'],
      linkPreview,
    })
    expectOncePerContact(sends, 'sendText')
    expect(messages.map((m) => m.linkPreview)).toEqual(Array(CONTACTS).fill(linkPreview))
  })

  it('should give each contact one voice note even when WAHA answers 500 after sending, or without sending', async () => {
    const { sends, delivered } = await runCampaign({
      texts: [],
      media: { bytes: sized(OGG_OPUS, 700), type: 'audio/ogg; codecs=opus', kind: 'voice' },
      // The first send reaches WhatsApp but answers 500 (unknown -> found in the chat, not resent);
      // the second answers 500 without sending (unknown -> missing -> resent once).
      failures: [
        { kind: 'http-error', status: 500, count: 1, sent: true },
        { kind: 'http-error', status: 500, count: 1, sent: false },
      ],
      reconcile: true,
    })
    expect(sends.every((c) => c.endpoint === 'sendVoice')).toBe(true)
    expect(sends).toHaveLength(CONTACTS + 1)
    expect(delivered.size).toBe(CONTACTS)
    for (const [chat, n] of delivered) expect(n, `voice notes WhatsApp got in ${chat}`).toBe(1)
  })
})
