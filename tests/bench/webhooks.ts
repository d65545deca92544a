// `npm run bench:webhooks`: WAHA webhook ingestion through the real stack (`npm start`'s Worker on
// Miniflare: Hono route, D1, the `disparo-events` queue and its consumer). Seeds 10,000 sent outbox rows, then fires 30,000
// signed message.ack deliveries (SERVER, DEVICE and READ per message, shuffled, 5% sent twice like a
// WAHA retry) from a second process on loopback, and waits until D1 shows every row `read`.
// Prints accepted/s (target ≥ 500), time until all applied, lost or wrong rows (must be 0) and the
// peak RSS of the firing process. Baseline, measured in the same run by the same firing process: the
// same POSTs to a webhook path that answers 404 before any work (the HTTP floor of this machine and
// stack); the ratio says how much of it the real intake keeps. Request log lines are off
// (DISPARO_LOG_REQUESTS=0): each one is a round trip to the Node process that a deploy does not make.
// Exits non-zero when a row is lost or wrong.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sealSecret } from '../../app/core/tenants/secrets.server'
import { buildMobileE164, seededRandom } from '../builders'
import {
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
import { buildRequests, fire, type Outbox } from './webhooks-deliveries'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000)
const DUPLICATE_SHARE = 0.05
const TARGET_PER_S = 500
const BASELINE_REQUESTS = 10_000
const APPLY_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 5 * 60_000)
const TENANT = 'ten_benchwh'
const SESSION_ID = 'wses_benchwebhooks001' // the route only accepts wses_ + 16 [0-9a-z]
const SESSION_NAME = 'bench-webhooks'
const CAMPAIGN = 'cmp_benchwh'
const SECRET = 'bench-webhook-secret-0123456789'

function buildOutbox(): Outbox[] {
  const random = seededRandom(2026)
  const phones = new Set<string>()
  while (phones.size < MESSAGES) phones.add(buildMobileE164(random))
  const base = Date.now() - 60 * 60_000
  return [...phones].map((phone, i) => {
    const tail = Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')
    const key = `3EB0${i.toString(16).padStart(8, '0')}${tail}`.toUpperCase()
    return { phone, wahaId: `true_${phone.slice(1)}@c.us_${key}`, sentAt: base + i * 100 }
  })
}

async function seedSql(outbox: Outbox[]): Promise<string> {
  const config = { config: { secretsKey: devVars().SECRETS_KEY ?? '' } } as Parameters<typeof sealSecret>[0]
  const apiKey = await sealSecret(config, TENANT, SESSION_ID, 'api_key', 'bench-api-key')
  const hook = await sealSecret(config, TENANT, SESSION_ID, 'webhook_secret', SECRET)
  const lines = [
    `INSERT INTO instance (id, setup_completed_at) VALUES (1, ${Date.now()}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO tenants (id, name) VALUES ('${TENANT}', 'Bench webhooks');`,
    `INSERT INTO waha_sessions (id, tenant_id, display_name, server_url, api_key_enc, session_name, status, webhook_secret_enc)
     VALUES ('${SESSION_ID}', '${TENANT}', 'Bench', 'http://127.0.0.1:9', ${q(apiKey)}, '${SESSION_NAME}', 'WORKING', ${q(hook)});`,
    `INSERT INTO machine_routes (kind, key, tenant_id) VALUES ('session', '${SESSION_ID}', '${TENANT}');`,
    `INSERT INTO campaigns (id, tenant_id, name, status, texts, session_ids, simulate_typing, started_at, dispatch_done, total_count, base_url)
     VALUES ('${CAMPAIGN}', '${TENANT}', 'Bench webhooks', 'running', ${q(JSON.stringify(['Olá {{primeiro_nome}}!']))},
       ${q(JSON.stringify([SESSION_ID]))}, 0, ${outbox[0]?.sentAt ?? Date.now()}, 1, ${outbox.length}, 'http://127.0.0.1');`,
  ]
  const rows = outbox.map(
    (m, i) =>
      `('${TENANT}', '${CAMPAIGN}', ${i + 1}, '${m.phone}', 'sent', '${SESSION_ID}', ${q(m.wahaId)}, 'Olá!', ${m.sentAt}, ${m.sentAt})`,
  )
  for (let i = 0; i < rows.length; i += 500) {
    lines.push(
      `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, status, session_id, waha_message_id, rendered_text, sent_at, queued_at)
       VALUES ${rows.slice(i, i + 500).join(',\n')};`,
    )
  }
  return lines.join('\n')
}

interface Tally {
  read: number
  wrong: number
}

function tally(persist: string): Tally {
  const [row] = d1Rows<Tally>(
    persist,
    `SELECT SUM(status = 'read' AND delivered_at IS NOT NULL AND read_at IS NOT NULL) AS read,
            SUM(NOT (status = 'read' AND delivered_at IS NOT NULL AND read_at IS NOT NULL)) AS wrong
       FROM campaign_messages WHERE campaign_id = '${CAMPAIGN}'`,
  )
  return { read: Number(row?.read ?? 0), wrong: Number(row?.wrong ?? 0) }
}

