// Files contacts send, in Respostas (decision 032): the events consumer copies each from the session's
// WAHA (the simulator's /api/files/, behind the API key) to R2 at once; the conversation shows a photo,
// a voice note, a video in place and a document to download, through links signed for ten minutes that
// also need a signed-in member of the team. A file too big or gone says so; a revoke and the LGPD erase
// delete the copy; another team, a tampered or expired link get nothing.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { erasePerson } from '../../app/core/contacts/optouts.server'
import { createAppContext } from '../../app/core/context.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { INBOUND_MEDIA_MAX_BYTES, readInboundMedia } from '../../app/core/inbox/media.server'
import { consumeEvents } from './health-support'
import { appFetch, createTestTenant } from './helpers/app'
import { simJson } from './helpers/engine'
import { envelope } from './helpers/waha-events'
import { conversationsOf, inboundOf, messagePayload, sentCampaign } from './inbox-support'

const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 0xff, 0xd9,
])
const OGG = Uint8Array.from([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9])
const PDF = new TextEncoder().encode('%PDF-1.4\n% comprovante\n%%EOF\n')

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

type SimFileMessage = {
  id: string
  chatId: string
  body: string
  media: { url: string; mimetype: string; filename?: string }
}

/** A contact sends a file on the simulator's phone; its `message` event goes through the real consumer. */
async function contactSends(
  f: { tenant: { tenantId: string } },
  s: { id: string; sessionName: string },
  phone: string,
  file: { mimetype: string; bytes: Uint8Array; filename?: string; caption?: string },
) {
  const m = await simJson<SimFileMessage>(`/_sim/sessions/${s.sessionName}/reply`, {
    method: 'POST',
    body: JSON.stringify({
      from: phone.replace(/^\+/, ''),
      text: file.caption ?? '',
      media: {
        mimetype: file.mimetype,
        filename: file.filename,
        base64: toBase64(file.bytes),
      },
    }),
  })
  const media = {
    url: m.media.url,
    mimetype: m.media.mimetype,
    filename: m.media.filename ?? null,
    error: null,
  }
  await consumeEvents(f.tenant.tenantId, s.id, [
    envelope('message', s.sessionName, messagePayload(m, { hasMedia: true, media })),
  ])
  return m
}

function linkOf(html: string, inboundId: number): string {
  const m = new RegExp(`/respostas/midia/${inboundId}\\?exp=\\d+&amp;sig=[\\w-]+`).exec(html)
  if (!m) throw new Error(`no link to file ${inboundId}`)
  return m[0].replaceAll('&amp;', '&')
}

