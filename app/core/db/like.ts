// Substring search in SQL for D1: LIKE with % _ and \ escaped, within D1's 50-byte pattern limit
// (a longer pattern fails the whole query with "LIKE or GLOB pattern too complex").
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm'

const LIKE_MAX_BYTES = 50

/**
 * A LIKE pattern that matches `text` anywhere, with % _ and \ escaped (use ESCAPE '\'), shortened to
 * fit D1's 50-byte pattern limit (characters dropped from the end).
 */
export function likePattern(text: string): string {
  const encoder = new TextEncoder()
  let chars = [...text]
  for (;;) {
    const pattern = `%${chars.join('').replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    if (encoder.encode(pattern).length <= LIKE_MAX_BYTES || chars.length === 0) return pattern
    chars = chars.slice(0, -1)
  }
}

/** `column` contains `text` (case-insensitive for ASCII, as SQLite's LIKE). */
export const containsText = (column: SQLWrapper, text: string): SQL =>
  sql`${column} LIKE ${likePattern(text)} ESCAPE '\\'`
