// Applies db/migrations to the isolated test D1s before the tests of each file run: the control
// database and every tenant shard (decision 043), as `npm start` and a deploy do.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

const bindings = env as unknown as Record<string, D1Database>
for (const name of ['DB', ...env.TENANT_SHARDS.split(',').map((n) => n.trim())]) {
  const d1 = bindings[name]
  if (!d1) throw new Error(`missing D1 binding ${name}`)
  await applyD1Migrations(d1, env.TEST_MIGRATIONS)
}
