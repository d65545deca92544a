// `npm run bench:scale` (issue #13 item 5): the shard layout under a load shaped like the target, on the
// real local stack (`npm start`'s Worker on Miniflare: D1, queues, SenderSession Durable Objects, the
// WAHA simulator with zero delays). BENCH_TEAMS teams (300) with BENCH_CONTACTS contacts in all (2 M),
// placed round robin over the 4 shards as the least-loaded rule does; BENCH_CAMPAIGNS of them (24) send a
// campaign of BENCH_CAMPAIGN_SIZE (500) at once, while BENCH_ACK_MESSAGES (6,000) sent messages of 8
// other teams get their signed acks fired at the webhook route (3 each + 5 % retries). Then the same seed
// with every team on the control database (TENANT_SHARDS=DB), in the same run. Prints per database:
// size, rows, outbox events and rows written per second, the hot statements' p95; the imbalance between
// shards; the busiest team's campaign page p95 under load and quiet; webhook accepted/s against the
// 404-route floor of the same run (target ≥ 0.8×); and the figures extrapolated to 1,000 teams with
// decision 029's arithmetic. Exits non-zero when an ack is lost or a campaign row is left unsent.
// BENCH_LAYOUTS=shards (skip the single-database pass).

import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrateEach } from './scale-measure'
import { type PassResult, runPass } from './scale-pass'
import { printPass, printSideBySide } from './scale-print'
import { planTeams, type Shape } from './scale-seed'
import { root, step } from './support'

const shape: Shape = {
  teams: Number(process.env.BENCH_TEAMS ?? 300),
  contacts: Number(process.env.BENCH_CONTACTS ?? 2_000_000),
  campaigns: Number(process.env.BENCH_CAMPAIGNS ?? 24),
  campaignSize: Number(process.env.BENCH_CAMPAIGN_SIZE ?? 500),
  ackTeams: 8,
  ackMessages: Number(process.env.BENCH_ACK_MESSAGES ?? 6000),
}
const SHARDS = ['SHARD_1', 'SHARD_2', 'SHARD_3', 'SHARD_4']

/** As `npm start` does on a first run: local secrets for sealing and password hashing. */
function ensureDevVars() {
  const file = path.join(root, '.dev.vars')
  if (existsSync(file)) return
  const example = readFileSync(path.join(root, '.dev.vars.example'), 'utf8')
  const filled = example
    .replace('REPLACE_WITH_32_BYTES_BASE64', randomBytes(32).toString('base64'))
    .replaceAll('REPLACE_WITH_RANDOM_STRING', () => randomBytes(24).toString('base64url'))
  writeFileSync(file, filled, { mode: 0o600 })
}

async function main() {
  if (shape.teams < shape.campaigns + shape.ackTeams)
    throw new Error('BENCH_TEAMS too small for the campaigns')
  ensureDevVars()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'disparo-bench-scale-template-'))
  step('applying the migrations to control and every shard (once; each pass copies the result)')
  const names = migrateEach(dir)
  const layouts = process.env.BENCH_LAYOUTS === 'shards' ? [SHARDS] : [SHARDS, ['DB']]
  const results: PassResult[] = []
  for (const layout of layouts) {
    const result = await runPass({ dir, names }, planTeams(shape, layout), layout)
    printPass(result, shape)
    results.push(result)
  }
  rmSync(dir, { recursive: true, force: true })
  printSideBySide(results, shape)
  // Lost: an ack not applied, or a campaign row left waiting (pending, queued, sending) or never created.
  const rows = (r: PassResult) => Object.values(r.campaignStatus).reduce((a, b) => a + b, 0)
  const bad = results.some(
    (r) =>
      r.acksLost > 0 ||
      rows(r) !== r.expected ||
      Object.keys(r.campaignStatus).some((s) => ['pending', 'queued', 'sending'].includes(s)),
  )
  if (bad) process.exitCode = 1
}

await main()
