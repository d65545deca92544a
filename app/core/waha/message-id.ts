// WAHA message ids across engines (CONTRACT §1, §5): the serialized form is
// `{fromMe}_{chatId}_{key}[_{participant}]`. Send responses are engine specific, so the id is
// extracted from whichever shape arrived: GOWS `{id}`, WEBJS `{id: {_serialized}}`, NOWEB Baileys
// `{key: {remoteJid, fromMe, id}}`, or `_data.id._serialized`. None found -> null (correlate later
// through `message.any`).

/** The parts of a serialized WAHA message id. */
export interface MessageIdParts {
  fromMe: boolean
  chatId: string
  key: string
  participant: string | null
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null

const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null

/** Rewrites an internal JID (`5511…:12@s.whatsapp.net`) to the chat id WAHA uses (`5511…@c.us`). */
export function jidToChatId(jid: string): string {
  const match = /^(\d+)(?::\d+)?@s\.whatsapp\.net$/.exec(jid)
  return match ? `${match[1]}@c.us` : jid
}

function fromKey(key: Record<string, unknown>): string | null {
  const id = nonEmpty(key.id)
  const remoteJid = nonEmpty(key.remoteJid)
  if (!id || !remoteJid) return null
  const fromMe = key.fromMe === true || key.fromMe === 'true'
  const participant = nonEmpty(key.participant)
  const tail = participant ? `_${jidToChatId(participant)}` : ''
  return `${fromMe}_${jidToChatId(remoteJid)}_${id}${tail}`
}

function fromIdField(value: unknown): string | null {
  const direct = nonEmpty(value)
  if (direct) return direct
  const record = asRecord(value)
  return record ? nonEmpty(record._serialized) : null
}

/** Extracts the serialized message id from any engine's send response; null when absent. */
export function extractMessageId(body: unknown): string | null {
  const record = asRecord(body)
  if (!record) return null
  const direct = fromIdField(record.id)
  if (direct) return direct
  const key = asRecord(record.key)
  if (key) {
    const built = fromKey(key)
    if (built) return built
  }
  const data = asRecord(record._data)
  if (data) {
    const nested = fromIdField(data.id)
    if (nested) return nested
    const dataKey = asRecord(data.key)
    if (dataKey) return fromKey(dataKey)
  }
  return null
}

/** Splits a serialized message id into its parts; null when it is not in the WAHA format. */
export function parseMessageId(id: string): MessageIdParts | null {
  const match = /^(true|false)_([^_]+@[a-z.]+)_([^_]+)(?:_(.+))?$/.exec(id)
  if (!match) return null
  const [, fromMe, chatId, key, participant] = match
  if (!chatId || !key) return null
  return { fromMe: fromMe === 'true', chatId, key, participant: participant ?? null }
}
