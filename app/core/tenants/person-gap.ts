// The team's "Intervalo mínimo entre campanhas para a mesma pessoa" (tenants.person_gap_hours, decision
// 020): whole hours from 0 (off) to 168 (a week). Shared by the form (conform) and the server.
import { z } from 'zod'

export const PERSON_GAP_MAX_HOURS = 168

export const PersonGapSchema = z.object({
  intent: z.literal('personGap'),
  personGapHours: z
    .number({
      error: (issue) => (issue.input === undefined ? 'errors.required' : 'protection.errors.personGap'),
    })
    .int('protection.errors.personGap')
    .min(0, 'protection.errors.personGap')
    .max(PERSON_GAP_MAX_HOURS, 'protection.errors.personGap'),
})
