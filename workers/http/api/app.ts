// /api/v1: the public JSON API (decision 030). Every operation is an OpenAPI route whose zod schemas
// both validate the request and generate /api/v1/openapi.json; /api/v1/docs renders that document as
// a page served by the Worker itself. Auth, rate limit, scopes and Idempotency-Key: ./guard.ts.
// Refusals are RFC 9457 problem+json in the caller's language (./context.ts).
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { MAX_MEDIA_BYTES, TOO_BIG_ANY } from '../../../app/core/campaigns/media-kinds'
import { text } from '../../../app/i18n/text'
import { aiApi } from './ai'
import { campaignMessagesApi } from './campaign-messages'
import { campaignsApi } from './campaigns'
import { contactsApi } from './contacts'
import { type ApiEnv, ApiProblem, problemResponse } from './context'
import { renderApiDocs } from './docs'
import { authenticate } from './guard'
import { validationHook } from './hook'
import { listsApi } from './lists'
import { mediaApi } from './media'
import { messagesApi } from './messages'
import { BEARER } from './openapi'
import { optOutsApi } from './optouts'
import { segmentsApi } from './segments'
import { sessionsApi } from './sessions'
import { tagsApi } from './tags'
import { webhooksApi } from './webhooks'

const MAX_BODY_BYTES = 1024 * 1024

export const apiV1 = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

apiV1.openAPIRegistry.registerComponent('securitySchemes', BEARER, {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'dsp_live_…',
  description:
    'An API token made in Integrações → API. The security requirement of each operation names its scope.',
})

const DOC_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Disparo API',
    version: '1',
    description:
      'Contacts, lists, tags, saved segments, opt-outs, campaigns, single messages, attachments, WhatsApp sessions, AI drafts and outbound webhooks of your Disparo team. JSON in and out; refusals are RFC 9457 problem+json (Portuguese by default, English with Accept-Language: en).',
  },
}

/** The OpenAPI 3.1 document for requests to `origin`. */
export function apiDocument(origin: string) {
  return apiV1.getOpenAPI31Document({ ...DOC_INFO, servers: [{ url: `${origin}/api/v1` }] })
}

apiV1.get('/openapi.json', (c) => c.json(apiDocument(new URL(c.req.url).origin)))
apiV1.get('/docs', (c) => renderApiDocs(c, apiDocument(new URL(c.req.url).origin)))

const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiProblem('payloadTooLarge')
  },
})
// an upload's raw bytes: up to the largest attachment kind (each kind's own limit is the media core's)
const mediaLimit = bodyLimit({
  maxSize: MAX_MEDIA_BYTES,
  onError: () => {
    throw new ApiProblem('payloadTooLarge', { detail: TOO_BIG_ANY })
  },
})
apiV1.use('*', (c, next) => (c.req.path.endsWith('/api/v1/media') ? mediaLimit(c, next) : jsonLimit(c, next)))
apiV1.use('*', authenticate)
apiV1.route('/', contactsApi)
apiV1.route('/', listsApi)
apiV1.route('/', optOutsApi)
apiV1.route('/', tagsApi)
apiV1.route('/', segmentsApi)
apiV1.route('/', campaignsApi)
apiV1.route('/', campaignMessagesApi)
apiV1.route('/', messagesApi)
apiV1.route('/', mediaApi)
apiV1.route('/', sessionsApi)
apiV1.route('/', aiApi)
apiV1.route('/', webhooksApi)

// after every route: an unknown /api/v1 path is a problem, not the pages' 404
apiV1.all('*', (c) => problemResponse(c, new ApiProblem('notFound')))
apiV1.onError((error, c) => {
  if (error instanceof ApiProblem) return problemResponse(c, error)
  if (error.name === 'NotFoundError') return problemResponse(c, new ApiProblem('notFound'))
  if (error instanceof HTTPException && error.status === 400)
    return problemResponse(c, new ApiProblem('badRequest', { detail: text('api.problem.badRequest.json') }))
  // never the request or its headers: they carry the token
  console.error(JSON.stringify({ msg: 'api error', path: new URL(c.req.url).pathname, error: String(error) }))
  return problemResponse(c, new ApiProblem('internal'))
})
