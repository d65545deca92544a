// What `npm run bench:scale` prints: each pass's figures per database, then both layouts side by side,
// measured and extrapolated to 1,000 teams with decision 029's arithmetic (sizes grow with the teams a
// database holds; writes and statements from 029's peak load of 58 messages/s at the rows and
// statements per message measured here; a database is "busy" at 1 ms per statement, D1's own rule).
import os from 'node:os'
import type { PassResult } from './scale-pass'
import type { Shape } from './scale-seed'

const TARGET_TEAMS = 1000
const PEAK_MESSAGES_PER_S = 58 // decision 029: 1 M sends a day, peak hour 5× the average
const HEALTH_STATEMENTS_PER_S = 830 // decision 029: the health guard's statements at that load
const TARGET_CONTACTS = 100_000_000 // decision 029: 1,000 teams × 100k contacts
const PRODUCTION_SHARDS = 32 // decision 029's pool
const D1_CAP = 10 * 1024 ** 3

const mb = (b: number) => `${(b / 1024 ** 2).toFixed(1)} MB`
const gb = (b: number) => `${(b / 1024 ** 3).toFixed(2)} GB`
const n0 = (x: number) => Math.round(x).toLocaleString('en')
const pct = (x: number) => `${(x * 100).toFixed(0)} %`
const ratio = (xs: number[]) =>
  Math.min(...xs) > 0 ? Math.max(...xs) / Math.min(...xs) : Number.POSITIVE_INFINITY

function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

/** The databases that hold teams in this pass (control only when it is the layout). */
const tenantDbs = (r: PassResult) => r.layout
const contactsOn = (r: PassResult, b: string) => r.perDb[b]?.rows.contacts ?? 0

function derived(r: PassResult) {
  const dbs = tenantDbs(r)
  const bytes = dbs.map((b) => r.perDb[b]!.bytes)
  const evts = dbs.map((b) => r.perDb[b]!.events)
  const totalBytes = bytes.reduce((a, b) => a + b, 0)
  const totalEvents = evts.reduce((a, b) => a + b, 0)
  const contacts = dbs.reduce((n, b) => n + contactsOn(r, b), 0)
  const worstQuery = Math.max(...dbs.flatMap((b) => r.perDb[b]!.queries.map((q) => q.p95)))
  return {
    dbs,
    totalBytes,
    maxBytes: Math.max(...bytes),
    sizeImbalance: dbs.length > 1 ? ratio(bytes) : 1,
    writeImbalance: dbs.length > 1 ? ratio(evts) : 1,
    contactImbalance: dbs.length > 1 ? ratio(dbs.map((b) => contactsOn(r, b))) : 1,
    totalEvents,
    bytesPerContact: dbs.reduce((n, b) => n + r.perDb[b]!.contactBytes, 0) / Math.max(1, contacts),
    rowsPerMessage: r.d1.rowsWrittenToEnd / Math.max(1, r.sent),
    queriesPerMessage: r.d1.queriesToEnd / Math.max(1, r.sent),
    worstQuery,
    pageLoadP95: quantile(r.pageLoad, 0.95),
    pageQuietP95: quantile(r.pageQuiet, 0.95),
    healthzP95: quantile(r.healthzQuiet, 0.95),
    intakeRatio: r.acceptedPerS / r.floorLoadPerS,
  }
}

