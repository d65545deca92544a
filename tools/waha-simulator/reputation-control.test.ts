import { afterEach, describe, expect, it } from 'vitest'
import { defaultReputationConfig, reputationPatchFromEnv } from './reputation-config'
import { createSimulator } from './server'
import { plainContact, startTestSim, type TestSim, waitUntil } from './test-support'

const SESSION = 'campanha-loja-01'
let t: TestSim
afterEach(() => t.close())

const rep = async () => (await t.getJson(`/_sim/reputation?session=${SESSION}`)).sessions[0]
const post = async (body: unknown) => {
  const response = await t.control('/_sim/reputation', body)
  return { status: response.status, body: await response.json() }
}

describe('the reputation control API', () => {
  it('is off by default: careless sends change nothing, GET says so', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    for (let i = 0; i < 150; i++) {
      const response = await t.post('/api/sendText', {
        session: SESSION,
        chatId: `${plainContact(i)}@c.us`,
        text: 'Mesmo texto http://bit.ly/x',
      })
      expect(response.status).toBe(201)
    }
    const overview = await t.getJson('/_sim/reputation')
    expect(overview.enabled).toBe(false)
    expect(overview.config).toEqual(defaultReputationConfig(true))
    expect(overview.sessions[0]).toMatchObject({ value: 100, state: 'ok', counts: null })
    expect(await (await fetch(`${t.url}/_sim/`)).text()).not.toContain('Reputação do número')
  })

  it('POST changes any part of the config and answers the overview; GET ?session= filters', async () => {
    t = await startTestSim()
    const { status, body } = await post({
      enabled: true,
      seed: 42,
      startValue: 60,
      thresholds: { restrictNewContactsBelow: 70, stopDeliveryBelow: 50, failBelow: 10 },
      weights: { speed: 2 },
      limits: { perMinute: 10 },
      badLinkHosts: ['Encurta.Example'],
      audience: { enabled: true, replyDelayMs: { max: 500 } },
    })
    expect(status).toBe(200)
    expect(body.config).toMatchObject({
      enabled: true,
      seed: 42,
      startValue: 60,
      thresholds: { restrictNewContactsBelow: 70, stopDeliveryBelow: 50, failBelow: 10 },
      weights: { speed: 2, firstContact: 0.1 },
      limits: { perMinute: 10, identicalChats: 3 },
      badLinkHosts: ['encurta.example'],
      audience: { enabled: true, replyPersonal: 0.3, replyDelayMs: { min: 20, max: 500 } },
    })
    await t.workingSession(SESSION, undefined, '5511999990000')
    // A new number starts at startValue: below 70, new contacts are refused at once.
    expect(await rep()).toMatchObject({
      number: '5511999990000',
      value: 60,
      state: 'restricted-new-contacts',
    })
    const refused = await t.post('/api/sendText', {
      session: SESSION,
      chatId: `${plainContact(1)}@c.us`,
      text: 'Oi',
    })
    expect(refused.status).toBe(500)
    expect((await t.control('/_sim/reputation?session=nope', undefined, 'GET')).status).toBe(404)
    // /_sim/state shows the config too; reset brings the start options back.
    expect((await t.getJson('/_sim/state')).reputation.seed).toBe(42)
    await t.control('/_sim/reset')
    expect((await t.getJson('/_sim/reputation')).config).toEqual(defaultReputationConfig(true))
  })

  it('bad values: 400 with a message that says what to fix, and nothing changes', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const before = await t.getJson('/_sim/reputation')
    const cases: [unknown, string][] = [
      [{ weights: { speed: -1 } }, 'weights.speed: deve ser um número entre 0 e 100'],
      [{ weights: { speed: 'muito' } }, 'weights.speed: deve ser um número entre 0 e 100'],
      [{ wieghts: { speed: 1 } }, 'campo desconhecido: wieghts'],
      [{ audience: { replyPersonl: 0.5 } }, 'campo desconhecido: audience.replyPersonl'],
      [
        { thresholds: { failBelow: 70 } },
        'restrictNewContactsBelow (60) ≥ stopDeliveryBelow (40) ≥ failBelow (70)',
      ],
      [{ reinstateValue: 10 }, 'reinstateValue (10) deve ser maior que thresholds.failBelow (20)'],
      [{ audience: { replyPersonal: 0.9, optOutBase: 0.5 } }, 'passa de 1'],
      [{ audience: { replyDelayMs: { min: 900, max: 100 } } }, 'min (900) não pode ser maior que max (100)'],
      [{ banAs: 'banned' }, 'banAs: deve ser um de: logged-out, failed'],
      [{ seed: 1.5 }, 'seed: deve ser um inteiro'],
      [{ enabled: 'yes' }, 'enabled: deve ser true ou false'],
      [{ badLinkHosts: ['bit.ly/x'] }, 'badLinkHosts.0: deve ser um nome de host'],
      [[1, 2], 'a configuração deve ser um objeto JSON'],
      [{ session: SESSION, value: 150 }, 'value: deve ser um número entre 0 e 100'],
      [{ session: SESSION }, 'value: deve ser um número entre 0 e 100'],
      [{ value: 30 }, 'Informe session (nome da sessão) ou phone junto com value.'],
      [{ session: SESSION, phone: '5511999990000', value: 30 }, 'Informe session ou phone, não os dois.'],
      [{ phone: '123', value: 30 }, 'phone: deve ter de 10 a 15 dígitos'],
      // A valid config change next to a bad value is refused whole.
      [{ enabled: true, session: SESSION, value: -5 }, 'value: deve ser um número entre 0 e 100'],
    ]
    for (const [body, message] of cases) {
      const response = await post(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error, JSON.stringify(body)).toContain(message)
    }
    const malformed = await fetch(`${t.url}/_sim/reputation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"enabled": tru',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual({ error: 'O corpo não é um JSON válido.' })
    expect((await post({ session: 'nope', value: 30 })).status).toBe(404)
    expect(await t.getJson('/_sim/reputation')).toEqual(before)
  })

  it('setting a value: by session (needs a paired number) or by phone; below failBelow bans', async () => {
    t = await startTestSim({ reputation: { enabled: true } })
    await t.post('/api/sessions', { name: SESSION, start: true })
    await waitUntil(async () => (await t.status(SESSION)) === 'SCAN_QR_CODE')
    const unpaired = await post({ session: SESSION, value: 30 })
    expect(unpaired.status).toBe(409)
    expect(unpaired.body.error).toContain('ainda não tem número')
    // By phone, before that number pairs: the record waits for it.
    expect((await post({ phone: '+55 11 97777-0002', value: 35 })).status).toBe(200)
    await t.control(`/_sim/sessions/${SESSION}/scan`, { phone: '5511977770002' })
    await waitUntil(async () => (await t.status(SESSION)) === 'WORKING')
    expect(await rep()).toMatchObject({ value: 35, state: 'not-delivering', components: { manual: -65 } })
    expect((await post({ session: SESSION, value: 3 })).body.sessions[0].state).toBe('failed')
    await waitUntil(async () => (await t.status(SESSION)) === 'FAILED', 'ban')
  })

  it('the phone page shows each number reputation and state while the model is on', async () => {
    t = await startTestSim({ reputation: { enabled: true } })
    await t.workingSession(SESSION)
    await post({ session: SESSION, value: 52.4 })
    const html = await (await fetch(`${t.url}/_sim/`)).text()
    expect(html).toContain(
      'Reputação do número: <strong>52</strong>/100 · bloqueado para contatos novos (erro 463)',
    )
  })
})

describe('reputation options and environment', () => {
  it('createSimulator refuses a bad reputation option with the field named', () => {
    expect(() => createSimulator({ reputation: { weights: { reply: -2 } } })).toThrow(
      'weights.reply: deve ser um número entre 0 e 100',
    )
  })

  it('reads WAHA_SIM_REPUTATION*, WAHA_SIM_AUDIENCE and WAHA_SIM_SEED; bad ones are reported', () => {
    expect(reputationPatchFromEnv({})).toEqual({ patch: {} })
    expect(
      reputationPatchFromEnv({
        WAHA_SIM_REPUTATION: '1',
        WAHA_SIM_AUDIENCE: 'true',
        WAHA_SIM_SEED: '7',
        WAHA_SIM_REPUTATION_START: '60',
        WAHA_SIM_REPUTATION_CONFIG: '{"weights":{"speed":1},"audience":{"replyPersonal":0.5}}',
      }),
    ).toEqual({
      patch: {
        enabled: true,
        seed: 7,
        startValue: 60,
        weights: { speed: 1 },
        audience: { replyPersonal: 0.5, enabled: true },
      },
    })
    expect(reputationPatchFromEnv({ WAHA_SIM_REPUTATION_CONFIG: '{nope' }).error).toContain(
      'WAHA_SIM_REPUTATION_CONFIG não é JSON',
    )
    expect(() =>
      createSimulator({ reputation: reputationPatchFromEnv({ WAHA_SIM_SEED: 'abc' }).patch }),
    ).toThrow('seed: deve ser um inteiro')
    expect(() =>
      createSimulator({ reputation: reputationPatchFromEnv({ WAHA_SIM_REPUTATION: 'talvez' }).patch }),
    ).toThrow('enabled: deve ser true ou false')
  })
})
