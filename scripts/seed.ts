// `npm run seed`: a demo team with realistic data in the LOCAL database (.wrangler/state), built with
// the same builders the tests use. Safe to run twice (it does nothing if the demo team exists).
import { eq } from 'drizzle-orm'
import { getPlatformProxy } from 'wrangler'
import { getDb } from '../app/core/db/client.server'
import { suppressions, users } from '../db/schema'
import { createContactList, createTenant, createUser } from '../tests/builders'

const persist = process.env.DISPARO_PERSIST_DIR ?? '.wrangler/state'
// `npm start` (like wrangler --persist-to DIR) keeps its state in DIR/v3
const { env, dispose } = await getPlatformProxy<Env>({ persist: { path: `${persist}/v3` } })
try {
  const db = getDb(env.DB)
  const pepper = env.PASSWORD_PEPPER
  if (!pepper) throw new Error('PASSWORD_PEPPER missing: run `npm start` once (it creates .dev.vars)')
  const email = 'demo@disparo.local'
  if (await db.select().from(users).where(eq(users.email, email)).get()) {
    console.log(`A equipe demo já existe. Entre com ${email}.`)
  } else {
    const password = 'Demo-Disparo-2026'
    const tenant = await createTenant(db, 'Loja Demo')
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
    const list = await createContactList(db, {
      tenantId: tenant.id,
      name: 'Clientes VIP',
      count: 120,
      seed: 2026,
    })
    await db.insert(suppressions).values(
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
