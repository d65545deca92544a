// /contatos/segmentos/:id (or /novo): a segment's conditions with its live count and first 10 people
// (decision 037). With JavaScript the count follows the fields (a fetcher posts intent=count); without
// it the "Contar" button re-renders the page with the count and the fields as typed. Operators and
// admins save and delete; viewers read.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare'
import { data } from '@remix-run/cloudflare'
import {
  Form,
  type ShouldRevalidateFunction,
  useActionData,
  useFetcher,
  useLoaderData,
} from '@remix-run/react'
import { useSerialSubmit } from '~/components/use-serial-submit'
import { can } from '~/core/auth/roles'
import {
  formDefinition,
  formValues,
  readSegmentForm,
  type SegmentFormValues,
} from '~/core/contacts/segments/form'
import {
  deleteSegment,
  getSegment,
  previewSegment,
  type SegmentPreview,
  saveSegment,
  segmentOptions,
} from '~/core/contacts/segments/segments.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { SegmentFields, SegmentPreviewBox } from './fields'

export const meta = titled('title.segments')

/** What a count (or a refused save) answers: the fields as posted, the count or the error's code. */
type Counted = { values: SegmentFormValues; error: string | null; preview: SegmentPreview | null }

/** A count changes nothing stored: no need to reload the page's data after it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'count' ? false : defaultShouldRevalidate

function segmentId(param: string | undefined): number | null {
  if (param === 'novo') return null
  // Ids come from the shard's block of 10^12 (decision 044): up to 16 digits.
  if (!param || !/^\d{1,16}$/.test(param) || !Number.isSafeInteger(Number(param))) throw notFound()
  return Number(param)
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const id = segmentId(params.id)
  const segment = id === null ? null : await orNotFound(getSegment(scope, id))
  const definition = segment?.definition ?? {}
  const [options, preview] = await Promise.all([segmentOptions(scope), previewSegment(scope, definition)])
  return {
    locale,
    canWrite: can(user.role, 'contacts:write'),
    id,
    values: formValues(segment?.name ?? '', definition),
    options,
    preview,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const id = segmentId(params.id)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? 'count')
  const self = `/contatos/segmentos/${id ?? 'novo'}`
  if (intent === 'delete') {
    const { scope } = await requireUser(context, request, 'contacts:write')
    if (id === null) throw notFound()
    if (form.get('confirm') !== 'on')
      return redirectWithFlash(self, { kind: 'error', message: 'segments.deleteConfirm' })
    const name = await orNotFound(deleteSegment(scope, id))
    return redirectWithFlash('/contatos/segmentos', {
      kind: 'success',
      message: 'segments.deleted',
      vars: { name },
    })
  }
  const values = readSegmentForm(form)
  if (intent === 'save') {
    const { scope } = await requireUser(context, request, 'contacts:write')
    const def = formDefinition(values)
    const r = def.ok
      ? await orNotFound(
          saveSegment(scope, {
            ...(id === null ? {} : { id }),
            name: values.name,
            definition: def.definition,
          }),
        )
      : def
    if (r.ok)
      return redirectWithFlash(`/contatos/segmentos/${r.id}`, {
        kind: 'success',
        message: 'segments.saved',
        vars: { name: values.name },
      })
    return data({ values, error: r.code, preview: null }, { status: 400 })
  }
  const { scope } = await requireUser(context, request)
  // another team's segment id is a 404 here too, like on every form of the page
  if (id !== null) await orNotFound(getSegment(scope, id))
  const def = formDefinition(values)
  if (!def.ok) return data({ values, error: def.code, preview: null }, { status: 400 })
  return { values, error: null, preview: await previewSegment(scope, def.definition) }
}

export default function SegmentPage() {
  const loaded = useLoaderData<typeof loader>()
  const posted = useActionData<typeof action>() as Counted | undefined
  const fetcher = useFetcher<Counted>()
  const submit = useSerialSubmit(fetcher)
  const t = makeTranslator(loaded.locale)
  const values = posted?.values ?? loaded.values
  const live = fetcher.data ?? posted
  const preview = live ? live.preview : loaded.preview
  const error = live?.error ?? null
  return (
    <>
      <p>
        <a href="/contatos/segmentos">{t('segments.back')}</a>
      </p>
      <h1>{loaded.id === null ? t('segments.new') : t('segments.edit')}</h1>
      <Form
        method="post"
        className="card"
        onChange={(e) => {
          const f = new FormData(e.currentTarget)
          f.set('intent', 'count')
          submit(f, { method: 'post' })
        }}
      >
        <fieldset disabled={!loaded.canWrite} style={{ border: 0, padding: 0, margin: 0 }}>
          <SegmentFields t={t} values={values} options={loaded.options} />
          <div className="row-actions">
            <button type="submit" name="intent" value="count" className="secondary">
              {t('segments.count')}
            </button>
            {loaded.canWrite ? (
              <button type="submit" name="intent" value="save">
                {t('segments.save')}
              </button>
            ) : null}
          </div>
        </fieldset>
      </Form>
      <SegmentPreviewBox t={t} preview={preview} error={error} busy={fetcher.state !== 'idle'} />
      {loaded.canWrite && loaded.id !== null ? (
        <Form method="post" className="card row-actions">
          <label>
            <input type="checkbox" name="confirm" required /> {t('segments.deleteConfirm')}
          </label>
          <button type="submit" name="intent" value="delete" className="danger">
            {t('segments.delete')}
          </button>
        </Form>
      ) : null}
    </>
  )
}
