// Standard Webhooks signatures (https://www.standardwebhooks.com, decision 033): the secret is
// `whsec_` + base64 of 32 random bytes; the signature is `v1,` + base64(HMAC-SHA256(key,
// `<webhook-id>.<webhook-timestamp>.<body>`)), the timestamp in whole Unix seconds. Checked against
// the reference implementation (`standardwebhooks` on npm) in signing.test.ts.
import { fromBase64, toBase64, utf8 } from '../crypto/encoding'

const SECRET_PREFIX = 'whsec_'

/** A new signing secret, `whsec_<base64 of 32 random bytes>`. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)))
}

function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const key = fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret)
  if (!key) throw new Error('webhook signing secret is not base64')
  return key
}

/** The three Standard Webhooks headers for one body. */
export async function signWebhook(
  secret: string,
  id: string,
  atMs: number,
  body: string,
): Promise<{ 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }> {
  const timestamp = String(Math.floor(atMs / 1000))
  const key = await crypto.subtle.importKey(
    'raw',
    keyBytes(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, utf8(`${id}.${timestamp}.${body}`))
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${toBase64(new Uint8Array(mac))}`,
  }
}
