// "Enviar teste para meu número": a number and a connected session, and a submit button of the
// composer form (intent=test), so the message being typed goes out as it is, with the image, without
// saving anything. Its outcome is said right under the button. Hidden (with a hint) when no session
// is connected: a test could not go anywhere.
import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import type { Translate } from '~/i18n'
import { FieldErrors } from './form-field'
import { SubmitButton } from './submit-button'

export type TestSendOutcome = { ok: boolean; message: string; vars: Record<string, string | number> }

export function CampaignTestSend({
  phone,
  session,
  sessions,
  outcome,
  t,
}: {
  phone: FieldMetadata<string | undefined>
  session: FieldMetadata<string | undefined>
  sessions: { id: string; displayName: string; phone: string | null }[]
  outcome: TestSendOutcome | null
  t: Translate
}) {
  return (
    <section className="card" aria-labelledby="test-send-title" data-testid="test-send">
      <h2 id="test-send-title">{t('campaigns.test.title')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('campaigns.test.noSession')}</p>
      ) : (
        <>
          <p className="muted">{t('campaigns.test.hint')}</p>
          <div className="row-actions" style={{ alignItems: 'flex-end' }}>
            <div className="field" style={{ marginBottom: 0, flex: '1 1 12rem' }}>
              <label htmlFor={phone.id}>{t('campaigns.test.phone')}</label>
              <input
                {...getInputProps(phone, { type: 'tel' })}
                inputMode="tel"
                autoComplete="tel"
                placeholder="(11) 98765-4321"
              />
            </div>
            <div className="field" style={{ marginBottom: 0, flex: '1 1 12rem' }}>
              <label htmlFor={session.id}>{t('campaigns.test.session')}</label>
              <select {...getSelectProps(session)}>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.phone ? `${s.displayName} (${s.phone})` : s.displayName}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton
              name="intent"
              value="test"
              label={t('campaigns.test.send')}
              pendingLabel={t('campaigns.test.sending')}
              className="secondary"
            />
          </div>
          <FieldErrors id={phone.errorId} errors={phone.errors} t={t} />
          <FieldErrors id={session.errorId} errors={session.errors} t={t} />
        </>
      )}
      {outcome ? (
        <p className={`notice ${outcome.ok ? 'ok' : 'bad'}`} role="status" data-testid="test-send-outcome">
          {t(outcome.message, outcome.vars)}
        </p>
      ) : null}
    </section>
  )
}
