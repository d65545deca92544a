// `npm run bench:send`: a 5,000-contact campaign over 3 simulated sessions with zero delays through
// the real stack (`npm start`'s Worker on Miniflare: queues, SenderSession Durable Objects, D1) and the WAHA simulator.
// Prints messages/s end to end, worker CPU ms per message, D1 queries and rows read/written per
// message (D1's own meta, counted inside the Worker: BENCH_D1_METER, app/core/db/meter.server.ts),
// duplicates (must be 0), and the ratio to the simulator's raw send rate measured in the same run
// (3 parallel senders, no Disparo in between). Then a second campaign to the same people, whose chat
// ids the first one cached: the same figures for a message that needs one WAHA call instead of two.
// The sessions' webhooks are configured as the app does, so acks flow; they come ACK_DELAY_MS after
// each send, and their CPU is printed apart from the send path's (send-acks.ts).
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sealSecret } from '../../app/core/tenants/secrets.server'
import { buildMobileE164, buildPersonName, seededRandom } from '../builders'
import {
  ACK_DELAY_MS,
  ackOverlap,
  ackTimings,
  benchFetch,
  benchSessionConfig,
  benchSessionId,
  WEBHOOK_SECRET,
  waitForAcks,
} from './send-acks'
import {
  contactsSeedSql,
  cpuMsByName,
  d1Rows,
  devVars,
  executeFile,
  migrate,
  processTree,
  sqlValue as q,
  sleep,
  startStack,
  step,
} from './support'

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 5000)
const SESSIONS = 3
const RAW_SENDS = 1500
const KEY = 'disparo-dev-key'
async function seedSql(simUrl: string, sessionNames: string[]): Promise<string> {
  const config = { config: { secretsKey: devVars().SECRETS_KEY ?? '' } } as Parameters<typeof sealSecret>[0]
  const tenantId = 'ten_bench'
  const lines = [
    `INSERT INTO instance (id, setup_completed_at) VALUES (1, ${Date.now()}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO tenants (id, name) VALUES ('${tenantId}', 'Bench');`,
    `INSERT INTO contact_lists (id, tenant_id, name, status) VALUES ('lst_bench', '${tenantId}', 'Bench', 'ready');`,
  ]
  const ids: string[] = []
  for (const [i, name] of sessionNames.entries()) {
    const id = benchSessionId(i)
    ids.push(id)
    const apiKey = await sealSecret(config, tenantId, id, 'api_key', KEY)
    const hook = await sealSecret(config, tenantId, id, 'webhook_secret', WEBHOOK_SECRET)
    lines.push(
      `INSERT INTO waha_sessions (id, tenant_id, display_name, server_url, api_key_enc, session_name, status, min_delay_s, max_delay_s,
        max_per_minute, daily_cap, window_days, window_start_min, window_end_min, webhook_secret_enc,
        warmup_enabled, package_min, package_max, first_contact_daily_budget)
       VALUES (${q(id)}, '${tenantId}', ${q(name)}, ${q(simUrl)}, ${q(apiKey)}, ${q(name)}, 'WORKING', 0, 0, 1000000, 10000000,
        '0,1,2,3,4,5,6', 0, 1440, ${q(hook)}, 0, 0, 0, 10000000);`,
      `INSERT INTO machine_routes (kind, key, tenant_id) VALUES ('session', ${q(id)}, '${tenantId}');`,
    )
  }
  const random = seededRandom(5000)
  const phones = new Set<string>()
  while (phones.size < CONTACTS) phones.add(buildMobileE164(random))
  const rows = [...phones].map((p) => `('${tenantId}', 'lst_bench', ${q(buildPersonName(random))}, '${p}')`)
  lines.push(...contactsSeedSql(rows))
  lines.push(
    `INSERT INTO campaigns (id, tenant_id, name, status, list_id, texts, session_ids, simulate_typing, scheduled_at, base_url)
     VALUES ('cmp_bench', '${tenantId}', 'Bench', 'scheduled', 'lst_bench', ${q(JSON.stringify(['Olá {{primeiro_nome}}, {oferta|promoção} só hoje!']))},
       ${q(JSON.stringify(ids))}, 0, ${Date.now()}, 'http://127.0.0.1');`,
  )
  return lines.join('\n')
}

