// The mapping step's preview: the first records of the stored original, read from R2 (64 KB only).
import { inspectWithFormat, readHead, storedFormat } from '~/core/contacts/import/source.server'
import type { TenantScope } from '~/core/db/tenant.server'

const PREVIEW_ROWS = 10

export type Preview =
  | { ok: true; labels: string[]; rows: Array<{ line: number; fields: string[] }> }
  | { ok: false; message: string }

export async function readPreview(
  scope: TenantScope,
  list: {
    sourceKey: string | null
    cursorByte: number
    fileSize: number | null
    encoding: string | null
    delimiter: string | null
  },
): Promise<Preview> {
  const head = list.sourceKey ? await readHead(scope.env.FILES, list.sourceKey, list.cursorByte) : null
  if (!head) return { ok: false, message: 'contacts.mapping.fileGone' }
  const inspection = inspectWithFormat(head, (list.fileSize ?? 0) - list.cursorByte, storedFormat(list))
  if (!inspection.ok) return { ok: false, message: inspection.message }
  const rows = inspection.rows
    .flatMap((r) => (r.ok ? [{ line: r.line, fields: r.fields.slice(0, 50) }] : []))
    .slice(0, PREVIEW_ROWS)
  return { ok: true, labels: inspection.detection.labels.slice(0, 200), rows }
}
