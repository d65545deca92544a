// /api/v1/campaigns: create (the composer's rules), list, get with totals, schedule, launch, pause,
// resume, cancel (scopes campaigns:read / campaigns:write). Thin: parse, call app/core/campaigns
// (lifecycle.server.ts is the only writer of campaigns.status), answer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import { apiLocale, type ProblemIssue } from '../../../app/core/api/problem'
import { pageOf } from '../../../app/core/api/schemas'
import {
  CampaignIdParamSchema,
  CampaignSchema,
  CampaignsQuerySchema,
  CreateCampaignSchema,
  ScheduleCampaignSchema,
} from '../../../app/core/api/schemas-campaigns'
import {
  type ComposeIssue,
  createCampaignFromApi,
  scheduleCampaignFromApi,
} from '../../../app/core/campaigns/api-compose.server'
import {
  type CampaignCursor,
  campaignTotals,
  pageCampaigns,
} from '../../../app/core/campaigns/api-read.server'
import { type CampaignRow, getCampaign } from '../../../app/core/campaigns/campaigns.server'
import { launchConfirmed } from '../../../app/core/campaigns/launch.server'
import { cancel, type LifecycleResult, pause, resume } from '../../../app/core/campaigns/lifecycle.server'
import type { TenantScope } from '../../../app/core/db/tenant.server'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem, composerText } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, ok, problems } from './openapi'
import { presentCampaign } from './present-campaigns'

export const campaignsApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const isCampaignCursor = (v: unknown): v is CampaignCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as CampaignCursor).createdAt) &&
  typeof (v as CampaignCursor).id === 'string'

const PACING_POINTERS: Record<string, string> = {
  minDelayS: '/pacing/minDelayS',
  maxDelayS: '/pacing/maxDelayS',
  maxPerMinute: '/pacing/maxPerMinute',
  dailyCap: '/pacing/dailyCap',
  windowDays: '/pacing/window/days',
  windowStart: '/pacing/window/start',
  windowEnd: '/pacing/window/end',
  packageMin: '/pacing/rest/packageMin',
  packageMax: '/pacing/rest/packageMax',
  restMinMin: '/pacing/rest/restMinMin',
  restMaxMin: '/pacing/rest/restMaxMin',
  image: '/media',
  audienceLists: '/audience/listIds',
  audienceSegments: '/audience/segmentIds',
  excludeLists: '/audience/exclude/listIds',
  excludeSegments: '/audience/exclude/segmentIds',
  excludeMessagedDays: '/audience/exclude/messagedWithinDays',
}

/** The composer's field names → JSON Pointers of the API body. */
function pointerOf(issue: ComposeIssue, scheduleField: string): string {
  if (issue.field === 'scheduleDate' || issue.field === 'scheduleAt') return scheduleField
  if (issue.field === 'texts' && issue.index !== undefined) return `/texts/${issue.index}`
  if (issue.field === '') return ''
  if (issue.field === 'image' || issue.field === 'mediaId') return '/mediaId'
  const option = /^pollOptions\[(\d+)\]$/.exec(issue.field)
  if (option) return `/poll/options/${option[1]}`
  if (issue.field === 'pollOptions') return '/poll/options'
  if (issue.field === 'steps' && issue.path) return stepPointer(issue.path)
  return PACING_POINTERS[issue.field] ?? `/${issue.field}`
}

const STEP_FIELDS: Record<string, string> = {
  kind: '',
  texts: '/texts',
  delayValue: '/delay/value',
  delayUnit: '/delay/unit',
  audience: '/audience',
  option: '/option',
  pollOptions: '/poll/options',
}

/** ['steps', 1, 'pollOptions', 2] → /steps/1/poll/options/2 (decision 040). */
function stepPointer(path: (string | number)[]): string {
  const [, i, field, j] = path
  if (i === undefined) return '/steps'
  const own = STEP_FIELDS[String(field ?? 'kind')] ?? `/${String(field)}`
  return `/steps/${i}${own}${j !== undefined ? `/${j}` : ''}`
}

function composeProblem(issues: ComposeIssue[], scheduleField: string): ApiProblem {
  const errors: ProblemIssue[] = issues.map((i) => ({
    pointer: pointerOf(i, scheduleField),
    text: composerText(i.message),
  }))
  return new ApiProblem('validation', { errors })
}

/** A lifecycle refusal (a campaign that cannot make that move now) as a 409 that says why. */
function lifecycleProblem(result: LifecycleResult): ApiProblem {
  return new ApiProblem('conflict', { detail: composerText(result.message) })
}

async function answer(c: Context<ApiEnv>, row: CampaignRow) {
  const totals = await campaignTotals(c.get('scope'), [row])
  return presentCampaign(row, totals.get(row.id), apiLocale(c.req.header('accept-language')))
}

const baseUrlOf = (url: string) => new URL(url).origin

const withId = { params: CampaignIdParamSchema }