async function sim(simUrl: string, p: string, init: RequestInit = {}) {
  const res = await benchFetch(`${simUrl}${p}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': KEY },
  })
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
  // biome-ignore lint/suspicious/noExplicitAny: the simulator's control API answers loosely typed JSON
  return res.json() as Promise<any>
}

async function pairSession(simUrl: string, name: string, config?: object) {
  await sim(simUrl, '/api/sessions', { method: 'POST', body: JSON.stringify({ name, start: true, config }) })
  for (let i = 0; i < 200 && (await sim(simUrl, `/api/sessions/${name}`)).status !== 'SCAN_QR_CODE'; i++)
    await sleep(50)
  await sim(simUrl, `/_sim/sessions/${name}/scan`, { method: 'POST', body: '{}' })
  for (let i = 0; i < 200 && (await sim(simUrl, `/api/sessions/${name}`)).status !== 'WORKING'; i++)
    await sleep(50)
}

/** The simulator alone: SESSIONS parallel senders, each sequential, like one DO per session. */
async function rawSimulatorRate(simUrl: string): Promise<number> {
  const names = Array.from({ length: SESSIONS }, (_, i) => `raw${i}`)
  for (const n of names) await pairSession(simUrl, n)
  const random = seededRandom(77)
  const started = performance.now()
  await Promise.all(
    names.map(async (session) => {
      for (let i = 0; i < RAW_SENDS / SESSIONS; i++) {
        const chatId = `${buildMobileE164(random).slice(1)}@c.us`
        await sim(simUrl, '/api/sendText', {
          method: 'POST',
          body: JSON.stringify({ session, chatId, text: 'raw' }),
        })
      }
    }),
  )
  return RAW_SENDS / ((performance.now() - started) / 1000)
}

type PerSql = { queries: number; rowsRead: number; rowsWritten: number }
type D1Counters = {
  queries: number
  roundTrips: number
  rowsRead: number
  rowsWritten: number
  unmetered: number
  bySql: Record<string, PerSql>
}

/** The Worker's D1 counters (only answered because the stack runs with BENCH_D1_METER=1). */
async function d1Counters(url: string): Promise<D1Counters> {
  const res = await benchFetch(`${url}/_bench/d1`)
  if (!res.ok) throw new Error(`/_bench/d1: ${res.status}`)
  return (await res.json()) as D1Counters
}

/** BENCH_D1_TOP=1: the statements behind the figures, most rows first (per message). */
function printTopStatements(before: D1Counters, after: D1Counters, total: number) {
  const rows = Object.entries(after.bySql).map(([sql, a]) => {
    const b = before.bySql[sql] ?? { queries: 0, rowsRead: 0, rowsWritten: 0 }
    const per = (k: keyof PerSql) => (a[k] - b[k]) / Math.max(1, total)
    return { sql, queries: per('queries'), read: per('rowsRead'), written: per('rowsWritten') }
  })
  rows.sort((x, y) => y.read + y.written - (x.read + x.written))
  for (const r of rows.slice(0, 12))
    console.log(
      `    ${r.queries.toFixed(3)} q  ${r.written.toFixed(2)} w  ${r.read.toFixed(2)} r  ${r.sql.slice(0, 150)}`,
    )
}

type Phase = {
  total: number
  seconds: number
  cpuMs: number
  /** workerd's CPU from the last send until the acks were worked through. */
  ackCpuMs: number
  d1Before: D1Counters
  d1After: D1Counters
  duplicates: number
  byStatus: { status: string; n: number }[]
}
type Stack = Awaited<ReturnType<typeof startStack>>

/**
 * Messages the sessions hold (one per accepted send), from the simulator's cheap summary: polled every
 * 100 ms while sending, where /_sim/sends (every chat of every session) took the simulator's only
 * thread from its webhook deliveries.
 */
async function simMessages(simUrl: string, sessionNames: string[]): Promise<number> {
  const state = (await sim(simUrl, '/_sim/state')) as { sessions: { name: string; messages: number }[] }
  return state.sessions.filter((s) => sessionNames.includes(s.name)).reduce((n, s) => n + s.messages, 0)
}

/** Sends simulated for every session, in all. */
async function simSends(simUrl: string, sessionNames: string[]) {
  let total = 0
  const byChat: Record<string, number> = {}
  for (const n of sessionNames) {
    const r = await sim(simUrl, `/_sim/sends?session=${n}`)
    total += r.total as number
    for (const [chat, v] of Object.entries(r.byChat as Record<string, { calls: number }>))
      byChat[chat] = (byChat[chat] ?? 0) + v.calls
  }
  return { total, byChat }
}

/**
 * Releases one due campaign through the cron trigger and waits until its 5,000 are sent. `round`: how
 * many campaigns each chat has had by the end (a chat with more calls got a duplicate).
 */
async function runCampaign(
  stack: Stack,
  sessionNames: string[],
  persist: string,
  campaignId: string,
  round: number,
): Promise<Phase> {
  const workerdCpu = () => cpuMsByName(processTree(stack.pid)).workerd ?? 0
  const sentBefore = await simMessages(stack.simUrl, sessionNames)
  const d1Before = await d1Counters(stack.url)
  const cpuBefore = workerdCpu()
  const started = performance.now()
  // The cron tick claims the due campaign and dispatches it: the real release path.
  await fetch(`${stack.url}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`)
  let total = 0
  const deadline = Date.now() + Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000)
  while (Date.now() < deadline) {
    total = (await simMessages(stack.simUrl, sessionNames)) - sentBefore
    if (total >= CONTACTS) break
    await sleep(100)
  }
  const seconds = (performance.now() - started) / 1000
  const cpuMs = workerdCpu() - cpuBefore
  const d1After = await d1Counters(stack.url)
  step(`waiting for the acks (${ACK_DELAY_MS / 1000} s after each send)`)
  await waitForAcks(Date.now(), async () => (await d1Counters(stack.url)).queries)
  const ackCpuMs = workerdCpu() - cpuBefore - cpuMs
  const { byChat } = await simSends(stack.simUrl, sessionNames)
  let duplicates = 0
  for (const calls of Object.values(byChat)) if (calls > round) duplicates += calls - round
  await sleep(1500)
  const byStatus = d1Rows<{ status: string; n: number }>(
    persist,
    `SELECT status, COUNT(*) AS n FROM campaign_messages WHERE campaign_id = '${campaignId}' GROUP BY status`,
  )
  return { total, seconds, cpuMs, ackCpuMs, d1Before, d1After, duplicates, byStatus }
}

function report(label: string, p: Phase, raw: number) {
  const rate = p.total / p.seconds
  const perMessage = (k: Exclude<keyof D1Counters, 'bySql'>) =>
    ((p.d1After[k] - p.d1Before[k]) / Math.max(1, p.total)).toFixed(2)
  console.log(`\nbench:send — ${label}; 3 sessions, zero delays, real queues + Durable Objects + D1`)
  console.log(`  messages sent          ${p.total} / ${CONTACTS}`)
  console.log(
    `  end to end             ${p.seconds.toFixed(2)} s  →  ${rate.toFixed(1)} messages/s (target ≥ 100)`,
  )
  const per = (ms: number) => (ms / Math.max(1, p.total)).toFixed(2)
  const overlap = ackOverlap(p.seconds)
  console.log(
    `  worker CPU per message ${per(p.cpuMs)} ms send path (workerd process time while sending; the target ≤ 3 ms is this one)`,
  )
  console.log(
    `                         ${per(p.ackCpuMs)} ms acks after (webhook intake + events consumer), ${per(p.cpuMs + p.ackCpuMs)} ms in all`,
  )
  if (overlap > 0)
    // Acks of the first sends arrived before the last send: the send-path figure includes their cost.
    console.log(
      `  (acks arrived during the last ${(overlap * 100).toFixed(0)}% of the send window: the send path's figure includes some of their cost; BENCH_ACK_DELAY_MS longer than the window separates them)`,
    )
  console.log(
    `  D1 per message         ${perMessage('queries')} queries in ${perMessage('roundTrips')} round trips, ${perMessage('rowsWritten')} rows written, ${perMessage('rowsRead')} rows read`,
  )
  if (p.d1After.unmetered > p.d1Before.unmetered)
    console.log(`  D1 statements unmetered ${p.d1After.unmetered - p.d1Before.unmetered} (rows undercounted)`)
  if (process.env.BENCH_D1_TOP) printTopStatements(p.d1Before, p.d1After, p.total)
  console.log(`  duplicates             ${p.duplicates} (must be 0)`)
  console.log(`  simulator raw rate     ${raw.toFixed(1)} sends/s (3 sequential senders, same run)`)
  console.log(`  ratio to raw           ${(rate / raw).toFixed(2)}×`)
  console.log(`  outbox rows            ${JSON.stringify(p.byStatus)}`)
}

async function main() {
  const persist = mkdtempSync(path.join(os.tmpdir(), 'disparo-bench-send-'))
  migrate(persist)
  step('starting the stack')
  const stack = await startStack({ persist, env: { WAHA_SIM_FAST: '1', BENCH_D1_METER: '1' } })
  try {
    const sessionNames = Array.from({ length: SESSIONS }, (_, i) => `bench${i}`)
    // WAHA calls the Worker's webhook of each session row (seedSql).
    for (const [i, n] of sessionNames.entries())
      await pairSession(stack.simUrl, n, benchSessionConfig(stack.url, benchSessionId(i)))
    await sim(stack.simUrl, '/_sim/settings', {
      method: 'PATCH',
      body: JSON.stringify({ timings: ackTimings }),
    })
    step('measuring the simulator alone')
    const raw = await rawSimulatorRate(stack.simUrl)
    const seedFile = path.join(persist, 'seed.sql')
    writeFileSync(seedFile, await seedSql(stack.simUrl, sessionNames))
    step('seeding 5,000 contacts and the campaign')
    executeFile(persist, seedFile)
    step('releasing the campaign through the cron trigger')
    const first = await runCampaign(stack, sessionNames, persist, 'cmp_bench', 1)
    report('5,000 new contacts (check-exists, then the send)', first, raw)
    // The same people again, as a team's next campaign meets them: their chat ids are known from the
    // first campaign, so each message is one WAHA call, like the raw rate's. The team's person gap
    // is set to 0 so that the second campaign may go at once (otherwise it would wait 24 h).
    const second = path.join(persist, 'second.sql')
    writeFileSync(
      second,
      `UPDATE tenants SET person_gap_hours = 0 WHERE id = 'ten_bench';
       INSERT INTO campaigns (id, tenant_id, name, status, list_id, texts, session_ids, simulate_typing, scheduled_at, base_url)
       SELECT 'cmp_bench2', tenant_id, 'Bench 2', 'scheduled', list_id, ${q(JSON.stringify(['Oi {{primeiro_nome}}, chegou a {novidade|coleção} nova!']))},
         session_ids, 0, ${Date.now()}, base_url FROM campaigns WHERE id = 'cmp_bench';`,
    )
    executeFile(persist, second)
    step('releasing a second campaign to the same people')
    const repeat = await runCampaign(stack, sessionNames, persist, 'cmp_bench2', 2)
    report('the same 5,000 again (chat ids known: the send only)', repeat, raw)
    if (first.duplicates + repeat.duplicates > 0 || first.total < CONTACTS || repeat.total < CONTACTS) {
      process.exitCode = 1
      if (process.env.BENCH_DEBUG) console.log(stack.log())
    }
  } finally {
    await stack.stop()
  }
}

await main()
