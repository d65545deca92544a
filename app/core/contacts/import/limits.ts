import { ptText } from '../../../i18n'
import { type Text, text } from '../../../i18n/text'

// Hard limits of a contact import, with the texts shown when a file goes over them. There is
// no limit on the number of rows (decision 016): the file size bounds a file, and the import works
// through it in steps from a byte cursor, so every row of an accepted file is imported or rejected
// with a reason, never dropped.

export const IMPORT_LIMITS = {
  /** Largest accepted upload. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Longest record (bytes); longer ones are rejected without being buffered. */
  maxLineBytes: 64 * 1024,
  /** Most columns in one record. */
  maxColumns: 200,
  /** Most physical lines one quoted record may span before its quote is considered unbalanced. */
  maxLinesPerRecord: 50,
  /** Names longer than this are cut. */
  maxNameLength: 200,
  /** Company and extra values longer than this are cut. */
  maxValueLength: 500,
  /** Characters of a rejected line kept for the "download rejects" report. */
  maxRawLength: 1000,
} as const

const TOO_LARGE = text('import.limit.fileTooLarge', { mb: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 })
const EMPTY = text('import.sniff.empty')

/** Checks an upload's size against IMPORT_LIMITS.maxFileBytes (and refuses empty files). */
export function checkFileSize(bytes: number): { ok: true } | { ok: false; text: Text; message: string } {
  if (bytes <= 0) return { ok: false, text: EMPTY, message: ptText(EMPTY) }
  if (bytes > IMPORT_LIMITS.maxFileBytes) return { ok: false, text: TOO_LARGE, message: ptText(TOO_LARGE) }
  return { ok: true }
}
