// Import benchmark (`npm run bench:import`): the seeded 100k-row Windows-1252 ';' export goes through
// the REAL pipeline on the local stack (`npm start`'s Worker on Miniflare: local D1, R2, Queues): setup -> upload through
// the import form -> the `imports` queue consumer -> list ready. Prints end-to-end seconds and rows/s,
// the ratio to parsing + validating the same bytes in memory in this process (the floor), and peak
// memory (RSS of the stack's processes and of this process). Target: <= 5 s and <= 4x the floor (issue #15).
// Each run imports the file into a new list; best and median are printed (shared machines are noisy).
// Options: BENCH_ROWS (default 100000), BENCH_SEED (42), BENCH_RUNS (3).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { detectColumns, type SampleRow } from '../../app/core/contacts/import/columns'
import { PhoneDeduper, validateRows } from '../../app/core/contacts/import/contact-rows'
import { sniffCsv } from '../../app/core/contacts/import/csv-sniff'
import { createImportParser, type ParsedRow } from '../../app/core/contacts/import/parser'
import { generateContactsCsvWithStats } from './fixtures/generate-contacts-csv'
import { type Stack, startStack } from './support'

const root = path.resolve(import.meta.dirname, '..', '..')
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const SEED = Number(process.env.BENCH_SEED ?? 42)
const TARGET_SECONDS = 5
const TARGET_RATIO = 4
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

/** Parse + validate in memory, the way the consumer does it (same modules), without D1/R2/queues. */
function floor(bytes: Uint8Array) {
  const started = performance.now()
  const sniff = sniffCsv(bytes.subarray(0, 72 * 1024))
  if (!sniff.ok) throw new Error(sniff.message)
  const parser = createImportParser({ format: sniff.format, totalBytes: bytes.length })
  const rows: ParsedRow[] = []
  for (let o = 0; o < bytes.length; o += 512 * 1024)
    rows.push(...parser.push(bytes.subarray(o, o + 512 * 1024)))
  rows.push(...parser.end())
  const ok = rows.filter((r): r is ParsedRow & SampleRow & { ok: true } => r.ok).slice(0, 50)
  const { mapping } = detectColumns(ok)
  const v = validateRows(rows, mapping, { delimiter: sniff.format.delimiter, deduper: new PhoneDeduper() })
  return { seconds: (performance.now() - started) / 1000, valid: v.contacts.length }
}

/** Total RSS (bytes) of this process's descendants (wrangler, workerd, simulator), and workerd's alone. */
function descendantsRss(): { total: number; workerd: number } {
  const parent = new Map<number, number>()
  const rss = new Map<number, number>()
  const names = new Map<number, string>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0)
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      parent.set(pid, ppid)
      rss.set(pid, kb * 1024)
      names.set(pid, /Name:\s+(\S+)/.exec(status)?.[1] ?? '')
    } catch {}
  }
  let total = 0
  let workerd = 0
  for (const [pid, bytes] of rss) {
    let p = parent.get(pid)
    for (let depth = 0; p && depth < 20; depth++, p = parent.get(p)) {
      if (p === process.pid) {
        total += bytes
        if (names.get(pid)?.startsWith('workerd')) workerd = Math.max(workerd, bytes)
        break
      }
    }
  }
  return { total, workerd }
}

