// Follow-up steps (decision 040) through the whole stack: a poll as the first message with a follow-up
// step "1 hour later, to whoever voted Sim", composed with "Adicionar etapa" (a submit button: JS on and
// off), listed in the review -> "Enviar agora" -> the simulator's phone shows each poll; Ana votes Sim,
// Bruno votes Não, Carla writes a question instead -> the cron creates the step when it is due (this
// stack's STEP_MINUTE_MS makes the hour 30 s) -> only Ana gets the follow-up -> the team reads Carla's
// question in Respostas and answers it -> the campaign page shows each step's funnel and the campaign
// finishes after its last step.
import assert from 'node:assert/strict'
import {
  campaignStatus,
  fillComposerPacing,
  hydrated,
  openComposer,
  reload,
  simJson,
  teamWithList,
  until,
} from './common.mjs'

export const name =
  'follow-ups: a poll and a step to those who voted Sim, sent only to them; a reply answered in Respostas'
export const allowConsole = [/status of 4\d\d/]
/** A step's minute is 500 ms on this stack: "1 hour" is 30 s (ignored in production). */
export const stackEnv = { STEP_MINUTE_MS: '500' }

const LIST_NAME = 'Clientes do acompanhamento'
const QUESTION = 'Qual é o endereço do evento?'
const ANSWER = 'Rua das Flores, 100, às 19h. Te esperamos!'
const CONTACTS = [
  ['Ana Paula', '(11) 98765-4321', 'São Paulo'],
  ['Bruno Dias', '(11) 98765-4322', 'Santos'],
  ['Carla Nunes', '(11) 98765-4323', 'Campinas'],
]

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const session = { displayName: 'Loja Etapas', sessionName: `etapas-${mode}`, phone: '5511988884444' }
  await teamWithList(page, { js, stack, session, listName: LIST_NAME, contacts: CONTACTS })

  await openComposer(page, {
    js,
    name: 'Convite com acompanhamento',
    listName: LIST_NAME,
    text: '{{primeiro_nome}}, vem para o evento?',
  })
  await page.getByRole('checkbox', { name: /Enviar como enquete do WhatsApp/ }).check()
  await page.getByLabel('Opção 1', { exact: true }).first().fill('Sim')
  await page.getByLabel('Opção 2', { exact: true }).first().fill('Não')
  await page.getByRole('checkbox', { name: new RegExp(session.displayName) }).check()
  await fillComposerPacing(page, { minDelay: 0, maxDelay: 1, perMinute: 60 })

  // "Adicionar etapa": the form comes back with everything typed and a step to fill.
  await page.getByRole('button', { name: 'Adicionar etapa' }).click()
  const stepText = page.locator('[name="steps[0].texts[0]"]')
  await stepText.waitFor()
  assert.equal(await page.getByLabel('Nome da campanha').inputValue(), 'Convite com acompanhamento')
  await stepText.fill('Oba, {{primeiro_nome}}! Seguem os detalhes do evento.')
  await page.locator('[name="steps[0].delayValue"]').fill('1')
  await page.locator('[name="steps[0].delayUnit"]').selectOption('hours')
  await page.locator('[name="steps[0].audience"]').selectOption('voted')
  await page.locator('[name="steps[0].option"]').fill('Sim')
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()
  await page
    .getByTestId('steps-review')
    .getByText(/Etapa 1: 1 hora depois, para quem recebeu a anterior e votou na opção “Sim”/)
    .waitFor({ timeout: 15_000 })
  await shot('composed')

  await page.getByRole('button', { name: 'Enviar agora' }).click()
  const confirm = page.getByTestId('launch-confirm')
  await confirm.getByText('Enviar para 3 contatos por 1 sessão?').waitFor({ timeout: 20_000 })
  await confirm.getByRole('button', { name: 'Confirmar envio' }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 })
  const campaignPath = new URL(page.url()).pathname
  const messages = () => simJson(stack, `/_sim/messages?session=${session.sessionName}`)
  const polls = await until('three polls at the phone', async () => {
    const found = (await messages()).filter((m) => m.poll)
    return found.length === CONTACTS.length ? found : null
  })
  const pollOf = (first) => polls.find((p) => p.body.startsWith(first))

  // On the phone: Ana votes Sim, Bruno Não; Carla does nothing.
  const phone = await page.context().newPage()
  const voteOnPhone = async (poll, option) => {
    await phone.goto(`${stack.simUrl}/_sim/`)
    const form = phone.locator(`form[data-poll="${poll.id}"]`)
    await form.getByRole('radio', { name: option }).check()
    const posted = phone.waitForResponse((r) => r.url().endsWith('/vote') && r.request().method() === 'POST')
    await form.getByRole('button', { name: 'Votar', exact: true }).click()
    assert.equal((await posted).status(), 303, 'the phone took the vote')
    await phone.waitForLoadState('load')
  }
  await voteOnPhone(pollOf('Ana'), 'Sim')
  await voteOnPhone(pollOf('Bruno'), 'Não')
  // Carla does not vote: she writes back instead.
  await phone.goto(`${stack.simUrl}/_sim/`)
  const carlaChat = phone.locator('article', { hasText: '98765-4323' })
  await carlaChat.getByLabel('Resposta do contato').fill(QUESTION)
  await carlaChat.getByRole('button', { name: 'Responder', exact: true }).click()
  await phone.waitForURL(/\/_sim\/$/)
  await phone.close()

  // The step is due 30 s after the last poll went out: the cron creates it, the sender sends it.
  const tick = () => fetch(`${stack.url}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`)
  const followUps = await until(
    'the follow-up to reach Ana',
    async () => {
      await tick()
      const texts = (await messages()).filter((m) => m.fromMe && !m.poll)
      return texts.length > 0 ? texts : null
    },
    { timeout: 120_000, every: 3000 },
  )
  await new Promise((r) => setTimeout(r, 3000))
  const all = (await messages()).filter((m) => m.fromMe && !m.poll)
  assert.equal(all.length, 1, `only Ana gets the follow-up: ${JSON.stringify(all)}`)
  assert.match(followUps[0].body, /^Oba, Ana! Seguem os detalhes do evento\.$/)

  // The team reads Carla's question in Respostas and answers it; the answer reaches her phone once.
  await page.goto('/respostas')
  await until('the reply in Respostas', async () => (await page.getByText(QUESTION).count()) > 0, {
    timeout: 30_000,
    between: () => reload(page),
  })
  await page.getByRole('link', { name: 'Carla Nunes' }).click()
  await page.getByRole('heading', { name: 'Conversa com Carla Nunes' }).waitFor()
  await hydrated(page, js)
  await page.getByTestId('inbound').getByText(QUESTION).waitFor()
  await page.getByLabel('Sua resposta').fill(ANSWER)
  await page.getByRole('button', { name: 'Enviar resposta' }).click()
  await page.getByTestId('answer').getByText(ANSWER).waitFor({ timeout: 20_000 })
  await shot('answered')
  const answers = (await simJson(stack, '/_sim/messages?chatId=5511987654323@c.us')).filter(
    (m) => m.fromMe && m.body === ANSWER,
  )
  assert.equal(answers.length, 1, `Carla's phone got the answer once: ${JSON.stringify(answers)}`)
  // Her reply did not make her a voter: the follow-up still went to Ana alone.
  const toOthers = (await messages()).filter((m) => m.fromMe && !m.poll && m.body !== ANSWER)
  assert.equal(toOthers.length, 1, `only Ana got the follow-up: ${JSON.stringify(toOthers)}`)

  // The campaign page: the step's funnel, and the campaign finished after its last step.
  await page.goto(campaignPath)
  await until('the campaign to finish', async () => (await campaignStatus(page)) === 'finished', {
    timeout: 60_000,
    between: async () => {
      await tick()
      await reload(page)
    },
  })
  const steps = page.getByTestId('report-steps')
  const cell = (step, col) => steps.locator(`tr[data-step="${step}"] td[data-col="${col}"]`).textContent()
  assert.equal(await cell(0, 'created'), '3')
  assert.equal(await cell(1, 'created'), '1')
  assert.equal(await cell(1, 'sent'), '1')
  await shot('report')
}
