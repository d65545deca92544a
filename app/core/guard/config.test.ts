import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n'
import { guardMessages } from '../../i18n/messages/guard'
import {
  assertHealthConfig,
  DEFAULT_HEALTH_CONFIG,
  type HealthConfig,
  HealthConfigError,
  resolveHealthConfig,
  SIGNAL_CODES,
  validateHealthConfig,
} from './config'

const fields = (input: unknown) => validateHealthConfig(input).map((p) => p.field)
const byField = (input: unknown, field: string) => validateHealthConfig(input).find((p) => p.field === field)

describe('validateHealthConfig', () => {
  it('accepts the defaults, nothing at all and a partial override', () => {
    expect(validateHealthConfig(DEFAULT_HEALTH_CONFIG)).toEqual([])
    expect(validateHealthConfig(undefined)).toEqual([])
    expect(validateHealthConfig({})).toEqual([])
    expect(validateHealthConfig({ signals: { optOuts: { warn: 0.02, critical: 0.05 } } })).toEqual([])
  })

  it('refuses values out of range, with the range in the message', () => {
    const p = byField({ signals: { ackErrors: { warn: 1.5 } } }, 'signals.ackErrors.warn')
    expect(p).toMatchObject({
      key: 'guard.config.range',
      params: { min: 0, max: 1 },
      message: 'Use um valor entre 0 e 1.',
    })
    expect(fields({ windows: { shortMinutes: 1 } })).toEqual(['windows.shortMinutes'])
    expect(fields({ bands: { healthyMin: 101 } })).toEqual(['bands.healthyMin'])
    expect(fields({ signals: { flaps: { warn: 0 } } })).toEqual(['signals.flaps.warn'])
    expect(fields({ signals: { serverStuck: { weight: -1 } } })).toEqual(['signals.serverStuck.weight'])
    expect(fields({ actions: { slowGapMultiplier: 0.5 } })).toEqual(['actions.slowGapMultiplier'])
    expect(fields({ sampling: { confidenceZ: 9 } })).toEqual(['sampling.confidenceZ'])
  })

  it('refuses what is not a number, and fractions where a whole number is needed', () => {
    expect(byField({ sampling: { minSample: '20' } }, 'sampling.minSample')?.message).toBe(
      'Informe um número.',
    )
    expect(byField({ sampling: { minSample: Number.NaN } }, 'sampling.minSample')?.key).toBe(
      'guard.config.notNumber',
    )
    expect(byField({ sampling: { minSample: 2.5 } }, 'sampling.minSample')?.message).toBe(
      'Informe um número inteiro.',
    )
    expect(byField({ signals: { flaps: { critical: 2.5 } } }, 'signals.flaps.critical')?.key).toBe(
      'guard.config.notInteger',
    )
  })

  it('refuses unknown fields and groups that are not groups', () => {
    expect(byField({ signals: { spam: { warn: 1 } } }, 'signals.spam')?.key).toBe('guard.config.unknown')
    expect(byField({ colour: 'red' }, 'colour')?.key).toBe('guard.config.unknown')
    expect(byField({ windows: 5 }, 'windows')?.key).toBe('guard.config.notGroup')
    expect(byField([1, 2], 'config')?.key).toBe('guard.config.notGroup')
  })

  it('refuses inverted thresholds, in the direction of each signal', () => {
    expect(
      byField({ signals: { optOuts: { warn: 0.05, critical: 0.02 } } }, 'signals.optOuts.critical'),
    ).toMatchObject({
      key: 'guard.config.criticalAboveWarn',
      message: 'O limite crítico precisa ser maior que o limite de atenção (0.05).',
    })
    expect(fields({ signals: { optOuts: { warn: 0.03, critical: 0.03 } } })).toEqual([
      'signals.optOuts.critical',
    ])
    // Low replies are the risk: the critical rate sits BELOW the attention one.
    expect(
      byField({ signals: { lowReplies: { warn: 0.01, critical: 0.05 } } }, 'signals.lowReplies.critical')
        ?.key,
    ).toBe('guard.config.criticalBelowWarn')
    // Counts may share one threshold (a single 463 is critical) but not invert it.
    expect(validateHealthConfig({ signals: { flaps: { warn: 3, critical: 3 } } })).toEqual([])
    expect(byField({ signals: { flaps: { warn: 3, critical: 2 } } }, 'signals.flaps.critical')?.key).toBe(
      'guard.config.criticalAtLeastWarn',
    )
  })

  it('refuses inverted bands, windows and cool-downs', () => {
    expect(byField({ bands: { healthyMin: 60, attentionMin: 70 } }, 'bands.attentionMin')?.key).toBe(
      'guard.config.attentionBelowHealthy',
    )
    expect(byField({ bands: { healthyMin: 95, hysteresis: 10 } }, 'bands.hysteresis')).toMatchObject({
      key: 'guard.config.hysteresisTooBig',
      params: { max: 5 },
    })
    expect(byField({ windows: { shortMinutes: 120, longMinutes: 60 } }, 'windows.shortMinutes')?.key).toBe(
      'guard.config.shortBelowLong',
    )
    expect(
      byField({ windows: { longMinutes: 30, shortMinutes: 10 } }, 'windows.serverAfterMinutes')?.key,
    ).toBe('guard.config.belowLong')
    expect(
      byField({ actions: { cooldownMinutes: 600, cooldownMaxMinutes: 300 } }, 'actions.cooldownMaxMinutes')
        ?.params,
    ).toEqual({ min: 600 })
  })

  it('reports a field once: a value out of range is not also reported as inverted', () => {
    expect(fields({ signals: { optOuts: { warn: 2, critical: 0.5 } } })).toEqual(['signals.optOuts.warn'])
  })

  it('has pt-BR and English words for every problem it can report', () => {
    const keys = new Set(
      [
        { windows: 5 },
        { x: 1 },
        { sampling: { minSample: 'a' } },
        { sampling: { minSample: 1.5 } },
        { sampling: { minSample: 0 } },
        { windows: { shortMinutes: 120, longMinutes: 60 } },
        { windows: { longMinutes: 30, shortMinutes: 10 } },
        { windows: { shortMinutes: 10, deliveryAfterMinutes: 20 } },
        { bands: { healthyMin: 60, attentionMin: 70 } },
        { bands: { healthyMin: 95, hysteresis: 10 } },
        { signals: { optOuts: { critical: 0.001 } } },
        { signals: { lowReplies: { critical: 0.5 } } },
        { signals: { flaps: { critical: 1 } } },
        { actions: { cooldownMaxMinutes: 60 } },
      ].flatMap((i) => validateHealthConfig(i).map((p) => p.key)),
    )
    const known = Object.keys(guardMessages['pt-BR']).filter((k) => k.startsWith('guard.config.'))
    expect([...keys].sort()).toEqual(known.sort())
    for (const key of keys) {
      expect(translate('en', key, { min: 1, max: 2, warn: 3, long: 4, healthy: 5, short: 6 })).not.toMatch(
        /guard\.|\{\w+\}/,
      )
    }
  })
})

