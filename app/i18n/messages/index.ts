// Per-area message catalogues. Each area file exports `{ 'pt-BR': {...}, en: {...} }` with the same
// keys in both (i18n.test.ts checks). Keys are prefixed with the area name: `contacts.title`.
// Add an area: create messages/<area>.ts and list it here. Messages are ICU MessageFormat.
import { aiMessages } from './ai'
import { aiErrorsMessages } from './ai-errors'
import { apiMessages } from './api'
import { apiPeopleMessages } from './api-people'
import { archivesMessages } from './archives'
import { audienceMessages } from './audience'
import { campaignAssistMessages } from './campaign-assist'
import { campaignLaunchMessages } from './campaign-launch'
import { campaignRiskMessages } from './campaign-risk'
import { campaignRulesMessages } from './campaign-rules'
import { campaignsMessages } from './campaigns'
import { contactsMessages } from './contacts'
import { errorKindsMessages } from './error-kinds'
import { exportsMessages } from './exports'
import { guardMessages } from './guard'
import { healthMessages } from './health'
import { importMessages } from './import'
import { inboxMessages } from './inbox'
import { mediaMessages } from './media'
import { pacingMessages } from './pacing'
import { passwordMessages } from './password'
import { pollsMessages } from './polls'
import { protectionMessages } from './protection'
import { reportMessages } from './report'
import { segmentsMessages } from './segments'
import { sendingMessages } from './sending'
import { sessionsMessages } from './sessions'
import { stepsMessages } from './steps'
import { tagsMessages } from './tags'
import { titlesMessages } from './titles'
import { webhooksMessages } from './webhooks'

export type { AreaMessages } from './types'

import type { AreaMessages } from './types'

const AREAS = [
  campaignsMessages,
  audienceMessages,
  campaignAssistMessages,
  campaignLaunchMessages,
  campaignRiskMessages,
  campaignRulesMessages,
  aiMessages,
  aiErrorsMessages,
  sessionsMessages,
  contactsMessages,
  reportMessages,
  archivesMessages,
  titlesMessages,
  passwordMessages,
  pacingMessages,
  protectionMessages,
  exportsMessages,
  errorKindsMessages,
  guardMessages,
  healthMessages,
  importMessages,
  sendingMessages,
  apiMessages,
  apiPeopleMessages,
  webhooksMessages,
  inboxMessages,
  mediaMessages,
  tagsMessages,
  segmentsMessages,
  pollsMessages,
  stepsMessages,
] as const satisfies readonly AreaMessages[]

export const AREA_MESSAGES: readonly AreaMessages[] = AREAS

type KeysOf<A> = A extends { 'pt-BR': infer P } ? keyof P & string : never

/** Every message key of the area catalogues (a text's code is one: core modules are type-checked). */
export type AreaMessageKey = KeysOf<(typeof AREAS)[number]>
