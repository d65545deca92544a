// Opaque page cursors of /api/v1: base64url JSON, checked on the way back in (a tampered or foreign
// cursor is a 400, never a query with odd values).
import { fromBase64url, toBase64url, utf8 } from '../crypto/encoding'

export function encodeCursor(value: unknown): string {
  return toBase64url(utf8(JSON.stringify(value)))
}

/** The decoded cursor when `accept` recognises it, else null. */
export function decodeCursor<T>(cursor: string, accept: (value: unknown) => value is T): T | null {
  const bytes = fromBase64url(cursor)
  if (!bytes) return null
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return accept(value) ? value : null
  } catch {
    return null
  }
}
