// Moving a team between shards (decision 044) through the whole stack: a session paired through the
// simulator -> a list of three -> a campaign sent and finished -> the operator asks for a move (the
// team's pages now say it is moving) -> `npm run team:move` picks the open move up and completes it
// -> the campaign page shows the same totals and contacts from the new shard, the list is intact, and a
// second list imported there gets its campaign, one message per phone.
// Runs with JS on and off.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { importCsvList, metric, sendToListUntilFinished, teamWithList } from './common.mjs'

export const name = 'move: a team moved to another shard keeps its campaigns, contacts and sending'
export const allowConsole = [/status of 50\d/]

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const TEAM = 'Padaria Pão Quente'
const LIST_NAME = 'Clientes da mudança'
const TEXT = 'Oi {{primeiro_nome}}, novidades!'
const NEW_LIST = 'Clientes novos'
const NEW_CONTACTS = [
  ['Davi Novo', '(21) 98765-4341', 'Rio de Janeiro'],
  ['Elis Nova', '(21) 98765-4342', 'Niterói'],
  ['Fábio Novo', '(21) 98765-4343', 'Petrópolis'],
]
const CONTACTS = [
  ['Ana Mudança', '(11) 98765-4331', 'São Paulo'],
  ['Bruno Mudança', '(11) 98765-4332', 'Santos'],
  ['Carla Mudança', '(11) 98765-4333', 'Campinas'],
]

async function sentTo(stack, session) {
  const r = await (await fetch(`${stack.simUrl}/_sim/sends?session=${session.sessionName}`)).json()
  return Object.values(r.byChat).reduce((n, v) => n + v.sent, 0)
}

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const session = { displayName: 'Loja Mudança', sessionName: `mudanca-${mode}`, phone: '5511988885555' }
  await teamWithList(page, { js, stack, session, listName: LIST_NAME, contacts: CONTACTS })
  const campaignPath = await sendToListUntilFinished(page, {
    js,
    session,
    name: 'Antes da mudança',
    listName: LIST_NAME,
    text: TEXT,
  })
  const sentBefore = await metric(page, 'sent')
  assert.equal(sentBefore, 3)
  assert.equal(await sentTo(stack, session), 3)

  // The operator asks for the move (the first shard of the pool the team is not on).
  const token = readFileSync(path.join(root, '.dev.vars'), 'utf8').match(/^OPS_TOKEN=(.+)$/m)?.[1]
  assert.ok(token, 'OPS_TOKEN in .dev.vars (npm start adds it)')
  let target = null
  for (const shard of ['SHARD_1', 'SHARD_2']) {
    const res = await fetch(`${stack.url}/ops/team-moves`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ team: TEAM, target: shard }),
    })
    if (res.status === 201) {
      target = shard
      break
    }
    assert.equal((await res.json()).error, 'sameShard')
  }
  assert.ok(target, 'a move was accepted')

  // Meanwhile the team's pages say so, and nothing is lost.
  const waiting = await page.goto(campaignPath)
  assert.equal(waiting.status(), 503)
  await page.getByRole('heading', { name: 'Sua equipe está mudando de lugar' }).waitFor()
  await shot('moving')

  // `npm run team:move` resumes the open move and completes it.
  const r = spawnSync('npm', ['run', '--silent', 'team:move', '--', TEAM, target, '--url', stack.url], {
    cwd: root,
    encoding: 'utf8',
  })
  assert.equal(r.status, 0, `${r.status}\n${r.stdout}\n${r.stderr}`)
  assert.match(r.stdout, /Retomando a mudança já aberta/)
  assert.match(r.stdout, new RegExp(`Equipe em ${target}`))
  assert.match(r.stdout, /campaign_messages 3/)

  await page.goto(campaignPath)
  assert.equal(await metric(page, 'sent'), sentBefore)
  for (const [contactName] of CONTACTS) await page.getByRole('cell', { name: contactName }).first().waitFor()
  await shot('moved')
  await page.goto('/contatos')
  await page.getByText(LIST_NAME).first().waitFor()

  // Importing and sending work on the new shard: three new people, one message each.
  await importCsvList(page, { js, listName: NEW_LIST, contacts: NEW_CONTACTS })
  await sendToListUntilFinished(page, {
    js,
    session,
    name: 'Depois da mudança',
    listName: NEW_LIST,
    text: TEXT,
  })
  assert.equal(await metric(page, 'sent'), 3)
  assert.equal(await sentTo(stack, session), 6)
}
