// Zod schemas for WAHA webhook envelopes and the payloads Disparo uses (CONTRACT §7): session.status,
// message, message.any, message.ack (+ message.ack.group), message.edited, message.revoked. Tolerant on purpose: unknown fields are
// ignored, and fields the spec calls required strings may be null or missing in real payloads
// (`to`, `participant`, `media`, `location`, `replyTo`, `environment.browser`, `me` before pairing).

import { z } from 'zod'

const str = z
  .string()
  .nullish()
  .transform((v) => v ?? null)
const num = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : Number(v)))
const bool = z
  .union([z.boolean(), z.literal('true'), z.literal('false')])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : v === true || v === 'true'))

/** Ack numbers and names (CONTRACT §7): -1 ERROR … 4 PLAYED. */
const ACK_NAMES = {
  '-1': 'ERROR',
  '0': 'PENDING',
  '1': 'SERVER',
  '2': 'DEVICE',
  '3': 'READ',
  '4': 'PLAYED',
} as const

/** A known ack name, or UNKNOWN. */
export type AckName = (typeof ACK_NAMES)[keyof typeof ACK_NAMES] | 'UNKNOWN'

/** Normalises an ack from its number and/or name (either may be missing or odd). */
export function normaliseAck(
  ack: number | null,
  ackName: string | null,
): { ack: number | null; ackName: AckName } {
  const byNumber = ack === null ? undefined : ACK_NAMES[String(ack) as keyof typeof ACK_NAMES]
  if (byNumber) return { ack, ackName: byNumber }
  const upper = (ackName ?? '').toUpperCase()
  const entry = Object.entries(ACK_NAMES).find(([, name]) => name === upper)
  if (entry) return { ack: Number(entry[0]), ackName: entry[1] }
  return { ack, ackName: 'UNKNOWN' }
}

/** The envelope of every WAHA webhook. */
export const EnvelopeSchema = z.object({
  id: str,
  timestamp: num,
  event: z.string().min(1),
  session: z.string().min(1),
  metadata: z
    .record(z.string(), z.unknown())
    .nullish()
    .catch(null)
    .transform((v) => {
      const out: Record<string, string> = {}
      for (const [k, value] of Object.entries(v ?? {})) if (typeof value === 'string') out[k] = value
      return out
    }),
  me: z
    .object({ id: z.string(), pushName: str, lid: str, jid: str })
    .nullish()
    .catch(null)
    .transform((v) => v ?? null),
  payload: z.unknown(),
  engine: str.catch(null),
})

/** session.status payload. */
export const SessionStatusPayloadSchema = z.object({
  name: str,
  status: z.string().min(1),
  statuses: z
    .array(z.object({ status: z.string(), timestamp: num }))
    .nullish()
    .catch(null)
    .transform((v) => v ?? []),
  data: z.unknown().optional(),
})

/** message / message.any payload (`WAMessage`). */
export const MessagePayloadSchema = z.object({
  id: z.string().min(1),
  timestamp: num,
  from: str,
  to: str,
  participant: str,
  fromMe: bool.transform((v) => v ?? false),
  source: str,
  body: str,
  hasMedia: bool.transform((v) => v ?? false),
  media: z
    .object({ url: str, mimetype: str, filename: str })
    .nullish()
    .catch(null)
    .transform((v) => v ?? null),
  location: z
    .object({ latitude: str, longitude: str, name: str, address: str })
    .nullish()
    .catch(null)
    .transform((v) => v ?? null),
  ack: num,
  ackName: str,
  replyTo: z
    .object({ id: str, participant: str, body: str })
    .nullish()
    .catch(null)
    .transform((v) => v ?? null),
})

/** message.edited payload (`WAMessageEditedBody`): the new message, naming the one it edits. */
export const EditedPayloadSchema = MessagePayloadSchema.extend({ editedMessageId: str })

/** message.revoked payload (`WAMessageRevokedBody`): the id (key) revoked, and the messages around it. */
export const RevokedPayloadSchema = z.object({
  revokedMessageId: str,
  after: MessagePayloadSchema.nullish()
    .catch(null)
    .transform((v) => v ?? null),
  before: MessagePayloadSchema.nullish()
    .catch(null)
    .transform((v) => v ?? null),
})

/** message.ack / message.ack.group payload (`WAMessageAckBody`, or a full WAMessage on WEBJS). */
export const AckPayloadSchema = z.object({
  id: z.string().min(1),
  from: str,
  to: str,
  participant: str,
  fromMe: bool,
  ack: num,
  ackName: str,
})

/** poll.vote / poll.vote.failed payload (`PollVotePayload`): the vote and the poll it answers. */
export const PollVotePayloadSchema = z.object({
  vote: z.object({
    id: str,
    selectedOptions: z
      .array(z.unknown())
      .nullish()
      .catch(null)
      .transform((v) => (v ?? []).filter((o): o is string => typeof o === 'string')),
    timestamp: num,
    from: str,
    to: str,
    fromMe: bool,
    participant: str,
  }),
  poll: z.object({ id: z.string().min(1), to: str, from: str, fromMe: bool }),
})
