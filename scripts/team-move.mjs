#!/usr/bin/env node
// Moves a team to another tenant shard (decision 044) through the running Worker's operator routes.
//   npm run team:move -- <team id or exact name> <SHARD_n> [--url https://disparo.example.com]
//   npm run team:move -- <team> --status            where the team's latest move stands
// The token: DISPARO_OPS_TOKEN, else OPS_TOKEN from .dev.vars (local). The URL: --url, DISPARO_URL, else
// http://127.0.0.1:$PORT (npm start). Safe to run again after any interruption: an open move of the
// team is picked up where it stopped (the cron also advances it every minute).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const flag = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return null
  const v = args[i + 1]
  args.splice(i, 2)
  return v ?? ''
}
const statusOnly = args.includes('--status')
if (statusOnly) args.splice(args.indexOf('--status'), 1)
const base = (
  flag('--url') ??
  process.env.DISPARO_URL ??
  `http://127.0.0.1:${process.env.PORT ?? 8787}`
).replace(/\/$/, '')
const [team, target] = args

function fail(message) {
  console.error(`✗ ${message}`)
  process.exit(1)
}

if (!team || (!target && !statusOnly))
  fail('Uso: npm run team:move -- <id ou nome exato da equipe> <SHARD_n> [--url <endereço do Disparo>]')

function opsToken() {
  if (process.env.DISPARO_OPS_TOKEN) return process.env.DISPARO_OPS_TOKEN
  const file = path.join(root, '.dev.vars')
  const line = existsSync(file) ? readFileSync(file, 'utf8').match(/^OPS_TOKEN=(.+)$/m) : null
  if (line) return line[1].trim()
  fail(
    'Sem token de operador: defina DISPARO_OPS_TOKEN (em produção, o mesmo valor de `wrangler secret put OPS_TOKEN`) ou OPS_TOKEN no .dev.vars.',
  )
}

const token = opsToken()
async function call(method, route, body) {
  let res
  try {
    res = await fetch(`${base}/ops${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
  } catch (error) {
    fail(`O Disparo não respondeu em ${base} (${error.cause?.code ?? error.message}). Ele está rodando?`)
  }
  if (res.status === 401) fail('Token de operador recusado.')
  if (
    res.status === 404 &&
    route.startsWith('/team-moves') &&
    !res.headers.get('content-type')?.includes('json')
  )
    fail('Rotas de operador desligadas: o Worker não tem o segredo OPS_TOKEN.')
  return { status: res.status, body: await res.json().catch(() => ({})) }
}

const WHY = {
  unknownTeam: 'equipe não encontrada',
  ambiguousTeam: 'mais de uma equipe com esse nome; use o id',
  unknownShard: 'esse shard não existe no pool (DB e TENANT_SHARDS)',
  sameShard: 'a equipe já está nesse shard',
  badRequest: 'pedido incompleto',
}

const STEPS = {
  freezing: 'congelando a equipe e pausando campanhas',
  quiescing: 'esperando os envios em curso',
  preparing: 'preparando o destino',
  copying: 'copiando',
  verifying: 'conferindo contagens e checksums',
  switching: 'trocando o endereço da equipe',
  resuming: 'retomando campanhas',
  cleaning: 'apagando a cópia antiga',
  unwinding: 'desfazendo: a equipe volta à origem',
  done: 'concluída',
  failed: 'falhou e foi desfeita',
}

async function latest() {
  const r = await call('GET', `/team-moves?team=${encodeURIComponent(team)}`)
  return r.status === 200 ? r.body : null
}

if (statusOnly) {
  const m = await latest()
  if (!m) fail(`Nenhuma mudança registrada para ${team}.`)
  console.log(JSON.stringify(m, null, 2))
  process.exit(0)
}

let id
const created = await call('POST', '/team-moves', { team, target })
if (created.status === 201) {
  id = created.body.id
  console.log(`• Mudança ${id}: ${created.body.name} de ${created.body.source} para ${created.body.target}.`)
} else if (created.body.error === 'alreadyMoving') {
  const open = await latest()
  if (!open || open.finished) fail('Há uma mudança aberta, mas ela não foi encontrada.')
  id = open.id
  console.log(`• Retomando a mudança já aberta ${id} (${open.source} → ${open.target}), etapa ${open.step}.`)
} else
  fail(`Mudança recusada: ${WHY[created.body.error] ?? created.body.error} (${created.body.detail ?? ''}).`)

let last = ''
for (;;) {
  const r = await call('POST', `/team-moves/${id}/advance`)
  const p = r.body
  if (p.step !== last) {
    console.log(`• ${STEPS[p.step] ?? p.step}`)
    last = p.step
  }
  if (p.finished) break
  if (p.held || p.step === 'quiescing') await new Promise((resolve) => setTimeout(resolve, 2000))
}
const final = (await call('GET', `/team-moves/${id}`)).body
if (final.step === 'done') {
  const checked = Object.entries(final.state?.checked ?? {}).filter(([, n]) => n > 0)
  console.log(
    `✓ Equipe em ${final.target}. Conferido: ${checked.map(([t, n]) => `${t} ${n}`).join(', ') || 'nenhuma linha'}.`,
  )
} else fail(`A mudança não se completou: ${final.error ?? final.step}. A equipe continua em ${final.source}.`)
