// /contatos/etiquetas: the team's tags with how many people carry each; renaming or deleting a tag is
// one action for everyone (decision 036). Operators and admins change them; viewers read.
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TableOrEmpty } from '~/components/searchable-table'
import { can } from '~/core/auth/roles'
import { deleteTag, listTags, renameTag } from '~/core/contacts/tags.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { tagFlash } from '~/lib/tag-flash.server'

export const meta = titled('title.tags')

const PATH = '/contatos/etiquetas'
const tagId = z.coerce.number({ error: 'tags.error.choose' }).int().positive('tags.error.choose')

const TagsActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('rename'), tagId, name: z.string().max(200).default('') }),
  z.object({
    intent: z.literal('delete'),
    tagId,
    confirm: z.literal('on', { error: 'tags.deleteConfirm' }),
  }),
])

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  return { locale, canWrite: can(user.role, 'contacts:write'), tags: await listTags(scope) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'contacts:write')
  const submission = parseWithZod(await request.formData(), { schema: TagsActionSchema })
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'tags.error.choose'
    return redirectWithFlash(PATH, { kind: 'error', message: first })
  }
  const v = submission.value
  const r = await orNotFound(
    v.intent === 'rename' ? renameTag(scope, v.tagId, v.name) : deleteTag(scope, v.tagId),
  )
  return redirectWithFlash(PATH, tagFlash(r))
}

export default function TagsPage() {
  const { locale, canWrite, tags } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      <p>
        <a href="/contatos">← {t('person.back')}</a>
      </p>
      <h1>{t('tags.title')}</h1>
      <p className="muted">{t('tags.intro')}</p>
      <section className="card">
        <TableOrEmpty
          empty={tags.length === 0}
          emptyText={t('tags.none')}
          head={
            <>
              <th>{t('tags.col.name')}</th>
              <th>{t('tags.col.people')}</th>
              {canWrite ? <th>{t('common.actions')}</th> : null}
            </>
          }
        >
          {tags.map((tag) => (
            <tr key={tag.id} data-testid={`tag-${tag.id}`}>
              <td>{tag.name}</td>
              <td>{t('tags.people', { count: tag.people })}</td>
              {canWrite ? (
                <td>
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="tagId" value={tag.id} />
                    <input
                      name="name"
                      defaultValue={tag.name}
                      maxLength={40}
                      required
                      aria-label={`${t('tags.newName')}: ${tag.name}`}
                    />
                    <button type="submit" name="intent" value="rename" className="secondary">
                      {t('tags.rename')}
                    </button>
                  </Form>
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="tagId" value={tag.id} />
                    <label>
                      <input type="checkbox" name="confirm" required /> {t('tags.deleteConfirm')}
                    </label>
                    <button type="submit" name="intent" value="delete" className="danger">
                      {t('tags.delete')}
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </TableOrEmpty>
      </section>
    </>
  )
}
