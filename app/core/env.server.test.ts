import { describe, expect, it } from 'vitest'
import { readConfig } from './env.server'

const base = () => ({
  SECRETS_KEY: 'k'.repeat(44),
  PASSWORD_PEPPER: 'p'.repeat(16),
  MEDIA_SIGNING_SECRET: 'm'.repeat(16),
  TENANT_SHARDS: 'SHARD_1, SHARD_2,SHARD_1',
})

describe('readConfig', () => {
  it('should parse an env once and hand the same frozen configuration to every later call', () => {
    const env = base()
    const first = readConfig(env)
    expect(first).toMatchObject({ appEnv: 'production', tenantShards: ['SHARD_1', 'SHARD_2'] })
    expect(readConfig(env)).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first.tenantShards)).toBe(true)
    expect(() => {
      ;(first as { wahaTimeoutMs: number }).wahaTimeoutMs = 1
    }).toThrow(TypeError)
  })

  it('should parse another env object on its own, even with the same values but one', () => {
    const env = base()
    const changed = { ...env, WAHA_TIMEOUT_MS: '2000', TENANT_SHARDS: '' }
    expect(readConfig(env).wahaTimeoutMs).toBe(30_000)
    expect(readConfig(changed)).toMatchObject({ wahaTimeoutMs: 2000, tenantShards: ['DB'] })
    expect(readConfig(env).wahaTimeoutMs).toBe(30_000)
  })

  it('should refuse a misconfigured env on every call, naming what is wrong, and keep nothing', () => {
    const env = { ...base(), SECRETS_KEY: 'short' }
    expect(() => readConfig(env)).toThrow(/SECRETS_KEY: SECRETS_KEY must be 32 random bytes/)
    expect(() => readConfig(env)).toThrow(/misconfigured/)
    expect(() => readConfig({ ...base(), TENANT_SHARDS: 'shard-1' })).toThrow(/TENANT_SHARDS/)
  })
})
