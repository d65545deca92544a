// Live connection state of one WhatsApp session: status, connected number, last error, the QR code
// while WAHA waits for it (refreshed as it rotates) and the pairing-code alternative.
// JS on: polls the session's /estado resource route every 2.5 s while starting / waiting for the
// QR and updates in place. JS off: a <noscript> meta refresh reloads the page every 5 s meanwhile.
import { Form, useRevalidator } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { SessionStatusBadge } from '~/components/session-status-badge'
import { SubmitButton } from '~/components/submit-button'
import { isTransitional, type LiveView } from '~/core/sessions/session-form'
import { NOT_FOUND_STATUS, NOT_FOUND_TEXT } from '~/core/sessions/session-truth'
import type { Locale, Translate } from '~/i18n'

/** What the panel shows (the /estado resource route answers the same shape). */
export type LivePanelState = LiveView

const LIVE_POLL_MS = 2500

function formatWhen(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  }).format(new Date(ms))
}

function useLiveState(sessionId: string, initial: LivePanelState): LivePanelState {
  const [live, setLive] = useState(initial)
  const revalidator = useRevalidator()
  const previous = useRef(initial.status)
  useEffect(() => setLive(initial), [initial])
  const watching = isTransitional(live.status)
  useEffect(() => {
    if (!watching) return
    let cancelled = false
    const timer = window.setInterval(async () => {
      try {
        const res = await fetch(`/integracoes/sessoes/${sessionId}/estado`, {
          headers: { Accept: 'application/json' },
        })
        if (!res.ok || cancelled) return
        const next = (await res.json()) as LivePanelState
        if (!cancelled) setLive(next)
      } catch {
        // offline for a moment: the next tick tries again
      }
    }, LIVE_POLL_MS)
    return () => {
      cancelled = true
      window.clearInterval(timer)
    }
  }, [sessionId, watching])
  useEffect(() => {
    // A poll saw it leave STARTING / SCAN_QR_CODE: which actions make sense changed, reload the page
    // data. Not when the page data itself brought the new status (after an action): reloading again
    // would drop the action's flash message.
    if (previous.current !== live.status && live.status !== initial.status && !isTransitional(live.status)) {
      revalidator.revalidate()
    }
    previous.current = live.status
  }, [live.status, initial.status, revalidator])
  return live
}

export function SessionLivePanel(props: {
  sessionId: string
  initial: LivePanelState
  pairingCode: string | null
  canManage: boolean
  locale: Locale
  t: Translate
}) {
  const { t, locale } = props
  const live = useLiveState(props.sessionId, props.initial)
  const transitional = isTransitional(live.status)
  return (
    <section className="card" aria-labelledby="live-title" data-testid="session-live">
      {transitional ? (
        <noscript>
          <meta httpEquiv="refresh" content="5" />
        </noscript>
      ) : null}
      <h2 id="live-title">
        {t('sessions.live.title')} <SessionStatusBadge status={live.status} t={t} testId="session-status" />
      </h2>
      <div aria-live="polite">
        {live.phone ? <p>{t('sessions.live.phone', { phone: live.phone })}</p> : null}
        {live.status === 'WORKING' ? <p>{t('sessions.live.working')}</p> : null}
        {live.status === 'STOPPED' ? <p className="muted">{t('sessions.live.stopped')}</p> : null}
        {live.status === 'FAILED' ? <p className="error">{t('sessions.live.failed')}</p> : null}
        {live.status === NOT_FOUND_STATUS ? (
          <div data-testid="session-not-found">
            <p className="error">{t('sessions.live.notFound')}</p>
            {props.canManage ? <p>{t('sessions.live.notFoundAdmin')}</p> : null}
          </div>
        ) : null}
        {live.status === 'STARTING' ? <p>{t('sessions.live.starting')}</p> : null}
        {live.status === 'SCAN_QR_CODE' ? (
          <div className="session-qr">
            <p>{t('sessions.live.scan')}</p>
            {live.qr ? (
              <img
                src={live.qr}
                alt={t('sessions.live.qrAlt')}
                width={264}
                height={264}
                data-testid="session-qr"
              />
            ) : (
              <p className="muted">{t('sessions.live.qrLoading')}</p>
            )}
          </div>
        ) : null}
        {live.pollError ? (
          <p className="error">{t('sessions.live.pollError', { error: live.pollError })}</p>
        ) : null}
        {live.lastConnectedAt ? (
          <p className="muted">
            {t('sessions.live.lastConnected', { at: formatWhen(live.lastConnectedAt, locale) })}
          </p>
        ) : null}
        {live.lastError &&
        !(live.status === NOT_FOUND_STATUS && live.lastError.code === NOT_FOUND_TEXT.code) ? (
          <p className="muted" data-testid="session-last-error">
            {t('sessions.live.lastError', {
              at: live.lastErrorAt ? formatWhen(live.lastErrorAt, locale) : '—',
              error: live.lastError,
            })}
          </p>
        ) : null}
        {transitional ? <p className="hint muted">{t('sessions.live.autoRefresh')}</p> : null}
      </div>
      {live.status === 'SCAN_QR_CODE' && props.pairingCode ? (
        <p className="stat" data-testid="pairing-code">
          {t('sessions.pairing.code', { code: props.pairingCode })}
        </p>
      ) : null}
      {live.status === 'SCAN_QR_CODE' && props.canManage ? (
        <div className="session-pairing">
          <h3 id="pairing-title">{t('sessions.pairing.title')}</h3>
          <Form method="post" aria-labelledby="pairing-title">
            <input type="hidden" name="intent" value="pairingCode" />
            <div className="field">
              <label htmlFor="pairing-phone">{t('sessions.pairing.phone')}</label>
              <input
                id="pairing-phone"
                name="phone"
                inputMode="tel"
                autoComplete="tel"
                aria-describedby="pairing-hint"
              />
              <span id="pairing-hint" className="hint">
                {t('sessions.pairing.phoneHint')}
              </span>
            </div>
            <SubmitButton
              label={t('sessions.pairing.submit')}
              pendingLabel={t('sessions.actions.working')}
              className="secondary"
            />
          </Form>
        </div>
      ) : null}
    </section>
  )
}
