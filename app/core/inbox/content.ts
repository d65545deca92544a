// What an inbound message holds, for Respostas (decision 032): its type (text, image, audio, video,
// document, location), its text or caption cut to INBOUND_BODY_MAX (flagged so the page says so), and
// the media description WAHA gave (type, file name; WAHA's URL is kept but never shown).
import type { InboundMedia, InboundType } from '../../../db/schema'

/** The longest text kept per message; WhatsApp allows about 65,000 characters. */
export const INBOUND_BODY_MAX = 4000

type MessageLike = {
  body: string
  hasMedia: boolean
  media: { url: string | null; mimetype: string | null; filename: string | null } | null
  location: { latitude: string | null; longitude: string | null; name: string | null } | null
}

function typeOf(m: MessageLike): InboundType {
  if (m.location) return 'location'
  const mime = m.media?.mimetype ?? ''
  if (mime.startsWith('image/')) return 'image'
  if (mime.startsWith('audio/')) return 'audio'
  if (mime.startsWith('video/')) return 'video'
  if (mime) return 'document'
  return m.hasMedia ? 'other' : 'text'
}

/** The columns of an inbound message's content. */
export function inboundContent(m: MessageLike): {
  type: InboundType
  body: string
  truncated: boolean
  media: InboundMedia | null
} {
  const text = m.body ?? ''
  const truncated = text.length > INBOUND_BODY_MAX
  const media: InboundMedia | null = m.location
    ? { latitude: m.location.latitude, longitude: m.location.longitude, name: m.location.name }
    : m.media
      ? { mimetype: m.media.mimetype, filename: m.media.filename, url: m.media.url }
      : null
  return { type: typeOf(m), body: truncated ? text.slice(0, INBOUND_BODY_MAX) : text, truncated, media }
}
