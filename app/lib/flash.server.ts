// One-shot messages shown as toasts after a redirect (cookie, read once by the root loader).
import { parseCookies, serializeCookie } from '~/core/http/cookies'
import { ptText } from '~/i18n'
import { fromTextString, type TextParams } from '~/i18n/text'

export type Flash = {
  kind: 'success' | 'error' | 'info'
  message: string
  /** ICU argument values; a number `count` picks a plural form (`{count, plural, ...}`). */
  vars?: TextParams
  /** The same message by code (`textString`) when it came from core; shown in the reader's language. */
  text?: string
}

const NAME = 'disparo_flash'

/** Set-Cookie value carrying a flash message to the next page. */
export function flashCookie(flash: Flash): string {
  const json = JSON.stringify(flash)
  const value = btoa(String.fromCharCode(...new TextEncoder().encode(json)))
  return serializeCookie(NAME, value, { httpOnly: true, sameSite: 'Lax', maxAge: 60 })
}

/** Reads the flash message (if any) and the Set-Cookie value that clears it. */
export function readFlash(request: Request): { flash: Flash | null; clear: string | null } {
  const raw = parseCookies(request.headers.get('Cookie')).get(NAME)
  if (!raw) return { flash: null, clear: null }
  const clear = serializeCookie(NAME, '', { httpOnly: true, maxAge: 0 })
  try {
    const bytes = Uint8Array.from(atob(raw), (c) => c.charCodeAt(0))
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Flash
    if (typeof parsed?.message !== 'string') return { flash: null, clear }
    const kind = parsed.kind === 'error' || parsed.kind === 'info' ? parsed.kind : 'success'
    const text = typeof parsed.text === 'string' ? parsed.text.slice(0, 600) : undefined
    return { flash: { kind, message: parsed.message.slice(0, 300), vars: parsed.vars, text }, clear }
  } catch {
    return { flash: null, clear }
  }
}

/**
 * An error flash for a form error: a key as it is; a text with params (textString) as its pt-BR
 * sentence, shown by code in the reader's language.
 */
export function errorFlash(said: string): Flash {
  const t = fromTextString(said)
  return t ? { kind: 'error', message: ptText(t), text: said } : { kind: 'error', message: said }
}

/** A redirect response that also carries a flash message (and any extra cookies). */
export function redirectWithFlash(location: string, flash: Flash, extraCookies: string[] = []): Response {
  const headers = new Headers({ Location: location })
  headers.append('Set-Cookie', flashCookie(flash))
  for (const c of extraCookies) headers.append('Set-Cookie', c)
  return new Response(null, { status: 303, headers })
}