async function main() {
  const persist = mkdtempSync(path.join(os.tmpdir(), 'disparo-bench-webhooks-'))
  migrate(persist)
  const outbox = buildOutbox()
  const seedFile = path.join(persist, 'seed.sql')
  writeFileSync(seedFile, await seedSql(outbox))
  step(`seeding ${outbox.length} sent outbox rows`)
  executeFile(persist, seedFile)
  step('building the signed deliveries')
  const { requests, duplicates } = buildRequests(outbox, {
    sessionId: SESSION_ID,
    sessionName: SESSION_NAME,
    tenantId: TENANT,
    secret: SECRET,
    duplicateShare: DUPLICATE_SHARE,
    random: seededRandom(4242),
  })
  const requestsFile = path.join(persist, 'requests.ndjson')
  writeFileSync(requestsFile, `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`)
  step('starting the stack')
  const stack = await startStack({ persist, env: { WAHA_SIM_FAST: '1' } })
  try {
    step(
      `baseline: ${Math.min(BASELINE_REQUESTS, requests.length)} of the same POSTs to a path answered 404 before any work`,
    )
    const floorFile = path.join(persist, 'floor.ndjson')
    const floor = requests
      .slice(0, BASELINE_REQUESTS)
      .map((r) => JSON.stringify({ ...r, path: '/webhooks/waha/not-a-session' }))
    writeFileSync(floorFile, `${floor.join('\n')}\n`)
    const baseline = await fire(floorFile, stack.url)
    const floorPerS = (baseline.sent - baseline.errors) / (baseline.wallMs / 1000)
    const cpuBefore = cpuMsByName(processTree(stack.pid))
    step(`firing ${requests.length} deliveries at ${stack.url}`)
    const started = performance.now()
    const report = await fire(requestsFile, stack.url)
    const firedS = (performance.now() - started) / 1000
    step(`fired in ${firedS.toFixed(1)} s; waiting for the events consumer`)
    const cpuAfterFiring = cpuMsByName(processTree(stack.pid))
    let counts: Tally = { read: 0, wrong: outbox.length }
    let appliedS: number | null = null
    const deadline = Date.now() + APPLY_TIMEOUT_MS
    while (Date.now() < deadline) {
      counts = tally(persist)
      if (counts.read >= outbox.length) {
        appliedS = (performance.now() - started) / 1000
        break
      }
      await sleep(1000)
    }
    if (appliedS === null) counts = tally(persist)
    const cpuAfter = cpuMsByName(processTree(stack.pid))
    const [extra] = d1Rows<{ events: number; pending: number; dead: number }>(
      persist,
      `SELECT (SELECT COUNT(*) FROM webhook_events WHERE session_id = '${SESSION_ID}') AS events,
              (SELECT COUNT(*) FROM pending_acks) AS pending,
              (SELECT COUNT(*) FROM dead_letters) AS dead`,
    )
    const byStatus = d1Rows<{ status: string; n: number }>(
      persist,
      `SELECT status, COUNT(*) AS n FROM campaign_messages WHERE campaign_id = '${CAMPAIGN}' GROUP BY status`,
    )
    const lost = outbox.length - counts.read
    const acceptedPerS = report.ok / (report.wallMs / 1000)
    const cpuDelta = (a: Record<string, number>, b: Record<string, number>) =>
      Object.entries(b)
        .map(([k, v]) => `${k} ${Math.round(v - (a[k] ?? 0))} ms`)
        .join(', ')
    console.log(
      `\nbench:webhooks — ${outbox.length} sent messages, 3 acks each, ${(DUPLICATE_SHARE * 100).toFixed(0)}% WAHA retries, real route + queue + D1`,
    )
    console.log(
      `  deliveries fired       ${report.sent} (${requests.length - duplicates} unique + ${duplicates} duplicates)${report.timedOut ? ' — TIMED OUT' : ''}`,
    )
    console.log(
      `  accepted               ${report.ok} 2xx, ${report.non2xx} non-2xx ${JSON.stringify(report.byStatus)}, ${report.errors} errors`,
    )
    console.log(
      `  accepted/s             ${acceptedPerS.toFixed(1)} (target ≥ ${TARGET_PER_S}) over ${(report.wallMs / 1000).toFixed(2)} s, concurrency ${process.env.FIRE_CONCURRENCY ?? 48}`,
    )
    console.log(
      `  baseline (404 route)   ${floorPerS.toFixed(1)}/s, ${JSON.stringify(baseline.byStatus)}; accepted/s is ${(acceptedPerS / floorPerS).toFixed(2)}× the floor`,
    )
    console.log(
      `  latency                p50 ${report.latencyMs.p50} ms, p90 ${report.latencyMs.p90} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`,
    )
    console.log(
      `  all applied after      ${appliedS === null ? `NOT within ${APPLY_TIMEOUT_MS / 1000} s` : `${appliedS.toFixed(1)} s from the first request (${(appliedS - firedS).toFixed(1)} s after the last)`}`,
    )
    console.log(`  lost / wrong rows      ${lost} / ${counts.wrong} (must be 0) ${JSON.stringify(byStatus)}`)
    console.log(
      `  dedupe rows            ${extra?.events} (acks need none: applying one twice changes nothing), pending_acks ${extra?.pending}, dead letters ${extra?.dead}`,
    )
    console.log(`  firing process         peak RSS ${report.peakRssMb} MB, CPU ${report.cpuMs} ms`)
    console.log(`  stack CPU while firing ${cpuDelta(cpuBefore, cpuAfterFiring)}`)
    console.log(`  stack CPU until applied ${cpuDelta(cpuAfterFiring, cpuAfter)}`)
    if (lost > 0 || counts.wrong > 0) {
      process.exitCode = 1
      if (process.env.BENCH_DEBUG) console.log(stack.log())
    }
  } finally {
    await stack.stop()
  }
}

await main()
