// The segment form's fields and the count box (decision 037). Plain inputs: the form works without JavaScript.
import { CAPITAL_CHOICES, FIELD_OPS, TAG_MODES, UFS } from '~/core/contacts/segments/definition'
import type { SegmentFormValues } from '~/core/contacts/segments/form'
import type { SegmentPreview } from '~/core/contacts/segments/segments.server'
import type { Translate } from '~/i18n'

type Options = {
  lists: Array<{ id: string; name: string }>
  tags: Array<{ id: number; name: string }>
  campaigns: Array<{ id: string; name: string }>
}

function Checks(props: { name: string; items: Array<{ id: string; label: string }>; checked: string[] }) {
  return (
    <div className="row-actions segment-row">
      {props.items.map((i) => (
        <label key={i.id}>
          <input
            type="checkbox"
            name={props.name}
            value={i.id}
            defaultChecked={props.checked.includes(i.id)}
          />{' '}
          {i.label}
        </label>
      ))}
    </div>
  )
}

export function SegmentFields({
  t,
  values: v,
  options,
}: {
  t: Translate
  values: SegmentFormValues
  options: Options
}) {
  return (
    <>
      <label>
        {t('segments.name')}
        <input name="name" defaultValue={v.name} maxLength={80} />
      </label>
      {options.lists.length ? (
        <fieldset>
          <legend>{t('segments.lists')}</legend>
          <Checks
            name="lists"
            items={options.lists.map((l) => ({ id: l.id, label: l.name }))}
            checked={v.lists}
          />
        </fieldset>
      ) : null}
      {options.tags.length ? (
        <fieldset>
          <legend>{t('segments.tags')}</legend>
          <select name="tagMode" defaultValue={v.tagMode} aria-label={t('segments.tags')}>
            {TAG_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`segments.tagMode.${m}`)}
              </option>
            ))}
          </select>
          <Checks
            name="tags"
            items={options.tags.map((x) => ({ id: String(x.id), label: x.name }))}
            checked={v.tags}
          />
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{t('segments.region')}</legend>
        <Checks name="ufs" items={UFS.map((uf) => ({ id: uf, label: uf }))} checked={v.ufs} />
        <select name="capital" defaultValue={v.capital} aria-label={t('segments.region')}>
          {CAPITAL_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`segments.capital.${c}`)}
            </option>
          ))}
        </select>
      </fieldset>
      <fieldset>
        <legend>{t('segments.field')}</legend>
        <div className="row-actions segment-row">
          <label>
            {t('segments.fieldKey')}
            <input name="fieldKey" defaultValue={v.fieldKey} maxLength={60} />
          </label>
          <select name="fieldOp" defaultValue={v.fieldOp} aria-label={t('segments.field')}>
            {FIELD_OPS.map((o) => (
              <option key={o} value={o}>
                {t(`segments.fieldOp.${o}`)}
              </option>
            ))}
          </select>
          <label>
            {t('segments.fieldValue')}
            <input name="fieldValue" defaultValue={v.fieldValue} maxLength={200} />
          </label>
        </div>
      </fieldset>
      <label>
        <input type="checkbox" name="consent" defaultChecked={v.consent} /> {t('segments.consent')}
      </label>
      <div className="row-actions segment-row">
        <label>
          {t('segments.createdFrom')}
          <input type="date" name="createdFrom" defaultValue={v.createdFrom} />
        </label>
        <label>
          {t('segments.createdTo')}
          <input type="date" name="createdTo" defaultValue={v.createdTo} />
        </label>
      </div>
      <div className="row-actions segment-row">
        <label>
          {t('segments.receivedDays')}
          <input type="number" name="receivedDays" min={1} max={365} defaultValue={v.receivedDays} />
        </label>
        <label>
          <input type="checkbox" name="neverReplied" defaultChecked={v.neverReplied} />{' '}
          {t('segments.neverReplied')}
        </label>
        {options.campaigns.length ? (
          <label>
            {t('segments.campaign')}
            <select name="campaignId" defaultValue={v.campaignId}>
              <option value="">{t('segments.anyCampaign')}</option>
              {options.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
    </>
  )
}

export function SegmentPreviewBox(props: {
  t: Translate
  preview: SegmentPreview | null
  error: string | null
  busy: boolean
}) {
  const { t, preview, error } = props
  return (
    <section className="card" aria-live="polite" data-testid="segment-preview">
      {error ? <p className="error">{t(error)}</p> : null}
      {preview ? (
        <>
          <p>
            <strong>{t('segments.total', { count: preview.count })}</strong>
            {props.busy ? <span className="muted"> {t('segments.counting')}</span> : null}
          </p>
          {preview.missing.lists ? (
            <p className="muted">{t('segments.missing.lists', { count: preview.missing.lists })}</p>
          ) : null}
          {preview.missing.tags ? (
            <p className="muted">{t('segments.missing.tags', { count: preview.missing.tags })}</p>
          ) : null}
          {preview.missing.campaign ? <p className="muted">{t('segments.missing.campaign')}</p> : null}
          {preview.sample.length ? (
            <>
              <h2>{t('segments.sample')}</h2>
              <ul>
                {preview.sample.map((p) => (
                  <li key={p.id}>
                    <a href={`/contatos/pessoas/${p.id}`}>{p.name || p.phoneE164}</a>{' '}
                    {p.name ? p.phoneE164 : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
