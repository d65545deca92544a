// /contatos/importar: upload a CSV (multipart, works without JS) into a new or an existing list. Every
// check runs before any work (size, empty, sniffable, has contacts); then the file goes to R2 and the
// import is queued, or the mapping step opens when the columns are not obvious.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FieldErrors, FormError } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { IMPORT_LIMITS } from '~/core/contacts/import/limits'
import { startImport } from '~/core/contacts/import/start.server'
import { listLists } from '~/core/contacts/lists.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.importContacts')

const ImportSchema = z
  .object({
    target: z.enum(['new', 'existing']).default('new'),
    listName: z.string().trim().max(120, 'errors.tooLong').optional(),
    listId: z.string().max(64).optional(),
    file: z.instanceof(File).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.file) ctx.addIssue({ code: 'custom', path: ['file'], message: 'contacts.import.noFile' })
    if (v.target === 'new' && !v.listName)
      ctx.addIssue({ code: 'custom', path: ['listName'], message: 'errors.required' })
    if (v.target === 'existing' && !v.listId)
      ctx.addIssue({ code: 'custom', path: ['listId'], message: 'contacts.import.listMissing' })
    if (v.file && v.file.size > IMPORT_LIMITS.maxFileBytes)
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'contacts.import.tooLarge' })
  })

/** Multipart overhead allowed on top of the file itself before the body is refused unread. */
const FORM_OVERHEAD = 64 * 1024

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'contacts:write')
  const lists = (await listLists(scope)).filter((l) => l.status === 'ready' || l.status === 'failed')
  const preselect = new URL(request.url).searchParams.get('lista') ?? ''
  return { locale, lists: lists.map((l) => ({ id: l.id, name: l.name })), preselect }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'contacts:write')
  const declared = Number(request.headers.get('Content-Length') ?? '0')
  if (declared > IMPORT_LIMITS.maxFileBytes + FORM_OVERHEAD) {
    // refused before reading the body: the limit is stated in the message
    const result: SubmissionResult<string[]> = {
      status: 'error',
      error: { file: ['contacts.import.tooLarge'] },
    }
    return data({ result }, { status: 413 })
  }
  const submission = parseWithZod(await request.formData(), { schema: ImportSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['file'] }) }, { status: 400 })
  const { file, target, listName, listId } = submission.value
  if (!file) throw new Response('Bad Request', { status: 400 })
  const started = await startImport(scope, {
    file,
    fileName: file.name || 'contatos.csv',
    listName: target === 'new' ? listName : undefined,
    listId: target === 'existing' ? listId : undefined,
  })
  if (!started.ok) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { [started.field]: [started.message] },
          hideFields: ['file'],
        }),
      },
      { status: 400 },
    )
  }
  if (started.status === 'mapping') {
    return redirectWithFlash(`/contatos/listas/${started.listId}/mapear`, {
      kind: 'info',
      message: 'contacts.import.needsMapping',
    })
  }
  return redirectWithFlash(`/contatos/listas/${started.listId}`, {
    kind: 'success',
    message: 'contacts.import.started',
  })
}

export default function ImportPage() {
  const { locale, lists, preselect } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ result?: SubmissionResult<string[]> }>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    defaultValue: { target: preselect ? 'existing' : 'new', listId: preselect },
  })
  return (
    <>
      <p>
        <a href="/contatos">← {t('contacts.back')}</a>
      </p>
      <h1>{t('contacts.import.title')}</h1>
      <p className="muted">{t('contacts.import.intro')}</p>
      <section className="card">
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <FormError errors={form.errors} t={t} />
          <div className="field">
            <label htmlFor={fields.file.id}>{t('contacts.import.file')}</label>
            <input {...getInputProps(fields.file, { type: 'file' })} accept=".csv,.txt,text/csv,text/plain" />
            <span className="hint">{t('contacts.import.fileHint')}</span>
            <FieldErrors id={fields.file.errorId} errors={fields.file.errors} t={t} />
          </div>
          <fieldset className="field" style={{ border: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600 }}>{t('contacts.import.target')}</legend>
            <label>
              <input {...getInputProps(fields.target, { type: 'radio', value: 'new' })} />{' '}
              {t('contacts.import.newList')}
            </label>
            <label>
              <input
                {...getInputProps(fields.target, { type: 'radio', value: 'existing' })}
                disabled={lists.length === 0}
              />{' '}
              {t('contacts.import.existingList')}
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor={fields.listName.id}>{t('contacts.import.listName')}</label>
            <input {...getInputProps(fields.listName, { type: 'text' })} maxLength={120} />
            <FieldErrors id={fields.listName.errorId} errors={fields.listName.errors} t={t} />
          </div>
          {lists.length > 0 ? (
            <div className="field">
              <label htmlFor={fields.listId.id}>{t('contacts.import.listId')}</label>
              <select {...getSelectProps(fields.listId)}>
                <option value="">{t('contacts.import.choose')}</option>
                {lists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.listId.errorId} errors={fields.listId.errors} t={t} />
            </div>
          ) : null}
          <SubmitButton label={t('contacts.import.submit')} pendingLabel={t('contacts.import.submitting')} />
        </Form>
      </section>
    </>
  )
}
