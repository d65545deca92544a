// AI providers of a tenant (docs/design.md §2 ai_providers): list, save (API key sealed with AES-GCM, AAD
// tenant|row|api_key; only a masked tail is ever shown again), default switching, delete, and the
// decrypted config for the AI client. Every query is built with ownedBy/ownedRow; another tenant's id
// raises NotFoundError (404).

import { and, asc, eq, isNull, ne } from 'drizzle-orm'
import { aiProviders } from '../../../db/schema'
import type { Text } from '../../i18n/text'
import { maskSecret } from '../crypto/secrets'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { checkOutboundUrl } from '../net/outbound-url'
import { lastErrorColumns, lastErrorText } from '../stored-text'
import { audit } from '../tenants/audit.server'
import { openSecret, sealSecret } from '../tenants/secrets.server'
import { type AiPlatform, type AiProviderConfig, PLATFORMS, type ProviderView } from './platforms'
import type { ProviderFormValues } from './provider-form'

export type { ProviderView }

/** At most this many providers per tenant (several OpenAI-compatible ones are allowed). */
const MAX_PROVIDERS = 20

type ProviderRow = typeof aiProviders.$inferSelect

/** A provider ready for the AI client (key decrypted). Server-only: never send it to a browser. */
export interface UsableProvider extends AiProviderConfig {
  id: string
  name: string
  platform: AiPlatform
  baseUrl: string
  apiKey: string | null
  model: string | null
}

function toView(row: ProviderRow): ProviderView {
  return {
    id: row.id,
    platform: row.platform,
    name: row.name,
    baseUrl: row.baseUrl,
    model: row.model,
    hasKey: row.apiKeyEnc !== null,
    keyMask: row.apiKeyEnc !== null ? row.apiKeyTail : null,
    status: row.status,
    lastTestedAt: row.lastTestedAt,
    lastError: lastErrorText(row),
    isDefault: row.isDefault,
  }
}

async function loadRow(scope: TenantScope, id: string): Promise<ProviderRow> {
  return found(
    await scope.db
      .select()
      .from(aiProviders)
      .where(ownedRow(scope, aiProviders, id))
      .get(),
    'ai provider',
  )
}

/** The tenant's providers, default first, then oldest first. */
export async function listProviders(scope: TenantScope): Promise<ProviderView[]> {
  const rows = await scope.db
    .select()
    .from(aiProviders)
    .where(ownedBy(scope, aiProviders))
    .orderBy(asc(aiProviders.createdAt), asc(aiProviders.id))
  return rows.map(toView)
}

/** Result of saveProvider; `message` is an i18n key or a pt-BR reason. */
export type SaveProviderResult =
  | { ok: true; id: string; created: boolean }
  /** `message`: a key or pt-BR; `text`, when there is one, is what the page shows (decision 025). */
  | { ok: false; field: 'baseUrl' | 'apiKey' | 'name' | null; message: string; text?: Text }

function normaliseBaseUrl(url: URL): string {
  return url.href.replace(/\/+$/, '')
}

/**
 * Creates (no id) or updates a provider. An empty apiKey on update keeps the stored key. Changing the
 * base URL, key or model makes the status "untested" again. The first provider becomes the default.
 */
export async function saveProvider(
  scope: TenantScope,
  input: ProviderFormValues,
): Promise<SaveProviderResult> {
  const existing = input.id ? await loadRow(scope, input.id) : null
  const platform = existing?.platform ?? input.platform
  const info = PLATFORMS[platform]
  const url = checkOutboundUrl(input.baseUrl, { allowPrivate: scope.config.allowPrivateUrls })
  if (!url.ok) return { ok: false, field: 'baseUrl', message: url.message, text: url.text }
  const baseUrl = normaliseBaseUrl(url.url)
  const apiKey = input.apiKey?.trim() || null
  if (apiKey && /\s/.test(apiKey)) return { ok: false, field: 'apiKey', message: 'ai.errors.keySpaces' }
  if (info.keyRequired && !apiKey && !existing?.apiKeyEnc) {
    return { ok: false, field: 'apiKey', message: 'ai.errors.keyRequired' }
  }
  const name = input.name?.trim() || existing?.name || info.displayName
  if (platform === 'openai-compatible' && !input.name?.trim() && !existing) {
    return { ok: false, field: 'name', message: 'ai.errors.nameRequired' }
  }
  const model = input.model?.trim() || null
  const now = scope.clock()

  if (!existing) {
    const others = await scope.db
      .select({ id: aiProviders.id, platform: aiProviders.platform, isDefault: aiProviders.isDefault })
      .from(aiProviders)
      .where(ownedBy(scope, aiProviders))
    if (others.length >= MAX_PROVIDERS) return { ok: false, field: null, message: 'ai.errors.tooMany' }
    if (platform !== 'openai-compatible' && others.some((o) => o.platform === platform)) {
      return { ok: false, field: null, message: 'ai.errors.platformTaken' }
    }
    const id = newId('aip')
    await scope.db.insert(aiProviders).values({
      id,
      tenantId: scope.tenantId,
      platform,
      name,
      baseUrl,
      model,
      apiKeyEnc: apiKey ? await sealSecret(scope, scope.tenantId, id, 'api_key', apiKey) : null,
      apiKeyTail: apiKey ? maskSecret(apiKey) : null,
      status: 'untested',
      isDefault: !others.some((o) => o.isDefault),
      createdAt: now,
      updatedAt: now,
    })
    await audit(scope, 'ai.create', id, { platform })
    return { ok: true, id, created: true }
  }

  const connectionChanged = apiKey !== null || baseUrl !== existing.baseUrl || model !== existing.model
  await scope.db
    .update(aiProviders)
    .set({
      name,
      baseUrl,
      model,
      ...(apiKey
        ? {
            apiKeyEnc: await sealSecret(scope, scope.tenantId, existing.id, 'api_key', apiKey),
            apiKeyTail: maskSecret(apiKey),
          }
        : {}),
      ...(connectionChanged ? { status: 'untested' as const, lastError: null } : {}),
      updatedAt: now,
    })
    .where(ownedRow(scope, aiProviders, existing.id))
  await audit(scope, 'ai.update', existing.id, { platform, keyChanged: apiKey !== null })
  return { ok: true, id: existing.id, created: false }
}

