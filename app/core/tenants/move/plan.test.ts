import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../../db/schema'
import { CONTROL_ONLY, movePlan } from './plan'

const tables = (Object.values(schema) as unknown[])
  .filter(
    (v): v is SQLiteTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
  )
  .map((t) => getTableConfig(t))

describe('move plan', () => {
  it('should copy every table but the control database own, each once', () => {
    const planned = movePlan().map((t) => t.name)
    expect(new Set(planned).size).toBe(planned.length)
    for (const t of tables) expect(CONTROL_ONLY.has(t.name) !== planned.includes(t.name)).toBe(true)
  })

  it('should copy parents before children and the trigger-kept counters last', () => {
    const order = movePlan().map((t) => t.name)
    for (const t of tables.filter((c) => order.includes(c.name))) {
      for (const fk of t.foreignKeys) {
        const parent = getTableConfig(fk.reference().foreignTable).name
        if (order.includes(parent)) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(t.name))
      }
    }
    const replaced = movePlan().filter((t) => t.replace)
    expect(replaced.map((t) => t.name).sort()).toEqual(
      ['campaign_counts', 'campaign_failure_counts', 'campaign_late_opt_outs', 'campaign_read_hours'].sort(),
    )
    expect(order.slice(-replaced.length).sort()).toEqual(replaced.map((t) => t.name).sort())
  })

  it('should know which tables issue AUTOINCREMENT ids (their counters move into a shard id block)', () => {
    const auto = movePlan()
      .filter((t) => t.autoIncrement)
      .map((t) => t.name)
    expect(auto).toEqual(
      expect.arrayContaining(['people', 'contacts', 'campaign_messages', 'segments', 'tags']),
    )
    expect(auto).not.toContain('campaigns')
  })
})
