// Core records → the JSON shapes of app/core/api/schemas.ts (times as ISO 8601, phones as E.164).
import type { z } from 'zod'
import type { ContactSchema, ListSchema } from '../../../app/core/api/schemas'
import type { LiveCounts } from '../../../app/core/contacts/list-counts'
import type { ContactRecord } from '../../../app/core/contacts/records.server'

const iso = (ms: number) => new Date(ms).toISOString()

export function presentContact(r: ContactRecord): z.infer<typeof ContactSchema> {
  return {
    id: r.id,
    listId: r.listId,
    personId: r.personId,
    name: r.name,
    phone: r.phoneE164,
    phoneKind: r.phoneKind,
    email: r.email,
    company: r.company,
    extra: r.extra ?? {},
    optedOut: r.optedOut,
    createdAt: iso(r.createdAt),
  }
}

export function presentList(r: {
  id: string
  name: string
  status: z.infer<typeof ListSchema>['status']
  createdAt: number
  counts: LiveCounts
}): z.infer<typeof ListSchema> {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    counts: {
      valid: r.counts.valid,
      optedOut: r.counts.suppressed,
      invalid: r.counts.invalid,
      duplicate: r.counts.duplicate,
      landline: r.counts.landline,
    },
    createdAt: iso(r.createdAt),
  }
}
