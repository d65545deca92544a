import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n'
import {
  assessHealth,
  DEFAULT_HEALTH_CONFIG,
  emptyCounts,
  type HealthConfig,
  HealthConfigError,
  type HealthCounts,
  type HealthInput,
  resolveHealthConfig,
  SIGNAL_CODES,
  type SignalCode,
} from './health'

/** A number doing fine: 5 % still at one tick, 8 % replies, half new contacts, varied texts. */
function healthy(n: number): HealthCounts {
  return {
    ...emptyCounts(),
    sent: n,
    matured: n,
    attempted: n,
    stillServer: Math.round(n * 0.05),
    fresh: n,
    freshServer: Math.round(n * 0.05),
    replies: Math.round(n * 0.08),
    firstContacts: Math.round(n * 0.5),
    identicalTextMax: 3,
  }
}

function input(
  short: Partial<HealthCounts> = {},
  long: Partial<HealthCounts> = {},
  extra: Partial<HealthInput> = {},
): HealthInput {
  return {
    windows: { short: { ...healthy(60), ...short }, long: { ...healthy(600), ...long } },
    status: 'WORKING',
    everConnected: true,
    ...extra,
  }
}

const scoreOf = (i: HealthInput, c?: HealthConfig) => assessHealth(i, c).score

/** The same bad share in both windows (numerator field set to share × base). */
function share(field: keyof HealthCounts, base: keyof HealthCounts, p: number): HealthInput {
  const s = healthy(60)
  const l = healthy(600)
  return input({ [field]: Math.round(s[base] * p) }, { [field]: Math.round(l[base] * p) })
}

describe('assessHealth: every signal moves the score the right way', () => {
  const bad: Array<[SignalCode, (p: number) => HealthInput, number[]]> = [
    ['serverStuck', (p) => share('stillServer', 'matured', p), [0.05, 0.25, 0.4, 0.6, 0.9]],
    ['ackErrors', (p) => share('ackErrors', 'sent', p), [0, 0.03, 0.06, 0.12, 0.3]],
    ['pendingStuck', (p) => share('pendingStuck', 'attempted', p), [0, 0.05, 0.1, 0.25, 0.5]],
    ['optOuts', (p) => share('optOuts', 'sent', p), [0, 0.01, 0.02, 0.04, 0.1]],
    ['firstContacts', (p) => share('firstContacts', 'sent', p), [0.5, 0.85, 0.9, 0.97, 1]],
    ['identicalTexts', (p) => share('identicalTextMax', 'sent', p), [0.05, 0.3, 0.5, 0.8, 1]],
    ['reachOutLimit', (n) => input({}, { reachOutLimit: n }), [0, 1, 2]],
    ['rateLimited', (n) => input({}, { rateLimited: n }), [0, 1, 2, 3]],
    ['flaps', (n) => input({}, { flaps: n }), [0, 1, 2, 3, 4]],
  ]
  for (const [code, build, levels] of bad) {
    it(`lowers the score as ${code} grows, and names it`, () => {
      const scores = levels.map((v) => scoreOf(build(v)))
      for (let i = 1; i < scores.length; i++)
        expect(scores[i]!, `${code} at ${levels[i]}`).toBeLessThanOrEqual(scores[i - 1]!)
      expect(scores.at(-1)!).toBeLessThan(scores[0]!)
      const worst = assessHealth(build(levels.at(-1)!))
      expect(worst.reasons.map((r) => r.code)).toContain(code)
      expect(worst.signals[code].level).toBe('critical')
    })
  }

  it('raises the score as the reply rate grows (low replies are the risk)', () => {
    const rates = [0, 0.01, 0.02, 0.04, 0.08]
    const scores = rates.map((p) => scoreOf(share('replies', 'matured', p)))
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThanOrEqual(scores[i - 1]!)
    expect(scores.at(-1)!).toBeGreaterThan(scores[0]!)
    expect(assessHealth(share('replies', 'matured', 0)).reasons.map((r) => r.code)).toContain('lowReplies')
    expect(assessHealth(share('replies', 'matured', 0.08)).reasons).toEqual([])
  })

  it('gives a healthy number a high score, state saudavel and no reasons', () => {
    const a = assessHealth(input())
    expect(a.state).toBe('saudavel')
    expect(a.score).toBeGreaterThanOrEqual(95)
    expect(a.reasons).toEqual([])
    expect(Number.isInteger(a.score)).toBe(true)
  })

  it('reacts to a spike in the short window that the long window dilutes', () => {
    const spike = input({ stillServer: 45 }, { stillServer: 75 }) // 75 % of the last hour, 12.5 % of the day
    const a = assessHealth(spike)
    expect(a.signals.serverStuck.window).toBe('short')
    expect(a.signals.serverStuck.level).toBe('critical')
    expect(a.state).not.toBe('saudavel')
  })
})

