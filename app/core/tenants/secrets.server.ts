// Secrets at rest (docs/design.md §4): AES-256-GCM with the Worker's SECRETS_KEY, additional data
// `tenant|row|field`, so a ciphertext copied to another row, tenant or field does not decrypt.
// Field names in use: 'api_key' (ai_providers, waha_sessions), 'webhook_secret' (waha_sessions), 'signing_secret' (webhook_endpoints).
import type { AppContext } from '../context.server'
import { decryptSecret, encryptSecret, importSecretsKey } from '../crypto/secrets'

export type SecretField = 'api_key' | 'webhook_secret' | 'signing_secret'

function aad(tenantId: string, rowId: string, field: SecretField): string {
  return `${tenantId}|${rowId}|${field}`
}

/** Encrypts a secret for one row and field. */
export async function sealSecret(
  ctx: Pick<AppContext, 'config'>,
  tenantId: string,
  rowId: string,
  field: SecretField,
  plain: string,
): Promise<string> {
  const key = await importSecretsKey(ctx.config.secretsKey)
  return encryptSecret(key, plain, aad(tenantId, rowId, field))
}

/** Decrypts a secret sealed with sealSecret; throws if it was moved or tampered with. */
export async function openSecret(
  ctx: Pick<AppContext, 'config'>,
  tenantId: string,
  rowId: string,
  field: SecretField,
  blob: string,
): Promise<string> {
  const key = await importSecretsKey(ctx.config.secretsKey)
  return decryptSecret(key, blob, aad(tenantId, rowId, field))
}
