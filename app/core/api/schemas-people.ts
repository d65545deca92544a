// The /api/v1 shapes of tags and saved segments (scopes contacts:read / contacts:write; decisions 036,
// 037). A segment's definition is the pages' own zod schema (segments/definition.ts), so the API and
// the Segmentos page accept exactly the same conditions with the same messages.
import { z } from 'zod'
import { SegmentDefinitionSchema } from '../contacts/segments/definition'
import { cursor, isoTime, limit } from './schemas'

/** Most people one tag batch names. */
export const TAG_BATCH_MAX = 1000

// ── Tags ─────────────────────────────────────────────────────────────────────────────────────────

export const TagSchema = z
  .object({
    id: z.int().meta({ example: 17 }),
    name: z.string().meta({ description: 'As first spelled', example: 'VIP' }),
    people: z.int().meta({ description: 'How many people carry the tag' }),
    createdAt: isoTime,
  })
  .meta({ id: 'Tag' })

export const TagNameSchema = z
  .object({
    name: z.string().max(200).meta({
      description:
        'Up to 40 characters. Names that differ only in case, accents or spacing are one tag ("VIP", "vip", "Víp").',
      example: 'Cliente VIP',
    }),
  })
  .strict()
  .meta({ id: 'TagNameRequest' })

export const TagsQuerySchema = z.object({ cursor, limit })

const PersonRefSchema = z
  .object({
    personId: z.int().positive().optional().meta({ description: "The person's id (Contact.personId)" }),
    phone: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .meta({ description: 'Brazilian phone with DDD, in any usual format', example: '(11) 98765-4321' }),
  })
  .strict()
  .refine((r) => (r.personId === undefined) !== (r.phone === undefined), { message: 'api.tags.personRef' })
  .meta({ id: 'PersonRef', description: 'A person of the team, by id or by phone (one of them)' })

export const TagPeopleSchema = z
  .object({ people: z.array(PersonRefSchema).min(1).max(TAG_BATCH_MAX) })
  .strict()
  .meta({ id: 'TagPeopleRequest' })

export const TagPeopleResultSchema = z
  .object({
    tagId: z.int(),
    changed: z.int().meta({ description: 'People who got (or lost) the tag now' }),
    unchanged: z.int().meta({ description: 'People who already had (or did not have) it' }),
    failed: z.int(),
    results: z.array(
      z.object({
        index: z.int().meta({ description: 'Position of the item in the request' }),
        status: z.enum(['added', 'removed', 'unchanged', 'failed']),
        personId: z.int().optional(),
        phone: z.string().optional().meta({ description: 'E.164' }),
        error: z.object({ code: z.string(), detail: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'TagPeopleResult' })

// ── Segments ─────────────────────────────────────────────────────────────────────────────────────

const SegmentDefinition = SegmentDefinitionSchema.meta({
  id: 'SegmentDefinition',
  description:
    "Conditions over the team's people; every present condition must hold (AND). lists: in any of these lists; tags: any/all/none of these tag ids; region: the phone's DDD in these states (capital, interior or both); field: an extra column (equals/contains ignore case; empty = missing or blank); consent: a consent was recorded; createdFrom/createdTo: days in São Paulo time, inclusive; engagement: received a campaign message in the last N days and/or never replied, optionally to one campaign. Unknown keys are refused. Deleted lists, tags or campaigns are reported by the preview and the rest still applies.",
})

export const SegmentSchema = z
  .object({
    id: z.int().meta({ example: 5 }),
    name: z.string(),
    definition: SegmentDefinition,
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Segment' })

export const CreateSegmentSchema = z
  .object({
    name: z.string().max(500).meta({ description: 'Up to 80 characters', example: 'VIPs de São Paulo' }),
    definition: SegmentDefinition,
  })
  .strict()
  .meta({ id: 'CreateSegmentRequest' })

export const UpdateSegmentSchema = z
  .object({
    name: z.string().max(500).optional(),
    definition: SegmentDefinition.optional().meta({ description: 'Replaces the whole definition' }),
  })
  .strict()
  .meta({ id: 'UpdateSegmentRequest' })

export const PreviewSegmentSchema = z
  .object({ definition: SegmentDefinition })
  .strict()
  .meta({ id: 'PreviewSegmentRequest' })

export const SegmentsQuerySchema = z.object({ cursor, limit })

export const SegmentPreviewSchema = z
  .object({
    count: z.int().meta({ description: "How many of the team's people the definition selects" }),
    sample: z
      .array(z.object({ id: z.int(), name: z.string(), phone: z.string().meta({ description: 'E.164' }) }))
      .meta({ description: 'The first 10 of them (oldest first)' }),
    missing: z
      .object({
        lists: z.int().meta({ description: 'Lists of the definition that were deleted' }),
        tags: z.int().meta({ description: 'Tags of the definition that were deleted' }),
        campaign: z.boolean().meta({ description: "The engagement's campaign was deleted" }),
      })
      .meta({ description: 'Deleted references: the rest of the definition still applies' }),
    warnings: z
      .array(z.object({ code: z.string(), detail: z.string() }))
      .meta({ description: "The Segmentos page's sentences for what is missing, in the caller's language" }),
  })
  .meta({ id: 'SegmentPreview' })
