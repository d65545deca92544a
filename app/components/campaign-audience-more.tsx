// The composer's audience beyond one list (decision 039): more lists, saved segments, and who to leave
// out (lists, segments, people messaged in the last N days). Plain checkboxes and a number box: it works
// without JavaScript; with it, a change refreshes the review like any other audience field.
import type { FieldMetadata } from '@conform-to/react'
import type { Translate } from '~/i18n'
import { FieldErrors } from './form-field'

type Many = FieldMetadata<string[] | undefined>
type Option = { id: string; name: string }

const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []

function Checks(props: { field: Many; options: Option[]; legend: string; t: Translate; testId: string }) {
  const chosen = asArray(props.field.initialValue)
  return (
    <fieldset className="field" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={`${props.field.key}-${o.id}`} style={{ display: 'block' }}>
          <input
            type="checkbox"
            name={props.field.name}
            value={o.id}
            defaultChecked={chosen.includes(o.id)}
          />{' '}
          {o.name}
        </label>
      ))}
      <FieldErrors id={props.field.errorId} errors={props.field.errors} t={props.t} />
    </fieldset>
  )
}

export function CampaignAudienceMore(props: {
  fields: {
    audienceLists: Many
    audienceSegments: Many
    excludeLists: Many
    excludeSegments: Many
    excludeMessagedDays: FieldMetadata<number | undefined>
  }
  /** Lists that can be chosen (not empty). */
  lists: Option[]
  /** Lists that can be left out (all of the team's). */
  excludable: Option[]
  segments: Option[]
  t: Translate
}) {
  const { fields: f, t } = props
  const days = f.excludeMessagedDays
  const open =
    [f.audienceLists, f.audienceSegments, f.excludeLists, f.excludeSegments].some(
      (x) => asArray(x.initialValue).length > 0 || (x.errors?.length ?? 0) > 0,
    ) ||
    Boolean(days.initialValue) ||
    (days.errors?.length ?? 0) > 0
  return (
    <details open={open} data-testid="audience-more">
      <summary>{t('audience.more')}</summary>
      <p className="hint muted">{t('audience.moreHint')}</p>
      <Checks
        field={f.audienceLists}
        options={props.lists}
        legend={t('audience.lists')}
        t={t}
        testId="audience-lists"
      />
      {props.segments.length === 0 ? (
        <>
          <p className="hint muted">
            <a href="/contatos/segmentos">{t('audience.noSegments')}</a>
          </p>
          <FieldErrors id={f.audienceSegments.errorId} errors={f.audienceSegments.errors} t={t} />
        </>
      ) : (
        <Checks
          field={f.audienceSegments}
          options={props.segments}
          legend={t('audience.segments')}
          t={t}
          testId="audience-segments"
        />
      )}
      <h3>{t('audience.exclude')}</h3>
      <Checks
        field={f.excludeLists}
        options={props.excludable}
        legend={t('audience.excludeLists')}
        t={t}
        testId="exclude-lists"
      />
      {props.segments.length > 0 ? (
        <Checks
          field={f.excludeSegments}
          options={props.segments}
          legend={t('audience.excludeSegments')}
          t={t}
          testId="exclude-segments"
        />
      ) : (
        <FieldErrors id={f.excludeSegments.errorId} errors={f.excludeSegments.errors} t={t} />
      )}
      <div className="field">
        <label htmlFor={days.id}>{t('audience.excludeDays')}</label>
        <input
          id={days.id}
          name={days.name}
          type="number"
          min={1}
          max={365}
          step={1}
          inputMode="numeric"
          defaultValue={days.initialValue === undefined ? '' : String(days.initialValue)}
          key={days.key}
          aria-invalid={days.errors?.length ? true : undefined}
          aria-describedby={days.errors?.length ? days.errorId : undefined}
          style={{ width: '7rem' }}
        />
        <FieldErrors id={days.errorId} errors={days.errors} t={t} />
      </div>
    </details>
  )
}
