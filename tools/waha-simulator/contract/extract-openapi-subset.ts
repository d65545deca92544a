/**
 * Regenerates waha-openapi-subset.json: the paths the simulator serves and the webhook envelopes,
 * with every schema they reference, cut from WAHA's full OpenAPI spec (../shared/waha/openapi.json,
 * 2026.7.1, ~500 KB). Only `example` values are dropped; everything else is copied as is.
 * Usage: npx tsx tools/waha-simulator/contract/extract-openapi-subset.ts [path/to/openapi.json]
 *        npx biome format --write tools/waha-simulator/contract   (the repository's JSON layout)
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const PATHS = [
  '/api/sessions',
  '/api/sessions/{session}',
  '/api/sessions/{session}/start',
  '/api/sessions/{session}/stop',
  '/api/sessions/{session}/restart',
  '/api/sessions/{session}/logout',
  '/api/sessions/{session}/me',
  '/api/{session}/auth/qr',
  '/api/{session}/auth/request-code',
  '/api/sendText',
  '/api/sendImage',
  '/api/sendFile',
  '/api/sendVideo',
  '/api/sendVoice',
  '/api/sendPoll',
  '/api/sendSeen',
  '/api/startTyping',
  '/api/stopTyping',
  '/api/contacts/check-exists',
  '/api/checkNumberStatus',
  '/api/{session}/lids',
  '/api/{session}/lids/count',
  '/api/{session}/lids/{lid}',
  '/api/{session}/lids/pn/{phoneNumber}',
  '/api/{session}/chats/{chatId}/messages',
  '/api/server/version',
  '/api/server/status',
  '/ping',
  '/health',
]
const WEBHOOK_SCHEMAS = [
  'WAHAWebhookSessionStatus',
  'WAHAWebhookMessage',
  'WAHAWebhookMessageAny',
  'WAHAWebhookMessageAck',
  'WAHAWebhookPollVote',
  'WAHAWebhookPollVoteFailed',
]

const here = path.dirname(new URL(import.meta.url).pathname)
const source = process.argv[2] ?? path.resolve(here, '../../../../shared/waha/openapi.json')
const text = readFileSync(source, 'utf8')
const spec = JSON.parse(text)

function stripExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripExamples)
  if (!value || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    if (key === 'example' || key === 'examples') continue
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(child as object).map(([k, v]) => [k, stripExamples(v)]))
        : stripExamples(child)
  }
  return out
}

const schemas: Record<string, unknown> = {}
function collect(value: unknown) {
  if (Array.isArray(value)) return value.forEach(collect)
  if (!value || typeof value !== 'object') return
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      const name = child.replace('#/components/schemas/', '')
      if (!(name in schemas)) {
        schemas[name] = spec.components.schemas[name]
        collect(schemas[name])
      }
    } else collect(child)
  }
}

const paths = Object.fromEntries(PATHS.map((p) => [p, spec.paths[p]]))
collect(paths)
for (const name of WEBHOOK_SCHEMAS) collect({ $ref: `#/components/schemas/${name}` })

const subset = {
  openapi: spec.openapi,
  info: { title: spec.info.title, version: spec.info.version },
  'x-source': {
    repository: 'devlikeapro/waha-docs',
    path: 'static/swagger/openapi.json',
    sha256: createHash('sha256').update(text).digest('hex'),
    note: 'subset: simulator paths + webhook envelopes and referenced schemas; `example` values removed',
  },
  paths: stripExamples(paths),
  components: {
    schemas: stripExamples(
      Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    ),
  },
}
writeFileSync(path.join(here, 'waha-openapi-subset.json'), `${JSON.stringify(subset, null, 2)}\n`)
console.log(`wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas`)