async function signUp(url: string): Promise<string> {
  const body = new URLSearchParams({
    tenantName: 'Bench Ltda',
    name: 'Bench',
    email: 'bench@exemplo.com.br',
    password: 'Bench-de-import-2026',
  })
  const res = await fetch(`${url}/setup`, {
    method: 'POST',
    body,
    headers: { Origin: url },
    redirect: 'manual',
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.startsWith('disparo_flash='))
    .join('; ')
  if (res.status !== 303 || !cookie) throw new Error(`setup failed: ${res.status}`)
  return cookie
}

/** One upload through the import form, polled until the list is ready; checks the valid count. */
async function importOnce(url: string, cookie: string, bytes: Uint8Array, n: number, expectedValid: number) {
  const form = new FormData()
  form.set('file', new File([bytes as BlobPart], 'bench-100k.csv', { type: 'text/csv' }))
  form.set('target', 'new')
  form.set('listName', `Bench ${n}`)
  const started = performance.now()
  const res = await fetch(`${url}/contatos/importar`, {
    method: 'POST',
    body: form,
    headers: { Cookie: cookie, Origin: url },
    redirect: 'manual',
  })
  const listPath = res.headers.get('Location') ?? ''
  if (res.status !== 303 || !listPath.startsWith('/contatos/listas/'))
    throw new Error(`upload failed: ${res.status} ${listPath}`)
  const upload = (performance.now() - started) / 1000
  let status = 'importing'
  while (status === 'importing') {
    if (performance.now() - started > 120_000) throw new Error('import did not finish in 120 s')
    await new Promise((r) => setTimeout(r, 100))
    status = await listStatus(url, cookie, listPath)
  }
  const seconds = (performance.now() - started) / 1000
  if (status !== 'ready') throw new Error(`import ended ${status}`)
  const html = await (await fetch(`${url}${listPath}`, { headers: { Cookie: cookie } })).text()
  const valid = Number(
    /data-testid="count-valid">.*?<div class="stat">([\d.,]+)</.exec(html)?.[1]?.replace(/\D/g, '') ?? -1,
  )
  if (valid !== expectedValid) throw new Error(`run ${n}: ${valid} valid contacts, expected ${expectedValid}`)
  return { seconds, upload }
}

/** The list's status from the lists page (light: no contact queries that would compete with the import). */
async function listStatus(url: string, cookie: string, listPath: string): Promise<string> {
  const id = listPath.split('/').pop() ?? ''
  const html = await (await fetch(`${url}/contatos`, { headers: { Cookie: cookie } })).text()
  const at = html.indexOf(`data-testid="list-${id}"`)
  const row = at === -1 ? '' : html.slice(at, html.indexOf('</tr>', at))
  if (row.includes('<span class="badge ok">Pronta</span>')) return 'ready'
  if (row.includes('<span class="badge bad">Falhou</span>')) return 'failed'
  return 'importing'
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`

async function main() {
  if (!existsSync(path.join(root, 'build', 'server', 'index.js'))) {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'remix'), ['vite:build'], {
      cwd: root,
      stdio: 'inherit',
    })
    if (r.status !== 0) throw new Error('build failed')
  }
  const { bytes, expected } = generateContactsCsvWithStats({
    rows: ROWS,
    seed: SEED,
    encoding: 'windows-1252',
  })
  console.log(
    `file: ${ROWS.toLocaleString('en')} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB, Windows-1252, ';' (seed ${SEED})`,
  )

  // the floor: measured once before (also warms the JIT) and after every import run, in this process
  const first = floor(bytes)
  if (first.valid !== expected.valid)
    throw new Error(`floor found ${first.valid} valid, expected ${expected.valid}`)
  const floors = [first.seconds]

  const stack: Stack = await startStack()
  let peak = { total: 0, workerd: 0 }
  let benchPeak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    const now = descendantsRss()
    peak = { total: Math.max(peak.total, now.total), workerd: Math.max(peak.workerd, now.workerd) }
    benchPeak = Math.max(benchPeak, process.memoryUsage().rss)
  }, 50)
  try {
    const cookie = await signUp(stack.url)
    const runs: Array<{ seconds: number; upload: number }> = []
    for (let i = 1; i <= RUNS; i++) {
      const run = await importOnce(stack.url, cookie, bytes, i, expected.valid)
      runs.push(run)
      console.log(
        `run ${i}: ${run.seconds.toFixed(2)} s end to end (upload + R2 + job ${run.upload.toFixed(2)} s)`,
      )
      floors.push(floor(bytes).seconds)
    }
    const best = Math.min(...runs.map((r) => r.seconds))
    const median = [...runs.map((r) => r.seconds)].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!
    const floorBest = Math.min(...floors)
    const floorMedian = [...floors].sort((a, b) => a - b)[Math.floor(floors.length / 2)]!
    const ratio = best / floorBest
    console.log(
      `end to end: best ${best.toFixed(2)} s (${Math.round(ROWS / best).toLocaleString('en')} rows/s), median ${median.toFixed(2)} s (target <= ${TARGET_SECONDS} s)`,
    )
    console.log(
      `floor (parse + validate in memory): best ${floorBest.toFixed(3)} s (${Math.round(ROWS / floorBest).toLocaleString('en')} rows/s), median ${floorMedian.toFixed(3)} s`,
    )
    console.log(
      `ratio to floor: best/best ${ratio.toFixed(1)}x, median/median ${(median / floorMedian).toFixed(1)}x (target <= ${TARGET_RATIO}x)`,
    )
    console.log(`peak RSS: stack ${mb(peak.total)} (workerd ${mb(peak.workerd)}), bench ${mb(benchPeak)}`)
    console.log(
      `machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
    const verdict = best <= TARGET_SECONDS && ratio <= TARGET_RATIO ? 'within target' : 'OVER TARGET'
    console.log(`result: ${verdict}`)
  } finally {
    clearInterval(sampler)
    await stack.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
