// The composer's follow-up steps (decision 040) and automatic confirmation: one fieldset per step (text
// or poll, up to 3 alternative texts, delay in hours or days, the audience among the previous step's
// recipients, the option voted), "Remover etapa N" and "Adicionar etapa" as submit buttons (they work
// without JavaScript: the page comes back with everything typed plus the change), and a summary of the
// steps as the review lists them.
import type { FieldMetadata } from '@conform-to/react'
import { POLL_MAX_OPTIONS } from '~/core/campaigns/poll'
import { DAY_MINUTES, delayMinutesOf, MAX_STEPS, STEP_AUDIENCES } from '~/core/campaigns/steps'
import { ADD_STEP, removeStepIntent, STEP_TEXTS_SHOWN } from '~/core/campaigns/steps-form'
import type { Translate } from '~/i18n'

type StepValue = {
  kind?: string
  texts?: (string | undefined)[]
  pollOptions?: (string | undefined)[]
  pollMultiple?: boolean | string
  delayValue?: number | string
  delayUnit?: string
  audience?: string
  option?: string
}

export type StepsFields = {
  steps: FieldMetadata<StepValue[] | undefined>
  confirmation: FieldMetadata<string | undefined>
}

/** Field errors as distinct message codes. */
const only = (errors: unknown): string[] | undefined =>
  Array.isArray(errors) ? [...new Set(errors.filter((e): e is string => typeof e === 'string'))] : undefined

/** A field's errors (translated), each once. */
function StepErrors({ id, errors, t }: { id: string; errors?: string[]; t: Translate }) {
  if (!errors || errors.length === 0) return null
  return (
    <div id={id}>
      {errors.map((e) => (
        <p className="error" key={`${id}-${e}`}>
          {t(e)}
        </p>
      ))}
    </div>
  )
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

export function CampaignStepsFields({ fields, t }: { fields: StepsFields; t: Translate }) {
  const items = fields.steps.getFieldList()
  return (
    <div className="card" data-testid="steps-fields">
      <h2>{t('steps.compose.title')}</h2>
      <p className="hint">{t('steps.compose.hint')}</p>
      <StepErrors id={fields.steps.errorId} errors={only(fields.steps.errors)} t={t} />
      {items.map((item, i) => (
        <StepFieldset key={item.key ?? i} item={item} index={i} t={t} />
      ))}
      {items.length < MAX_STEPS ? (
        <p>
          <button type="submit" name="intent" value={ADD_STEP} className="secondary" formNoValidate>
            {t('steps.compose.add')}
          </button>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fields.confirmation.id}>{t('steps.compose.confirmation')}</label>
        <textarea
          id={fields.confirmation.id}
          name={fields.confirmation.name}
          defaultValue={str(fields.confirmation.initialValue)}
          rows={2}
          aria-describedby={`${fields.confirmation.id}-hint`}
        />
        <span className="hint" id={`${fields.confirmation.id}-hint`}>
          {t('steps.compose.confirmationHint')}
        </span>
        <StepErrors id={fields.confirmation.errorId} errors={only(fields.confirmation.errors)} t={t} />
      </div>
    </div>
  )
}

function StepFieldset({ item, index, t }: { item: FieldMetadata<StepValue>; index: number; t: Translate }) {
  const f = item.getFieldset()
  const v = (item.initialValue ?? {}) as StepValue
  const n = index + 1
  const texts = f.texts.getFieldList()
  const options = f.pollOptions.getFieldList()
  const id = (name: string) => `${item.id}-${name}`
  return (
    <fieldset className="step-fields" data-testid={`step-${n}`}>
      <legend>{t('steps.compose.step', { n })}</legend>
      <div className="field">
        <label htmlFor={id('kind')}>{t('steps.compose.kind')}</label>
        <select id={id('kind')} name={f.kind.name} defaultValue={str(v.kind) || 'text'}>
          <option value="text">{t('steps.compose.kindText')}</option>
          <option value="poll">{t('steps.compose.kindPoll')}</option>
        </select>
      </div>
      <StepErrors id={f.texts.errorId} errors={only(f.texts.errors)} t={t} />
      {Array.from({ length: STEP_TEXTS_SHOWN }, (_, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed set of inputs, one per position
        <div className="field" key={j}>
          <label htmlFor={id(`text-${j}`)}>
            {j === 0 ? t('steps.compose.text', { n }) : t('steps.compose.textVariant', { n, i: j + 1 })}
          </label>
          <textarea
            id={id(`text-${j}`)}
            name={`${f.texts.name}[${j}]`}
            defaultValue={str(v.texts?.[j])}
            rows={j === 0 ? 3 : 2}
          />
          <StepErrors id={id(`text-${j}-error`)} errors={only(texts[j]?.errors)} t={t} />
        </div>
      ))}
      <details open={v.kind === 'poll'}>
        <summary>{t('polls.compose.title')}</summary>
        <StepErrors id={f.pollOptions.errorId} errors={only(f.pollOptions.errors)} t={t} />
        <ol className="poll-options">
          {Array.from({ length: POLL_MAX_OPTIONS }, (_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed set of inputs, one per position
            <li key={j} className="field">
              <label htmlFor={id(`option-${j}`)}>{t('polls.compose.option', { n: j + 1 })}</label>
              <input
                id={id(`option-${j}`)}
                type="text"
                name={`${f.pollOptions.name}[${j}]`}
                defaultValue={str(v.pollOptions?.[j])}
              />
              <StepErrors id={id(`option-${j}-error`)} errors={only(options[j]?.errors)} t={t} />
            </li>
          ))}
        </ol>
        <label>
          <input
            type="checkbox"
            name={f.pollMultiple.name}
            value="on"
            defaultChecked={v.pollMultiple === true || v.pollMultiple === 'on'}
          />{' '}
          {t('steps.compose.pollMultiple')}
        </label>
      </details>
      <div className="row-actions" style={{ alignItems: 'flex-end' }}>
        <div className="field">
          <label htmlFor={id('delay')}>{t('steps.compose.delay')}</label>
          <input
            id={id('delay')}
            type="number"
            name={f.delayValue.name}
            defaultValue={str(v.delayValue)}
            aria-describedby={id('delay-hint')}
            aria-invalid={f.delayValue.errors?.length ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={id('unit')} className="visually-hidden">
            {t('steps.compose.delay')}
          </label>
          <select id={id('unit')} name={f.delayUnit.name} defaultValue={str(v.delayUnit) || 'days'}>
            <option value="hours">{t('steps.compose.hours')}</option>
            <option value="days">{t('steps.compose.days')}</option>
          </select>
        </div>
      </div>
      <span className="hint" id={id('delay-hint')}>
        {t('steps.compose.delayHint')}
      </span>
      <StepErrors id={f.delayValue.errorId} errors={only(f.delayValue.errors)} t={t} />
      <div className="field">
        <label htmlFor={id('audience')}>{t('steps.compose.audience')}</label>
        <select id={id('audience')} name={f.audience.name} defaultValue={str(v.audience) || 'no_reply'}>
          {STEP_AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`steps.compose.audience.${a}`)}
            </option>
          ))}
        </select>
        <StepErrors id={f.audience.errorId} errors={only(f.audience.errors)} t={t} />
      </div>
      <div className="field">
        <label htmlFor={id('option')}>{t('steps.compose.option')}</label>
        <input id={id('option')} type="text" name={f.option.name} defaultValue={str(v.option)} />
        <StepErrors id={f.option.errorId} errors={only(f.option.errors)} t={t} />
      </div>
      <button
        type="submit"
        name="intent"
        value={removeStepIntent(index)}
        className="secondary"
        formNoValidate
      >
        {t('steps.compose.remove', { n })}
      </button>
    </fieldset>
  )
}