/** "Usar como padrão": this provider becomes the tenant's only default. */
export async function setDefaultProvider(scope: TenantScope, id: string): Promise<void> {
  const row = await loadRow(scope, id)
  const now = scope.clock()
  await scope.db.batch([
    scope.db
      .update(aiProviders)
      .set({ isDefault: false, updatedAt: now })
      .where(ownedBy(scope, aiProviders, ne(aiProviders.id, row.id), eq(aiProviders.isDefault, true))),
    scope.db
      .update(aiProviders)
      .set({ isDefault: true, updatedAt: now })
      .where(ownedRow(scope, aiProviders, row.id)),
  ])
  await audit(scope, 'ai.default', row.id, { platform: row.platform })
}

/** Deletes a provider; when it was the default, the oldest remaining one becomes the default. */
export async function deleteProvider(scope: TenantScope, id: string): Promise<void> {
  const row = await loadRow(scope, id)
  await scope.db.delete(aiProviders).where(ownedRow(scope, aiProviders, row.id))
  if (row.isDefault) {
    const next = await scope.db
      .select({ id: aiProviders.id })
      .from(aiProviders)
      .where(ownedBy(scope, aiProviders))
      .orderBy(asc(aiProviders.createdAt), asc(aiProviders.id))
      .get()
    if (next) {
      await scope.db
        .update(aiProviders)
        .set({ isDefault: true, updatedAt: scope.clock() })
        .where(and(ownedRow(scope, aiProviders, next.id)))
    }
  }
  await audit(scope, 'ai.delete', row.id, { platform: row.platform })
}

async function usable(scope: TenantScope, row: ProviderRow): Promise<UsableProvider> {
  let apiKey: string | null = null
  if (row.apiKeyEnc) {
    try {
      apiKey = await openSecret(scope, scope.tenantId, row.id, 'api_key', row.apiKeyEnc)
    } catch {
      // SECRETS_KEY changed or the blob was tampered with: the client then asks for the key again.
      apiKey = null
    }
  }
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    baseUrl: row.baseUrl,
    apiKey,
    model: row.model,
  }
}

/** The decrypted config of one provider (NotFoundError for a missing or foreign id). Server-only. */
export async function providerConfig(scope: TenantScope, id: string): Promise<UsableProvider> {
  return usable(scope, await loadRow(scope, id))
}

/**
 * "Usar IA": the decrypted config of `providerId`, or of the tenant's default provider when omitted.
 * Null when there is no such provider for this tenant (or no default). Server-only.
 */
export async function getProviderForUse(
  scope: TenantScope,
  providerId?: string | null,
): Promise<UsableProvider | null> {
  const row = providerId
    ? await scope.db
        .select()
        .from(aiProviders)
        .where(ownedRow(scope, aiProviders, providerId))
        .get()
    : await scope.db
        .select()
        .from(aiProviders)
        .where(ownedBy(scope, aiProviders, eq(aiProviders.isDefault, true)))
        .get()
  return row ? usable(scope, row) : null
}

/**
 * "Carregar modelos" on a provider saved without a model: stores `model` (the one the form will show
 * as selected) unless a model was saved meanwhile. Returns the provider's model after the call.
 */
export async function chooseProviderModel(
  scope: TenantScope,
  id: string,
  model: string,
): Promise<string | null> {
  const now = scope.clock()
  await scope.db
    .update(aiProviders)
    .set({ model, status: 'untested', lastError: null, updatedAt: now })
    .where(and(ownedRow(scope, aiProviders, id), isNull(aiProviders.model)))
  return (await loadRow(scope, id)).model
}

/** Records the outcome of "Testar conexão" (a failure's text as the last error: code, params, pt-BR). */
export async function recordProviderTest(
  scope: TenantScope,
  id: string,
  outcome: { ok: true } | { ok: false; text: Text },
): Promise<void> {
  const now = scope.clock()
  const error = outcome.ok ? null : lastErrorColumns(outcome.text)
  await scope.db
    .update(aiProviders)
    .set({
      status: outcome.ok ? 'active' : 'error',
      lastTestedAt: now,
      lastError: error ? error.lastError.slice(0, 500) : null,
      lastErrorCode: error?.lastErrorCode ?? null,
      lastErrorParams: error?.lastErrorParams ?? null,
      updatedAt: now,
    })
    .where(ownedRow(scope, aiProviders, id))
}
