// /contatos/listas/:id/mapear: when the columns are not obvious, the person says which column is the
// phone, the name, e-mail and company, and which others to keep as {{variables}}, with a preview of
// the first rows. Submitting starts the import.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FieldErrors, FormError } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import type { ColumnMapping } from '~/core/contacts/import/columns'
import { confirmMapping } from '~/core/contacts/import/start.server'
import { getList } from '~/core/contacts/lists.server'
import type { TenantScope } from '~/core/db/tenant.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { readPreview } from './preview.server'

export const meta = titled('title.listColumns')

const column = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : v),
  z.coerce.number().int().min(0).optional(),
)

const MappingSchema = z.object({
  hasHeader: z.preprocess((v) => v === 'on', z.boolean()),
  phone: z.coerce
    .number({ error: 'contacts.mapping.phoneRequired' })
    .int()
    .min(0, 'contacts.mapping.phoneRequired'),
  name: column,
  email: column,
  company: column,
  keep: z.array(z.coerce.number().int().min(0)).default([]),
})

async function load(scope: TenantScope, id: string) {
  const list = await orNotFound(getList(scope, id))
  return { list, preview: list.status === 'mapping' ? await readPreview(scope, list) : null }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'contacts:write')
  if (!params.id) throw notFound()
  const { list, preview } = await load(scope, params.id)
  if (list.status !== 'mapping') throw redirect(`/contatos/listas/${list.id}`)
  const mapping = (list.mapping ?? {}) as Partial<ColumnMapping>
  return {
    locale,
    list: { id: list.id, name: list.name, fileName: list.fileName },
    preview,
    defaults: {
      hasHeader: mapping.hasHeader ?? false,
      phone: mapping.phone ?? null,
      name: mapping.name ?? null,
      email: mapping.email ?? null,
      company: mapping.company ?? null,
    },
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'contacts:write')
  if (!params.id) throw notFound()
  const { list, preview } = await load(scope, params.id)
  if (!preview)
    return redirectWithFlash(`/contatos/listas/${list.id}`, {
      kind: 'error',
      message: 'contacts.mapping.notWaiting',
    })
  const submission = parseWithZod(await request.formData(), { schema: MappingSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (!preview.ok)
    return data({ result: submission.reply({ formErrors: [preview.message] }) }, { status: 400 })
  const result = await orNotFound(confirmMapping(scope, list.id, preview.labels, submission.value))
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
  return redirectWithFlash(`/contatos/listas/${list.id}`, {
    kind: 'success',
    message: 'contacts.import.started',
  })
}

export default function MappingPage() {
  const { locale, list, preview, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ result?: SubmissionResult<string[]> }>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
  })
  if (!preview?.ok) {
    return (
      <div className="card narrow" role="alert">
        <h1>{t('contacts.mapping.title')}</h1>
        <p>{t(preview && !preview.ok ? preview.message : 'contacts.mapping.fileGone')}</p>
        <a href={`/contatos/listas/${list.id}`}>{t('common.back')}</a>
      </div>
    )
  }
  const options = preview.labels.map((label, i) => ({ value: String(i), label: `${i + 1}. ${label}` }))
  const select = (
    name: 'phone' | 'name' | 'email' | 'company',
    label: string,
    value: number | null,
    required = false,
  ) => (
    <div className="field">
      <label htmlFor={`map-${name}`}>{label}</label>
      <select
        id={`map-${name}`}
        name={name}
        defaultValue={value === null ? '' : String(value)}
        required={required}
      >
        <option value="">{required ? t('contacts.import.choose') : t('contacts.mapping.none')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`map-${name}-error`} errors={fields[name]?.errors} t={t} />
    </div>
  )
  return (
    <>
      <p>
        <a href={`/contatos/listas/${list.id}`}>← {list.name}</a>
      </p>
      <h1>{t('contacts.mapping.title')}</h1>
      <p className="muted">{t('contacts.mapping.intro')}</p>
      <section className="card">
        <h2>{t('contacts.mapping.preview')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('contacts.mapping.line')}</th>
                {preview.labels.map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={i}>{`${i + 1}. ${l}`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  {preview.labels.map((_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={i}>{r.fields[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormError errors={form.errors} t={t} />
          <label className="field">
            <span>
              <input type="checkbox" name="hasHeader" defaultChecked={defaults.hasHeader} />{' '}
              {t('contacts.mapping.hasHeader')}
            </span>
          </label>
          {select('phone', t('contacts.mapping.phone'), defaults.phone, true)}
          {select('name', t('contacts.mapping.name'), defaults.name)}
          {select('email', t('contacts.mapping.email'), defaults.email)}
          {select('company', t('contacts.mapping.company'), defaults.company)}
          <fieldset className="field" style={{ border: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600 }}>{t('contacts.mapping.keep')}</legend>
            {options.map((o) => (
              <label key={o.value}>
                <input type="checkbox" name="keep" value={o.value} defaultChecked /> {o.label}
              </label>
            ))}
          </fieldset>
          <SubmitButton label={t('contacts.mapping.submit')} pendingLabel={t('common.saving')} />
        </Form>
      </section>
    </>
  )
}
