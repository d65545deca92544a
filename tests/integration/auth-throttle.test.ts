// Login throttling (decision 012) through the real Worker and D1: slots are taken atomically before the
// password is checked, per (account, address) pair, per address and per account.
import { eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { login } from '../../app/core/auth/auth.server'
import {
  KNOWN_ADDRESS_TTL_MS,
  MAX_ATTEMPTS_PER_ACCOUNT,
  MAX_ATTEMPTS_PER_ADDRESS,
  MAX_ATTEMPTS_PER_PAIR,
  pruneLoginAttempts,
  THROTTLE_WINDOW_MS,
} from '../../app/core/auth/throttle.server'
import { loginAttempts, loginKnownAddresses } from '../../db/schema'
import { createTenant, createUser, TEST_PASSWORD } from '../builders'
import { appFetch, ORIGIN, testContext } from './helpers/app'

async function arrangeUser() {
  const ctx = testContext()
  const tenant = await createTenant(ctx.db)
  return createUser(ctx.db, ctx.config.passwordPepper, { tenantId: tenant.id })
}

/** Signs in through the Worker from `ip`; the page is read whole (as a browser would). */
async function signIn(email: string, password: string, ip: string) {
  const res = await appFetch('/login', { form: { email, password }, headers: { 'CF-Connecting-IP': ip } })
  return { status: res.status, text: await res.text() }
}

const statuses = (responses: { status: number }[]) => responses.map((r) => r.status)

describe('login throttling', () => {
  it('should check at most the limit of 100 parallel guesses and refuse the right password while locked', async () => {
    const u = await arrangeUser()
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(u.email, `palpite-errado-${i}`, '198.51.100.20')),
    )
    const checked = statuses(guesses).filter((s) => s === 401).length
    const refused = statuses(guesses).filter((s) => s === 429).length
    expect(checked).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_PAIR)
    expect(checked + refused).toBe(100)

    const right = await signIn(u.email, TEST_PASSWORD, '198.51.100.20')
    expect(right.status).toBe(429)
    expect(right.text).toMatch(/Muitas tentativas de login. Tente novamente em 1[45] min./)
  })

  it('should not let a stranger lock a colleague out: the owner still signs in from their own address', async () => {
    const u = await arrangeUser()
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR + 3; i++)
      await signIn(u.email, `chute-${i}-xyz`, '203.0.113.66')
    expect((await signIn(u.email, TEST_PASSWORD, '203.0.113.66')).status).toBe(429)
    const owner = await signIn(u.email, TEST_PASSWORD, '192.0.2.10')
    expect(owner.status).toBe(303)
  })

  it('should count an IPv6 /64 as one address', async () => {
    const u = await arrangeUser()
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR; i++)
      await signIn(u.email, `chute-${i}-xyz`, `2001:db8:77:1::${i + 1}`)
    expect((await signIn(u.email, TEST_PASSWORD, '2001:db8:77:1:ffff::9')).status).toBe(429)
    expect((await signIn(u.email, TEST_PASSWORD, '2001:db8:77:2::1')).status).toBe(303)
  })

  it('should give the slot back on success, so a typo now and then never adds up to a lock', async () => {
    const u = await arrangeUser()
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR - 1; i++) {
        expect((await signIn(u.email, `erro-de-digitacao-${i}`, '192.0.2.44')).status).toBe(401)
      }
      expect((await signIn(u.email, TEST_PASSWORD, '192.0.2.44')).status).toBe(303)
    }
  })

  it('should limit one address across many accounts, also in parallel', async () => {
    const guesses = await Promise.all(
      Array.from({ length: MAX_ATTEMPTS_PER_ADDRESS + 15 }, (_, i) =>
        signIn(`alvo-${i}@example.com.br`, 'qualquer-coisa-123', '198.51.100.99'),
      ),
    )
    expect(statuses(guesses).filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_ADDRESS)
    const u = await arrangeUser()
    expect((await signIn(u.email, TEST_PASSWORD, '198.51.100.99')).status).toBe(429)
    expect((await signIn(u.email, TEST_PASSWORD, '198.51.100.100')).status).toBe(303)
  })

  it('should hold an attack spread over many addresses to addresses the owner signed in from', async () => {
    const u = await arrangeUser()
    const ctx = testContext()
    // The owner signed in from home before the attack.
    expect((await login(ctx, withIp('192.0.2.1'), { email: u.email, password: TEST_PASSWORD })).ok).toBe(true)
    const attack = await Promise.all(
      Array.from({ length: MAX_ATTEMPTS_PER_ACCOUNT + 10 }, (_, i) =>
        login(ctx, withIp(`10.9.${Math.floor(i / 200)}.${i % 200}`), {
          email: u.email,
          password: `chute-${i}-abc`,
        }),
      ),
    )
    const checked = attack.filter((r) => !r.ok && r.reason === 'invalid').length
    expect(checked).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_ACCOUNT)
    // A new address is refused even with the right password; the owner's own address is not.
    expect(
      await login(ctx, withIp('203.0.113.200'), { email: u.email, password: TEST_PASSWORD }),
    ).toMatchObject({
      ok: false,
      reason: 'throttled',
    })
    expect((await login(ctx, withIp('192.0.2.1'), { email: u.email, password: TEST_PASSWORD })).ok).toBe(true)
  })

  it('should open the pair again when the window has passed', async () => {
    const u = await arrangeUser()
    let now = Date.now()
    const ctx = testContext({ clock: () => now })
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR; i++)
      await login(ctx, withIp('192.0.2.77'), { email: u.email, password: `x-${i}-errada` })
    expect(await login(ctx, withIp('192.0.2.77'), { email: u.email, password: TEST_PASSWORD })).toMatchObject(
      {
        ok: false,
        reason: 'throttled',
        retryInMinutes: 15,
      },
    )
    now += THROTTLE_WINDOW_MS - 60_000
    expect(await login(ctx, withIp('192.0.2.77'), { email: u.email, password: TEST_PASSWORD })).toMatchObject(
      {
        reason: 'throttled',
        retryInMinutes: 1,
      },
    )
    now += 60_000
    expect((await login(ctx, withIp('192.0.2.77'), { email: u.email, password: TEST_PASSWORD })).ok).toBe(
      true,
    )
  })

  it('should prune finished windows and addresses unused for 90 days, keeping the rest', async () => {
    const u = await arrangeUser()
    let now = Date.now()
    const ctx = testContext({ clock: () => now })
    await login(ctx, withIp('192.0.2.201'), { email: u.email, password: 'errada-errada-1' })
    expect((await login(ctx, withIp('192.0.2.202'), { email: u.email, password: TEST_PASSWORD })).ok).toBe(
      true,
    )
    const mine = like(loginAttempts.key, `%${u.email}%`)
    expect(await ctx.db.select().from(loginAttempts).where(mine)).not.toEqual([])

    now += 2 * THROTTLE_WINDOW_MS + 1
    await pruneLoginAttempts(ctx)
    expect(await ctx.db.select().from(loginAttempts).where(mine)).toEqual([])
    const known = () => ctx.db.select().from(loginKnownAddresses).where(eq(loginKnownAddresses.userId, u.id))
    expect(await known()).toHaveLength(1)

    now += KNOWN_ADDRESS_TTL_MS
    await pruneLoginAttempts(ctx)
    expect(await known()).toEqual([])
  })
})

function withIp(ip: string) {
  return new Request(ORIGIN, { headers: { 'CF-Connecting-IP': ip } })
}
