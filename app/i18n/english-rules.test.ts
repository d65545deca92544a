// The English UI shows English for what the campaign rules and the password check refuse, translated by
// code (decision 025): pacing problems, illegal status moves, template syntax errors and password
// problems, parameters included; the pt-BR `message` beside each text is rendered from the same catalogue.
import { describe, expect, it } from 'vitest'
import {
  CAMPAIGN_STATUSES,
  campaignStatusLabel,
  transitionError,
  transitionText,
} from '../core/campaigns/status'
import { parseTemplate } from '../core/campaigns/template-parser'
import { passwordProblems, passwordTexts } from '../core/crypto/password'
import { validatePacing } from '../core/sending/pacing'
import { translate } from './index'
import { expectEnglishText } from './test-english'
import { type Text, text } from './text'

const en = (t: Text) => translate('en', t)

describe('English for campaign rules', () => {
  it('should translate every pacing problem', () => {
    const problems = [
      ...validatePacing({
        minDelayS: -1,
        maxDelayS: -1,
        maxPerMinute: 0,
        dailyCap: 0,
        timeZone: 'Mars/Base',
      }),
      ...validatePacing({ minDelayS: 9, maxDelayS: 3, window: { days: [], startMinute: -1, endMinute: 0 } }),
      ...validatePacing({ window: { days: [9], startMinute: 600, endMinute: 540 } }),
    ]
    expect(new Set(problems.map((p) => p.text.code)).size).toBe(11)
    for (const p of problems) {
      expect(p.message).toBe(translate('pt-BR', p.text))
      expectEnglishText(p.text)
    }
    expect(en(problems.find((p) => p.field === 'maxDelayS' && p.text.code.endsWith('Order'))!.text)).toBe(
      'The maximum interval must be greater than or equal to the minimum.',
    )
    expectEnglishText(text('pacing.errors.windowNoDay'))
  })

  it('should translate every illegal status move, with English status names', () => {
    let illegal = 0
    for (const from of CAMPAIGN_STATUSES) {
      for (const to of CAMPAIGN_STATUSES) {
        const reason = transitionText(from, to)
        if (!reason) continue
        illegal++
        expect(transitionError(from, to)).toBe(translate('pt-BR', reason))
        expectEnglishText(reason)
      }
    }
    expect(illegal).toBeGreaterThan(20)
    expect(en(transitionText('draft', 'paused')!)).toBe(
      'The campaign cannot move from "draft" to "paused". From "draft" it can only move to: "scheduled", "sending", "cancelled".',
    )
    expect(en(transitionText('finished', 'running')!)).toBe(
      'The campaign cannot move from "finished" to "sending". The campaign is already finished; create a new one to send again.',
    )
    expect(en(transitionText('paused', 'paused')!)).toBe('The campaign status is already "paused".')
    expectEnglishText(transitionText('x' as never, 'draft')!)
  })

  it('should name each status inside a sentence as its label says, in both languages', () => {
    for (const status of CAMPAIGN_STATUSES) {
      for (const locale of ['pt-BR', 'en'] as const) {
        expect(translate(locale, text('campaigns.transition.status', { status }))).toBe(
          `"${campaignStatusLabel(status, locale).toLowerCase()}"`,
        )
      }
    }
  })

  it('should translate template errors with their position', () => {
    const errors = ['Oi {{ }}', 'Oi }', '{Oi} tudo bem', 'Oi {a|b'].flatMap((t) => {
      const parsed = parseTemplate(t)
      return parsed.ok ? [] : parsed.errors
    })
    expect(errors).toHaveLength(4)
    for (const e of errors) {
      expect(e.message).toBe(translate('pt-BR', e.reason))
      expectEnglishText(e.reason)
    }
    expect(en(errors[1]!.reason)).toBe(
      'Closing brace "}" without an opening one (line 1, column 4): remove it or write \\} to show it in the text.',
    )
    expect(errors.map((e) => e.message)).toEqual([
      'Variável vazia (linha 1, coluna 4): escreva o nome dentro das chaves, por exemplo {{nome}}.',
      'Chave "}" sem abertura (linha 1, coluna 4): remova-a ou escreva \\} para mostrá-la no texto.',
      'Variação com uma só opção (linha 1, coluna 1): separe as opções com "|", como {Olá|Oi}, use {{nome}} para variáveis ou escreva \\{ e \\} para mostrar chaves.',
      'Chave "{" sem fechamento (linha 1, coluna 4): feche as variações com "}", use {{nome}} para variáveis ou escreva \\{ para mostrá-la no texto.',
    ])
  })
})

describe('English for password problems', () => {
  it('should translate every problem, with the limits', () => {
    const problems = [...passwordTexts('aaaa'), ...passwordTexts('x'.repeat(201))]
    expect(new Set(problems.map((p) => p.code)).size).toBe(3)
    for (const problem of problems) expectEnglishText(problem)
    expect(passwordProblems('aaaa')).toEqual(passwordTexts('aaaa').map((p) => translate('pt-BR', p)))
    expect(en(passwordTexts('abc')[0]!)).toBe('The password must have at least 10 characters.')
    expect(passwordProblems('abc')[0]).toBe('A senha deve ter pelo menos 10 caracteres.')
  })
})
