// Actions of a session's page: save settings, lifecycle commands, "Testar conexão", pairing code,
// delete (with the "remover só do Disparo" confirmation when WAHA cannot be reached).
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data } from '@remix-run/cloudflare'
import { isSecureRequest, parseCookies, serializeCookie } from '~/core/http/cookies'
import { runSessionCommand } from '~/core/sessions/session-commands.server'
import { SessionCommandSchema, UpdateSessionSchema } from '~/core/sessions/session-form'
import { updateSession } from '~/core/sessions/session-update.server'
import { getSessionRow } from '~/core/sessions/sessions.server'
import { redirectWithFlash } from '~/lib/flash.server'
import { formErrorReply } from '~/lib/form-reply.server'
import { orNotFound, requireUser } from '~/lib/guard.server'

const PAIRING_COOKIE = 'disparo_pairing'
const PAIRING_TTL_S = 180

/** The pairing code shown on this session's page (a short-lived cookie set by our own action). */
export function readPairingCode(request: Request, sessionId: string): string | null {
  const raw = parseCookies(request.headers.get('Cookie')).get(PAIRING_COOKIE)
  if (!raw) return null
  const [id, code] = raw.split('|')
  return id === sessionId && code && /^[A-Z0-9-]{4,16}$/.test(code) ? code : null
}

function pairingCookie(request: Request, sessionId: string, code: string): string {
  return serializeCookie(PAIRING_COOKIE, `${sessionId}|${code}`, {
    // Not the session's own path: single-fetch reads `/integracoes/sessoes/<id>.data`, which a
    // cookie scoped to `/integracoes/sessoes/<id>` does not match. The value carries the id instead.
    path: '/integracoes/sessoes',
    maxAge: PAIRING_TTL_S,
    httpOnly: true,
    secure: isSecureRequest(request),
  })
}

export async function sessionAction({ request, context, params }: ActionFunctionArgs) {
  const { scope, user } = await requireUser(context, request, 'integrations:manage')
  const id = params.id ?? ''
  // Another tenant's id is a 404 before anything else is looked at.
  await orNotFound(getSessionRow(scope, id))
  const here = `/integracoes/sessoes/${id}`
  const formData = await request.formData()

  if (formData.get('intent') === 'update') {
    const submission = parseWithZod(formData, { schema: UpdateSessionSchema })
    if (submission.status !== 'success') return formErrorReply(submission)
    const result = await orNotFound(
      updateSession(scope, id, submission.value, { origin: new URL(request.url).origin, role: user.role }),
    )
    if (!result.ok) return formErrorReply(submission, result)
    return redirectWithFlash(here, { kind: 'success', message: result.message, vars: result.vars })
  }

  const submission = parseWithZod(formData, { schema: SessionCommandSchema })
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.required'
    return redirectWithFlash(here, { kind: 'error', message: first })
  }
  const result = await orNotFound(
    runSessionCommand(scope, id, submission.value, {}, { origin: new URL(request.url).origin }),
  )
  if (!result.ok) {
    if (result.canForceDelete) {
      return data(
        { deleteConfirm: { message: 'sessions.deleteConfirm', vars: result.vars ?? {} } },
        { status: 409 },
      )
    }
    return redirectWithFlash(here, {
      kind: 'error',
      message: result.message,
      vars: result.vars,
      text: result.text,
    })
  }
  if (submission.value.intent === 'delete') {
    return redirectWithFlash('/integracoes/sessoes', {
      kind: 'success',
      message: result.message,
      vars: result.vars,
    })
  }
  const cookies = result.pairingCode ? [pairingCookie(request, id, result.pairingCode)] : []
  return redirectWithFlash(here, { kind: 'success', message: result.message, vars: result.vars }, cookies)
}