export function printPass(r: PassResult, shape: Shape) {
  const d = derived(r)
  const acks = r.ackFired.reduce((n, f) => n + f.sent, 0)
  console.log(
    `\nbench:scale — layout ${r.layout.join(',')}: ${shape.teams} teams, ${n0(shape.contacts)} contacts, ${shape.campaigns} campaigns × ${shape.campaignSize} at once, ${n0(shape.ackMessages)} acked messages (${n0(acks)} webhooks fired) (load average ${(os.loadavg()[0] ?? 0).toFixed(1)})`,
  )
  console.log(
    `  seeded in ${r.seedS.toFixed(1)} s; sends: ${n0(r.sent)} of ${n0(r.expected)} sent in ${r.sendS.toFixed(1)} s (${(r.sent / r.sendS).toFixed(1)} messages/s), rows ${JSON.stringify(r.campaignStatus)}`,
  )
  console.log(
    `  database  teams   contacts  outbox   size       outbox events/s avg (peak 5 s)  rows written/s (D1 meta × events share)  hot statement p95 (which)`,
  )
  for (const [b, p] of Object.entries(r.perDb)) {
    const teams = r.teams.filter((t) => t.shard === b).length
    const share = d.totalEvents > 0 ? p.events / d.totalEvents : 0
    const worst = p.queries.reduce((a, q) => (q.p95 > a.p95 ? q : a), { label: '—', p50: 0, p95: 0 })
    console.log(
      `  ${b.padEnd(8)} ${String(teams).padStart(5)} ${n0(p.rows.contacts ?? 0).padStart(10)} ${n0(p.rows.campaign_messages ?? 0).padStart(7)}  ${mb(p.bytes).padStart(9)}  ${(p.events / r.sendS).toFixed(1).padStart(8)} (${p.peakPerS.toFixed(1)})${' '.repeat(18)}${((r.d1.rowsWritten * share) / r.sendS).toFixed(0).padStart(8)}${' '.repeat(32)}${p.queries.length ? `${worst.p95.toFixed(2)} ms (${worst.label})` : '— (no teams)'}`,
    )
  }
  for (const [b, p] of Object.entries(r.perDb))
    console.log(
      `  rows ${b.padEnd(8)} ${Object.entries(p.rows)
        .map(([t, n]) => `${t} ${n0(n)}`)
        .join(', ')}`,
    )
  if (d.dbs.length > 1)
    console.log(
      `  imbalance between shards (max/min): contacts ${d.contactImbalance.toFixed(2)}×, size ${d.sizeImbalance.toFixed(2)}×, outbox events (writes) ${d.writeImbalance.toFixed(2)}×`,
    )
  console.log(
    `  D1 over the send window (all databases, BENCH_D1_METER): ${n0(r.d1.queries)} statements, ${n0(r.d1.rowsWritten)} rows written, ${n0(r.d1.rowsRead)} read; until every ack was applied ${n0(r.d1.queriesToEnd)} statements, ${n0(r.d1.rowsWrittenToEnd)} rows written: per message sent ${d.queriesPerMessage.toFixed(2)} statements, ${d.rowsPerMessage.toFixed(1)} rows written (the fired webhooks' acks included: an upper bound)`,
  )
  for (const [sql, rows] of r.d1.top) console.log(`    ${n0(rows).padStart(10)} rows  ${sql.slice(0, 120)}`)
  const byStatus: Record<string, number> = {}
  for (const f of r.ackFired)
    for (const [s, c] of Object.entries(f.byStatus)) byStatus[s] = (byStatus[s] ?? 0) + c
  console.log(
    `  webhooks: accepted ${r.acceptedPerS.toFixed(1)}/s ${JSON.stringify(byStatus)}; 404 floor ${r.floorLoadPerS.toFixed(1)}/s under the same load (${r.floorIdlePerS.toFixed(1)}/s idle); accepted/s is ${d.intakeRatio.toFixed(2)}× the floor (target ≥ 0.8), ${(r.acceptedPerS / r.floorIdlePerS).toFixed(2)}× the idle floor`,
  )
  console.log(
    `  acks applied: lost ${r.acksLost} (must be 0), all read ${r.ackApplyS === null ? 'NOT within the timeout' : `${r.ackApplyS.toFixed(1)} s after the first was fired`}`,
  )
  console.log(
    `  busiest team's campaign page: under load p95 ${d.pageLoadP95.toFixed(1)} ms (p50 ${quantile(r.pageLoad, 0.5).toFixed(1)}, ${r.pageLoad.length} requests); quiet p95 ${d.pageQuietP95.toFixed(1)} ms (p50 ${quantile(r.pageQuiet, 0.5).toFixed(1)}); /healthz quiet p95 ${d.healthzP95.toFixed(1)} ms → page ${(d.pageQuietP95 / d.healthzP95).toFixed(1)}× the baseline`,
  )
}

