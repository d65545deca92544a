// Which rows of a team a move copies, in what order (decision 044). Derived from the schema, so a new
// table is either copied or named here as the control database's: move-plan.test.ts fails otherwise.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as schema from '../../../../db/schema'

/** Tables only the control database holds for a team (the shard copies of `tenants`/`users` are shard-copy's). */
export const CONTROL_ONLY = new Set([
  'instance',
  'tenants',
  'users',
  'auth_sessions',
  'login_attempts',
  'login_known_addresses',
  'unclaimed_members',
  'rate_limits',
  'api_tokens',
  'api_idempotency_keys',
  'dead_letters',
  'machine_routes',
  'team_moves',
  'id_blocks',
])

/**
 * Tables whose rows SQLite triggers keep from other tables' rows (decision 041). Copying the source
 * rows fires the triggers on the target, so these are copied last and replace what the triggers wrote.
 */
const TRIGGER_KEPT = new Set([
  'campaign_counts',
  'campaign_read_hours',
  'campaign_failure_counts',
  'campaign_late_opt_outs',
])

/** Tables without a tenant_id: their team is their parent's. */
const BY_PARENT: Record<string, string> = {
  webhook_attempts: 'delivery_id IN (SELECT id FROM webhook_deliveries WHERE tenant_id = ?1)',
  webhook_events: 'session_id IN (SELECT id FROM waha_sessions WHERE tenant_id = ?1)',
}

export type MoveTable = {
  name: string
  columns: string[]
  /** SQL condition selecting the team's rows, with the team id as ?1. */
  where: string
  /** Counters rebuilt by triggers: replace, never ignore. */
  replace: boolean
  /** AUTOINCREMENT ids, issued from the shard's id block. */
  autoIncrement: boolean
}

function tablesOfSchema(): SQLiteTable[] {
  return (Object.values(schema) as unknown[]).filter(
    (v): v is SQLiteTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
  )
}

/** Parents before children (foreign keys), the trigger-kept counters last. */
function ordered(tables: { name: string; parents: string[] }[]): string[] {
  const names = new Set(tables.map((t) => t.name))
  const done: string[] = []
  const visit = (name: string, path: Set<string>) => {
    if (done.includes(name) || path.has(name)) return
    path.add(name)
    for (const p of tables.find((t) => t.name === name)?.parents ?? []) if (names.has(p)) visit(p, path)
    done.push(name)
  }
  for (const t of tables) visit(t.name, new Set())
  return [...done.filter((n) => !TRIGGER_KEPT.has(n)), ...done.filter((n) => TRIGGER_KEPT.has(n))]
}

let cached: MoveTable[] | null = null

/** Every table holding a team's rows on its shard, in copy order (delete in reverse). */
export function movePlan(): MoveTable[] {
  if (cached) return cached
  const configs = tablesOfSchema()
    .map((t) => getTableConfig(t))
    .filter((c) => !CONTROL_ONLY.has(c.name))
  const info = configs.map((c) => {
    const columns = c.columns.map((col) => col.name)
    const where = columns.includes('tenant_id') ? 'tenant_id = ?1' : BY_PARENT[c.name]
    if (!where) throw new Error(`move plan: table ${c.name} has no tenant_id and no parent rule`)
    return {
      name: c.name,
      columns,
      where,
      replace: TRIGGER_KEPT.has(c.name),
      autoIncrement: c.columns.some(
        (col) => col.primary && (col as { autoIncrement?: boolean }).autoIncrement === true,
      ),
      parents: c.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
    }
  })
  const order = ordered(info)
  cached = order.map((name) => {
    const { parents: _p, ...t } = info.find((i) => i.name === name) as (typeof info)[number]
    return t
  })
  return cached
}
