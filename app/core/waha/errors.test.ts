import { describe, expect, it } from 'vitest'
import { classifyHttpFailure, findLockEnd, fromSafeFetchError, type WahaError } from './errors'

const classify = (status: number, body: string, op: 'send' | 'other' = 'send', type = 'application/json') =>
  classifyHttpFailure(status, type, body, op)

describe('classifyHttpFailure', () => {
  it('should read 463/475 as status codes and carry a lock end time', () => {
    const error = classify(475, '{"timeEnforcementEnds":1785157200}')
    expect(error).toMatchObject({ kind: 'reach_out_limit', code: 475, lockedUntil: new Date(1785157200000) })
    expect(error.message).toMatch(/horário de Brasília/)
  })

  it('should find a nested lock end in a 500 body (seconds or ms)', () => {
    const error = classify(
      500,
      '{"exception":{"message":"server returned error 463","reachoutTimelock":{"timeEnforcementEnds":1785157200000}}}',
    )
    expect(error).toMatchObject({ kind: 'reach_out_limit', code: 463, lockedUntil: new Date(1785157200000) })
  })

  it('should classify plain 429 and 413', () => {
    expect(classify(429, '')).toMatchObject({ kind: 'rate_limited', definite: true })
    expect(classify(413, '{"message":"request entity too large"}')).toMatchObject({ kind: 'bad_request' })
    expect(classify(413, '<html>413 Request Entity Too Large</html>', 'send', 'text/html')).toMatchObject({
      kind: 'bad_request',
      definite: true,
    })
  })

  it('should classify engine-unsupported 422 as bad_request', () => {
    expect(
      classify(422, '{"statusCode":422,"message":"The method is not implemented by the engine."}'),
    ).toMatchObject({ kind: 'bad_request', problems: ['The method is not implemented by the engine.'] })
  })

  it('should classify a 400 about the number as invalid_number', () => {
    expect(classify(400, '{"statusCode":400,"message":["invalid wid"]}')).toMatchObject({
      kind: 'invalid_number',
    })
  })

  it('should classify odd 4xx codes as unexpected_response (definite)', () => {
    expect(classify(405, '{"message":"Method Not Allowed"}')).toMatchObject({
      kind: 'unexpected_response',
      definite: true,
    })
  })

  it('should word ambiguous failures differently for sends and other calls', () => {
    expect(classify(500, '{"statusCode":500}', 'send').message).toMatch(/não será reenviada/)
    expect(classify(500, '{"statusCode":500}', 'other').message).toMatch(/Confira o estado/)
  })

  it('should mark every kind with consistent flags', () => {
    const errors: WahaError[] = [
      classify(401, ''),
      classify(404, '{}'),
      classify(422, '{"expected":["WORKING"],"status":"FAILED"}'),
      classify(500, 'oops', 'send', 'text/plain'),
    ]
    for (const error of errors) {
      expect(error.definite || !error.retryable).toBe(true)
      expect(error.message).not.toBe('')
    }
  })
})

describe('fromSafeFetchError', () => {
  const T = { code: 'net.aborted' }

  it('should map transport failures by whether the request could have left', () => {
    expect(
      fromSafeFetchError({ kind: 'connect_failed', code: 'ENOTFOUND', text: T, message: '' }, 'send'),
    ).toMatchObject({
      kind: 'network',
      definite: true,
    })
    expect(
      fromSafeFetchError(
        { kind: 'connection_lost', phase: 'response', code: null, text: T, message: '' },
        'send',
      ),
    ).toMatchObject({ kind: 'ambiguous', definite: false })
    expect(fromSafeFetchError({ kind: 'aborted', text: T, message: '' }, 'send')).toMatchObject({
      kind: 'ambiguous',
    })
    expect(
      fromSafeFetchError({ kind: 'too_large', maxBytes: 1, text: T, message: '' }, 'other'),
    ).toMatchObject({
      kind: 'unexpected_response',
    })
    expect(
      fromSafeFetchError({ kind: 'blocked_url', reason: 'private_address', text: T, message: 'x' }, 'other'),
    ).toMatchObject({ kind: 'invalid_config', message: 'x' })
  })
})

describe('findLockEnd', () => {
  it('should ignore bodies without a usable value', () => {
    expect(findLockEnd(null)).toBeNull()
    expect(findLockEnd({ timeEnforcementEnds: 'soon' })).toBeNull()
    expect(findLockEnd({ a: { b: { c: { d: { e: { timeEnforcementEnds: 5 } } } } } })).toBeNull()
  })
})
