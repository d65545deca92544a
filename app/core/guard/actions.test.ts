import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n'
import {
  type ActionContext,
  applySlowDown,
  cooldownMs,
  type HealthDecision,
  healthAction,
  rampCapAt,
  rampOf,
  slowDownOf,
} from './actions'
import { DEFAULT_HEALTH_CONFIG, HOUR_MS, MINUTE_MS, resolveHealthConfig } from './config'
import { HEALTH_STATES, type HealthState } from './states'

const NOW = Date.UTC(2026, 11, 10, 15, 0)
const ctx = (extra: Partial<ActionContext> = {}): ActionContext => ({
  now: NOW,
  stateSince: NOW - 10 * HOUR_MS,
  ...extra,
})
const act = (prev: HealthState, next: HealthState, extra: Partial<ActionContext> = {}): HealthDecision =>
  healthAction(prev, next, ctx(extra))
const SLOW = { gapMultiplier: 2, perMinuteDivisor: 2, minDelayS: 30 }

describe('healthAction: saudavel and atencao', () => {
  it('does nothing for a healthy number', () => {
    expect(act('saudavel', 'saudavel')).toEqual({
      state: 'saudavel',
      action: { kind: 'none' },
      hold: null,
      evidenceSince: null,
    })
  })

  it('slows a number down on atencao, by the configured amounts', () => {
    expect(act('saudavel', 'atencao').action).toEqual({ kind: 'slow', slow: SLOW })
    expect(act('atencao', 'atencao').action).toEqual({ kind: 'slow', slow: SLOW })
    const r = resolveHealthConfig({ actions: { slowGapMultiplier: 3, slowPerMinuteDivisor: 4 } })
    if (!r.ok) throw new Error('config')
    expect(healthAction('saudavel', 'atencao', ctx(), r.config).action).toEqual({
      kind: 'slow',
      slow: { gapMultiplier: 3, perMinuteDivisor: 4, minDelayS: 30 },
    })
  })

  it('keeps a slowed number slow for the minimum time before it returns to normal (hysteresis)', () => {
    const early = act('atencao', 'saudavel', { stateSince: NOW - 30 * MINUTE_MS })
    expect(early).toMatchObject({ state: 'atencao', hold: 'minAttention', action: { kind: 'slow' } })
    const late = act('atencao', 'saudavel', { stateSince: NOW - 2 * HOUR_MS })
    expect(late).toMatchObject({ state: 'saudavel', hold: null, action: { kind: 'none' } })
    // A stateSince in the future (clock skew) is read as "just now", not as a long time ago.
    expect(act('atencao', 'saudavel', { stateSince: NOW + HOUR_MS }).state).toBe('atencao')
  })
})

describe('healthAction: em_risco pauses for a cool-down', () => {
  it('pauses for the cool-down and hands the backlog over', () => {
    for (const prev of ['saudavel', 'atencao'] as const) {
      expect(act(prev, 'em_risco')).toEqual({
        state: 'em_risco',
        action: { kind: 'pause', untilMs: NOW + 6 * HOUR_MS, handOffBacklog: true },
        hold: null,
        evidenceSince: null,
      })
    }
  })

  it('escalates the cool-down for repeated pauses, up to the maximum', () => {
    expect(cooldownMs(DEFAULT_HEALTH_CONFIG, 0)).toBe(6 * HOUR_MS)
    expect(cooldownMs(DEFAULT_HEALTH_CONFIG, 1)).toBe(12 * HOUR_MS)
    expect(cooldownMs(DEFAULT_HEALTH_CONFIG, 2)).toBe(24 * HOUR_MS)
    expect(cooldownMs(DEFAULT_HEALTH_CONFIG, 5)).toBe(48 * HOUR_MS)
    expect(cooldownMs(DEFAULT_HEALTH_CONFIG, -3)).toBe(6 * HOUR_MS)
    expect(cooldownMs(DEFAULT_HEALTH_CONFIG, Number.NaN)).toBe(6 * HOUR_MS)
    expect(act('saudavel', 'em_risco', { recentPauses: 1 }).action).toMatchObject({
      untilMs: NOW + 12 * HOUR_MS,
    })
  })

  it('waits at least until WhatsApp lifts its time-lock, and never shortens a pause in force', () => {
    const lockEnds = NOW + 3 * 24 * HOUR_MS
    expect(act('saudavel', 'em_risco', { notBefore: lockEnds }).action).toMatchObject({ untilMs: lockEnds })
    const longPause = NOW + 20 * HOUR_MS
    expect(act('atencao', 'em_risco', { pausedUntil: longPause }).action).toMatchObject({
      untilMs: longPause,
    })
  })

  it('keeps the same pause while it runs, even when the number looks healthy again (cool-down is never cut short)', () => {
    const until = NOW + HOUR_MS
    expect(act('em_risco', 'em_risco', { pausedUntil: until })).toMatchObject({
      state: 'em_risco',
      action: { kind: 'pause', untilMs: until },
      hold: null,
    })
    for (const next of ['saudavel', 'atencao'] as const) {
      expect(act('em_risco', next, { pausedUntil: until })).toMatchObject({
        state: 'em_risco',
        action: { kind: 'pause', untilMs: until },
        hold: 'cooldown',
      })
    }
  })

  it('pauses again, escalated, when still at risk after the cool-down', () => {
    const d = act('em_risco', 'em_risco', { pausedUntil: NOW - MINUTE_MS, recentPauses: 1 })
    expect(d.action).toMatchObject({ kind: 'pause', untilMs: NOW + 12 * HOUR_MS })
  })

  it('starts a pause when the engine has none on record for a number at risk', () => {
    expect(act('em_risco', 'em_risco').action).toMatchObject({ kind: 'pause', untilMs: NOW + 6 * HOUR_MS })
  })
})

