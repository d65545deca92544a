// `npm run bench:guard`: what the number guard (decision 022) changes, through the real stack (the
// Worker on Miniflare: queues, SenderSession Durable Objects, D1, cron) and the WAHA simulator with its
// reputation model and audience on (tools/waha-simulator README "Reputation": an approximation, no
// public ground truth exists). Runs, each on a fresh stack with the same seed:
//   1. aggressive, guard off   — 3 numbers, BENCH_CONTACTS (3,000) contacts, no gaps (600 a minute), one
//      text, no rests, numbers starting at reputation 70
//   2. aggressive, guard on
//   3. aggressive, guard on, the simulator's thresholds much stricter than the ones the guard was tuned on
//   4. healthy, guard off      — reputation off: what the guard costs when nothing is wrong
//   5. healthy, guard on
//   6–7. known contacts, guard off / on — every contact wrote to every number first, so WhatsApp's
//      time-lock on new contacts (463, which the engine already pauses on) never stops the careless
//      campaign: the number's reputation can fall to "not delivering" and a ban unless the guard acts.
// Prints, side by side: numbers lost (banned by the simulator), messages delivered (DEVICE/READ),
// replies, opt-outs, duplicates, and the time to finish (or how far it got within the run's time).
// The numbers start "aged" (warm-up off): the warm-up plan is not what this measures.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sealSecret } from '../../app/core/tenants/secrets.server'
import { buildMobileE164, buildPersonName, seededRandom } from '../builders'
import {
  contactsSeedSql,
  d1Rows,
  devVars,
  executeFile,
  migrate,
  sqlValue as q,
  sleep,
  startStack,
  step,
} from './support'

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 3000)
const HEALTHY_CONTACTS = Number(process.env.BENCH_HEALTHY_CONTACTS ?? 600)
const KNOWN_CONTACTS = Number(process.env.BENCH_KNOWN_CONTACTS ?? 1500)
const RUN_SECONDS = Number(process.env.BENCH_RUN_SECONDS ?? 240)
/** Seconds between two messages of a number, "min,max" (default none: as fast as the number goes). */
const [GAP_MIN_S, GAP_MAX_S] = (process.env.BENCH_GAP_S ?? '0,0').split(',').map(Number) as [number, number]
const PACE = GAP_MAX_S > 0 ? `gaps of ${GAP_MIN_S}–${GAP_MAX_S} s` : 'no gaps (600/min)'
const SESSIONS = 3
const KEY = 'disparo-dev-key'
const HOOK_SECRET = 'bench-webhook-secret'
const TENANT = 'ten_bench'
// The numbers start at 70 (a number already used carelessly elsewhere): the careless campaign then
// crosses the simulator's thresholds within minutes rather than hours.
const START = { startValue: 70 }
// A WhatsApp much stricter than the defaults the guard was tuned on: a fresh number (100) restricted
// at 85, undelivered at 75, banned at 65.
const STRICT = {
  startValue: 100,
  reinstateValue: 80,
  thresholds: { restrictNewContactsBelow: 85, stopDeliveryBelow: 75, failBelow: 65 },
}

type Run = {
  label: string
  guard: 'on' | 'off'
  reputation: boolean
  strict?: boolean
  /** Every contact wrote to every number first: no 463 for new contacts, the number can fall further. */
  known?: boolean
  contacts: number
}

type Result = {
  label: string
  sent: number
  delivered: number
  replies: number
  optOuts: number
  failed: number
  waiting: number
  lost: number
  duplicates: number
  seconds: number
  finished: boolean
}

// biome-ignore lint/suspicious/noExplicitAny: the simulator's control API answers loosely typed JSON
async function sim(simUrl: string, p: string, init: RequestInit = {}): Promise<any> {
  // A loaded machine may reset a loopback connection: a request that never got an answer is tried
  // again (an HTTP error is not: the simulator answered).
  for (let attempt = 1; ; attempt++) {
    let res: Response
    try {
      res = await fetch(`${simUrl}${p}`, {
        ...init,
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': KEY },
      })
    } catch (error) {
      if (attempt >= 5) throw error
      await sleep(1000 * attempt)
      continue
    }
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
    return res.json()
  }
}

