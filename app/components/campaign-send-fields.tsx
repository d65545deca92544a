// The composer's audience, sessions (checkbox + priority number per session, so ordering works
// without JS) and pacing fields (delays, caps, send window in São Paulo time, typing, link tracking).
import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import type { Translate } from '~/i18n'
import { FieldErrors } from './form-field'
import { SendWindowTimes } from './send-window-fields'
import { SessionStatusBadge } from './session-status-badge'

type F<T = string | undefined> = FieldMetadata<T>

const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []

export function CampaignAudienceField(props: {
  field: F
  lists: { id: string; name: string; validCount: number; status?: string; empty?: boolean }[]
  t: Translate
  locale: string
  /** More lists, segments and exclusions (decision 039). */
  children?: React.ReactNode
}) {
  const { field, t } = props
  return (
    <fieldset className="card">
      <legend>
        <h2 style={{ margin: 0 }}>{t('campaigns.compose.audience')}</h2>
      </legend>
      <div className="field">
        <label htmlFor={field.id}>{t('campaigns.compose.list')}</label>
        <select {...getSelectProps(field)}>
          <option value="">{t('campaigns.compose.listPlaceholder')}</option>
          {props.lists.map((l) => (
            // an empty list is shown (so its absence is not a mystery) but cannot be chosen
            <option key={l.id} value={l.id} disabled={l.empty}>
              {t(
                l.empty
                  ? 'campaigns.compose.listOptionEmpty'
                  : l.status && l.status !== 'ready'
                    ? 'campaigns.compose.listOptionImporting'
                    : 'campaigns.compose.listOption',
                { name: l.name, count: l.validCount },
              )}
            </option>
          ))}
        </select>
        {props.lists.length === 0 ? (
          <span className="hint">
            <a href="/contatos">{t('campaigns.compose.noLists')}</a>
          </span>
        ) : null}
        <FieldErrors id={field.errorId} errors={field.errors} t={t} />
      </div>
      <div className="field">
        <label htmlFor="audience-file">{t('campaigns.compose.audienceFile')}</label>
        <input id="audience-file" type="file" name="audienceFile" accept=".csv,.txt,text/csv,text/plain" />
        <span className="hint">{t('campaigns.compose.audienceFileHint')}</span>
      </div>
      {props.children}
    </fieldset>
  )
}