describe('healthAction: resume on a ramp after the cool-down', () => {
  it('resumes on a ramp, clipping later evidence to now', () => {
    const d = act('em_risco', 'saudavel', { pausedUntil: NOW - MINUTE_MS })
    expect(d.state).toBe('saudavel')
    expect(d.evidenceSince).toBe(NOW)
    expect(d.action).toEqual({
      kind: 'ramp',
      ramp: { startedAt: NOW, endsAt: NOW + 6 * HOUR_MS, caps: [10, 15, 23, 34, 51, 76] },
      slow: null,
    })
    expect(act('em_risco', 'atencao', { pausedUntil: NOW - MINUTE_MS }).action).toMatchObject({
      kind: 'ramp',
      slow: SLOW,
    })
  })

  it('runs the ramp to its end, then goes back to normal', () => {
    const startedAt = NOW - 2 * HOUR_MS - 5 * MINUTE_MS
    const during = act('saudavel', 'saudavel', { rampStartedAt: startedAt })
    expect(during.action).toMatchObject({ kind: 'ramp', ramp: { startedAt } })
    if (during.action.kind !== 'ramp') throw new Error('ramp')
    expect(rampCapAt(during.action.ramp, NOW)).toBe(23)
    expect(act('atencao', 'atencao', { rampStartedAt: startedAt }).action).toMatchObject({
      kind: 'ramp',
      slow: SLOW,
    })
    expect(act('saudavel', 'saudavel', { rampStartedAt: NOW - 6 * HOUR_MS }).action).toEqual({ kind: 'none' })
    expect(act('atencao', 'atencao', { rampStartedAt: NOW - 7 * HOUR_MS }).action).toEqual({
      kind: 'slow',
      slow: SLOW,
    })
  })

  it('resumes at once when the config has no ramp', () => {
    const r = resolveHealthConfig({ actions: { rampHours: 0 } })
    if (!r.ok) throw new Error('config')
    expect(healthAction('em_risco', 'saudavel', ctx(), r.config)).toMatchObject({
      action: { kind: 'none' },
      evidenceSince: NOW,
    })
    expect(healthAction('em_risco', 'atencao', ctx(), r.config).action).toEqual({ kind: 'slow', slow: SLOW })
  })
})

