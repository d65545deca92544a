// /api/v1/media: uploads an attachment for campaigns and single messages (scope campaigns:write or
// messages:send, decision 030). The body is the file's raw bytes (not JSON, not multipart): the kind
// and type come from its magic bytes through the media core (storeMedia → checkMedia), never from
// Content-Type or the name; each kind has its own size limit. The answer's id goes in `mediaId`.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { MediaSchema, UploadMediaQuerySchema } from '../../../app/core/api/schemas-media'
import { mediaIdOf, storeMedia } from '../../../app/core/campaigns/media.server'
import { type ApiEnv, ApiProblem, composerText } from './context'
import { requireAnyScope } from './guard'
import { validationHook } from './hook'
import { BEARER, ok, problems } from './openapi'

export const mediaApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

mediaApi.openapi(
  createRoute({
    method: 'post',
    path: '/media',
    tags: ['Media'],
    summary: 'Upload an attachment (image, document, video or voice note)',
    description:
      'Send the file itself as the body (any Content-Type; application/octet-stream is fine) and, for a document, its name in ?name=. The kind is decided by the file’s bytes. Limits: image 5 MB, video and voice 16 MB, document 20 MB. Use the id as `mediaId` in POST /campaigns or POST /messages; a voice note goes without text. Uploading is not idempotent: each upload stores a new file (Idempotency-Key is not taken here).',
    security: [{ [BEARER]: ['campaigns:write'] }, { [BEARER]: ['messages:send'] }],
    middleware: [requireAnyScope('campaigns:write', 'messages:send')] as const,
    request: {
      query: UploadMediaQuerySchema,
      body: {
        required: true,
        content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
    },
    responses: { 201: ok(MediaSchema, 'The stored attachment'), ...problems(413, 422) },
  }),
  async (c) => {
    const bytes = await c.req.arrayBuffer()
    const { name } = c.req.valid('query')
    const stored = await storeMedia(c.get('scope'), new File([bytes], name ?? 'arquivo'))
    if (!stored.ok) {
      const reason = composerText(stored.message)
      throw new ApiProblem('validation', { detail: reason, errors: [{ pointer: '', text: reason }] })
    }
    return c.json(
      {
        id: mediaIdOf(stored.key),
        kind: stored.kind,
        type: stored.type,
        name: stored.name,
        size: bytes.byteLength,
      },
      201,
    )
  },
)
