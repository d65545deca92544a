// Polls (decision 038) through the whole stack: a session paired through the simulator -> a list of
// three -> the composer's "Enviar como enquete" (question with a variable, three options, one answer)
// -> the review lists the options -> "Enviar agora" -> the simulator's phone shows each poll with a
// vote form; two contacts vote there (one as @lid), one changes their vote -> WAHA's poll.vote
// webhooks reach the app's webhook route and the events queue -> the campaign page's result counts
// the latest votes, and "Exportar quem votou em quê" downloads the CSV. Runs with JS on and off.
import assert from 'node:assert/strict'
import {
  campaignStatus,
  fillComposerPacing,
  openComposer,
  reload,
  simJson,
  teamWithList,
  until,
} from './common.mjs'

export const name = 'polls: compose a poll, send it, vote on the phone, see the result and export'
export const allowConsole = [/status of 4\d\d/]

const LIST_NAME = 'Clientes da enquete'
const CONTACTS = [
  ['Ana Paula', '(11) 98765-4311', 'São Paulo'],
  ['Bruno Dias', '(11) 98765-4312', 'Santos'],
  ['Carla Nunes', '(11) 98765-4313', 'Campinas'],
]
const OPTIONS = ['Manhã', 'Tarde', 'Noite']

/** "Votos" of one option on the campaign page. */
async function votesFor(page, option) {
  const cell = page.locator(`tr[data-option="${option}"] [data-testid="poll-votes"]`)
  if ((await cell.count()) === 0) return -1
  return Number((await cell.textContent()).replace(/\D/g, ''))
}

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const session = { displayName: 'Loja Enquete', sessionName: `enquete-${mode}`, phone: '5511988883333' }
  await teamWithList(page, { js, stack, session, listName: LIST_NAME, contacts: CONTACTS })

  // Compose the poll.
  await openComposer(page, {
    js,
    name: 'Pesquisa de horário',
    listName: LIST_NAME,
    text: '{{primeiro_nome}}, qual horário você prefere?',
  })
  await page.getByRole('checkbox', { name: /Enviar como enquete do WhatsApp/ }).check()
  for (const [i, option] of OPTIONS.entries())
    await page.getByLabel(`Opção ${i + 1}`, { exact: true }).fill(option)
  await page.getByRole('checkbox', { name: new RegExp(session.displayName) }).check()
  await fillComposerPacing(page, { minDelay: 0, maxDelay: 1, perMinute: 60 })
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()
  await page.getByTestId('review-poll').first().getByText('Noite').waitFor({ timeout: 15_000 })
  await shot('composed')

  await page.getByRole('button', { name: 'Enviar agora' }).click()
  const confirm = page.getByTestId('launch-confirm')
  await confirm.getByText('Enviar para 3 contatos por 1 sessão?').waitFor({ timeout: 20_000 })
  await confirm.getByRole('button', { name: 'Confirmar envio' }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 })
  const campaignPath = new URL(page.url()).pathname
  await until('the campaign to finish', async () => (await campaignStatus(page)) === 'finished', {
    timeout: 60_000,
    between: () => reload(page),
  })

  // The simulator got one poll per contact, by sendPoll.
  const polls = (await simJson(stack, `/_sim/messages?session=${session.sessionName}`)).filter((m) => m.poll)
  assert.equal(polls.length, CONTACTS.length, `one poll per contact: ${JSON.stringify(polls)}`)
  for (const p of polls) {
    assert.deepEqual(p.poll.options, OPTIONS)
    assert.match(p.body, /^(Ana|Bruno|Carla), qual horário você prefere\?$/)
  }
  const pollOf = (first) => polls.find((p) => p.body.startsWith(first))

  // Votes on the simulator's phone page (a plain form): Ana "Tarde" then "Noite"; Bruno "Tarde" as @lid.
  const phone = await page.context().newPage()
  const voteOnPhone = async (poll, option, asLid = false) => {
    await phone.goto(`${stack.simUrl}/_sim/`)
    const form = phone.locator(`form[data-poll="${poll.id}"]`)
    await form.getByRole('radio', { name: option }).check()
    if (asLid) await form.getByRole('checkbox', { name: 'votar como @lid' }).check()
    const posted = phone.waitForResponse((r) => r.url().endsWith('/vote') && r.request().method() === 'POST')
    await form.getByRole('button', { name: 'Votar', exact: true }).click()
    assert.equal((await posted).status(), 303, 'the phone took the vote')
    await phone.waitForLoadState('load')
  }
  await voteOnPhone(pollOf('Ana'), 'Tarde')
  await voteOnPhone(pollOf('Bruno'), 'Tarde', true)
  await new Promise((r) => setTimeout(r, 1100)) // vote times are in seconds: the change is later
  await voteOnPhone(pollOf('Ana'), 'Noite')
  await phone.close()

  // The result on the campaign page: latest votes only.
  await page.goto(campaignPath)
  await until(
    'the poll result to count Tarde 1, Noite 1',
    async () => (await votesFor(page, 'Tarde')) === 1 && (await votesFor(page, 'Noite')) === 1,
    { timeout: 30_000, between: () => reload(page) },
  )
  assert.equal(await votesFor(page, 'Manhã'), 0)
  await page.getByTestId('report-poll').getByText('2 pessoas votaram').waitFor()
  await shot('result')

  // "Exportar quem votou em quê": the CSV with the latest choice and the votes received.
  const download = page.waitForEvent('download')
  await page.getByTestId('poll-export').click()
  const file = await download
  const csv = (await (await file.createReadStream()).toArray()).map(String).join('')
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
  assert.equal(lines[0], 'Nome;Telefone;Opções escolhidas;Votou em;Votos recebidos')
  assert.equal(lines.length, 3, csv)
  assert.match(
    lines.find((l) => l.startsWith('Ana')),
    /;Noite;[^;]+;2$/,
  )
  assert.match(
    lines.find((l) => l.startsWith('Bruno')),
    /;Tarde;[^;]+;1$/,
  )
}