/** Creates and pairs a simulator session whose webhooks reach the Worker (HMAC), like Disparo's own. */
async function pairSession(stackUrl: string, simUrl: string, name: string, id: string, phone: string) {
  const webhooks = [
    {
      url: `${stackUrl}/webhooks/waha/${id}`,
      events: ['session.status', 'message', 'message.any', 'message.ack'],
      hmac: { key: HOOK_SECRET },
      retries: { policy: 'constant', delaySeconds: 1, attempts: 3 },
    },
  ]
  await sim(simUrl, '/api/sessions', {
    method: 'POST',
    body: JSON.stringify({ name, start: true, config: { webhooks } }),
  })
  for (let i = 0; i < 200 && (await sim(simUrl, `/api/sessions/${name}`)).status !== 'SCAN_QR_CODE'; i++)
    await sleep(50)
  await sim(simUrl, `/_sim/sessions/${name}/scan`, { method: 'POST', body: JSON.stringify({ phone }) })
  for (let i = 0; i < 200 && (await sim(simUrl, `/api/sessions/${name}`)).status !== 'WORKING'; i++)
    await sleep(50)
}

async function seedSql(simUrl: string, run: Run, sessions: { id: string; name: string; phone: string }[]) {
  const config = { config: { secretsKey: devVars().SECRETS_KEY ?? '' } } as Parameters<typeof sealSecret>[0]
  const aged = Date.now() - 90 * 86_400_000
  const lines = [
    `INSERT INTO instance (id, setup_completed_at) VALUES (1, ${Date.now()}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO tenants (id, name, person_gap_hours) VALUES ('${TENANT}', 'Bench', 0);`,
    `INSERT INTO contact_lists (id, tenant_id, name, status) VALUES ('lst_bench', '${TENANT}', 'Bench', 'ready');`,
  ]
  for (const s of sessions) {
    const apiKey = await sealSecret(config, TENANT, s.id, 'api_key', KEY)
    const hook = await sealSecret(config, TENANT, s.id, 'webhook_secret', HOOK_SECRET)
    lines.push(
      `INSERT INTO waha_sessions (id, tenant_id, display_name, server_url, api_key_enc, session_name, phone, status,
        min_delay_s, max_delay_s, max_per_minute, daily_cap, window_days, window_start_min, window_end_min,
        webhook_secret_enc, warmup_enabled, package_min, package_max, first_contact_daily_budget,
        first_connected_at, last_connected_at, created_at)
       VALUES (${q(s.id)}, '${TENANT}', ${q(s.name)}, ${q(simUrl)}, ${q(apiKey)}, ${q(s.name)}, ${q(`+${s.phone}`)}, 'WORKING',
        ${GAP_MIN_S}, ${GAP_MAX_S}, 600, 100000, '0,1,2,3,4,5,6', 0, 1440, ${q(hook)}, 0, 0, 0, 0, ${aged}, ${aged}, ${aged});`,
      `INSERT INTO machine_routes (kind, key, tenant_id) VALUES ('session', ${q(s.id)}, '${TENANT}');`,
    )
  }
  const random = seededRandom(3001)
  const rows = contactPhones(run.contacts).map(
    (p) => `('${TENANT}', 'lst_bench', ${q(buildPersonName(random))}, '${p}')`,
  )
  lines.push(...contactsSeedSql(rows))
  // One text for everyone, no name: the careless campaign the guard exists for.
  const text = run.reputation
    ? 'Oferta imperdível da semana! Confira agora.'
    : 'Olá {{primeiro_nome}}, {temos|separamos} uma oferta para você.'
  lines.push(
    `INSERT INTO campaigns (id, tenant_id, name, status, list_id, texts, session_ids, simulate_typing, scheduled_at, base_url)
     VALUES ('cmp_bench', '${TENANT}', 'Bench', 'scheduled', 'lst_bench', ${q(JSON.stringify([text]))},
       ${q(JSON.stringify(sessions.map((s) => s.id)))}, 0, ${Date.now()}, 'http://127.0.0.1');`,
  )
  return lines.join('\n')
}

/** A D1 read while the Worker writes: the local SQLite file may be busy for a moment, so try again. */
async function readD1<T>(persist: string, query: string): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return d1Rows<T>(persist, query)
    } catch (error) {
      if (attempt >= 10 || !String(error).includes('SQLITE_BUSY')) throw error
      await sleep(500)
    }
  }
}

/** The campaign's phones (+55…), the same for every run. */
function contactPhones(count: number): string[] {
  const random = seededRandom(3000)
  const phones = new Set<string>()
  while (phones.size < count) phones.add(buildMobileE164(random))
  return [...phones]
}

/** Each contact writes to each number first (the numbers then know them: no 463 for them). */
async function contactsWriteFirst(simUrl: string, sessionNames: string[], phones: string[]) {
  const posts = sessionNames.flatMap((name) => phones.map((phone) => ({ name, from: phone.slice(1) })))
  for (let i = 0; i < posts.length; i += 50) {
    await Promise.all(
      posts.slice(i, i + 50).map((p) =>
        sim(simUrl, `/_sim/sessions/${p.name}/reply`, {
          method: 'POST',
          body: JSON.stringify({ from: p.from, text: 'Oi, vocês têm promoção?' }),
        }),
      ),
    )
  }
}