describe('assessHealth: states', () => {
  it('maps the score to saudavel / atencao / em_risco with the configured bands', () => {
    expect(assessHealth(share('optOuts', 'sent', 0.02)).state).toBe('atencao')
    expect(assessHealth(share('optOuts', 'sent', 0.05)).state).toBe('em_risco')
    const lenient = resolveHealthConfig({ bands: { healthyMin: 40, attentionMin: 20 } })
    if (!lenient.ok) throw new Error('config')
    expect(assessHealth(share('optOuts', 'sent', 0.05), lenient.config).state).toBe('saudavel')
  })

  it('puts a number at risk at the first 463/475, whatever the score', () => {
    const weightless = resolveHealthConfig({ signals: { reachOutLimit: { weight: 0 } } })
    if (!weightless.ok) throw new Error('config')
    const a = assessHealth(input({}, { reachOutLimit: 1 }), weightless.config)
    expect(a.score).toBeGreaterThanOrEqual(80)
    expect(a.state).toBe('em_risco')
    expect(a.reasons[0]).toEqual({ code: 'reachOutLimit', params: { count: 1, hours: 24 } })
  })

  it('slows a number down at the first rate limit', () => {
    const a = assessHealth(input({}, { rateLimited: 1 }))
    expect(a.score).toBeGreaterThanOrEqual(80)
    expect(a.state).toBe('atencao')
  })

  it('blocks a number that was logged out, banned or refused, with score 0 and the reason first', () => {
    for (const kind of ['loggedOut', 'banned', 'refused'] as const) {
      const a = assessHealth(input({}, {}, { block: { kind, at: 1 } }))
      expect(a).toMatchObject({ state: 'bloqueado', rawState: 'bloqueado', score: 0 })
      expect(a.reasons[0]).toEqual({ code: kind, params: {} })
    }
  })

  it('reads a number that asks for pairing again after having worked as logged out', () => {
    for (const status of ['SCAN_QR_CODE', 'PASSKEY_REQUIRED', 'PASSKEY_CONFIRMATION_REQUIRED']) {
      expect(assessHealth(input({}, {}, { status })).state).toBe('bloqueado')
      // A number being paired for the first time is not blocked.
      expect(assessHealth(input({}, {}, { status, everConnected: false })).state).toBe('saudavel')
    }
    expect(assessHealth(input({}, {}, { status: 'FAILED' })).state).toBe('saudavel')
  })

  it('treats an unknown block kind as refused (never as no block)', () => {
    const a = assessHealth(input({}, {}, { block: { kind: 'whatever' as never, at: 1 } }))
    expect(a.state).toBe('bloqueado')
    expect(a.reasons[0]!.code).toBe('refused')
  })
})

describe('assessHealth: hysteresis between bands', () => {
  const nearHealthy = input({}, { stillServer: 150 }) // 25 % stuck over the day: a small penalty

  it('needs `hysteresis` more points to climb back than to fall', () => {
    const a = assessHealth(nearHealthy)
    expect(a.score).toBeGreaterThanOrEqual(80)
    expect(a.score).toBeLessThan(90)
    expect(a.state).toBe('saudavel')
    const held = assessHealth({ ...nearHealthy, previous: 'atencao' })
    expect(held).toMatchObject({ state: 'atencao', rawState: 'saudavel', score: a.score })
    expect(held.reasons.at(-1)).toEqual({ code: 'hysteresis', params: { score: a.score, needed: 90 } })
    expect(assessHealth({ ...input(), previous: 'atencao' }).state).toBe('saudavel')
  })

  it('climbs one band at a time from em_risco when the score clears only the lower margin', () => {
    const a = assessHealth({ ...nearHealthy, previous: 'em_risco' })
    expect(a.state).toBe('atencao')
    const low = assessHealth({ ...share('optOuts', 'sent', 0.035), previous: 'em_risco' })
    expect(low.score).toBeGreaterThanOrEqual(50)
    expect(low.score).toBeLessThan(60)
    expect(low.state).toBe('em_risco')
  })

  it('never makes a state worse than the score and rules say, and falls without delay', () => {
    expect(assessHealth({ ...share('optOuts', 'sent', 0.05), previous: 'saudavel' }).state).toBe('em_risco')
    expect(assessHealth({ ...input(), previous: 'bloqueado' }).state).toBe('saudavel')
    const tight = resolveHealthConfig({ bands: { healthyMin: 52, attentionMin: 50, hysteresis: 30 } })
    if (!tight.ok) throw new Error('config')
    // 73 points: saudavel for these bands, below even the raised em_risco line (80): stays atencao.
    const seventyThree = share('optOuts', 'sent', 0.02)
    expect(assessHealth(seventyThree, tight.config)).toMatchObject({ score: 73, state: 'saudavel' })
    expect(assessHealth({ ...seventyThree, previous: 'atencao' }, tight.config).state).toBe('atencao')
  })
})

