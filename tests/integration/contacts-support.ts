// Shared helpers for the contacts integration tests: core calls with a captured import queue (no
// background consumer), a D1 binding that counts statements, and file builders for bad inputs.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { type ImportRunOptions, runImport } from '../../app/core/contacts/import/run.server'
import { startImport } from '../../app/core/contacts/import/start.server'
import { type AppContext, createAppContext } from '../../app/core/context.server'
import { atShard } from '../../app/core/db/shards.server'
import { scopeTo, type TenantScope } from '../../app/core/db/tenant.server'
import type { ImportJob } from '../../app/core/queue-messages'
import { contactLists } from '../../db/schema'
import type { TestTenant } from './helpers/app'

export type Harness = {
  ctx: AppContext
  scope: TenantScope
  jobs: ImportJob[]
  statements: () => number
  failNextBatch: (n?: number) => void
}

/** A context whose import queue only records jobs and whose D1 counts statements (and can be told to fail). */
export function harness(t: TestTenant, userId = t.users.operator.id): Harness {
  const jobs: ImportJob[] = []
  let count = 0
  let failBatches = 0
  // The team's shard (decision 043) is the database the import writes.
  const shard = t.ctx.shard
  const db = (env as unknown as Record<string, D1Database>)[shard] as D1Database
  // Counts every statement that reaches D1: single runs and each member of a batch. Statements stay
  // the real objects (batch() needs them); only their run methods are patched.
  const patch = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const s = stmt as unknown as Record<string, (...a: unknown[]) => unknown>
    for (const m of ['run', 'all', 'first', 'raw']) {
      const orig = s[m]!.bind(stmt)
      s[m] = (...a: unknown[]) => {
        count++
        return orig(...a)
      }
    }
    const bind = s.bind!.bind(stmt)
    s.bind = (...a: unknown[]) => patch(bind(...a) as D1PreparedStatement)
    return stmt
  }
  const counting = {
    prepare: (query: string) => patch(db.prepare(query)),
    batch: (stmts: D1PreparedStatement[]) => {
      count += stmts.length
      if (failBatches > 0 && stmts.length > 2) {
        failBatches--
        return Promise.reject(new Error('D1_ERROR: simulated outage'))
      }
      return db.batch(stmts)
    },
    exec: (q: string) => {
      count++
      return db.exec(q)
    },
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c),
  }
  const queue = { send: async (job: ImportJob) => void jobs.push(job), sendBatch: async () => undefined }
  const testEnv = { ...env, [shard]: counting, IMPORT_QUEUE: queue } as unknown as Env
  const ctx = atShard(createAppContext(testEnv), shard)
  return {
    ctx,
    scope: scopeTo(ctx, t.tenantId, userId),
    jobs,
    statements: () => count,
    failNextBatch: (n = 1) => {
      failBatches = n
    },
  }
}

/** Uploads through core (no queue consumer runs in the background). */
export async function upload(
  h: Harness,
  bytes: Uint8Array | string,
  opts: { name?: string; listName?: string; listId?: string } = {},
) {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  return startImport(h.scope, {
    file: new Blob([data as BlobPart]),
    fileName: opts.name ?? 'contatos.csv',
    listName: opts.listId ? undefined : (opts.listName ?? 'Clientes'),
    listId: opts.listId,
  })
}

/** Runs queued jobs until none is left; returns the invocations' results. */
export async function drain(h: Harness, opts: ImportRunOptions = {}) {
  const results = []
  for (let guard = 0; h.jobs.length > 0 && guard < 10_000; guard++) {
    const job = h.jobs.shift() as ImportJob
    results.push(await runImport(h.ctx, job, opts))
  }
  return results
}

export async function listRow(h: Harness, id: string) {
  return h.ctx.db.select().from(contactLists).where(eq(contactLists.id, id)).get()
}

/** Windows-1252 bytes of a Latin-1 string. */
export function cp1252(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0))
}

/** The multipart body the import page posts. */
export function importForm(
  bytes: Uint8Array | string,
  fields: Record<string, string> = { target: 'new', listName: 'Clientes' },
  name = 'contatos.csv',
) {
  const form = new FormData()
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  form.set('file', new File([data as BlobPart], name, { type: 'text/csv' }))
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return form
}

/** Decodes the flash cookie a redirect carries. */
export function flashOf(
  res: Response,
): { kind: string; message: string; vars?: Record<string, string> } | null {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]!.slice('disparo_flash='.length))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}

/** Polls until the list leaves 'importing' (the real queue consumer runs in the background). */
export async function waitForList(h: Harness, id: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const row = await listRow(h, id)
    if (row && row.status !== 'importing') return row
    if (Date.now() > deadline) return row
    await new Promise((r) => setTimeout(r, 50))
  }
}
