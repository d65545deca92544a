// Sign in. Errors never reveal whether an email exists; attempts are throttled per account and address (decision 012).
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormError, TextField } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { isSetupOpen, login } from '~/core/auth/auth.server'
import { LoginSchema } from '~/core/auth/schemas'
import { safeRedirectTarget } from '~/core/http/redirects'
import { makeTranslator } from '~/i18n'
import { getUser, translatorFor } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.login')

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await isSetupOpen(context.app)) throw redirect('/setup')
  const url = new URL(request.url)
  const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'), request.url)
  if (await getUser(context, request)) throw redirect(redirectTo)
  return { locale: translatorFor(request).locale, redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const result = await login(context.app, request, submission.value)
  if (!result.ok) {
    const { t } = translatorFor(request)
    const message =
      result.reason === 'throttled'
        ? t('login.throttled', { minutes: result.retryInMinutes })
        : 'login.invalid'
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ['password'] }) },
      { status: result.reason === 'throttled' ? 429 : 401 },
    )
  }
  const headers = new Headers({ Location: safeRedirectTarget(submission.value.redirectTo, request.url) })
  headers.append('Set-Cookie', result.setCookie)
  return new Response(null, { status: 303, headers })
}

export default function Login() {
  const { locale, redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ result?: SubmissionResult<string[]> }>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="card narrow">
      <h1>{t('login.title')}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormError errors={form.errors} t={t} />
        <input
          {...getInputProps(fields.redirectTo, { type: 'hidden' })}
          value={redirectTo}
          key="redirectTo"
        />
        <TextField field={fields.email} label={t('login.email')} type="email" t={t} autoComplete="username" />
        <TextField
          field={fields.password}
          label={t('login.password')}
          type="password"
          t={t}
          autoComplete="current-password"
        />
        <SubmitButton label={t('login.submit')} pendingLabel={t('login.submitting')} />
      </Form>
    </div>
  )
}
