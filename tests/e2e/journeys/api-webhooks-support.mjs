// Helpers of the API + webhooks journey (api-webhooks.mjs): small valid files made here (no fixtures),
// a loopback webhook receiver that checks signatures with the `standardwebhooks` package, and the
// 360 px check.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'
import { measureLayout } from '../layout-check.mjs'

/** A one-page PDF, small but well formed enough for any viewer. */
export function tinyPdf() {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  )
}

/** The first page of an Ogg Opus file (what WhatsApp plays as a voice note), padded. */
export function tinyOggOpus() {
  const head = Buffer.from(
    'OggS\u0000\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0013OpusHead\u0001\u0001\u0038\u0001\u0080\u00bb\u0000\u0000\u0000\u0000\u0000',
    'latin1',
  )
  return Buffer.concat([head, Buffer.alloc(512)])
}

/** A loopback receiver that verifies each delivery with standardwebhooks once it knows the secret. */
export async function startReceiver() {
  const received = []
  const refused = []
  let verifier = null
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      try {
        if (!verifier) throw new Error('no secret yet')
        const event = verifier.verify(body, req.headers)
        received.push({ id: req.headers['webhook-id'], event })
        res.writeHead(204).end()
      } catch (error) {
        refused.push(String(error?.message ?? error))
        res.writeHead(400, { 'content-type': 'text/plain' }).end('assinatura inválida')
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/disparo`,
    received,
    refused,
    setSecret: (secret) => (verifier = new Webhook(secret)),
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

export async function fitsIn360(page, what) {
  const before = page.viewportSize()
  await page.waitForLoadState('load')
  await page.setViewportSize({ width: 360, height: 740 })
  const { scrollWidth, offenders } = await measureLayout(page)
  await page.setViewportSize(before)
  assert.ok(
    scrollWidth <= 360,
    `${what} fits 360 px (scrollWidth ${scrollWidth}: ${offenders.slice(0, 5).join(', ')})`,
  )
}
