// The composer's follow-up step fields (decision 040): their shape in the form (conform's nested names
// `steps[0].texts[0]`…) and their problems with form paths (the rules are steps.ts's; texts are checked
// as templates, a poll step's question up to 255 characters).
import { z } from 'zod'
import { textString } from '../../i18n/text'
import { pollOptionsField, textsField } from './composer-fields'
import { POLL_QUESTION_MAX, pollSpecOf } from './poll'
import { MAX_STEPS, stepProblems } from './steps'
import { countChars, parseTemplate, WHATSAPP_TEXT_LIMIT } from './template'

const optionalText = (max: number) => z.string().max(max, 'campaigns.errors.tooLong').optional()
const optionalNumber = z.number({ error: 'campaigns.errors.number' }).optional()

export const StepsFieldSchema = z
  .array(
    z.object({
      kind: optionalText(10),
      texts: textsField,
      pollOptions: pollOptionsField,
      pollMultiple: z.boolean().optional(),
      delayValue: optionalNumber,
      delayUnit: optionalText(10),
      audience: optionalText(20),
      option: optionalText(400),
    }),
  )
  .max(MAX_STEPS + 4, 'steps.errors.tooMany')
  .optional()

/** Problems of the follow-up steps (decision 040) and the confirmation, with their form paths. */
export function followUpProblems(v: {
  steps?: z.infer<typeof StepsFieldSchema>
  pollOn?: boolean
  pollOptions?: (string | undefined)[]
  confirmation?: string
}): { path: (string | number)[]; message: string }[] {
  const steps = v.steps ?? []
  const firstPoll = v.pollOn ? (pollSpecOf(v)?.options ?? null) : null
  const out = stepProblems(steps, firstPoll).map((p) => ({
    path: ['steps', p.step, ...p.path],
    message: p.message as string,
  }))
  steps.forEach((s, i) => {
    const limit = s.kind === 'poll' ? POLL_QUESTION_MAX : WHATSAPP_TEXT_LIMIT
    ;(s.texts ?? []).forEach((text, j) => {
      if (!text) return
      const parsed = parseTemplate(text)
      if (!parsed.ok)
        for (const e of parsed.errors)
          out.push({ path: ['steps', i, 'texts', j], message: textString(e.reason) })
      if (countChars(text) > limit)
        out.push({
          path: ['steps', i, 'texts', j],
          message: s.kind === 'poll' ? 'polls.errors.questionTooLong' : 'campaigns.errors.textTooLong',
        })
    })
  })
  if (v.confirmation?.trim()) {
    const parsed = parseTemplate(v.confirmation)
    if (!parsed.ok)
      for (const e of parsed.errors) out.push({ path: ['confirmation'], message: textString(e.reason) })
  }
  return out
}