describe('healthAction: bloqueado is never resumed automatically', () => {
  it('blocks from any state', () => {
    for (const prev of HEALTH_STATES) {
      expect(act(prev, 'bloqueado')).toMatchObject({
        state: 'bloqueado',
        action: { kind: 'block', handOffBacklog: true },
      })
    }
  })

  it('stays blocked whatever the assessment, the time or the regime, until a person releases it', () => {
    for (const next of HEALTH_STATES) {
      for (const later of [0, HOUR_MS, 30 * 24 * HOUR_MS]) {
        for (const extra of [
          {},
          { pausedUntil: NOW - HOUR_MS },
          { rampStartedAt: NOW - HOUR_MS },
          { recentPauses: 0 },
        ]) {
          const d = healthAction('bloqueado', next, { now: NOW + later, stateSince: NOW - HOUR_MS, ...extra })
          expect(d.state, `${next} +${later}`).toBe('bloqueado')
          expect(d.action.kind).toBe('block')
        }
      }
    }
    expect(act('bloqueado', 'saudavel').hold).toBe('awaitingRelease')
  })

  it('resumes on a ramp after a person releases it', () => {
    const d = act('bloqueado', 'saudavel', { manualRelease: true })
    expect(d).toMatchObject({ state: 'saudavel', action: { kind: 'ramp' }, evidenceSince: NOW, hold: null })
    expect(act('bloqueado', 'bloqueado', { manualRelease: true }).state).toBe('bloqueado')
    expect(act('bloqueado', 'em_risco', { manualRelease: true }).action.kind).toBe('pause')
  })
})

describe('healthAction: robustness', () => {
  it('reads an unknown stored state as saudavel and an unknown assessed one as em_risco (the safe side)', () => {
    expect(healthAction('x' as never, 'saudavel', ctx()).state).toBe('saudavel')
    expect(healthAction('saudavel', 'x' as never, ctx()).action.kind).toBe('pause')
  })

  it('is deterministic', () => {
    const c = ctx({ pausedUntil: NOW - 1, recentPauses: 2, rampStartedAt: NOW - HOUR_MS })
    for (const prev of HEALTH_STATES)
      for (const next of HEALTH_STATES)
        expect(healthAction(prev, next, c)).toEqual(healthAction(prev, next, { ...c }))
  })
})

describe('ramp and slow-down helpers', () => {
  it('grows the per-hour cap each hour and ends after rampHours', () => {
    const ramp = rampOf(DEFAULT_HEALTH_CONFIG, NOW)!
    expect([0, 1, 2, 5].map((h) => rampCapAt(ramp, NOW + h * HOUR_MS + 1))).toEqual([10, 15, 23, 76])
    expect(rampCapAt(ramp, NOW + 6 * HOUR_MS)).toBeNull()
    expect(rampCapAt(ramp, NOW - 1)).toBeNull()
  })

  it('slows pacing down without ever reaching a per-minute cap of 0', () => {
    expect(applySlowDown({ minDelayS: 30, maxDelayS: 60, maxPerMinute: 10 }, SLOW)).toEqual({
      minDelayS: 60,
      maxDelayS: 120,
      maxPerMinute: 5,
    })
    expect(
      applySlowDown(
        { minDelayS: 5, maxDelayS: 7, maxPerMinute: 1 },
        { gapMultiplier: 1.5, perMinuteDivisor: 3 },
      ),
    ).toEqual({
      minDelayS: 8,
      maxDelayS: 11,
      maxPerMinute: 1,
    })
  })

  it('never slows a number to gaps shorter than the floor: doubling 0 s is no slow-down', () => {
    expect(applySlowDown({ minDelayS: 0, maxDelayS: 0, maxPerMinute: 600 }, SLOW)).toEqual({
      minDelayS: 30,
      maxDelayS: 60,
      maxPerMinute: 300,
    })
    expect(applySlowDown({ minDelayS: 2, maxDelayS: 40, maxPerMinute: 20 }, SLOW)).toEqual({
      minDelayS: 30,
      maxDelayS: 80,
      maxPerMinute: 10,
    })
    const r = resolveHealthConfig({ actions: { slowMinDelaySeconds: 0 } })
    if (!r.ok) throw new Error('config')
    expect(applySlowDown({ minDelayS: 0, maxDelayS: 0, maxPerMinute: 600 }, slowDownOf(r.config))).toEqual({
      minDelayS: 0,
      maxDelayS: 0,
      maxPerMinute: 300,
    })
  })

  it('has words for every action and hold in both languages', () => {
    for (const key of ['none', 'slow', 'pause', 'ramp', 'block']
      .map((k) => `guard.action.${k}`)
      .concat(['cooldown', 'minAttention', 'awaitingRelease'].map((k) => `guard.hold.${k}`))) {
      for (const locale of ['pt-BR', 'en'] as const)
        expect(translate(locale, key, { gap: 2, divisor: 2, cap: 10 })).not.toMatch(/guard\.|\{\w+\}/)
    }
  })
})
