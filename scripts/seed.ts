// `npm run seed`: a demo team with realistic data in the LOCAL database (.wrangler/state), built with
// the same builders the tests use. Safe to run twice (it does nothing if the demo team exists).
import { eq } from 'drizzle-orm'
import { getPlatformProxy } from 'wrangler'
import { createAppContext } from '../app/core/context.server'
import { atShard } from '../app/core/db/shards.server'
import { placeNewTeam } from '../app/core/tenants/move/id-blocks.server'
import { copyTeamToShard } from '../app/core/tenants/shard-copy.server'
import { suppressions, users } from '../db/schema'
import { createContactList, createTenant, createUser } from '../tests/builders'

const persist = process.env.DISPARO_PERSIST_DIR ?? '.wrangler/state'
// `npm start` (like wrangler --persist-to DIR) keeps its state in DIR/v3
const { env, dispose } = await getPlatformProxy<Env>({ persist: { path: `${persist}/v3` } })
try {
  const ctx = createAppContext(env)
  const db = ctx.control
  const pepper = env.PASSWORD_PEPPER
  if (!pepper) throw new Error('PASSWORD_PEPPER missing: run `npm start` once (it creates .dev.vars)')
  const email = 'demo@disparo.local'
  if (await db.select().from(users).where(eq(users.email, email)).get()) {
    console.log(`A equipe demo já existe. Entre com ${email}.`)
  } else {
    const password = 'Demo-Disparo-2026'
    // Placed like any new team (decision 043): the least-loaded shard holds its data.
    const shard = await placeNewTeam(ctx)
    const tenant = await createTenant(db, 'Loja Demo', shard)
    await createUser(db, pepper, { tenantId: tenant.id, role: 'admin', email, name: 'Ana Demo', password })
    await createUser(db, pepper, {
      tenantId: tenant.id,
      role: 'operator',
      email: 'operador@disparo.local',
      name: 'Bruno Operador',
      password,
    })
    await createUser(db, pepper, {
      tenantId: tenant.id,
      role: 'viewer',
      email: 'leitor@disparo.local',
      name: 'Carla Leitora',
      password,
    })
    await copyTeamToShard(ctx, tenant.id)
    const data = atShard(ctx, shard).db
    const list = await createContactList(data, {
      tenantId: tenant.id,
      name: 'Clientes VIP',
      count: 120,
      seed: 2026,
    })
    await data.insert(suppressions).values(
      list.phones.slice(0, 3).map((phoneE164) => ({
        tenantId: tenant.id,
        phoneE164,
        reason: 'opt_out' as const,
        source: 'SAIR',
      })),
    )
    console.log(
      `Equipe demo criada. Entre com ${email} / ${password} (também operador@ e leitor@disparo.local).`,
    )
  }
} finally {
  await dispose()
}
