// The one-click fixes of the risk panel (decision 023), applied to the posted composer form before it
// is parsed, so the form comes back with the fixed values and a fresh review, and nothing is saved
// (a fix is not a saving intent). Pure: the same with JavaScript on (a normal submit) and off.
import { postedTexts } from './ai-variant'
import { MAX_TEXTS } from './composer-schema'
import type { RiskFix } from './launch-risk'
import { hasOptOutLine, OPT_OUT_LINE } from './launch-risk-text'

/**
 * Applies the fix the intent asks for to the posted form. Returns `{ fix: null }` when the intent is
 * not a fix, the fix applied, or an i18n key saying why it could not be applied.
 */
export function applyRiskFix(
  formData: FormData,
  intent: unknown,
): { fix: RiskFix | null; error: string | null } {
  const isFix = typeof intent === 'string' && intent.startsWith('risk-fix:')
  if (!isFix) return { fix: null, error: null }
  const fix = parseRiskFixIntent(intent)
  if (!fix) return { fix: null, error: 'campaigns.risk.fixInvalid' }
  const texts = postedTexts(formData)
  switch (fix.kind) {
    case 'addVariant': {
      // A copy of the first text to reword: the risk counts different texts, so it stays until it differs.
      const first = texts.find((t) => t.value.trim() !== '')
      if (texts.length >= MAX_TEXTS) return { fix, error: 'campaigns.risk.noRoom' }
      formData.set(`texts[${(texts.at(-1)?.index ?? -1) + 1}]`, first?.value ?? '')
      break
    }
    case 'addOptOut':
      for (const t of texts) {
        if (t.value.trim() === '' || hasOptOutLine(t.value)) continue
        formData.set(`texts[${t.index}]`, `${t.value.trimEnd()}\n\n${OPT_OUT_LINE}`)
      }
      break
    case 'spreadDays':
      formData.set('dailyCap', String(fix.dailyCap))
      break
    case 'slowDown':
      formData.set('minDelayS', String(fix.minDelayS))
      formData.set('maxDelayS', String(fix.maxDelayS))
      break
  }
  return { fix, error: null }
}

/** The composer's submit intent of a fix (the values travel with it, so what was shown is applied). */
export function riskFixIntent(fix: RiskFix): string {
  if (fix.kind === 'spreadDays') return `risk-fix:spreadDays:${fix.dailyCap}`
  if (fix.kind === 'slowDown') return `risk-fix:slowDown:${fix.minDelayS}:${fix.maxDelayS}`
  return `risk-fix:${fix.kind}`
}

const FIX_INTENT = /^risk-fix:(addVariant|addOptOut|spreadDays:(\d{1,6})|slowDown:(\d{1,5}):(\d{1,5}))$/

/** The fix a posted intent asks for, or null (not a fix, or values out of range). */
export function parseRiskFixIntent(intent: unknown): RiskFix | null {
  const m = typeof intent === 'string' ? FIX_INTENT.exec(intent) : null
  if (!m) return null
  if (m[1] === 'addVariant' || m[1] === 'addOptOut') return { kind: m[1] }
  if (m[2] !== undefined) {
    const dailyCap = Number(m[2])
    return dailyCap >= 1 ? { kind: 'spreadDays', dailyCap } : null
  }
  const minDelayS = Number(m[3])
  const maxDelayS = Number(m[4])
  return maxDelayS >= minDelayS ? { kind: 'slowDown', minDelayS, maxDelayS } : null
}
