// One conversation in Respostas (decision 032), oldest first: what the contact wrote (text; a photo,
// voice note or video played in place and a document to download, through short-lived signed links;
// edits and deletions shown as such), our campaign messages
// with their status and clicks, and the answers sent from Disparo with who sent them. Every text is
// rendered by React (escaped): an inbound "<b>" shows as typed.
import type { Translate } from '~/i18n'

export type TimelineItem =
  | {
      kind: 'them'
      key: string
      at: number
      date: string
      type: string
      body: string
      truncated: boolean
      media: {
        mimetype?: string | null
        filename?: string | null
        name?: string | null
        latitude?: string | null
        longitude?: string | null
        /** A short-lived signed link to our copy of the file, when we have one. */
        url?: string | null
        error?: 'too_large' | 'unavailable' | null
      } | null
      editedAt: number | null
      originalBody: string | null
      revokedAt: number | null
      campaignName: string | null
    }
  | {
      kind: 'campaign'
      key: string
      at: number
      date: string
      campaignName: string
      text: string | null
      status: string
      clickCount: number
    }
  | { kind: 'answer'; key: string; at: number; date: string; body: string; status: string; by: string | null }

const KNOWN_STATUSES = new Set(['sent', 'delivered', 'read', 'failed', 'unknown', 'sending'])

/** A phone as stored, or a plain sentence for a contact WhatsApp only gave us a privacy id for. */
export function displayPhone(phone: string, lidText: string): string {
  return phone.startsWith('lid:') ? lidText : phone
}

export function Timeline({ items, t, max }: { items: TimelineItem[]; t: Translate; max: number }) {
  if (items.length === 0) return <p className="muted">{t('inbox.conversation.empty')}</p>
  return (
    <ol className="chat">
      {items.map((item) => {
        if (item.kind === 'campaign') {
          return (
            <li key={item.key} className="us" data-testid="sent-campaign">
              <span className="meta">
                {t('inbox.item.campaign', { campaign: item.campaignName })} · {item.date} ·{' '}
                {KNOWN_STATUSES.has(item.status)
                  ? t(`inbox.msgStatus.${item.status}`)
                  : t('inbox.msgStatus.other', { status: item.status })}
                {item.clickCount > 0 ? ` · ${t('inbox.item.clicks', { count: item.clickCount })}` : ''}
              </span>
              {item.text}
            </li>
          )
        }
        if (item.kind === 'answer') {
          return (
            <li key={item.key} className="us" data-testid="answer">
              <span className="meta">
                {t('inbox.item.answer', { name: item.by ?? '—' })} · {item.date} ·{' '}
                {t(`inbox.answerStatus.${item.status}`)}
              </span>
              {item.body}
            </li>
          )
        }
        if (item.revokedAt) {
          return (
            <li key={item.key} className="them revoked" data-testid="inbound">
              <span className="meta">{item.date}</span>
              {t('inbox.item.revoked')}
            </li>
          )
        }
        return (
          <li key={item.key} className="them" data-testid="inbound">
            <span className="meta">
              {item.date}
              {item.campaignName ? ` · ${t('inbox.item.campaign', { campaign: item.campaignName })}` : ''}
              {item.editedAt ? ` · ${t('inbox.item.edited')}` : ''}
            </span>
            {item.type !== 'text' ? <Attachment item={item} t={t} /> : null}
            {item.body}
            {item.truncated ? <span className="meta">{t('inbox.item.truncated', { max })}</span> : null}
            {item.originalBody ? (
              <span className="meta">{t('inbox.item.original', { text: item.originalBody })}</span>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}

function Attachment({ item, t }: { item: Extract<TimelineItem, { kind: 'them' }>; t: Translate }) {
  const m = item.media
  const label = t(`inbox.type.${item.type}`)
  const detail = item.type === 'location' ? m?.name : (m?.filename ?? m?.mimetype)
  const url = m?.url
  const place = item.type === 'location' ? mapLink(m?.latitude, m?.longitude) : null
  if (place)
    return (
      <a href={place} className="meta" target="_blank" rel="noreferrer">
        📍 {label}
        {detail ? `: ${detail}` : ''}
      </a>
    )
  if (url && item.type === 'image')
    return (
      <a href={url} className="chat-media" target="_blank" rel="noreferrer">
        <img src={url} alt={m?.filename ?? label} loading="lazy" />
      </a>
    )
  if (url && item.type === 'audio')
    // biome-ignore lint/a11y/useMediaCaption: a voice note a contact recorded has no captions to give.
    return <audio className="chat-media" controls preload="none" src={url} aria-label={label} />
  if (url && item.type === 'video')
    // biome-ignore lint/a11y/useMediaCaption: a video a contact recorded has no captions to give.
    return <video className="chat-media" controls preload="none" src={url} aria-label={label} />
  if (url)
    return (
      <a href={url} className="meta" download={m?.filename ?? undefined}>
        📎 {label}
        {detail ? `: ${detail}` : ''}
      </a>
    )
  return (
    <span className="meta" title={m?.error ? undefined : t('inbox.item.mediaNote')}>
      📎 {label}
      {detail ? `: ${detail}` : ''}
      {m?.error ? ` · ${t(`inbox.media.${m.error}`, { mb: 16 })}` : ''}
    </span>
  )
}

/** An OpenStreetMap link to a shared location, when WAHA gave real coordinates. */
function mapLink(latitude: string | null | undefined, longitude: string | null | undefined): string | null {
  const lat = Number(latitude)
  const lon = Number(longitude)
  if (latitude == null || longitude == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`
}
