// Respostas in the browser (decision 032), JS on and off: a campaign goes out through the simulator; a
// contact writes back on the simulator's phone page; the team reads it in Respostas (the navigation
// counts it, the text shows as typed, HTML and all) and answers from the conversation; the simulator's
// phone shows the answer exactly once; the conversation is handled and fits 360 px. Another contact
// sends a photo: it shows in place (a real image through a signed link) and fits 360 px.
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { measureLayout } from '../layout-check.mjs'
import {
  campaignStatus,
  fillComposerPacing,
  hydrated,
  openComposer,
  reload,
  simJson,
  teamWithList,
  until,
} from './common.mjs'

export const name = 'inbox: a contact replies on the phone, the team reads and answers it in Respostas'

const LIST_NAME = 'Clientes para responder'
const CONTACTS = [
  ['Ana Souza', '(11) 98762-3101', 'São Paulo'],
  ['Bruno Lima', '(11) 98762-3102', 'São Paulo'],
]
const QUESTION = 'Vocês entregam no sábado? <b>urgente</b>'
const PHOTO_CAPTION = 'Foto do pão que chegou amassado'

/** A real PNG (a 900 × 60 orange strip): wider than a phone, so the page must scale it down. */
function stripPng(width = 900, height = 60) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'ascii')
    data.copy(out, 8)
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0xf2, 0x8c, 0x28]))])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
const ANSWER = 'Entregamos sim, das 9h às 13h!'

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const session = { displayName: 'Loja Centro', sessionName: `inbox-${mode}`, phone: '5511988884444' }
  await teamWithList(page, { js, stack, session, listName: LIST_NAME, contacts: CONTACTS })

  await openComposer(page, {
    js,
    name: 'Entrega de sábado',
    listName: LIST_NAME,
    text: 'Oi {{primeiro_nome}}, chegou pão fresquinho hoje!',
  })
  await page.getByRole('checkbox', { name: new RegExp(session.displayName) }).check()
  await fillComposerPacing(page)
  await page.getByRole('button', { name: 'Enviar agora', exact: true }).click()
  await page
    .getByTestId('launch-confirm')
    .getByRole('button', { name: 'Confirmar envio' })
    .click({ timeout: 20_000 })
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 })
  await until('the campaign to finish', async () => (await campaignStatus(page)) === 'finished', {
    timeout: 90_000,
    between: () => reload(page),
  })

  // Ana writes back on the simulator's phone page.
  await page.goto(`${stack.simUrl}/_sim/`)
  const chat = page.locator('article', { hasText: '98762-3101' })
  await chat.getByLabel('Resposta do contato').fill(QUESTION)
  await chat.getByRole('button', { name: 'Responder', exact: true }).click()
  await page.waitForURL(/\/_sim\/$/)

  // The team sees it in Respostas, counted in the navigation, the text as she typed it.
  await page.goto('/respostas')
  await until('the reply in Respostas', async () => (await page.getByText(QUESTION).count()) > 0, {
    timeout: 30_000,
    between: () => reload(page),
  })
  await hydrated(page, js)
  await page.locator('.nav-badge', { hasText: '1' }).first().waitFor()
  await shot('list')
  await page.getByRole('link', { name: 'Ana Souza' }).click()
  await page.getByRole('heading', { name: 'Conversa com Ana Souza' }).waitFor()
  await hydrated(page, js)
  await page.getByTestId('inbound').getByText(QUESTION).waitFor()
  await page.getByTestId('sent-campaign').getByText('chegou pão fresquinho').waitFor()

  // The answer goes out through the same number, once.
  await page.getByLabel('Sua resposta').fill(ANSWER)
  await page.getByRole('button', { name: 'Enviar resposta' }).click()
  await page.getByTestId('answer').getByText(ANSWER).waitFor({ timeout: 20_000 })
  await page.getByText('Resposta enviada.').first().waitFor()
  await page.locator('.badge.ok', { hasText: 'Resolvida' }).first().waitFor()
  await shot('conversation')
  const own = (await simJson(stack, '/_sim/messages?chatId=5511987623101@c.us')).filter(
    (m) => m.fromMe && m.body === ANSWER,
  )
  assert.equal(own.length, 1, `the phone got the answer once: ${JSON.stringify(own)}`)
  await page.goto(`${stack.simUrl}/_sim/`)
  await page.locator('article', { hasText: '98762-3101' }).getByText(ANSWER).waitFor()

  // Bruno sends a photo: Disparo copies it from WAHA and shows it in place, through a signed link.
  await simJson(stack, `/_sim/sessions/${session.sessionName}/reply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      from: '5511987623102',
      text: PHOTO_CAPTION,
      media: { mimetype: 'image/png', base64: stripPng().toString('base64') },
    }),
  })
  await page.goto('/respostas')
  await until('the photo in Respostas', async () => (await page.getByText(PHOTO_CAPTION).count()) > 0, {
    timeout: 30_000,
    between: () => reload(page),
  })
  await page.getByRole('link', { name: 'Bruno Lima' }).click()
  await page.getByRole('heading', { name: 'Conversa com Bruno Lima' }).waitFor()
  const photo = page.getByTestId('inbound').locator('img')
  await photo.waitFor()
  await until('the photo to load', async () =>
    photo.evaluate((img) => img.complete && img.naturalWidth === 900),
  )
  assert.match(await photo.getAttribute('src'), /^\/respostas\/midia\/\d+\?exp=\d+&sig=/)
  const before = page.viewportSize()
  await page.setViewportSize({ width: 360, height: 740 })
  const photoLayout = await measureLayout(page)
  await shot('photo-360')
  await page.setViewportSize(before)
  assert.ok(photoLayout.scrollWidth <= 360, `the photo fits 360 px: ${photoLayout.offenders.join(', ')}`)

  await page.goto('/respostas')
  await page.getByRole('link', { name: 'Ana Souza' }).click()
  await page.getByRole('heading', { name: 'Conversa com Ana Souza' }).waitFor()
  await page.setViewportSize({ width: 360, height: 740 })
  const layout = await measureLayout(page)
  await page.setViewportSize(before)
  assert.ok(layout.scrollWidth <= 360, `the conversation fits 360 px: ${layout.offenders.join(', ')}`)
}
