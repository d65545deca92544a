// One pass of `npm run bench:scale` on one layout (the 4 shards, or every team on `DB`): seed, start the
// stack, release the campaigns through the cron trigger, fire the signed acks while they send (in
// chunks alternating with the 404-route floor, so both meet the same load), sample the outbox on every
// database, wait for the sends and the acks, time the busiest team's campaign page, and read sizes.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  contactBytes,
  copyTemplate,
  events,
  fileBytes,
  type Progress,
  progress,
  type QueryTiming,
  statusOf,
  tableRows,
  timeHotQueries,
} from './scale-measure'
import { busiestTeam, seed, type Team } from './scale-seed'
import {
  ackRequests,
  d1Counters,
  freePort,
  pairSession,
  sessionsWorking,
  signIn,
  sim,
  timedGet,
  writeRequests,
} from './scale-stack'
import { benchSessionConfig } from './send-acks'
import { sleep, startStack, step } from './support'
import { fire } from './webhooks-deliveries'
import type { FireReport } from './webhooks-fire'

const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 20 * 60_000)
const FLOOR_CHUNK = 2500
const ACK_CHUNKS = 3
/** The simulator's acks for the campaigns' own sends come a few seconds after each send. */
const SIM_TIMINGS = {
  messageAnyDelayMs: 2000,
  serverAckMs: 2000,
  deviceAckMs: 3000,
  readAckMs: 5000,
  webhookTimeoutMs: 10_000,
  webhookRetryScale: 1,
  webhookJitterMs: 5000,
}

type Stack = Awaited<ReturnType<typeof startStack>>

export interface PassResult {
  layout: string[]
  teams: Team[]
  seedS: number
  sendS: number
  /** Campaign rows sent, delivered or read at the end of the sends. */
  sent: number
  expected: number
  campaignStatus: Record<string, number>
  /** Per database: outbox events in the send window, peak events/s over 5-s samples. */
  perDb: Record<
    string,
    {
      events: number
      peakPerS: number
      bytes: number
      contactBytes: number
      rows: Record<string, number>
      queries: QueryTiming[]
    }
  >
  /** D1 over the send window; `…ToEnd` until every ack was applied. */
  d1: {
    queries: number
    rowsWritten: number
    rowsRead: number
    queriesToEnd: number
    rowsWrittenToEnd: number
    top: [string, number][]
  }
  floorIdlePerS: number
  floorLoadPerS: number
  acceptedPerS: number
  ackFired: FireReport[]
  acksLost: number
  acksWrong: number
  ackApplyS: number | null
  pageLoad: number[]
  pageQuiet: number[]
  healthzQuiet: number[]
}

export async function runPass(
  template: { dir: string; names: Record<string, string> },
  teams: Team[],
  layout: string[],
): Promise<PassResult> {
  const persist = mkdtempSync(path.join(os.tmpdir(), 'disparo-bench-scale-'))
  const files = copyTemplate(template.dir, persist, template.names)
  const simPort = await freePort()
  const simUrl = `http://127.0.0.1:${simPort}`
  const seedStarted = performance.now()
  await seed(teams, files, simUrl)
  const seedS = (performance.now() - seedStarted) / 1000
  step(`[${layout.join(',')}] seeded ${teams.length} teams in ${seedS.toFixed(1)} s; starting the stack`)
  const stack: Stack = await startStack({
    persist,
    env: {
      WAHA_SIM_FAST: '1',
      BENCH_D1_METER: '1',
      WAHA_SIM_PORT: String(simPort),
      TENANT_SHARDS: layout.join(','),
    },
  })
  try {
    return await load(stack, simUrl, persist, files, teams, layout, seedS)
  } finally {
    await stack.stop()
  }
}

