// First run: creates the first team and its admin, then closes for good.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { TextField } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { completeSetup, isSetupOpen } from '~/core/auth/auth.server'
import { SetupSchema } from '~/core/auth/schemas'
import { SetupServerSchema } from '~/core/auth/schemas.server'
import { makeTranslator } from '~/i18n'
import { flashCookie } from '~/lib/flash.server'
import { notFound, translatorFor } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.setup')

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await isSetupOpen(context.app))) throw redirect('/login')
  return { locale: translatorFor(request).locale }
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!(await isSetupOpen(context.app))) throw notFound()
  const submission = parseWithZod(await request.formData(), { schema: SetupServerSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const result = await completeSetup(context.app, request, submission.value)
  if (!result.ok) throw notFound()
  const headers = new Headers({ Location: '/' })
  headers.append('Set-Cookie', result.setCookie)
  headers.append(
    'Set-Cookie',
    flashCookie({ kind: 'success', message: 'home.welcome', vars: { name: submission.value.name } }),
  )
  return new Response(null, { status: 303, headers })
}

export default function Setup() {
  const { locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ result?: SubmissionResult<string[]> }>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="card narrow">
      <h1>{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <TextField
          field={fields.tenantName}
          label={t('setup.tenantName')}
          t={t}
          autoComplete="organization"
        />
        <TextField field={fields.name} label={t('setup.name')} t={t} autoComplete="name" />
        <TextField field={fields.email} label={t('setup.email')} type="email" t={t} autoComplete="email" />
        <TextField
          field={fields.password}
          label={t('setup.password')}
          type="password"
          hint={t('setup.passwordHint')}
          t={t}
          autoComplete="new-password"
        />
        <SubmitButton label={t('setup.submit')} pendingLabel={t('common.saving')} />
      </Form>
    </div>
  )
}
