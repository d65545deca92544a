// New WhatsApp session (admins): the form registers it on WAHA with our webhook and starts it,
// then opens its page to show the QR code. Works without JavaScript (plain post, errors re-rendered).

import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { SessionForm } from '~/components/session-form'
import { createSession } from '~/core/sessions/session-create.server'
import { CreateSessionSchema } from '~/core/sessions/session-form'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { formErrorReply } from '~/lib/form-reply.server'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.newSession')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'integrations:manage')
  return { locale, defaultServerUrl: scope.config.defaultWahaUrl }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope, user } = await requireUser(context, request, 'integrations:manage')
  const submission = parseWithZod(await request.formData(), { schema: CreateSessionSchema })
  if (submission.status !== 'success') return formErrorReply(submission)
  const result = await createSession(scope, submission.value, {
    origin: new URL(request.url).origin,
    role: user.role,
  })
  if (!result.ok) return formErrorReply(submission, result)
  return redirectWithFlash(`/integracoes/sessoes/${result.id}`, {
    kind: result.message === 'sessions.created' ? 'success' : 'error',
    message: result.message,
    vars: result.vars,
  })
}

export default function NewSession() {
  const { locale, defaultServerUrl } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ result?: SubmissionResult<string[]> }>()
  const t = makeTranslator(locale)
  return (
    <>
      <p>
        <Link to="/integracoes/sessoes">← {t('sessions.back')}</Link>
      </p>
      <h1>{t('sessions.form.createTitle')}</h1>
      <section className="card">
        <SessionForm
          mode="create"
          defaultServerUrl={defaultServerUrl}
          lastResult={actionData?.result}
          t={t}
        />
      </section>
    </>
  )
}
