// A tag action's result (core text) as the next page's flash message.
import type { TagResult } from '~/core/contacts/tags.server'
import { textString } from '~/i18n/text'
import type { Flash } from './flash.server'

export function tagFlash(r: TagResult): Flash {
  return { kind: r.ok ? 'success' : 'error', message: r.text.code, text: textString(r.text) }
}
