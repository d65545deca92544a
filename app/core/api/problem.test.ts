import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { apiLocale, issueTexts, problemBody } from './problem'

describe('API problems', () => {
  it('should answer in Portuguese unless English is preferred', () => {
    expect(apiLocale(null)).toBe('pt-BR')
    expect(apiLocale('en')).toBe('en')
    expect(apiLocale('en-US,en;q=0.9')).toBe('en')
    expect(apiLocale('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt-BR')
    expect(apiLocale('fr, en;q=0.5')).toBe('en')
    expect(apiLocale('de')).toBe('pt-BR')
  })

  it('should build an RFC 9457 body with a documented type', () => {
    expect(problemBody('en', 'unauthorized')).toEqual({
      type: '/api/v1/docs#problem-unauthorized',
      title: 'Not authenticated',
      status: 401,
      detail: 'Send a valid API token in the Authorization: Bearer header.',
    })
    expect(problemBody('pt-BR', 'forbidden').title).toBe('Sem permissão')
  })

  it('should point at each invalid field in words', () => {
    const schema = z.object({ name: z.string().max(3), items: z.array(z.string()).min(1) }).strict()
    const result = schema.safeParse({ name: 'longo', items: [], x: 1 })
    const body = problemBody('pt-BR', 'validation', { errors: issueTexts(result.error?.issues ?? []) })
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/name', code: 'api.validation.tooLong', detail: 'No máximo 3 caracteres.' },
        { pointer: '/items', code: 'api.validation.tooFewItems', detail: 'Pelo menos 1 item.' },
        { pointer: '', code: 'api.validation.unknownKeys', detail: 'Campos desconhecidos: x.' },
      ]),
    )
  })
})
