// The stack side of `npm run bench:scale`: free ports, the simulator's sessions, the firing process
// (webhooks-fire.ts, as bench:webhooks uses it), the signed acks, signing in, timed GETs and the Worker's
// D1 counters (BENCH_D1_METER).
import { writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { seededRandom } from '../builders'
import { sessionRow } from './scale-measure'
import { ACK_SECRET, EMAIL, PASSWORD, SIM_KEY, type Team } from './scale-seed'
import { benchFetch } from './send-acks'
import { sleep } from './support'
import { buildRequests } from './webhooks-deliveries'

import type { PreparedRequest } from './webhooks-fire'

export type D1Counters = {
  queries: number
  rowsRead: number
  rowsWritten: number
  bySql: Record<string, { queries: number; rowsRead: number; rowsWritten: number }>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export async function sim(simUrl: string, p: string, init: RequestInit = {}) {
  const res = await benchFetch(`${simUrl}${p}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': SIM_KEY },
  })
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ status?: string }>
}

export async function pairSession(simUrl: string, name: string, config: object) {
  await sim(simUrl, '/api/sessions', { method: 'POST', body: JSON.stringify({ name, start: true, config }) })
  for (let i = 0; i < 200 && (await sim(simUrl, `/api/sessions/${name}`)).status !== 'SCAN_QR_CODE'; i++)
    await sleep(50)
  // The QR status reaches the Worker before the scan does: out of order, a late "SCAN_QR_CODE" reads as
  // a disconnected number and the health guard blocks it.
  await sleep(1000)
  await sim(simUrl, `/_sim/sessions/${name}/scan`, { method: 'POST', body: '{}' })
  for (let i = 0; i < 200 && (await sim(simUrl, `/api/sessions/${name}`)).status !== 'WORKING'; i++)
    await sleep(50)
}

export async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
    headers: { Origin: url },
    redirect: 'manual',
  })
  if (res.status !== 303 && res.status !== 302) throw new Error(`login failed: ${res.status}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c && !c.startsWith('disparo_flash='))
    .join('; ')
}

export async function timedGet(url: string, cookie: string): Promise<number> {
  const started = performance.now()
  const res = await fetch(url, { headers: { Cookie: cookie } })
  await res.text()
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`)
  return performance.now() - started
}

export async function d1Counters(url: string): Promise<D1Counters> {
  const res = await benchFetch(`${url}/_bench/d1`)
  if (!res.ok) throw new Error(`/_bench/d1: ${res.status}`)
  return (await res.json()) as D1Counters
}

export function writeRequests(dir: string, name: string, requests: PreparedRequest[]): string {
  const file = path.join(dir, name)
  writeFileSync(file, `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`)
  return file
}

/** The signed acks of every ack team (3 per message, 5 % WAHA retries), shuffled together. */
export function ackRequests(teams: Team[]): PreparedRequest[] {
  const random = seededRandom(4242)
  const all = teams.flatMap((t) =>
    t.acks
      ? buildRequests(t.acks.outbox, {
          sessionId: t.acks.sessionId,
          sessionName: t.acks.sessionName,
          tenantId: t.id,
          secret: ACK_SECRET,
          duplicateShare: 0.05,
          random,
        }).requests
      : [],
  )
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[all[i], all[j]] = [all[j]!, all[i]!]
  }
  return all
}

/** Waits until the Worker has every campaign session WORKING and unpaused (their status webhooks applied). */
export async function sessionsWorking(files: Record<string, string>, teams: Team[]) {
  let bad: string[] = []
  for (let i = 0; i < 30; i++) {
    await sleep(1000)
    bad = teams
      .filter((t) => {
        const s = sessionRow(files[t.shard]!, t.campaign!.sessionId)
        return s?.status !== 'WORKING' || s.paused_until !== null
      })
      .map((t) => t.campaign!.sessionName)
    if (bad.length === 0) return
  }
  throw new Error(`sessions not WORKING in the Worker after pairing: ${bad.join(', ')}`)
}
