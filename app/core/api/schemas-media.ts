// The /api/v1 shapes of attachments (decision 034 kinds): the upload's answer and the media id that
// campaigns and single messages take.
import { z } from 'zod'
import { MEDIA_KINDS } from '../campaigns/media-kinds'

export const mediaId = z
  .string()
  .regex(/^[a-z0-9_]{8,64}$/)
  .meta({ description: 'The id POST /media answered', example: 'med_3k9m2q7r8t1v4x6z' })

export const MediaSchema = z
  .object({
    id: mediaId,
    kind: z.enum(MEDIA_KINDS).meta({
      description:
        'Decided from the file’s first bytes (never its name or Content-Type): image (JPEG, PNG, WebP), document (PDF, Office, ZIP, text), video (MP4), voice (OGG/Opus, MP3, M4A…)',
    }),
    type: z.string().meta({ description: 'The media type read from the bytes', example: 'application/pdf' }),
    name: z.string().nullable().meta({ description: 'A document’s file name as sent to WhatsApp' }),
    size: z.int(),
  })
  .meta({ id: 'Media' })

export const UploadMediaQuerySchema = z.object({
  name: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'The file name (documents are sent with it)', example: 'Catálogo.pdf' }),
})
