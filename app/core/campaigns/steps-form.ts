// The composer's step buttons (decision 040), as submit buttons so they work without JavaScript: "Adicionar
// etapa" appends a step with sensible defaults, "Remover etapa N" drops it (the later ones move up), and
// "Usar na etapa N" puts an AI suggestion into that step's first empty text. Each rewrites the posted form
// before it is parsed, so the page comes back with everything typed plus the change; nothing is saved.
import { MAX_STEPS } from './steps'

export const ADD_STEP = 'add-step'
export const removeStepIntent = (i: number) => `remove-step-${i}`
export const aiUseStepIntent = (step: number, variant: number) => `ai-step-${step}-${variant}`

const STEP_KEY = /^steps\[(\d)\]\.(.+)$/
const STEP_TEXTS_SHOWN = 3

/** The posted step fields by step index: `{ 0: [['kind', 'text'], ['texts[0]', 'Oi']], … }`. */
function postedSteps(form: FormData): Map<number, Array<[string, string]>> {
  const out = new Map<number, Array<[string, string]>>()
  for (const [key, value] of form) {
    const m = STEP_KEY.exec(key)
    if (!m || typeof value !== 'string') continue
    const i = Number(m[1])
    out.set(i, [...(out.get(i) ?? []), [m[2]!, value]])
  }
  return out
}

function rewrite(form: FormData, steps: Array<Array<[string, string]>>) {
  for (const key of [...form.keys()]) if (STEP_KEY.test(key)) form.delete(key)
  steps.forEach((fields, i) => {
    for (const [k, v] of fields) form.append(`steps[${i}].${k}`, v)
  })
}

/** Applies a step button's intent to the posted form; true when the form changed. */
export function applyStepIntent(form: FormData, intent: unknown): boolean {
  if (typeof intent !== 'string') return false
  const posted = postedSteps(form)
  const ordered = [...posted.keys()].sort((a, b) => a - b).map((i) => posted.get(i)!)
  if (intent === ADD_STEP) {
    if (ordered.length >= MAX_STEPS) return false
    ordered.push([
      ['kind', 'text'],
      ['delayValue', '1'],
      ['delayUnit', 'days'],
      ['audience', 'no_reply'],
    ])
    rewrite(form, ordered)
    return true
  }
  const remove = /^remove-step-(\d)$/.exec(intent)
  if (remove) {
    const i = Number(remove[1])
    if (i >= ordered.length) return false
    ordered.splice(i, 1)
    rewrite(form, ordered)
    return true
  }
  const ai = /^ai-step-(\d)-(\d{1,2})$/.exec(intent)
  if (ai) {
    const [step, variant] = [Number(ai[1]), Number(ai[2])]
    const text = form.get(`aiVariants[${variant}]`)
    if (typeof text !== 'string' || !text.trim() || step >= ordered.length) return false
    for (let j = 0; j < STEP_TEXTS_SHOWN; j++) {
      const key = `steps[${step}].texts[${j}]`
      if (String(form.get(key) ?? '').trim() === '') {
        form.set(key, text)
        return true
      }
    }
  }
  return false
}

export { STEP_TEXTS_SHOWN }
