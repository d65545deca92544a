// GET /api/v1/docs: the API reference as one server-rendered page, built from the same OpenAPI
// document as /api/v1/openapi.json. No script, no external host (our users' browsers may not reach
// one); its only style is an inline <style> allowed by this response's own nonce.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { apiLocale, PROBLEM_KINDS, problemBody, problemType } from '../../../app/core/api/problem'
import { newCspNonce } from '../../../app/core/http/security-headers'
import { translate } from '../../../app/i18n'
import { API_RATE_LIMIT, API_RATE_WINDOW_MS } from './guard'

type Doc = ReturnType<OpenAPIHono['getOpenAPI31Document']>
type Operation = {
  summary?: string
  description?: string
  security?: Array<Record<string, string[]>>
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: unknown }>
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

function schemaHtml(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return ''
  const ref = (schema as { $ref?: string }).$ref
  if (ref) {
    const name = ref.split('/').pop() ?? ref
    return `<a href="#schema-${esc(slug(name))}">${esc(name)}</a>`
  }
  return `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.5;color:#1d2430}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #d5dae1}h3{margin-top:1.8rem;word-break:break-word}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}pre{background:#f3f5f8;padding:.6rem;overflow-x:auto;border-radius:6px}
.m{display:inline-block;min-width:4.2rem;font-weight:700}.muted{color:#5b6573}table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}
td,th{border-bottom:1px solid #e2e6ea;padding:.3rem .5rem;text-align:left;vertical-align:top}nav ul{padding-left:1.2rem}
@media (prefers-color-scheme:dark){body{background:#12161c;color:#e3e7ec}pre{background:#1d232b}h2{border-color:#333b45}td,th{border-color:#2a313a}.muted{color:#9aa4b1}a{color:#8cb8ff}}`

export function renderApiDocs(c: Context, doc: Doc): Response {
  const locale = apiLocale(c.req.header('accept-language'))
  const t = (key: string, vars?: Record<string, string | number>) => esc(translate(locale, key, vars))
  const ops: string[] = []
  const toc: string[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item as Record<string, Operation>)) {
      const op = raw as Operation
      const id = `op-${method}-${slug(path)}`
      const scope = op.security?.flatMap((s) => Object.values(s).flat()).join(', ') ?? ''
      toc.push(
        `<li><a href="#${id}"><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></a> <span class="muted">${esc(op.summary ?? '')}</span></li>`,
      )
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? t('api.docs.yes') : t('api.docs.no')}</td><td>${esc(p.description ?? '')}${p.schema ? schemaHtml(p.schema) : ''}</td></tr>`,
        )
        .join('')
      const body = op.requestBody?.content?.['application/json']?.schema
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => {
          const content = Object.entries(r.content ?? {})[0]
          return `<tr><td>${esc(status)}</td><td>${esc(r.description ?? '')}</td><td>${content ? `<code>${esc(content[0])}</code> ${schemaHtml(content[1].schema)}` : ''}</td></tr>`
        })
        .join('')
      ops.push(`<section id="${id}"><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p>${t('api.docs.scope')}: <code>${esc(scope)}</code></p>
${params ? `<table><thead><tr><th>${t('api.docs.param')}</th><th>${t('api.docs.in')}</th><th>${t('api.docs.required')}</th><th></th></tr></thead><tbody>${params}</tbody></table>` : ''}
${body ? `<p>${t('api.docs.body')}: ${schemaHtml(body)}</p>` : ''}
<table><thead><tr><th>${t('api.docs.status')}</th><th>${t('api.docs.description')}</th><th>${t('api.docs.content')}</th></tr></thead><tbody>${responses}</tbody></table></section>`)
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<section id="schema-${esc(slug(name))}"><h3>${esc(name)}</h3><pre>${esc(JSON.stringify(schema, null, 2))}</pre></section>`,
    )
    .join('')
  const problems = PROBLEM_KINDS.map((kind) => {
    const p = problemBody(locale, kind)
    return `<tr id="problem-${esc(kind)}"><td>${p.status}</td><td><code>${esc(problemType(kind))}</code></td><td>${esc(p.title)}</td><td>${esc(p.detail)}</td></tr>`
  }).join('')
  const nonce = newCspNonce()
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t('api.docs.title')} · Disparo</title><style nonce="${nonce}">${STYLE}</style></head><body>
<h1>${t('api.docs.title')}</h1>
<p>${t('api.docs.intro')}</p>
<p><a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)</p>
<h2 id="auth">${t('api.docs.authTitle')}</h2><p>${t('api.docs.auth')}</p><pre>Authorization: Bearer dsp_live_…</pre>
<h2 id="rate-limit">${t('api.docs.rateTitle')}</h2><p>${t('api.docs.rate', { limit: API_RATE_LIMIT, seconds: API_RATE_WINDOW_MS / 1000 })}</p>
<h2 id="idempotency">${t('api.docs.idempotencyTitle')}</h2><p>${t('api.docs.idempotency')}</p>
<h2 id="pagination">${t('api.docs.paginationTitle')}</h2><p>${t('api.docs.pagination')}</p>
<h2 id="operations">${t('api.docs.operations')}</h2><nav><ul>${toc.join('')}</ul></nav>${ops.join('')}
<h2 id="problems">${t('api.docs.problemsTitle')}</h2><p>${t('api.docs.problems')}</p>
<table><thead><tr><th>${t('api.docs.status')}</th><th>type</th><th>title</th><th>detail</th></tr></thead><tbody>${problems}</tbody></table>
<h2 id="schemas">${t('api.docs.schemas')}</h2>${schemas}
</body></html>`
  return c.html(html, 200, {
    'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  })
}
