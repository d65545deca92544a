// The /api/v1 shapes, in zod: the routes validate requests with them and the OpenAPI document is
// generated from them (workers/http/api), so the two cannot drift. `.meta({ id })` names a schema in
// the document's components.
import { z } from 'zod'
import { UPSERT_MAX } from '../contacts/upsert-limit'

export const isoTime = z.iso.datetime().meta({ example: '2026-12-10T14:03:00.000Z' })

export const listId = z
  .string()
  .regex(/^lst_[0-9a-z]{16}$/)
  .meta({ example: 'lst_8k2m4q7r9t1v3x5z' })

export const ContactSchema = z
  .object({
    id: z.int().meta({ example: 4211 }),
    listId,
    personId: z.int().meta({
      description: 'The person this list row belongs to (one per phone in the team; tags are on the person)',
      example: 977,
    }),
    name: z.string(),
    phone: z.string().meta({ description: 'E.164', example: '+5511987654321' }),
    phoneKind: z.enum(['mobile', 'landline']),
    email: z.string().nullable(),
    company: z.string().nullable(),
    extra: z.record(z.string(), z.string()).meta({ description: 'Other columns, usable as {{variables}}' }),
    optedOut: z.boolean().meta({ description: "The phone is on the team's opt-out list" }),
    createdAt: isoTime,
  })
  .meta({ id: 'Contact' })

const ContactInputSchema = z
  .object({
    phone: z
      .string()
      .min(1)
      .max(40)
      .meta({ description: 'Brazilian phone with DDD, in any usual format', example: '(11) 98765-4321' }),
    name: z.string().max(200).optional(),
    email: z.email().max(254).optional(),
    company: z.string().max(200).optional(),
    extra: z
      .record(z.string().min(1).max(40), z.string().max(500))
      .refine((v) => Object.keys(v).length <= 20, { message: 'at most 20 keys' })
      .optional()
      .meta({ description: 'Replaces the stored extra columns when given (at most 20)' }),
  })
  .strict()
  .meta({ id: 'ContactInput' })

export const UpsertContactsSchema = z
  .object({
    listId,
    contacts: z.array(ContactInputSchema).min(1).max(UPSERT_MAX),
  })
  .strict()
  .meta({ id: 'UpsertContactsRequest' })

export const UpsertResultSchema = z
  .object({
    listId,
    created: z.int(),
    updated: z.int(),
    failed: z.int(),
    results: z.array(
      z.object({
        index: z.int().meta({ description: 'Position of the item in the request' }),
        status: z.enum(['created', 'updated', 'failed']),
        id: z.int().optional(),
        phone: z.string().optional(),
        error: z.object({ code: z.string(), detail: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'UpsertContactsResult' })

export const EraseSchema = z
  .object({ phone: z.string().min(1).max(40).meta({ example: '+55 11 98765-4321' }) })
  .strict()
  .meta({ id: 'EraseRequest' })

export const EraseResultSchema = z
  .object({ phone: z.string(), contactsDeleted: z.int() })
  .meta({ id: 'EraseResult' })

export const ListSchema = z
  .object({
    id: listId,
    name: z.string(),
    status: z.enum(['uploaded', 'mapping', 'importing', 'ready', 'failed']),
    counts: z.object({
      valid: z.int().meta({ description: 'Contacts who can receive messages now' }),
      optedOut: z.int(),
      invalid: z.int(),
      duplicate: z.int(),
      landline: z.int(),
    }),
    createdAt: isoTime,
  })
  .meta({ id: 'List' })

export const CreateListSchema = z
  .object({ name: z.string().trim().min(1).max(120) })
  .strict()
  .meta({ id: 'CreateListRequest' })

export const limit = z.coerce.number().int().min(1).max(200).default(50)
export const cursor = z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' })

export const ContactsQuerySchema = z.object({
  listId: listId.optional(),
  phone: z.string().max(40).optional().meta({ description: 'Only this phone (any usual format)' }),
  cursor,
  limit,
})

export const ListsQuerySchema = z.object({ cursor, limit })

export const IdParamSchema = z.object({ id: z.coerce.number().int().positive() })
export const ListIdParamSchema = z.object({ id: z.string().max(40) })

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as cursor for the next page; null on the last' }),
    })
    .meta({ id })
}
// ── Opt-outs (scopes contacts:read / contacts:write) ─────────────────────────────────────────────

export const OptOutSchema = z
  .object({
    id: z.int(),
    phone: z.string().meta({ description: 'E.164', example: '+5511987654321' }),
    reason: z.enum(['opt_out', 'manual', 'erased', 'import']).meta({
      description:
        'opt_out: the person asked (a reply such as SAIR); manual: added by the team or the API; erased: LGPD erasure; import: from an imported list',
    }),
    source: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'OptOut' })

export const AddOptOutSchema = z
  .object({
    phone: z.string().min(1).max(40).meta({ example: '(11) 98765-4321' }),
    note: z.string().max(300).optional(),
  })
  .strict()
  .meta({ id: 'AddOptOutRequest' })

export const OptOutsQuerySchema = z.object({
  phone: z.string().max(40).optional().meta({ description: 'Only this phone (any usual format)' }),
  cursor,
  limit,
})

export const RemoveOptOutQuerySchema = z.object({
  reason: z.string().trim().min(1).max(500).meta({
    description: 'Why the number may be messaged again (kept in the audit log)',
    example: 'Cliente pediu para voltar a receber',
  }),
})
