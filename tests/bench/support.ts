// What the benchmarks share: the local stack (`npm start` on free ports over a given persistence
// directory), wrangler's D1 commands on that directory, `.dev.vars`, SQL literals and progress lines.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { d1Bindings } from '../../scripts/d1-bindings.mjs'
import { ensureDevVars } from '../../scripts/dev-vars.mjs'
import * as e2eStack from '../e2e/stack.mjs'

export const root = path.resolve(import.meta.dirname, '..', '..')
export const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const quietEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const step = (what: string) => process.stderr.write(`• ${what}\n`)
/** A SQL literal for generated seed files. */
export const sqlValue = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

export interface Stack {
  url: string
  simUrl: string
  pid: number
  log(): string
  stop(): Promise<void>
}

/**
 * `npm start` (the Worker on Miniflare + the WAHA simulator) on free ports, without building again.
 * Request log lines are off unless asked for: each is a round trip to Node that a deploy does not make.
 * `stop()` removes the persistence directory.
 */
export function startStack(opts: { persist?: string; env?: Record<string, string> } = {}): Promise<Stack> {
  // Plain ESM helper shared with the browser tests; its inferred signature predates `persist`.
  const start = e2eStack.startStack as unknown as (o: {
    persist?: string
    env: Record<string, string>
  }) => Promise<Stack>
  return start({ persist: opts.persist, env: { DISPARO_LOG_REQUESTS: '0', ...opts.env } })
}

/** The local secrets (.dev.vars), created first on a machine that never ran `npm start`. */
export function devVars(): Record<string, string> {
  ensureDevVars(root)
  const text = readFileSync(path.join(root, '.dev.vars'), 'utf8')
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )
}

export function wrangler(args: string[]): string {
  const r = spawnSync(bin('wrangler'), args, {
    cwd: root,
    env: quietEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${r.stderr}\n${r.stdout}`)
  return r.stdout
}

/** Applies the D1 migrations to the local databases under `persist`: control and every shard (decision 043). */
export const migrate = (persist: string) =>
  d1Bindings(root)
    .map((binding) => wrangler(['d1', 'migrations', 'apply', binding, '--local', '--persist-to', persist]))
    .join('')

/** Runs a SQL file against the local database under `persist`. */
export const executeFile = (persist: string, file: string) =>
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file])

/** Rows of one query against the local database under `persist`. */
export function d1Rows<T>(persist: string, sql: string): T[] {
  const out = wrangler([
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    persist,
    '--json',
    '--command',
    sql,
  ])
  return (JSON.parse(out)[0]?.results ?? []) as T[]
}

/** Pids of `pid` and all its descendants (the stack's wrangler, workerd and simulator processes). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  const out = [pid]
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]!) ?? []))
  return out
}

export function cpuMsByName(pids: number[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.split(') ')[1]!.split(' ')
      out[name] = (out[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10 // USER_HZ = 100
    } catch {}
  }
  return out
}

/**
 * SQL that seeds contact rows `('tenant', 'list', 'name', '+55…')` and their people (decision 036:
 * every contact is a person's membership of a list): two statements per 500 rows.
 */
export function contactsSeedSql(rows: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).join(',\n')
    out.push(
      `INSERT INTO people (tenant_id, name, phone_e164) SELECT v.column1, v.column3, v.column4 FROM (VALUES ${values}) AS v WHERE true
          ON CONFLICT (tenant_id, phone_e164) DO NOTHING;`,
      `INSERT INTO contacts (tenant_id, list_id, name, phone_e164, person_id)
        SELECT v.column1, v.column2, v.column3, v.column4,
          (SELECT p.id FROM people p WHERE p.tenant_id = v.column1 AND p.phone_e164 = v.column4)
        FROM (VALUES ${values}) AS v;`,
    )
  }
  return out
}