/** Waits until the Worker answers quickly three times in a row (the contacts' first messages reach it
 * as webhooks; on a loaded machine the release waits for that intake instead of timing out). */
async function settled(url: string): Promise<void> {
  let quick = 0
  for (let i = 0; i < 120 && quick < 3; i++) {
    const started = performance.now()
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.ok,
      () => false,
    )
    quick = ok && performance.now() - started < 500 ? quick + 1 : 0
    await sleep(2000)
  }
}

/** Fires the cron once; a loaded machine may time a connection out, so it tries again (a tick is idempotent). */
async function tickCron(url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fetch(`${url}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`)
      return
    } catch (error) {
      if (attempt >= 10) throw error
      await sleep(5000)
    }
  }
}

async function runOnce(run: Run): Promise<Result> {
  const persist = mkdtempSync(path.join(os.tmpdir(), 'disparo-bench-guard-'))
  migrate(persist)
  const env: Record<string, string> = { WAHA_SIM_FAST: '1', HEALTH_GUARD: run.guard, WAHA_SIM_SEED: '12' }
  if (run.reputation) {
    env.WAHA_SIM_REPUTATION = '1'
    env.WAHA_SIM_AUDIENCE = '1'
    env.WAHA_SIM_REPUTATION_CONFIG = JSON.stringify(run.strict ? STRICT : START)
  }
  step(`${run.label}: starting the stack`)
  const stack = await startStack({ persist, env })
  try {
    const sessions = Array.from({ length: SESSIONS }, (_, i) => ({
      id: `wses_benchguard00000${i}`, // the webhook route's id shape: wses_ + 16 of [0-9a-z]
      name: `guard${i}`,
      phone: `55119800000${i}${i}`,
    }))
    for (const s of sessions) await pairSession(stack.url, stack.simUrl, s.name, s.id, s.phone)
    const seedFile = path.join(persist, 'seed.sql')
    writeFileSync(seedFile, await seedSql(stack.simUrl, run, sessions))
    executeFile(persist, seedFile)
    if (run.known) {
      step(`${run.label}: every contact writes to every number first`)
      await contactsWriteFirst(
        stack.simUrl,
        sessions.map((x) => x.name),
        contactPhones(run.contacts),
      )
      await settled(stack.url)
    }
    step(`${run.label}: releasing ${run.contacts} contacts`)
    const started = performance.now()
    await tickCron(stack.url)
    const deadline = Date.now() + RUN_SECONDS * 1000
    let finished = false
    let lastCron = Date.now()
    while (Date.now() < deadline) {
      await sleep(5000)
      // The cron (reconcile, health every five minutes, sweeper) ticks each minute as in production.
      if (Date.now() - lastCron >= 60_000) {
        lastCron = Date.now()
        await tickCron(stack.url)
      }
      const [c] = await readD1<{ status: string }>(
        persist,
        "SELECT status FROM campaigns WHERE id = 'cmp_bench'",
      )
      if (c?.status === 'finished') {
        finished = true
        break
      }
    }
    let seconds = (performance.now() - started) / 1000
    await sleep(2000)
    if (finished) {
      // Precise to the millisecond from the campaign's own timestamps (the poll above is every 5 s).
      const [t] = await readD1<{ started_at: number; finished_at: number }>(
        persist,
        "SELECT started_at, finished_at FROM campaigns WHERE id = 'cmp_bench'",
      )
      if (t?.started_at && t.finished_at) seconds = (t.finished_at - t.started_at) / 1000
    }
    const [m] = await readD1<Record<string, number>>(
      persist,
      `SELECT
         SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
         SUM(CASE WHEN delivered_at IS NOT NULL OR read_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
         SUM(CASE WHEN replied_at IS NOT NULL THEN 1 ELSE 0 END) AS replies,
         SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
         SUM(CASE WHEN status IN ('pending', 'queued', 'sending') THEN 1 ELSE 0 END) AS waiting
       FROM campaign_messages WHERE campaign_id = 'cmp_bench'`,
    )
    const [o] = await readD1<{ n: number }>(
      persist,
      `SELECT COUNT(*) AS n FROM suppressions WHERE tenant_id = '${TENANT}' AND reason = 'opt_out'`,
    )
    let duplicates = 0
    for (const s of sessions) {
      const r = await sim(stack.simUrl, `/_sim/sends?session=${s.name}`)
      for (const v of Object.values(r.byChat as Record<string, { sent: number }>))
        if (v.sent > 1) duplicates += v.sent - 1
    }
    if (process.env.BENCH_DEBUG) {
      const log = await sim(stack.simUrl, `/_sim/webhooks?session=${sessions[0]!.name}`)
      console.log(JSON.stringify(log).slice(0, 1500))
      const rep = await sim(stack.simUrl, '/_sim/reputation')
      console.log(JSON.stringify(rep).slice(0, 1500))
    }
    let lost = 0
    if (run.reputation) {
      const rep = await sim(stack.simUrl, '/_sim/reputation')
      lost = (rep.sessions as { banned?: boolean; state?: string }[]).filter(
        (s) => s.banned || s.state === 'failed',
      ).length
    }
    return {
      label: run.label,
      sent: m?.sent ?? 0,
      delivered: m?.delivered ?? 0,
      replies: m?.replies ?? 0,
      optOuts: o?.n ?? 0,
      failed: m?.failed ?? 0,
      waiting: m?.waiting ?? 0,
      lost,
      duplicates,
      seconds,
      finished,
    }
  } finally {
    await stack.stop()
  }
}

