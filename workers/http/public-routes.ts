// Public machine routes: signed campaign images for WAHA (/media/*) and tracked links (/l/:token).
import { Hono } from 'hono'
import { followTrackedLink } from '../../app/core/campaigns/link-clicks.server'
import { readSignedMedia } from '../../app/core/campaigns/media-access.server'
import { createAppContext } from '../../app/core/context.server'

const NOT_FOUND_PAGE = `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Link não encontrado</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>Link não encontrado</h1>
<p>Este link não existe ou expirou.</p></body></html>`

export const publicRoutes = new Hono<{ Bindings: Env }>()

publicRoutes.get('/media/*', async (c) => {
  const key = c.req.path.slice('/media/'.length)
  const answer = await readSignedMedia(
    createAppContext(c.env),
    key,
    c.req.query('exp') ?? null,
    c.req.query('sig') ?? null,
  )
  if (!answer.ok) return c.text(answer.status === 403 ? 'Forbidden' : 'Not Found', answer.status)
  return new Response(answer.body, {
    headers: {
      'Content-Type': answer.contentType,
      'Content-Length': String(answer.size),
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  })
})

publicRoutes.get('/l/:token', async (c) => {
  const target = await followTrackedLink(createAppContext(c.env), c.req.param('token'))
  if (!target) return c.html(NOT_FOUND_PAGE, 404)
  return c.redirect(target, 302)
})