describe('resolveHealthConfig', () => {
  it('fills what is left out with the defaults and leaves the defaults untouched', () => {
    const r = resolveHealthConfig({
      signals: { optOuts: { warn: 0.02, critical: 0.05 } },
      actions: { rampHours: 0 },
    })
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(r.config.signals.optOuts).toEqual({ warn: 0.02, critical: 0.05, weight: 55 })
    expect(r.config.actions.rampHours).toBe(0)
    expect(r.config.signals.serverStuck).toEqual(DEFAULT_HEALTH_CONFIG.signals.serverStuck)
    expect(DEFAULT_HEALTH_CONFIG.signals.optOuts.warn).toBe(0.01)
    expect(Object.isFrozen(DEFAULT_HEALTH_CONFIG.signals.optOuts)).toBe(true)
  })

  it('returns every problem instead of a config when anything is wrong', () => {
    const r = resolveHealthConfig({
      bands: { healthyMin: 40, attentionMin: 70 },
      signals: { ackErrors: { warn: -1 } },
    })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.problems.map((p) => p.field).sort()).toEqual(['bands.attentionMin', 'signals.ackErrors.warn'])
  })

  it('covers every signal in the defaults', () => {
    expect(Object.keys(DEFAULT_HEALTH_CONFIG.signals).sort()).toEqual([...SIGNAL_CODES].sort())
  })
})

describe('assertHealthConfig', () => {
  it('throws HealthConfigError, naming the fields, for a broken full config', () => {
    const broken = structuredClone(DEFAULT_HEALTH_CONFIG) as HealthConfig
    broken.bands.attentionMin = 90
    expect(() => assertHealthConfig(broken)).toThrow(HealthConfigError)
    expect(() => assertHealthConfig(broken)).toThrow(/bands\.attentionMin/)
    expect(assertHealthConfig(DEFAULT_HEALTH_CONFIG)).toBe(DEFAULT_HEALTH_CONFIG)
  })
})
