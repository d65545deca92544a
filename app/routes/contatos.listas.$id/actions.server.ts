// Actions of the list page: edit or delete a contact, delete the list, resume or discard a failed import,
// add or remove a tag on the people of the current filter (decision 036).
import { parseWithZod } from '@conform-to/zod/v4'
import type { AppLoadContext } from '@remix-run/cloudflare'
import { z } from 'zod'
import { deleteContact, deleteList, resumeImport, updateContact } from '~/core/contacts/lists.server'
import { bulkAddTag, bulkRemoveTag } from '~/core/contacts/tags.server'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { tagFlash } from '~/lib/tag-flash.server'

const contactId = z.coerce.number({ error: 'errors.required' }).int().positive()

export const ListActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('updateContact'),
    contactId,
    name: z.string().max(200, 'errors.tooLong').default(''),
    phone: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(64, 'errors.tooLong'),
  }),
  z.object({ intent: z.literal('deleteContact'), contactId }),
  z.object({
    intent: z.literal('deleteList'),
    confirm: z.literal('on', { error: 'contacts.detail.deleteListConfirm' }),
  }),
  z.object({ intent: z.literal('discard') }),
  z.object({
    intent: z.literal('tagAdd'),
    q: z.string().max(100).default(''),
    name: z.string().max(200).default(''),
  }),
  z.object({
    intent: z.literal('tagRemove'),
    q: z.string().max(100).default(''),
    tagId: z.coerce.number({ error: 'tags.error.choose' }).int().positive('tags.error.choose'),
  }),
  z.object({ intent: z.literal('resume') }),
])

export async function listAction(
  context: AppLoadContext,
  request: Request,
  listId: string,
): Promise<Response> {
  const { scope } = await requireUser(context, request, 'contacts:write')
  const here = `/contatos/listas/${listId}`
  const submission = parseWithZod(await request.formData(), { schema: ListActionSchema })
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.required'
    return redirectWithFlash(here, { kind: 'error', message: first })
  }
  const v = submission.value
  switch (v.intent) {
    case 'updateContact': {
      const r = await orNotFound(updateContact(scope, listId, v.contactId, { name: v.name, phone: v.phone }))
      if (!r.ok) return redirectWithFlash(here, { kind: 'error', message: r.message, text: r.text })
      return redirectWithFlash(here, { kind: 'success', message: 'contacts.edit.saved' })
    }
    case 'deleteContact':
      await orNotFound(deleteContact(scope, listId, v.contactId))
      return redirectWithFlash(here, { kind: 'success', message: 'contacts.deleted' })
    case 'deleteList':
    case 'discard': {
      const { name } = await orNotFound(deleteList(scope, listId))
      return redirectWithFlash('/contatos', {
        kind: 'success',
        message: 'contacts.listDeleted',
        vars: { name },
      })
    }
    case 'tagAdd':
    case 'tagRemove': {
      // back to the same filter, so the result can be seen and undone
      const back = v.q ? `${here}?q=${encodeURIComponent(v.q)}` : here
      const filter = { listId, q: v.q }
      const r = await orNotFound(
        v.intent === 'tagAdd' ? bulkAddTag(scope, filter, v.name) : bulkRemoveTag(scope, filter, v.tagId),
      )
      return redirectWithFlash(back, tagFlash(r))
    }
    case 'resume': {
      const r = await orNotFound(resumeImport(scope, listId))
      if (!r.ok) return redirectWithFlash(here, { kind: 'error', message: r.message })
      return redirectWithFlash(here, { kind: 'success', message: 'contacts.resumed' })
    }
  }
}
