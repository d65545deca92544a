// Archives (decision 042) through the whole stack: a session paired through the simulator -> a list of
// three -> a campaign sent and finished -> the operator's `npm run archive:now -- <id>` moves its
// messages to R2 (against the running stack's local D1 and R2) -> the campaign page says "arquivada"
// and how fast the archive answered, shows the same totals and the three contacts, read from the
// archive; the CSV export reads it too; `npm run archive:restore -- <id>` brings the messages back.
// Runs with JS on and off.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { metric, sendToListUntilFinished, teamWithList } from './common.mjs'

export const name = 'archive: a finished campaign archived to R2 reads back on its page'
export const allowConsole = [/status of 4\d\d/]

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const LIST_NAME = 'Clientes do arquivo'
const CONTACTS = [
  ['Ana Arquivo', '(11) 98765-4321', 'São Paulo'],
  ['Bruno Arquivo', '(11) 98765-4322', 'Santos'],
  ['Carla Arquivo', '(11) 98765-4323', 'Campinas'],
]

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const session = { displayName: 'Loja Arquivo', sessionName: `arquivo-${mode}`, phone: '5511988884444' }
  await teamWithList(page, { js, stack, session, listName: LIST_NAME, contacts: CONTACTS })

  const campaignPath = await sendToListUntilFinished(page, {
    js,
    session,
    name: 'Campanha para arquivar',
    listName: LIST_NAME,
    text: 'Oi {{primeiro_nome}}, temos novidades!',
  })
  const campaignId = campaignPath.split('/').at(-1)
  const sentBefore = await metric(page, 'sent')
  assert.equal(await page.getByTestId('report-archive').count(), 0)

  // The operator's command, against this stack's own local D1 and R2.
  const operator = (command) =>
    spawnSync('npm', ['run', '--silent', command, '--', campaignId], {
      cwd: root,
      env: { ...process.env, DISPARO_PERSIST_DIR: stack.persist },
      encoding: 'utf8',
    })
  const describe = (r) => `${r.status} ${r.signal ?? ''} ${r.error ?? ''}\n${r.stdout}\n${r.stderr}`
  const archived = operator('archive:now')
  assert.equal(archived.status, 0, describe(archived))
  assert.match(archived.stdout, /arquivada/)

  await page.goto(campaignPath)
  const banner = page.getByTestId('report-archive')
  await banner.getByText('arquivada', { exact: true }).waitFor()
  assert.match(await banner.textContent(), /respondeu em \d+ ms/)
  assert.equal(await metric(page, 'sent'), sentBefore)
  for (const [contactName] of CONTACTS) await page.getByRole('cell', { name: contactName }).first().waitFor()
  await shot('archived')

  const download = page.waitForEvent('download')
  await page.getByTestId('report-export').click()
  const csv = (await (await (await download).createReadStream()).toArray()).map(String).join('')
  for (const [contactName] of CONTACTS)
    assert.ok(csv.includes(contactName), `${contactName} in the CSV:\n${csv}`)

  // `npm run archive:restore -- <id>`: the messages back in D1, the page no longer says "arquivada".
  const restored = operator('archive:restore')
  assert.equal(restored.status, 0, describe(restored))
  assert.match(restored.stdout, /Restauradas 3 mensagens/)
  await page.goto(campaignPath)
  for (const [contactName] of CONTACTS) await page.getByRole('cell', { name: contactName }).first().waitFor()
  assert.equal(await page.getByTestId('report-archive').count(), 0)
  assert.equal(await metric(page, 'sent'), sentBefore)
}