campaignsApi.openapi(
  createRoute({
    method: 'post',
    path: '/campaigns',
    tags: ['Campaigns'],
    summary: 'Create a campaign (a draft, or scheduled with scheduleAt)',
    description:
      "Checked exactly as the composer in Disparo checks it (same rules, same messages): a draft needs a name and well-formed texts; with scheduleAt it also needs a ready list with someone to send to, a text and a session whose window meets the campaign's. Media (image, document, video, voice) is attached in Disparo; the API does not upload files yet.",
    security: needs('campaigns:write'),
    middleware: [requireScope('campaigns:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(CreateCampaignSchema) },
    responses: { 201: ok(CampaignSchema, 'The new campaign'), ...problems(400, 409, 413, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json')
    const scope = c.get('scope')
    const at = body.scheduleAt ? Date.parse(body.scheduleAt) : null
    const made = await createCampaignFromApi(scope, body, at, baseUrlOf(c.req.url))
    if (!made.ok) throw composeProblem(made.issues, '/scheduleAt')
    return c.json(await answer(c, made.campaign), 201)
  },
)

campaignsApi.openapi(
  createRoute({
    method: 'get',
    path: '/campaigns',
    tags: ['Campaigns'],
    summary: 'List campaigns, newest first, with their totals',
    security: needs('campaigns:read'),
    middleware: [requireScope('campaigns:read')] as const,
    request: { query: CampaignsQuerySchema },
    responses: {
      200: ok(pageOf(CampaignSchema, 'CampaignPage'), 'A page of campaigns'),
      ...problems(400, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const scope = c.get('scope')
    const after = q.cursor ? decodeCursor(q.cursor, isCampaignCursor) : undefined
    if (after === null) throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    const page = await pageCampaigns(scope, { after, limit: q.limit, status: q.status })
    const totals = await campaignTotals(scope, page.rows)
    return c.json(
      {
        data: page.rows.map((r) =>
          presentCampaign(r, totals.get(r.id), apiLocale(c.req.header('accept-language'))),
        ),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      },
      200,
    )
  },
)

campaignsApi.openapi(
  createRoute({
    method: 'get',
    path: '/campaigns/{id}',
    tags: ['Campaigns'],
    summary: 'Get a campaign with its message totals',
    security: needs('campaigns:read'),
    middleware: [requireScope('campaigns:read')] as const,
    request: withId,
    responses: { 200: ok(CampaignSchema, 'The campaign'), ...problems(404) },
  }),
  async (c) => {
    const scope = c.get('scope')
    return c.json(await answer(c, await getCampaign(scope, c.req.valid('param').id)), 200)
  },
)

campaignsApi.openapi(
  createRoute({
    method: 'post',
    path: '/campaigns/{id}/schedule',
    tags: ['Campaigns'],
    summary: 'Schedule a draft (or move a scheduled campaign) to a time',
    description:
      'Checked as the composer\'s "Agendar": a ready list, a text, a session, and a time in the future (seconds are dropped).',
    security: needs('campaigns:write'),
    middleware: [requireScope('campaigns:write'), idempotent] as const,
    request: { ...withId, headers: idempotencyHeader, body: jsonBody(ScheduleCampaignSchema) },
    responses: { 200: ok(CampaignSchema, 'The scheduled campaign'), ...problems(400, 404, 409, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const id = c.req.valid('param').id
    const result = await scheduleCampaignFromApi(
      scope,
      id,
      Date.parse(c.req.valid('json').at),
      baseUrlOf(c.req.url),
    )
    if (!result.ok) {
      if ('conflict' in result) throw new ApiProblem('conflict', { detail: composerText(result.conflict) })
      throw composeProblem(result.issues, '/at')
    }
    return c.json(await answer(c, result.campaign), 200)
  },
)

type Move = 'launch' | 'pause' | 'resume' | 'cancel'

const MOVES: Record<Move, { summary: string; description: string }> = {
  launch: {
    summary: 'Send a draft or scheduled campaign now',
    description:
      "Checked again as the confirmation in Disparo: a ready list with someone to send to, a text and a connected session. The engine then sends with the campaign's pacing and every protection (opt-outs, the number guard). A campaign already sending answers 200 as it is.",
  },
  pause: {
    summary: 'Pause a sending campaign',
    description: 'Takes effect before the next message. A paused campaign answers 200 as it is.',
  },
  resume: {
    summary: 'Resume a paused campaign',
    description: 'Sending continues where it stopped. A sending campaign answers 200 as it is.',
  },
  cancel: {
    summary: 'Cancel a campaign',
    description:
      'Nothing more is sent; messages still waiting are skipped. Finished campaigns cannot be cancelled (409).',
  },
}

function lifecycleMove(
  scope: TenantScope,
  move: Move,
  id: string,
  baseUrl: string,
): Promise<LifecycleResult> {
  switch (move) {
    case 'launch':
      return launchConfirmed(scope, id, baseUrl)
    case 'pause':
      return pause(scope, id)
    case 'resume':
      return resume(scope, id)
    case 'cancel':
      return cancel(scope, id)
  }
}

for (const move of Object.keys(MOVES) as Move[]) {
  campaignsApi.openapi(
    createRoute({
      method: 'post',
      path: `/campaigns/{id}/${move}`,
      tags: ['Campaigns'],
      ...MOVES[move],
      security: needs('campaigns:write'),
      middleware: [requireScope('campaigns:write'), idempotent] as const,
      request: { ...withId, headers: idempotencyHeader },
      responses: { 200: ok(CampaignSchema, 'The campaign as it is now'), ...problems(400, 404, 409) },
    }),
    async (c) => {
      const scope = c.get('scope')
      const id = c.req.valid('param').id
      const result = await lifecycleMove(scope, move, id, baseUrlOf(c.req.url))
      if (!result.ok) throw lifecycleProblem(result)
      return c.json(await answer(c, await getCampaign(scope, id)), 200)
    },
  )
}
