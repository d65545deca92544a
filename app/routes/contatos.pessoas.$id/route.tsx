// /contatos/pessoas/:id: one person of the team (decision 036): the merged fields, the lists that hold
// the phone (each with that list's name for the person), consent, opt-out state and tags. Operators
// and admins add and remove tags here; viewers read.
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/core/auth/roles'
import { getPerson, updatePerson } from '~/core/contacts/people.server'
import { addPersonTag, listTags, removePersonTag } from '~/core/contacts/tags.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { pageTitle } from '~/lib/meta'
import { tagFlash } from '~/lib/tag-flash.server'
import { EraseFromProfile, PersonEditForm, Timeline } from './sections'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, [data?.person.name || { key: 'title.person' }, { key: 'title.contacts' }]) },
]

const PersonActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('update'),
    name: z.string().max(200, 'errors.tooLong').default(''),
    email: z.string().max(254, 'errors.tooLong').default(''),
    company: z.string().max(200, 'errors.tooLong').default(''),
  }),
  z.object({ intent: z.literal('addTag'), name: z.string().max(200).default('') }),
  z.object({
    intent: z.literal('removeTag'),
    tagId: z.coerce.number({ error: 'tags.error.choose' }).int().positive('tags.error.choose'),
  }),
])

function personId(raw: string | undefined): number {
  const id = Number(raw)
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound()
  return id
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const id = personId(params.id)
  const { person, lists, optOut, tags, timeline } = await orNotFound(getPerson(scope, id))
  const canWrite = can(user.role, 'contacts:write')
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { timeZone: 'America/Sao_Paulo' })
  return {
    locale,
    canWrite,
    person: {
      id: person.id,
      name: person.name,
      phoneE164: person.phoneE164,
      email: person.email,
      company: person.company,
      fields: Object.entries(person.fields ?? {}),
      consent:
        person.consentSource || person.consentAt
          ? { source: person.consentSource ?? '', at: person.consentAt }
          : null,
    },
    consentDate: person.consentAt ? when(person.consentAt) : '',
    lists,
    optOut: optOut ? { reason: optOut.reason, date: when(optOut.createdAt) } : null,
    tags,
    allTags: canWrite ? (await listTags(scope)).map((t) => t.name) : [],
    canErase: can(user.role, 'optout:remove'),
    timeline: timeline.map((m) => ({
      id: m.id,
      campaignId: m.campaignId,
      campaign: m.campaign,
      status: m.status,
      sent: m.sentAt ? when(m.sentAt) : '',
      delivered: m.deliveredAt ? when(m.deliveredAt) : '',
      read: m.readAt ? when(m.readAt) : '',
      clicked: m.clickedAt ? when(m.clickedAt) : '',
      replied: m.repliedAt ? when(m.repliedAt) : '',
    })),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'contacts:write')
  const id = personId(params.id)
  const here = `/contatos/pessoas/${id}`
  const submission = parseWithZod(await request.formData(), { schema: PersonActionSchema })
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'tags.error.choose'
    return redirectWithFlash(here, { kind: 'error', message: first })
  }
  const v = submission.value
  if (v.intent === 'update') {
    const r = await orNotFound(updatePerson(scope, id, v))
    return redirectWithFlash(
      here,
      r.ok ? { kind: 'success', message: 'person.saved' } : { kind: 'error', message: 'person.badEmail' },
    )
  }
  const r = await orNotFound(
    v.intent === 'addTag' ? addPersonTag(scope, id, v.name) : removePersonTag(scope, id, v.tagId),
  )
  return redirectWithFlash(here, tagFlash(r))
}

export default function PersonPage() {
  const { locale, canWrite, canErase, person, consentDate, lists, optOut, tags, allTags, timeline } =
    useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      <p>
        <a href="/contatos">← {t('person.back')}</a>
      </p>
      <h1 style={{ overflowWrap: 'anywhere' }}>{person.name || person.phoneE164}</h1>
      <section className="card" style={{ overflowWrap: 'anywhere' }}>
        <dl>
          <dt>{t('person.phone')}</dt>
          <dd>{person.phoneE164}</dd>
          <dt>{t('person.name')}</dt>
          <dd>{person.name || '—'}</dd>
          <dt>{t('person.email')}</dt>
          <dd>{person.email || '—'}</dd>
          <dt>{t('person.company')}</dt>
          <dd>{person.company || '—'}</dd>
          {person.fields.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <dt>{t('person.consent')}</dt>
          <dd>
            {person.consent
              ? t('person.consentAt', { source: person.consent.source || '—', date: consentDate || '—' })
              : t('person.noConsent')}
          </dd>
          <dt>{t('person.optOut')}</dt>
          <dd data-testid="person-optout">
            {optOut ? t('person.optedOut', { date: optOut.date }) : t('person.notOptedOut')}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="person-tags">
        <h2 id="person-tags">{t('tags.person.tags')}</h2>
        {tags.length === 0 ? <p className="muted">{t('tags.person.none')}</p> : null}
        <ul className="row-actions" style={{ listStyle: 'none', padding: 0 }}>
          {tags.map((tag) => (
            <li
              key={tag.id}
              className="badge"
              style={{ whiteSpace: 'normal' }}
              data-testid={`person-tag-${tag.id}`}
            >
              {tag.name}
              {canWrite ? (
                <Form method="post" style={{ display: 'inline' }}>
                  <input type="hidden" name="tagId" value={tag.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="removeTag"
                    className="secondary"
                    aria-label={t('tags.person.removeLabel', { name: tag.name })}
                  >
                    ×
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {canWrite ? (
          <Form method="post" className="row-actions">
            <input
              name="name"
              list="person-tag-names"
              maxLength={40}
              required
              aria-label={t('tags.col.name')}
            />
            <datalist id="person-tag-names">
              {allTags.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <button type="submit" name="intent" value="addTag">
              {t('tags.person.add')}
            </button>
          </Form>
        ) : null}
      </section>
      {canWrite ? <PersonEditForm person={person} t={t} /> : null}
      <section className="card" aria-labelledby="person-lists" style={{ overflowWrap: 'anywhere' }}>
        <h2 id="person-lists">{t('person.lists')}</h2>
        {lists.length === 0 ? (
          <p className="muted">{t('person.noLists')}</p>
        ) : (
          <ul>
            {lists.map((l) => (
              <li key={l.id}>
                <a href={`/contatos/listas/${l.id}`}>{l.name}</a>
                {l.rowName && l.rowName !== person.name ? (
                  <span className="muted"> ({l.rowName})</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Timeline rows={timeline} t={t} />
      {canErase ? <EraseFromProfile phone={person.phoneE164} t={t} /> : null}
    </>
  )
}