/** The steps as the review lists them (from the values typed, JS on or off). */
export function CampaignStepsReview({
  steps,
  confirmation,
  t,
}: {
  steps: StepValue[] | undefined
  confirmation: string | undefined
  t: Translate
}) {
  const list = (steps ?? []).filter(Boolean)
  if (list.length === 0 && !confirmation?.trim()) return null
  return (
    <div className="card" data-testid="steps-review">
      <h3>{t('steps.review.title')}</h3>
      <ol>
        {list.map((s, i) => {
          const minutes = delayMinutesOf(Number(s.delayValue), s.delayUnit) ?? 0
          const delay =
            minutes % DAY_MINUTES === 0
              ? t('steps.review.delayDays', { count: minutes / DAY_MINUTES })
              : t('steps.review.delayHours', { count: Math.round(minutes / 60) })
          const audience = STEP_AUDIENCES.includes(s.audience as never)
            ? t(`steps.compose.audience.${s.audience}`) +
              (s.audience === 'voted' ? ` “${s.option ?? ''}”` : '')
            : '—'
          const text = (s.texts ?? []).find((x) => (x ?? '').trim()) ?? ''
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
            <li key={i}>
              {t('steps.review.step', { n: i + 1, delay, audience })}
              {s.kind === 'poll' ? ` (${t('steps.review.poll')})` : ''}: <q>{text}</q>
            </li>
          )
        })}
      </ol>
      {confirmation?.trim() ? <p>{t('steps.review.confirmation', { text: confirmation })}</p> : null}
    </div>
  )
}