async function load(
  stack: Stack,
  simUrl: string,
  persist: string,
  files: Record<string, string>,
  teams: Team[],
  layout: string[],
  seedS: number,
): Promise<PassResult> {
  const dbs = [...new Set(['DB', ...layout])]
  const campaignTeams = teams.filter((t) => t.campaign)
  const campaignIds = campaignTeams.map((t) => t.campaign!.campaignId)
  const expected = campaignTeams.reduce((n, t) => n + t.campaign!.size, 0)
  const ackTeams = teams.filter((t) => t.acks)
  const ackIds = ackTeams.map((t) => t.acks!.campaignId)
  const ackMessages = ackTeams.reduce((n, t) => n + t.acks!.outbox.length, 0)
  step(`pairing ${campaignTeams.length} sessions with the simulator`)
  for (const t of campaignTeams)
    await pairSession(simUrl, t.campaign!.sessionName, benchSessionConfig(stack.url, t.campaign!.sessionId))
  await sim(simUrl, '/_sim/settings', { method: 'PATCH', body: JSON.stringify({ timings: SIM_TIMINGS }) })
  await sessionsWorking(files, campaignTeams)
  const acks = ackRequests(teams)
  const floor = acks.map((r) => ({ ...r, path: '/webhooks/waha/not-a-session' }))
  const floorIdle = await fire(
    writeRequests(persist, 'floor-idle.ndjson', floor.slice(0, FLOOR_CHUNK)),
    stack.url,
  )
  const cookie = await signIn(stack.url)
  const busiest = busiestTeam(teams)
  const page = `${stack.url}/campanhas/${busiest.campaign!.campaignId}`
  await timedGet(page, cookie)

  const before: Record<string, Progress> = Object.fromEntries(dbs.map((b) => [b, progress(files[b]!)]))
  const meterBefore = await d1Counters(stack.url)
  const started = performance.now()
  step(`releasing ${campaignIds.length} campaigns (${expected} messages) through the cron trigger`)
  await fetch(`${stack.url}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`)
  let sending = true
  const pageLoad: number[] = []
  const pageLoop = (async () => {
    while (sending) {
      pageLoad.push(await timedGet(page, cookie).catch(() => Number.NaN))
      await sleep(500)
    }
  })()
  // The outbox of every database every 5 s: events/s per database, and the end of the sends.
  const peak: Record<string, number> = Object.fromEntries(dbs.map((b) => [b, 0]))
  let last = { at: performance.now(), p: before }
  let campaignStatus: Record<string, number> = {}
  const sampler = (async () => {
    while (performance.now() - started < TIMEOUT_MS) {
      await sleep(5000)
      const now = { at: performance.now(), p: Object.fromEntries(dbs.map((b) => [b, progress(files[b]!)])) }
      for (const b of dbs)
        peak[b] = Math.max(peak[b]!, (events(now.p[b]!) - events(last.p[b]!)) / ((now.at - last.at) / 1000))
      last = now
      campaignStatus = statusOf(Object.values(files), campaignIds)
      const rows = Object.values(campaignStatus).reduce((a, b) => a + b, 0)
      const open =
        (campaignStatus.pending ?? 0) + (campaignStatus.queued ?? 0) + (campaignStatus.sending ?? 0)
      if (rows >= expected && open === 0) return
    }
  })()
  // Let the sends get going before the acks come.
  await sleep(15_000)
  step(`firing ${acks.length} signed acks in ${ACK_CHUNKS} chunks, each after a chunk of the 404 floor`)
  const floorLoad: FireReport[] = []
  const ackFired: FireReport[] = []
  const chunk = Math.ceil(acks.length / ACK_CHUNKS)
  const ackStarted = performance.now()
  let ackApplyS: number | null = null
  let firing = true
  const ackWatch = (async () => {
    while (performance.now() - ackStarted < TIMEOUT_MS) {
      if ((statusOf(Object.values(files), ackIds).read ?? 0) >= ackMessages) {
        ackApplyS = (performance.now() - ackStarted) / 1000
        return
      }
      await sleep(firing ? 2000 : 1000)
    }
  })()
  for (let i = 0; i < ACK_CHUNKS; i++) {
    const f = floor.slice((i + 1) * FLOOR_CHUNK, (i + 2) * FLOOR_CHUNK)
    floorLoad.push(
      await fire(
        writeRequests(persist, `floor-${i}.ndjson`, f.length ? f : floor.slice(0, FLOOR_CHUNK)),
        stack.url,
      ),
    )
    ackFired.push(
      await fire(
        writeRequests(persist, `acks-${i}.ndjson`, acks.slice(i * chunk, (i + 1) * chunk)),
        stack.url,
      ),
    )
  }
  firing = false
  await sampler
  const sendS = (performance.now() - started) / 1000
  const meterAfter = await d1Counters(stack.url)
  const after: Record<string, Progress> = Object.fromEntries(dbs.map((b) => [b, progress(files[b]!)]))
  sending = false
  await pageLoop
  step(`sends done in ${sendS.toFixed(1)} s; waiting for the fired acks to be applied`)
  await ackWatch
  // The acks of the last sends and of the fired webhooks are applied after the send window: their
  // rows count for the per-message figures.
  const meterDrained = await d1Counters(stack.url)
  const applied = statusOf(Object.values(files), ackIds)
  const read = applied.read ?? 0
  step('campaign page, quiet: 3 rounds of 15, interleaved with /healthz')
  const pageQuiet: number[] = []
  const healthzQuiet: number[] = []
  for (let r = 0; r < 45; r++) {
    healthzQuiet.push(await timedGet(`${stack.url}/healthz`, ''))
    pageQuiet.push(await timedGet(page, cookie))
  }
  // Sizes and rows now; the hot statements on a copy (stop() removes the directory).
  const copyDir = path.join(os.tmpdir(), `disparo-bench-scale-copy-${process.pid}-${layout.length}`)
  mkdirSync(copyDir, { recursive: true })
  const perDb: PassResult['perDb'] = {}
  for (const b of dbs) {
    const copy = path.join(copyDir, `${b}.sqlite`)
    cpSync(files[b]!, copy)
    try {
      cpSync(`${files[b]!}-wal`, `${copy}-wal`)
    } catch {}
    perDb[b] = {
      events: events(after[b]!) - events(before[b]!),
      peakPerS: peak[b]!,
      bytes: fileBytes(files[b]!),
      contactBytes: 0,
      rows: tableRows(files[b]!),
      queries: [],
    }
  }
  for (const b of dbs) {
    const own = teams.filter((t) => t.shard === b)
    if (own.length === 0) continue
    perDb[b]!.queries = timeHotQueries(path.join(copyDir, `${b}.sqlite`), own)
    perDb[b]!.contactBytes = contactBytes(path.join(copyDir, `${b}.sqlite`))
  }
  rmSync(copyDir, { recursive: true, force: true })
  const delta = (k: 'queries' | 'rowsWritten' | 'rowsRead') => meterAfter[k] - meterBefore[k]
  const top = Object.entries(meterAfter.bySql)
    .map(([sql, a]) => {
      const b = meterBefore.bySql[sql] ?? { queries: 0, rowsRead: 0, rowsWritten: 0 }
      return [sql, a.rowsRead + a.rowsWritten - b.rowsRead - b.rowsWritten] as [string, number]
    })
    .sort((x, y) => y[1] - x[1])
    .slice(0, 5)
  const rate = (r: FireReport[]) =>
    r.reduce((n, x) => n + x.sent - x.errors, 0) / (r.reduce((n, x) => n + x.wallMs, 0) / 1000)
  const okRate = ackFired.reduce((n, x) => n + x.ok, 0) / (ackFired.reduce((n, x) => n + x.wallMs, 0) / 1000)
  return {
    layout,
    teams,
    seedS,
    sendS,
    // Campaign rows that reached WhatsApp (an early ack can move a row past `sent` before its sent_at is written).
    sent: ['sent', 'delivered', 'read'].reduce((n, st) => n + (campaignStatus[st] ?? 0), 0),
    expected,
    campaignStatus,
    perDb,
    d1: {
      queries: delta('queries'),
      rowsWritten: delta('rowsWritten'),
      rowsRead: delta('rowsRead'),
      queriesToEnd: meterDrained.queries - meterBefore.queries,
      rowsWrittenToEnd: meterDrained.rowsWritten - meterBefore.rowsWritten,
      top,
    },
    floorIdlePerS: rate([floorIdle]),
    floorLoadPerS: rate(floorLoad),
    acceptedPerS: okRate,
    ackFired,
    acksLost: ackMessages - read,
    acksWrong: Object.entries(applied).reduce((n, [s, c]) => (s === 'read' ? n : n + c), 0),
    ackApplyS,
    pageLoad: pageLoad.filter((x) => !Number.isNaN(x)),
    pageQuiet,
    healthzQuiet,
  }
}
