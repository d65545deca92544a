// drizzle over D1. Building the instance digests the whole schema (~40 µs), so it is kept per D1
// binding object (a WeakMap, not a module singleton: the Remix build and the Worker entry are bundled
// separately and may each hold a copy of this module, each with its own cache).
import { drizzle } from 'drizzle-orm/d1'
import * as schema from '../../../db/schema'

const build = (d1: D1Database) => drizzle(d1, { schema })

export type Db = ReturnType<typeof build>

const instances = new WeakMap<D1Database, Db>()

export function getDb(d1: D1Database): Db {
  let db = instances.get(d1)
  if (!db) {
    db = build(d1)
    instances.set(d1, db)
  }
  return db
}
