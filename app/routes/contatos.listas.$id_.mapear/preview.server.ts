// The mapping step's preview: the first records of the stored original, read from R2 (72 KB only) and
// parsed by papaparse from the decoded text (decision 027), with the column labels detected on them.
import { detectColumns } from '~/core/contacts/import/columns'
import { previewRows } from '~/core/contacts/import/preview'
import { readHead, storedFormat } from '~/core/contacts/import/source.server'
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
  const sample = previewRows(head, storedFormat(list), {
    complete: head.length >= (list.fileSize ?? 0) - list.cursorByte,
  })
  const rows = sample.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, fields: r.fields.slice(0, 50) }))
  return { ok: true, labels: detectColumns(sample).labels.slice(0, 200), rows }
}
