// drizzle over D1, built per invocation (no module singletons: the Remix build and the Worker
// entry are bundled separately and may each hold a copy of this module).
import { drizzle } from 'drizzle-orm/d1'
import * as schema from '../../../db/schema'

export type Db = ReturnType<typeof getDb>

export function getDb(d1: D1Database) {
  return drizzle(d1, { schema })
}