export function CampaignSessionsField(props: {
  sessionIds: F<string[] | undefined>
  priority: F<Record<string, string | undefined> | undefined>
  sessions: { id: string; displayName: string; phone: string | null; status: string }[]
  t: Translate
}) {
  const { t } = props
  const chosen = asArray(props.sessionIds.initialValue)
  const priority = (props.priority.initialValue ?? {}) as Record<string, string | undefined>
  return (
    <fieldset className="card" aria-describedby="sessions-hint">
      <legend>
        <h2 style={{ margin: 0 }}>{t('campaigns.compose.sessions')}</h2>
      </legend>
      <p className="hint muted" id="sessions-hint">
        {t('campaigns.compose.sessionsHint')}
      </p>
      {props.sessions.length === 0 ? (
        <p>
          <a href="/integracoes/sessoes">{t('campaigns.compose.noSessions')}</a>
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('campaigns.compose.use')}</th>
                <th>{t('campaigns.compose.session')}</th>
                <th>{t('campaigns.compose.sessionStatus')}</th>
                <th>{t('campaigns.compose.priority')}</th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s, i) => (
                <tr key={s.id} data-testid={`session-${s.id}`}>
                  <td>
                    <input
                      type="checkbox"
                      id={`session-use-${s.id}`}
                      name={props.sessionIds.name}
                      value={s.id}
                      defaultChecked={chosen.includes(s.id)}
                      key={`${props.sessionIds.key}-${s.id}`}
                    />
                  </td>
                  <td>
                    <label htmlFor={`session-use-${s.id}`}>
                      {s.displayName} {s.phone ? <span className="muted">{s.phone}</span> : null}
                    </label>
                  </td>
                  <td>
                    <SessionStatusBadge status={s.status} t={t} />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={99}
                      name={`${props.priority.name}.${s.id}`}
                      aria-label={`${t('campaigns.compose.priority')} ${s.displayName}`}
                      defaultValue={priority[s.id] ?? String(i + 1)}
                      key={`${props.priority.key}-${s.id}`}
                      style={{ width: '5rem' }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FieldErrors id={props.sessionIds.errorId} errors={props.sessionIds.errors} t={t} />
    </fieldset>
  )
}

type PacingFields = {
  minDelayS: F<number>
  maxDelayS: F<number>
  maxPerMinute: F<number>
  dailyCap: F<number>
  windowDays: F<string[] | undefined>
  windowStart: F
  windowEnd: F
  simulateTyping: F<boolean | undefined>
  linkTracking: F<boolean | undefined>
  packageMin: F<number | undefined>
  packageMax: F<number | undefined>
  restMinMin: F<number | undefined>
  restMaxMin: F<number | undefined>
  areaCodeAffinity: F<boolean | undefined>
}

export function CampaignPacingFields({ fields, t }: { fields: PacingFields; t: Translate }) {
  const days = asArray(fields.windowDays.initialValue)
  const numberField = (field: F<number> | F<number | undefined>, label: string) => (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field as F<number>, { type: 'number' })} min={0} />
      <FieldErrors id={field.errorId} errors={field.errors} t={t} />
    </div>
  )
  return (
    <fieldset className="card">
      <legend>
        <h2 style={{ margin: 0 }}>{t('campaigns.compose.pacing')}</h2>
      </legend>
      <p className="hint muted">{t('campaigns.compose.pacingHint')}</p>
      <div className="grid">
        {numberField(fields.minDelayS, t('campaigns.compose.minDelay'))}
        {numberField(fields.maxDelayS, t('campaigns.compose.maxDelay'))}
        {numberField(fields.maxPerMinute, t('campaigns.compose.perMinute'))}
        {numberField(fields.dailyCap, t('campaigns.compose.dailyCap'))}
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0 }}>
        <legend style={{ fontWeight: 600 }}>{t('campaigns.compose.windowDays')}</legend>
        <div style={{ display: 'flex', gap: '.8rem', flexWrap: 'wrap' }}>
          {[1, 2, 3, 4, 5, 6, 0].map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                name={fields.windowDays.name}
                value={String(d)}
                defaultChecked={days.includes(String(d))}
                key={`${fields.windowDays.key}-${d}`}
              />{' '}
              {t(`campaigns.days.${d}`)}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.windowDays.errorId} errors={fields.windowDays.errors} t={t} />
      </fieldset>
      <SendWindowTimes
        start={fields.windowStart}
        end={fields.windowEnd}
        startLabel={t('campaigns.compose.windowStart')}
        endLabel={t('campaigns.compose.windowEnd')}
        t={t}
      />
      <fieldset className="field" style={{ border: 0, padding: 0 }} aria-describedby="campaign-rest-hint">
        <legend style={{ fontWeight: 600 }}>{t('protection.compose.rest')}</legend>
        <p className="hint muted" id="campaign-rest-hint">
          {t('protection.compose.restHint')}
        </p>
        <div className="grid">
          {numberField(fields.packageMin, t('protection.form.packageMin'))}
          {numberField(fields.packageMax, t('protection.form.packageMax'))}
          {numberField(fields.restMinMin, t('protection.form.restMinMin'))}
          {numberField(fields.restMaxMin, t('protection.form.restMaxMin'))}
        </div>
      </fieldset>
      <div className="field">
        <label>
          <input
            {...getInputProps(fields.areaCodeAffinity, { type: 'checkbox' })}
            aria-describedby="area-code-affinity-hint"
          />{' '}
          {t('protection.compose.affinity')}
        </label>
        <span className="hint" id="area-code-affinity-hint">
          {t('protection.compose.affinityHint')}
        </span>
      </div>
      <div className="field">
        <label>
          <input {...getInputProps(fields.simulateTyping, { type: 'checkbox' })} />{' '}
          {t('campaigns.compose.simulateTyping')}
        </label>
      </div>
      <div className="field">
        <label>
          <input
            {...getInputProps(fields.linkTracking, { type: 'checkbox' })}
            aria-describedby="link-tracking-hint"
          />{' '}
          {t('campaigns.compose.linkTracking')}
        </label>
        <span className="hint" id="link-tracking-hint">
          {t('campaigns.compose.linkTrackingHint')}
        </span>
      </div>
    </fieldset>
  )
}
