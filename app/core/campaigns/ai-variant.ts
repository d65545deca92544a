// "Usar este texto" in the composer's AI panel: a suggestion goes into the first message text that is
// still empty (blank counts as empty), else into a new text, else nowhere (all MAX_TEXTS are taken).
// Pure: the browser uses variantSlot on the live field values (JS on); without JS the action calls
// placeAiVariant on the posted form, so what was typed up to the click is what decides.
import { MAX_TEXTS } from './composer-schema'

/** The submit button's intent for suggestion `i` (`ai-use-<i>`). */
export const aiUseIntent = (i: number) => `ai-use-${i}`

const AI_USE = /^ai-use-(\d{1,2})$/

/** Where a suggestion goes: an empty text's index, a new text at the end, or null when none is left. */
export function variantSlot(
  texts: readonly (string | null | undefined)[],
  max = MAX_TEXTS,
): { index: number; append: boolean } | null {
  const empty = texts.findIndex((t) => (t ?? '').trim() === '')
  if (empty >= 0) return { index: empty, append: false }
  if (texts.length < max) return { index: texts.length, append: true }
  return null
}

/** The texts of a posted composer form (`texts[0]`, `texts[1]`… in index order). */
export function postedTexts(formData: FormData): { index: number; value: string }[] {
  const out: { index: number; value: string }[] = []
  for (const [key, value] of formData) {
    const m = /^texts\[(\d{1,2})\]$/.exec(key)
    if (m && typeof value === 'string') out.push({ index: Number(m[1]), value })
  }
  return out.sort((a, b) => a.index - b.index)
}

/**
 * Applies an `ai-use-<i>` intent to the posted form: the i-th suggestion (`aiVariants[i]`) goes into
 * the first empty text, else a new one. Returns null when it is not such an intent or it was placed,
 * else an i18n key saying why not.
 */
export function placeAiVariant(formData: FormData, intent: unknown): string | null {
  const m = typeof intent === 'string' ? AI_USE.exec(intent) : null
  if (!m) return null
  const variant = formData.get(`aiVariants[${m[1]}]`)
  if (typeof variant !== 'string' || variant.trim() === '') return 'campaigns.ai.variantGone'
  const texts = postedTexts(formData)
  const slot = variantSlot(texts.map((t) => t.value))
  if (!slot) return 'campaigns.ai.noRoom'
  const index = slot.append ? (texts.at(-1)?.index ?? -1) + 1 : (texts[slot.index]?.index ?? 0)
  formData.set(`texts[${index}]`, variant)
  return null
}