describe('files contacts send', () => {
  it('should copy them to R2 and show each kind in the conversation through signed links', async () => {
    const { f, s, rows } = await sentCampaign(1, 521)
    const phone = rows[0]!.phoneE164
    await contactSends(f, s, phone, { mimetype: 'image/jpeg', bytes: JPEG, caption: 'Olha a foto' })
    await contactSends(f, s, phone, { mimetype: 'audio/ogg; codecs=opus', bytes: OGG })
    await contactSends(f, s, phone, { mimetype: 'application/pdf', bytes: PDF, filename: 'comprovante.pdf' })
    // A page declared as HTML is never shown inline (it downloads as a file).
    await contactSends(f, s, phone, {
      mimetype: 'text/html',
      bytes: new TextEncoder().encode('<script>alert(1)</script>'),
      filename: 'x.html',
    })
    const kept = await inboundOf(f.tenant.tenantId)
    expect(kept.map((k) => k.type)).toEqual(['image', 'audio', 'document', 'document'])
    for (const k of kept)
      expect(k.media).toMatchObject({ key: `inbound/${f.tenant.tenantId}/${k.id}`, error: null })
    expect(new Uint8Array(await (await env.FILES.get(kept[0]!.media!.key!))!.arrayBuffer())).toEqual(JPEG)

    const [conv] = await conversationsOf(f.tenant.tenantId)
    const viewer = f.tenant.users.viewer.cookie
    const html = await (await appFetch(`/respostas/${conv!.id}`, { cookie: viewer })).text()
    expect(html).toMatch(new RegExp(`<img src="/respostas/midia/${kept[0]!.id}\\?exp=`))
    expect(html).toContain('Olha a foto')
    expect(html).toMatch(new RegExp(`<audio[^>]+src="/respostas/midia/${kept[1]!.id}\\?exp=`))
    expect(html).toMatch(
      new RegExp(`<a href="/respostas/midia/${kept[2]!.id}\\?exp=[^"]+"[^>]*download="comprovante.pdf"`),
    )

    const image = await appFetch(linkOf(html, kept[0]!.id), { cookie: viewer })
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(JPEG)
    const voice = await appFetch(linkOf(html, kept[1]!.id), { cookie: viewer })
    expect(voice.headers.get('content-type')).toBe('audio/ogg; codecs=opus')
    await voice.arrayBuffer()
    const pdf = await appFetch(linkOf(html, kept[2]!.id), { cookie: viewer })
    expect(pdf.headers.get('content-type')).toBe('application/octet-stream')
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="comprovante.pdf"')
    await pdf.arrayBuffer()
    const page = await appFetch(linkOf(html, kept[3]!.id), { cookie: viewer })
    expect(page.headers.get('content-type')).toBe('application/octet-stream')
    expect(page.headers.get('content-disposition')).toMatch(/^attachment/)
    await page.arrayBuffer()

    // Signed out: to the login page. Another team: not found. Tampered: refused.
    const link = linkOf(html, kept[0]!.id)
    expect((await appFetch(link)).status).toBe(302)
    const other = await createTestTenant('Loja Outra Mídia')
    expect((await appFetch(link, { cookie: other.users.admin.cookie })).status).toBe(404)
    const tampered = link.replace(/sig=./, (m) =>
      m.endsWith('A') ? `${m.slice(0, -1)}B` : `${m.slice(0, -1)}A`,
    )
    expect((await appFetch(tampered, { cookie: viewer })).status).toBe(403)
    // Eleven minutes later the link no longer works.
    const later = scopeTo(createAppContext(env, { clock: () => Date.now() + 11 * 60_000 }), f.tenant.tenantId)
    const u = new URL(link, 'http://x')
    expect(
      await readInboundMedia(later, kept[0]!.id, u.searchParams.get('exp'), u.searchParams.get('sig')),
    ).toEqual({ ok: false, status: 403 })
  })

  it('should say so when a file is too big or WAHA no longer has it, and keep the message', async () => {
    const { f, s, rows } = await sentCampaign(1, 522)
    const phone = rows[0]!.phoneE164
    await contactSends(f, s, phone, {
      mimetype: 'video/mp4',
      bytes: new Uint8Array(INBOUND_MEDIA_MAX_BYTES + 1),
      caption: 'Vídeo grande',
    })
    const chat = `${phone.slice(1)}@c.us`
    await consumeEvents(f.tenant.tenantId, s.id, [
      envelope(
        'message',
        s.sessionName,
        messagePayload(
          { id: `false_${chat}_GONE0001`, chatId: chat, body: '' },
          {
            hasMedia: true,
            media: { url: 'http://waha:3000/api/files/sumiu.jpeg', mimetype: 'image/jpeg', filename: null },
          },
        ),
      ),
    ])
    const [big, gone] = await inboundOf(f.tenant.tenantId)
    expect(big).toMatchObject({
      type: 'video',
      body: 'Vídeo grande',
      media: { key: null, error: 'too_large' },
    })
    expect(gone).toMatchObject({ type: 'image', media: { key: null, error: 'unavailable' } })
    const [conv] = await conversationsOf(f.tenant.tenantId)
    const html = await (
      await appFetch(`/respostas/${conv!.id}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(html).toContain('arquivo maior que 16 MB: veja no WhatsApp do número')
    expect(html).toContain('não conseguimos buscar o arquivo no WAHA')
    expect(html).not.toContain('/respostas/midia/')
  })

  it('should delete the copy when the contact deletes the message for everyone, and on the LGPD erase', async () => {
    const { f, s, rows } = await sentCampaign(1, 523)
    const phone = rows[0]!.phoneE164
    const first = await contactSends(f, s, phone, { mimetype: 'image/jpeg', bytes: JPEG })
    await contactSends(f, s, phone, { mimetype: 'application/pdf', bytes: PDF, filename: 'a.pdf' })
    const [a, b] = await inboundOf(f.tenant.tenantId)
    await consumeEvents(f.tenant.tenantId, s.id, [
      envelope('message.revoked', s.sessionName, {
        revokedMessageId: first.id.split('_').at(-1),
        after: null,
        before: null,
      }),
    ])
    expect(await env.FILES.head(a!.media!.key!)).toBeNull()
    expect(await env.FILES.head(b!.media!.key!)).not.toBeNull()
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect(await erasePerson(scope, { phone })).toMatchObject({ ok: true })
    expect(await env.FILES.head(b!.media!.key!)).toBeNull()
    expect(await inboundOf(f.tenant.tenantId)).toEqual([])
  })

  it('should link a shared location to a map, and a location with bad coordinates to nothing', async () => {
    const { f, s, rows } = await sentCampaign(1, 524)
    const chat = `${rows[0]!.phoneE164.slice(1)}@c.us`
    const at = (id: string, latitude: string, longitude: string) =>
      envelope(
        'message',
        s.sessionName,
        messagePayload(
          { id: `false_${chat}_${id}`, chatId: chat, body: '' },
          { location: { latitude, longitude, name: 'Padaria <Centro>', address: null } },
        ),
      )
    await consumeEvents(f.tenant.tenantId, s.id, [
      at('LOC00001', '-23.5505', '-46.6333'),
      at('LOC00002', 'x', '999'),
    ])
    const [conv] = await conversationsOf(f.tenant.tenantId)
    const html = await (
      await appFetch(`/respostas/${conv!.id}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(html).toContain(
      'href="https://www.openstreetmap.org/?mlat=-23.5505&amp;mlon=-46.6333#map=17/-23.5505/-46.6333"',
    )
    expect(html).toContain('Padaria &lt;Centro&gt;')
    expect(html.match(/openstreetmap/g)).toHaveLength(1)
  })
})
