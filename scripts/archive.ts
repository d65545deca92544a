// Operators' archive commands against the LOCAL database and R2 (.wrangler/state), decision 042:
//   npm run archive:now -- <campaignId>       every archive step now, whatever the campaign's age
//   npm run archive:restore -- <campaignId>   the rows back to D1 (refused for a missing/corrupt object)
// Production: the campaign page's "Restaurar mensagens para o banco" (admins), README "Arquivos".
import { eq } from 'drizzle-orm'
import { getPlatformProxy } from 'wrangler'
import { archiveNow } from '../app/core/campaigns/archive.server'
import { restoreArchive } from '../app/core/campaigns/archive-restore.server'
import { type AppContext, createAppContext } from '../app/core/context.server'
import { atShard, tenantDatabases } from '../app/core/db/shards.server'
import { scopeTo } from '../app/core/db/tenant.server'
import { campaigns } from '../db/schema'

const [command, campaignId] = process.argv.slice(2)
if ((command !== 'now' && command !== 'restore') || !campaignId) {
  console.error('Uso: npm run archive:now -- <idDaCampanha>  |  npm run archive:restore -- <idDaCampanha>')
  process.exit(2)
}
/** The campaign's team, looked up in each tenant database (an operator's command, not a request path). */
async function findCampaign(ctx: AppContext) {
  for (const name of tenantDatabases(ctx)) {
    const at = atShard(ctx, name)
    const row = await at.db
      .select({ tenantId: campaigns.tenantId })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId as string))
      .get()
    if (row) return { at, tenantId: row.tenantId }
  }
  return null
}

async function run(ctx: AppContext) {
  // The operator names a campaign, not a team: find its team, then work inside that team's scope.
  const found = await findCampaign(ctx)
  if (!found) {
    console.log(`Campanha ${campaignId} não encontrada.`)
    process.exitCode = 1
    return
  }
  const scope = scopeTo(found.at, found.tenantId)
  if (command === 'now') {
    const r = await archiveNow(scope, campaignId as string)
    console.log(r.ok ? `Campanha ${campaignId} arquivada.` : `Não arquivada: ${r.why}.`)
    if (!r.ok) process.exitCode = 1
    return
  }
  const r = await restoreArchive(scope, campaignId as string)
  console.log(
    r.ok
      ? `Restauradas ${r.restored.campaign_messages} mensagens e ${r.restored.campaign_audience} linhas de público.`
      : `Restauração recusada: ${r.why}. Nada foi alterado.`,
  )
  if (!r.ok) process.exitCode = 1
}

const persist = process.env.DISPARO_PERSIST_DIR ?? '.wrangler/state'
const { env, dispose } = await getPlatformProxy<Env>({ persist: { path: `${persist}/v3` } })
try {
  const ctx = createAppContext(env)
  // Beside `npm start` both processes write the same local SQLite file, and a write can meet
  // SQLITE_BUSY; both commands resume where they stopped, so they simply run again (3 tries).
  for (let attempt = 1; ; attempt++) {
    try {
      await run(ctx)
      break
    } catch (error) {
      if (attempt >= 3) throw error
      console.warn(`Tentativa ${attempt} falhou (${String(error).slice(0, 200)}); tentando de novo.`)
      await new Promise((r) => setTimeout(r, 500 * attempt))
    }
  }
} finally {
  await dispose()
}