function table(results: Result[], contacts: (r: Result) => number) {
  const cols: [string, (r: Result) => string][] = [
    ['numbers lost', (r) => `${r.lost} / ${SESSIONS}`],
    ['sent', (r) => `${r.sent} / ${contacts(r)}`],
    ['delivered', (r) => String(r.delivered)],
    ['replies', (r) => String(r.replies)],
    ['opt-outs', (r) => String(r.optOuts)],
    ['failed', (r) => String(r.failed)],
    ['still waiting', (r) => String(r.waiting)],
    ['duplicates (must be 0)', (r) => String(r.duplicates)],
    [
      'time',
      (r) =>
        r.finished ? `finished in ${r.seconds.toFixed(1)} s` : `not finished after ${r.seconds.toFixed(0)} s`,
    ],
  ]
  const width = Math.max(...results.map((r) => r.label.length), 30)
  console.log(`  ${''.padEnd(24)}${results.map((r) => r.label.padEnd(width)).join('')}`)
  for (const [name, f] of cols)
    console.log(`  ${name.padEnd(24)}${results.map((r) => f(r).padEnd(width)).join('')}`)
}

async function main() {
  const only = process.env.BENCH_ONLY // label prefixes, comma separated: "aggressive", "stricter,healthy"
  const runs: Run[] = [
    { label: 'aggressive, guard off', guard: 'off', reputation: true, contacts: CONTACTS },
    { label: 'aggressive, guard on', guard: 'on', reputation: true, contacts: CONTACTS },
    { label: 'stricter WhatsApp, guard on', guard: 'on', reputation: true, strict: true, contacts: CONTACTS },
    {
      label: 'known contacts, guard off',
      guard: 'off',
      reputation: true,
      known: true,
      contacts: KNOWN_CONTACTS,
    },
    {
      label: 'known contacts, guard on',
      guard: 'on',
      reputation: true,
      known: true,
      contacts: KNOWN_CONTACTS,
    },
    { label: 'healthy, guard off', guard: 'off', reputation: false, contacts: HEALTHY_CONTACTS },
    { label: 'healthy, guard on', guard: 'on', reputation: false, contacts: HEALTHY_CONTACTS },
  ].filter((r) => !only || only.split(',').some((p: string) => r.label.startsWith(p.trim()))) as Run[]
  const results: Result[] = []
  for (const run of runs) {
    const r = await runOnce(run)
    results.push(r)
    step(`${run.label}: ${JSON.stringify(r)}`)
  }
  const byLabel = new Map(results.map((r) => [r.label, r]))
  const contactsOf = (r: Result) => runs.find((x) => x.label === r.label)!.contacts
  console.log(
    `\nbench:guard — ${SESSIONS} numbers, ${PACE}, one text, simulator reputation + audience on (seed 12), ${RUN_SECONDS} s per run at most`,
  )
  table(
    results.filter((r) => !r.label.startsWith('healthy')),
    contactsOf,
  )
  const off = byLabel.get('healthy, guard off')
  const on = byLabel.get('healthy, guard on')
  if (off && on) {
    console.log(
      `\nhealthy run (reputation off, ${HEALTHY_CONTACTS} contacts): what the guard costs when nothing is wrong`,
    )
    table([off, on], contactsOf)
    const rate = (r: Result) => r.sent / r.seconds
    console.log(
      `  throughput guard on / off: ${(rate(on) / rate(off)).toFixed(3)}× (${rate(on).toFixed(1)} vs ${rate(off).toFixed(1)} msg/s; target ≥ 0.95×)`,
    )
  }
  if (results.some((r) => r.duplicates > 0)) process.exitCode = 1
}

await main()