export function printSideBySide(results: PassResult[], shape: Shape) {
  const sharded = results.find((r) => r.layout.length > 1)
  const single = results.find((r) => r.layout.length === 1)
  if (!sharded) return
  const s = derived(sharded)
  const one = single ? derived(single) : null
  const grow = TARGET_TEAMS / shape.teams
  const peakStatements = (q: number) => q * PEAK_MESSAGES_PER_S + HEALTH_STATEMENTS_PER_S
  const rows: [string, string, string, string][] = []
  const add = (label: string, a: string, b: string, c: string) => rows.push([label, a, b, c])
  add('measured: databases holding teams', String(s.dbs.length), one ? '1' : '—', '')
  add('measured: largest database', mb(s.maxBytes), one ? mb(one.maxBytes) : '—', '')
  add(
    'measured: hot statement p95 (worst database)',
    `${s.worstQuery.toFixed(2)} ms`,
    one ? `${one.worstQuery.toFixed(2)} ms` : '—',
    '',
  )
  add(
    'measured: campaign page p95 under load / quiet',
    `${s.pageLoadP95.toFixed(0)} / ${s.pageQuietP95.toFixed(0)} ms`,
    one ? `${one.pageLoadP95.toFixed(0)} / ${one.pageQuietP95.toFixed(0)} ms` : '—',
    '',
  )
  add(
    'measured: messages/s end to end',
    (sharded.sent / sharded.sendS).toFixed(1),
    single ? (single.sent / single.sendS).toFixed(1) : '—',
    '',
  )
  add(
    'measured: webhook accepted/s ÷ 404 floor',
    s.intakeRatio.toFixed(2),
    one ? one.intakeRatio.toFixed(2) : '—',
    '',
  )
  const shardAt = (bytes: number, n: number, imbalance: number) => (bytes / n) * imbalance
  add(
    `1,000 teams of this shape: largest database (cap 10 GB)`,
    `${gb(s.maxBytes * grow)} (${pct((s.maxBytes * grow) / D1_CAP)})`,
    one ? `${gb(one.maxBytes * grow)} (${pct((one.maxBytes * grow) / D1_CAP)})` : '—',
    `${gb(shardAt(s.totalBytes * grow, PRODUCTION_SHARDS, s.sizeImbalance))} on 32 shards (${pct(shardAt(s.totalBytes * grow, PRODUCTION_SHARDS, s.sizeImbalance) / D1_CAP)})`,
  )
  const target = (bpc: number, n: number, imb: number) => (bpc * TARGET_CONTACTS * imb) / n
  add(
    `029 target: 100 M contacts at ${s.bytesPerContact.toFixed(0)} B (person + contact row), busiest`,
    `${gb(target(s.bytesPerContact, s.dbs.length, s.sizeImbalance))} (${pct(target(s.bytesPerContact, s.dbs.length, s.sizeImbalance) / D1_CAP)})`,
    one
      ? `${gb(target(one.bytesPerContact, 1, 1))} (${pct(target(one.bytesPerContact, 1, 1) / D1_CAP)})`
      : '—',
    `${gb(target(s.bytesPerContact, PRODUCTION_SHARDS, s.sizeImbalance))} on 32 shards (${pct(target(s.bytesPerContact, PRODUCTION_SHARDS, s.sizeImbalance) / D1_CAP)})`,
  )
  const writes = (rpm: number, n: number, imb: number) =>
    ((rpm * PEAK_MESSAGES_PER_S) / n) * (n > 1 ? imb : 1)
  add(
    `029 peak (58 messages/s): rows written/s, busiest database`,
    n0(writes(s.rowsPerMessage, s.dbs.length, s.writeImbalance)),
    one ? n0(writes(one.rowsPerMessage, 1, 1)) : '—',
    `${n0(writes(s.rowsPerMessage, PRODUCTION_SHARDS, s.writeImbalance))} on 32 shards`,
  )
  const busy = (qpm: number, n: number, imb: number) => ((peakStatements(qpm) / n) * (n > 1 ? imb : 1)) / 1000
  add(
    `029 peak: statements/s busiest database → busy at 1 ms each`,
    `${n0(busy(s.queriesPerMessage, s.dbs.length, s.writeImbalance) * 1000)} → ${pct(busy(s.queriesPerMessage, s.dbs.length, s.writeImbalance))}`,
    one ? `${n0(busy(one.queriesPerMessage, 1, 1) * 1000)} → ${pct(busy(one.queriesPerMessage, 1, 1))}` : '—',
    `${n0(busy(s.queriesPerMessage, PRODUCTION_SHARDS, s.writeImbalance) * 1000)} → ${pct(busy(s.queriesPerMessage, PRODUCTION_SHARDS, s.writeImbalance))} on 32 shards`,
  )
  console.log(
    `\nbench:scale — side by side (same run), and extrapolated to ${TARGET_TEAMS.toLocaleString('en')} teams (decision 029)`,
  )
  console.log(`  ${''.padEnd(62)} ${'4 shards'.padEnd(20)} ${'one database (DB)'.padEnd(20)} production pool`)
  for (const [label, a, b, c] of rows)
    console.log(`  ${label.padEnd(62)} ${a.padEnd(20)} ${b.padEnd(20)} ${c}`)
  if (!single) console.log('  (single-database pass skipped: BENCH_LAYOUTS=shards)')
}
