// The WAHA client's sendPoll (decision 038): the body validates against the spec's MessagePollRequest
// (the same checker the simulator's contract test uses), and a poll without question or with fewer
// than two options is refused before any request.
import { describe, expect, it } from 'vitest'
import { exampleJson, SESSION, wahaReplayPerTest } from '../../../tests/fixtures/waha'
import { checkSchema, wahaSpec } from '../../../tools/waha-simulator/contract/schema-check'

const { waha, client } = wahaReplayPerTest()
const { chatId } = exampleJson('example-request-sendText.json') as { chatId: string }

describe('sendPoll', () => {
  it('should send the body the spec shapes and return the poll message id', async () => {
    const poll = { name: 'Qual horário?', options: ['Manhã', ' Tarde '], multipleAnswers: true }
    const result = await client().sendPoll({ session: SESSION, chatId, poll })
    expect(result).toMatchObject({ ok: true })
    expect(result.ok && result.value.messageId).toBeTruthy()
    const request = waha.requests.at(-1)
    expect(request?.path).toBe('/api/sendPoll')
    const body = JSON.parse(request?.body ?? '')
    expect(body).toEqual({
      session: SESSION,
      chatId,
      poll: { name: 'Qual horário?', options: ['Manhã', 'Tarde'], multipleAnswers: true },
    })
    const schema = { $ref: '#/components/schemas/MessagePollRequest' }
    expect(checkSchema(wahaSpec, schema, body)).toEqual([])
    expect(checkSchema(wahaSpec, schema, { ...body, poll: { name: 'x', options: ['a'] } })).toEqual([
      '$.poll.multipleAnswers: required',
    ])
  })

  it('should refuse a poll without question or with one option before any request', async () => {
    const c = client()
    const one = { name: 'P?', options: ['Sim', ' '], multipleAnswers: false }
    expect(await c.sendPoll({ session: SESSION, chatId, poll: one })).toMatchObject({
      ok: false,
      error: { kind: 'bad_request' },
    })
    const blank = { name: '  ', options: ['Sim', 'Não'], multipleAnswers: false }
    expect(await c.sendPoll({ session: SESSION, chatId, poll: blank })).toMatchObject({ ok: false })
    expect(waha.requests).toHaveLength(0)
  })
})
