// A segment's definition (decision 037): conditions over the team's people, combined with AND. Stored
// as JSON in `segments.definition`; every error is a message code (app/i18n/messages/segments.ts).
import { z } from 'zod'
import type { Uf } from '../../phone/ddd'

export const UFS = [
  'AC',
  'AL',
  'AM',
  'AP',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MG',
  'MS',
  'MT',
  'PA',
  'PB',
  'PE',
  'PI',
  'PR',
  'RJ',
  'RN',
  'RO',
  'RR',
  'RS',
  'SC',
  'SE',
  'SP',
  'TO',
] as const satisfies readonly Uf[]

export const TAG_MODES = ['any', 'all', 'none'] as const
export const CAPITAL_CHOICES = ['any', 'capital', 'interior'] as const
export const FIELD_OPS = ['equals', 'contains', 'empty'] as const

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'segments.error.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'segments.error.date')

// Strict objects: an unknown or misspelt key (from the API) is refused, never silently dropped — a
// dropped condition would widen the segment.
export const SegmentDefinitionSchema = z
  .strictObject({
    /** In any of these lists. */
    lists: z.array(z.string().min(1).max(64)).max(50, 'segments.error.tooMany').optional(),
    tags: z
      .strictObject({
        mode: z.enum(TAG_MODES, { error: 'segments.error.tagMode' }),
        ids: z
          .array(z.number().int().positive())
          .min(1, 'segments.error.tagsEmpty')
          .max(50, 'segments.error.tooMany'),
      })
      .optional(),
    /** The phone's DDD is in one of these states; `capital` keeps only (or drops) the capital's DDD. */
    region: z
      .strictObject({
        ufs: z.array(z.enum(UFS, { error: 'segments.error.uf' })).min(1, 'segments.error.ufEmpty'),
        capital: z.enum(CAPITAL_CHOICES).default('any'),
      })
      .optional(),
    /** An extra column (people.fields) by its {{variable}} key. */
    field: z
      .strictObject({
        key: z.string().regex(/^[a-z0-9_]{1,60}$/, 'segments.error.fieldKey'),
        op: z.enum(FIELD_OPS, { error: 'segments.error.fieldOp' }),
        value: z.string().max(200, 'segments.error.fieldValueLong').default(''),
      })
      .refine((f) => f.op === 'empty' || f.value.trim() !== '', {
        message: 'segments.error.fieldValue',
        path: ['value'],
      })
      .optional(),
    /** Only people with a recorded consent (source or date). */
    consent: z.literal(true).optional(),
    /** Created in the team from / to these days (inclusive, São Paulo time). */
    createdFrom: day.optional(),
    createdTo: day.optional(),
    engagement: z
      .strictObject({
        /** Received a campaign message in the last N days. */
        receivedDays: z
          .number({ error: 'segments.error.days' })
          .int('segments.error.days')
          .min(1, 'segments.error.days')
          .max(365, 'segments.error.days')
          .optional(),
        /** Never replied to a campaign message. */
        neverReplied: z.literal(true).optional(),
        /** Both above limited to this campaign's messages. */
        campaignId: z.string().min(1).max(64).optional(),
      })
      .refine((e) => e.receivedDays !== undefined || e.neverReplied, {
        message: 'segments.error.engagementEmpty',
      })
      .optional(),
  })
  .refine((d) => !d.createdFrom || !d.createdTo || d.createdFrom <= d.createdTo, {
    message: 'segments.error.dateOrder',
    path: ['createdTo'],
  })

export type SegmentDefinition = z.infer<typeof SegmentDefinitionSchema>

/** Parses a stored or submitted definition: the definition, or the first error's message code. */
export function parseDefinition(
  raw: unknown,
): { ok: true; definition: SegmentDefinition } | { ok: false; code: string } {
  const r = SegmentDefinitionSchema.safeParse(raw)
  if (r.success) return { ok: true, definition: r.data }
  const msg = r.error.issues[0]?.message ?? ''
  return { ok: false, code: msg.startsWith('segments.') ? msg : 'segments.error.invalid' }
}
