// The WAHA client's media and link-preview sends (decision 034): sendFile, sendVideo and sendVoice with
// the bodies the spec shapes, refused before any request when the file is empty or of the wrong kind.
import { describe, expect, it } from 'vitest'
import { exampleJson, SESSION, wahaReplayPerTest } from '../../../tests/fixtures/waha'

const { waha, client } = wahaReplayPerTest()
const text = exampleJson('example-request-sendText.json') as { text: string; chatId: string }
const sendText = (c = client()) => c.sendText({ session: SESSION, chatId: text.chatId, text: text.text })

describe('sendFile, sendVideo, sendVoice', () => {
  const base = { session: SESSION, chatId: text.chatId }
  const sent = () => JSON.parse(waha.requests.at(-1)?.body ?? '')

  it('should send each with the body the spec shapes (file, caption, convert; no caption on voice)', async () => {
    const c = client()
    const pdf = {
      mimetype: 'application/pdf',
      filename: 'Catálogo.pdf',
      url: 'https://disparo.test/media/x?sig=1',
    }
    expect(await c.sendFile({ ...base, file: pdf, caption: 'Segue' })).toMatchObject({ ok: true })
    expect(waha.requests.at(-1)?.path).toBe('/api/sendFile')
    expect(sent()).toEqual({ ...base, file: pdf, caption: 'Segue' })

    const mp4 = { mimetype: 'video/mp4', filename: 'video.mp4', data: 'data:video/mp4;base64,AAAA' }
    await c.sendVideo({ ...base, file: mp4, caption: 'Veja', convert: false })
    expect(waha.requests.at(-1)?.path).toBe('/api/sendVideo')
    expect(sent()).toEqual({
      ...base,
      file: { ...mp4, data: 'AAAA' },
      convert: false,
      asNote: false,
      caption: 'Veja',
    })

    const ogg = { mimetype: 'audio/mpeg', url: 'https://disparo.test/media/v?sig=1' }
    await c.sendVoice({ ...base, file: ogg, convert: true })
    expect(waha.requests.at(-1)?.path).toBe('/api/sendVoice')
    expect(sent()).toEqual({ ...base, file: ogg, convert: true })
  })

  it('should refuse an empty file or the wrong type before any request', async () => {
    const c = client()
    expect(
      await c.sendFile({ ...base, file: { mimetype: 'application/pdf', filename: 'a.pdf', data: '' } }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'bad_request' },
    })
    expect(
      await c.sendVideo({
        ...base,
        file: { mimetype: 'audio/ogg', filename: 'a', url: 'https://x.com/a' },
        convert: false,
      }),
    ).toMatchObject({ ok: false })
    expect(
      await c.sendVoice({ ...base, file: { mimetype: 'video/mp4', url: 'https://x.com/a' }, convert: true }),
    ).toMatchObject({
      ok: false,
    })
    expect(waha.requests).toHaveLength(0)
  })
})

describe('sendText linkPreview', () => {
  it('should send linkPreview as asked, false when not said', async () => {
    const c = client()
    await c.sendText({ session: SESSION, chatId: text.chatId, text: 'a https://x.com', linkPreview: true })
    expect(JSON.parse(waha.requests.at(-1)?.body ?? '').linkPreview).toBe(true)
    await sendText(c)
    expect(JSON.parse(waha.requests.at(-1)?.body ?? '').linkPreview).toBe(false)
  })
})
