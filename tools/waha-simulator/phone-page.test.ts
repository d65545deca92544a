import { afterEach, describe, expect, it } from 'vitest'
import { displayPhone } from './phone-page'
import { example, startReceiver, startTestSim, type TestSim, waitUntil } from './test-support'

const SESSION = 'campanha-loja-01'
let t: TestSim
afterEach(() => t.close())

const page = async () => {
  const response = await fetch(`${t.url}/_sim/`)
  expect(response.headers.get('content-type')).toContain('text/html')
  return response.text()
}
const form = (route: string, fields: Record<string, string>) =>
  fetch(`${t.url}${route}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' })

describe('the phone page', () => {
  it('should redirect / and show a QR with an Escanear form that pairs without JS', async () => {
    t = await startTestSim()
    const root = await fetch(`${t.url}/`, { redirect: 'manual' })
    expect(root.headers.get('location')).toBe('/_sim/')
    expect(await page()).toContain('Nenhuma sessão ainda')
    await t.post('/api/sessions', { name: SESSION, start: true })
    await waitUntil(async () => (await t.status(SESSION)) === 'SCAN_QR_CODE')
    const html = await page()
    expect(html).toContain('lang="pt-BR"')
    // its own icon, inline: the browser asks no /favicon.ico (which would answer 401 without a key)
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,%3Csvg/)
    expect(html).toContain('Aguardando a leitura do QR code')
    expect(html).toContain(`action="/_sim/sessions/${SESSION}/scan"`)
    const qr = await fetch(`${t.url}/_sim/sessions/${SESSION}/qr.png`)
    expect(qr.headers.get('content-type')).toBe('image/png')
    const scanned = await form(`/_sim/sessions/${SESSION}/scan`, { phone: '+55 11 99999-0000' })
    expect(scanned.status).toBe(303)
    expect(scanned.headers.get('location')).toBe('/_sim/')
    await waitUntil(async () => (await t.status(SESSION)) === 'WORKING')
    expect(await page()).toContain('Conectada como <strong class="tel">+55 11 99999-0000</strong>')
  })

  it('should show every number with the country code, as people write it', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    await t.post('/api/sendText', { session: SESSION, chatId: '5511988881234@c.us', text: 'Oi' })
    // a number with 8 digits after the DDD (a landline, or an old mobile without the 9th digit)
    await t.post('/api/sendText', { session: SESSION, chatId: '552133334444@c.us', text: 'Olá' })
    await t.post('/api/sendText', { session: SESSION, chatId: '14155550123@c.us', text: 'Hi' })
    const html = await page()
    const heads = [...html.matchAll(/<h3><span class="tel">([^<]*)<\/span>/g)].map((m) => m[1])
    expect(heads).toEqual(['+55 11 98888-1234', '+55 21 3333-4444', '+1 415 555 0123'])
    expect(html).toContain('placeholder="+55 11 98888-7777"')
  })

  it('should format numbers: Brazil with DDD and hyphen, others international', () => {
    expect(displayPhone('5511988881234')).toBe('+55 11 98888-1234')
    expect(displayPhone('551133334444')).toBe('+55 11 3333-4444')
    expect(displayPhone('14155550123')).toBe('+1 415 555 0123')
    expect(displayPhone('351912345678')).toBe('+351 912 345 678')
    expect(displayPhone('999')).toBe('+999')
  })

  it('should list what each contact received, escaped, with images and ticks', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    await t.post('/api/sendText', {
      session: SESSION,
      chatId: '5511988881234@c.us',
      text: '<script>alert(1)</script> Oi & tchau',
    })
    await t.post('/api/sendImage', {
      ...example('example-request-sendImage-base64.json'),
      chatId: '5511988881234@c.us',
    })
    await waitUntil(async () => (await page()).includes('✓✓ lida'))
    const html = await page()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; Oi &#38; tchau')
    expect(html).toContain('Imagem de teste')
    const src = html.match(/<img src="(\/_sim\/media\/[^"]+)" alt="Imagem"/)?.[1]
    expect(src).toBeDefined()
    const image = await fetch(`${t.url}${src}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
  })

  it('should answer as a contact from the reply form (SAIR button) and emit the message webhook', async () => {
    const hook = await startReceiver()
    t = await startTestSim()
    await t.workingSession(SESSION, { webhooks: [{ url: hook.url, events: ['message'] }] })
    await t.post('/api/sendText', { session: SESSION, chatId: '5511988881234@c.us', text: 'Oferta!' })
    const html = await page()
    expect(html).toContain('Responder SAIR')
    const replied = await form(`/_sim/sessions/${SESSION}/reply`, {
      from: '5511988881234@c.us',
      text: '',
      quick: 'SAIR',
      quote: 'on',
    })
    expect(replied.status).toBe(303)
    const message = await hook.waitFor((r) => r.body.event === 'message')
    expect(message.body.payload).toMatchObject({
      body: 'SAIR',
      from: '5511988881234@c.us',
      replyTo: { body: 'Oferta!' },
    })
    const errorPage = await form(`/_sim/sessions/${SESSION}/reply`, {
      from: '5511988880000',
      text: '<b>x</b>',
    })
    expect(errorPage.status).toBe(409)
    expect(await errorPage.text()).toContain('não está no WhatsApp')
    await hook.close()
  })
})
