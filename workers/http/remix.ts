// Hands page requests to the Remix server build, with the per-request AppContext in the load context.
// `virtual:remix-build` is aliased to build/server/index.js (wrangler.toml [alias], vitest config).

import * as build from 'virtual:remix-build'
import { createRequestHandler } from '@remix-run/cloudflare'
import type { Context } from 'hono'
import { createAppContext } from '../../app/core/context.server'

const handleRemix = createRequestHandler(build, 'production')

export function remixHandler(c: Context<{ Bindings: Env }>) {
  return handleRemix(c.req.raw, {
    cloudflare: { env: c.env, ctx: c.executionCtx as ExecutionContext },
    app: createAppContext(c.env),
  })
}