describe('assessHealth: small samples do not raise alarms', () => {
  it('ignores rates below the minimum sample, however bad they look', () => {
    const tiny: HealthCounts = {
      ...emptyCounts(),
      sent: 5,
      matured: 5,
      attempted: 5,
      stillServer: 5,
      ackErrors: 5,
      optOuts: 2,
      firstContacts: 5,
      identicalTextMax: 5,
      pendingStuck: 5,
    }
    const a = assessHealth({ windows: { short: tiny, long: tiny }, status: 'WORKING' })
    expect(a).toMatchObject({ score: 100, state: 'saudavel', reasons: [] })
    expect(a.signals.ackErrors.insufficient).toBe(true)
  })

  it('needs more evidence for the same share in a smaller sample (Wilson lower bound)', () => {
    const at = (n: number) => {
      const c = {
        ...emptyCounts(),
        sent: n,
        matured: n,
        attempted: n,
        replies: n,
        ackErrors: Math.round(n * 0.1),
      }
      return assessHealth({ windows: { short: c, long: c }, status: 'WORKING' }).score
    }
    expect(at(20)).toBeGreaterThan(at(200))
    expect(at(200)).toBeGreaterThan(at(2000))
  })

  it('does not call a brand-new number with no replies yet a spammer', () => {
    const c = { ...emptyCounts(), sent: 30, matured: 30, attempted: 30, firstContacts: 30 }
    expect(
      assessHealth({ windows: { short: c, long: c }, status: 'WORKING' }).signals.lowReplies.penalty,
    ).toBe(0)
  })

  it('counts a single 463 even without any send sample: counts are not sampled', () => {
    const c = { ...emptyCounts(), reachOutLimit: 1 }
    expect(assessHealth({ windows: { short: emptyCounts(), long: c }, status: 'WORKING' }).state).toBe(
      'em_risco',
    )
  })
})

describe('assessHealth: bad input', () => {
  it('corrects counts that do not add up and reports them, instead of trusting them', () => {
    const a = assessHealth({
      windows: {
        short: { ...healthy(60), ackErrors: 90, stillServer: -3 },
        long: { ...healthy(600), optOuts: Number.NaN, sent: 50 },
      },
      status: 'WORKING',
    })
    expect(a.countProblems).toEqual(
      expect.arrayContaining([
        { window: 'short', field: 'ackErrors', code: 'exceeds_base' },
        { window: 'short', field: 'stillServer', code: 'not_a_count' },
        { window: 'long', field: 'optOuts', code: 'not_a_count' },
        { window: 'long', field: 'sent', code: 'short_exceeds_long' },
      ]),
    )
    expect(a.signals.ackErrors.count).toBeLessThanOrEqual(a.signals.ackErrors.total)
    expect(a.score).toBeGreaterThanOrEqual(0)
  })

  it('refuses a config with inverted thresholds', () => {
    const broken = structuredClone(DEFAULT_HEALTH_CONFIG) as HealthConfig
    broken.signals.optOuts.critical = 0.001
    expect(() => assessHealth(input(), broken)).toThrow(HealthConfigError)
  })

  it('judges missing windows as no activity', () => {
    expect(assessHealth({ windows: {} as never, status: 'WORKING' }).state).toBe('saudavel')
  })
})

describe('assessHealth: determinism and wording', () => {
  it('gives the same result for the same input', () => {
    const i = input({ ackErrors: 4, optOuts: 1 }, { flaps: 2, rateLimited: 1, optOuts: 9 })
    expect(assessHealth(structuredClone(i))).toEqual(assessHealth(structuredClone(i)))
  })

  it('lists the worst reason first', () => {
    const a = assessHealth(input({}, { reachOutLimit: 1, flaps: 2 }))
    expect(a.reasons.map((r) => r.code)).toEqual(['reachOutLimit', 'flaps'])
  })

  it('has pt-BR and English words for every reason, with every value filled in', () => {
    const everything = assessHealth(
      input(
        {
          stillServer: 60,
          freshServer: 60,
          ackErrors: 60,
          pendingStuck: 60,
          optOuts: 60,
          firstContacts: 60,
          identicalTextMax: 60,
          replies: 0,
        },
        {
          stillServer: 600,
          ackErrors: 600,
          pendingStuck: 600,
          optOuts: 600,
          firstContacts: 600,
          identicalTextMax: 600,
          replies: 0,
          reachOutLimit: 2,
          rateLimited: 3,
          flaps: 4,
        },
        { previous: 'em_risco' },
      ),
    )
    expect(new Set(everything.reasons.map((r) => r.code))).toEqual(new Set(SIGNAL_CODES))
    const others = [
      ...(['loggedOut', 'banned', 'refused'] as const).map((code) => ({ code, params: {} })),
      { code: 'hysteresis', params: { score: 85, needed: 90 } },
    ]
    for (const r of [...everything.reasons, ...others]) {
      for (const locale of ['pt-BR', 'en'] as const) {
        const text = translate(locale, `guard.reason.${r.code}`, r.params)
        expect(text, `${locale} ${r.code}`).not.toContain('guard.reason')
        expect(text, `${locale} ${r.code}`).not.toMatch(/\{\w+\}/)
      }
    }
    expect(
      translate(
        'pt-BR',
        'guard.reason.optOuts',
        everything.reasons.find((r) => r.code === 'optOuts')!.params,
      ),
    ).toBe('600 de 600 pessoas (100%) pediram para sair da lista em 24 h.')
    for (const state of ['saudavel', 'atencao', 'em_risco', 'bloqueado']) {
      expect(translate('en', `guard.state.${state}`)).not.toContain('guard.')
    }
  })
})
