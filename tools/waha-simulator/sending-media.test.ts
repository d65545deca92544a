// sendFile, sendVideo, sendVoice and sendText's linkPreview, as the OpenAPI spec shapes them
// (decision 034): 400 with class-validator messages for bodies the spec refuses, messages recorded
// with their file and flags, engine answers and the phone page showing each kind.
import { afterEach, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from './test-support'

let t: TestSim
afterEach(() => t.close())

const SESSION = 'campanha-loja-01'
const chatId = '5511988881234@c.us'
const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64')
const PDF = b64('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')
const MP4 = b64('\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000isomiso2avc1mp41')
const OGG = b64('OggS\u0000\u0002\u0000\u0000OpusHead')

async function messages() {
  return (await t.getJson(`/_sim/messages?session=${SESSION}`)) as Array<Record<string, unknown>>
}

describe('file sends', () => {
  it('should send a document with its name and caption (sendFile)', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const response = await t.post('/api/sendFile', {
      session: SESSION,
      chatId,
      caption: 'Segue o catálogo',
      file: { mimetype: 'application/pdf', filename: 'Catálogo.pdf', data: PDF },
    })
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body._data.documentMessage).toMatchObject({
      mimetype: 'application/pdf',
      fileName: 'Catálogo.pdf',
      caption: 'Segue o catálogo',
    })
    const [message] = await messages()
    expect(message).toMatchObject({ type: 'document', body: 'Segue o catálogo' })
    expect(message?.media).toMatchObject({
      filename: 'Catálogo.pdf',
      mimetype: 'application/pdf',
      source: 'base64',
    })
    const page = await (await fetch(`${t.url}/_sim/`)).text()
    expect(page).toContain('📄')
    expect(page).toContain('Catálogo.pdf')
  })

  it('should send a video (sendVideo) and a voice note without caption (sendVoice), recording convert', async () => {
    t = await startTestSim({ engine: 'WEBJS' })
    await t.workingSession(SESSION)
    const video = await t.post('/api/sendVideo', {
      session: SESSION,
      chatId,
      caption: 'Veja',
      convert: false,
      asNote: false,
      file: { mimetype: 'video/mp4', filename: 'video.mp4', data: MP4 },
    })
    expect(video.status).toBe(201)
    expect((await video.json()).type).toBe('video')
    const voice = await t.post('/api/sendVoice', {
      session: SESSION,
      chatId,
      convert: true,
      file: { mimetype: 'audio/mpeg', filename: 'voz.mp3', data: OGG },
    })
    expect(voice.status).toBe(201)
    const voiceBody = await voice.json()
    expect(voiceBody.type).toBe('ptt')
    expect(voiceBody.hasMedia).toBe(true)
    const [v, a] = await messages()
    expect(v).toMatchObject({ type: 'video', body: 'Veja', convert: false })
    expect(a).toMatchObject({ type: 'voice', body: '', convert: true })
    const page = await (await fetch(`${t.url}/_sim/`)).text()
    expect(page).toContain('<video')
    expect(page).toContain('Mensagem de voz (convertida pelo WAHA)')
    expect(page).toContain('<audio')
    const sends = await t.getJson(`/_sim/sends?session=${SESSION}`)
    expect(sends.byChat[chatId]).toMatchObject({ calls: 2, sent: 2 })
  })

  it.each([
    [
      'sendVideo without convert',
      '/api/sendVideo',
      { file: { mimetype: 'video/mp4', filename: 'v.mp4', data: MP4 } },
      ['convert must be a boolean value'],
    ],
    [
      'sendVideo without a file name',
      '/api/sendVideo',
      { convert: false, file: { mimetype: 'video/mp4', data: MP4 } },
      ['file.filename must be a string'],
    ],
    [
      'sendVoice with convert as text',
      '/api/sendVoice',
      { convert: 'yes', file: { mimetype: 'audio/ogg', url: 'http://127.0.0.1:9/v.ogg' } },
      ['convert must be a boolean value'],
    ],
    [
      'sendVoice base64 without a file name',
      '/api/sendVoice',
      { convert: true, file: { mimetype: 'audio/ogg', data: OGG } },
      ['file.filename must be a string'],
    ],
    ['sendFile without a file', '/api/sendFile', {}, ['file must be an object']],
    [
      'sendFile with neither url nor data',
      '/api/sendFile',
      { file: { mimetype: 'application/pdf' } },
      ['file.url must be a string'],
    ],
  ])('should refuse %s with 400 and send nothing', async (_name, path, fields, problems) => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const response = await t.post(path, { session: SESSION, chatId, ...fields })
    expect(response.status).toBe(400)
    expect((await response.json()).message).toEqual(problems)
    expect(await messages()).toHaveLength(0)
  })
})

describe('sendText linkPreview', () => {
  it('should record the flag (default true, as WAHA) and show it on the phone page', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const text = 'Veja https://loja.example/promo'
    expect(
      (await t.post('/api/sendText', { session: SESSION, chatId, text, linkPreview: false })).status,
    ).toBe(201)
    expect((await t.post('/api/sendText', { session: SESSION, chatId, text })).status).toBe(201)
    const [off, on] = await messages()
    expect(off?.linkPreview).toBe(false)
    expect(on?.linkPreview).toBe(true)
    const page = await (await fetch(`${t.url}/_sim/`)).text()
    expect(page.match(/data-link-preview="on"/g)).toHaveLength(1)
    const bad = await t.post('/api/sendText', { session: SESSION, chatId, text, linkPreview: 'sim' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).message).toEqual(['linkPreview must be a boolean value'])
  })
})
