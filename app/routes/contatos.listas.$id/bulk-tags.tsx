// Add or remove a tag on every person of the current filter (this list + the search), decision 036.
// Two plain forms: they work without JavaScript and carry the search so the action sees the same filter.
import { Form } from '@remix-run/react'
import type { Translate } from '~/i18n'

export function BulkTags(props: {
  q: string
  total: number
  tags: Array<{ id: number; name: string }>
  t: Translate
}) {
  const { q, tags, t } = props
  return (
    <section className="card" aria-labelledby="bulk-tags">
      <h2 id="bulk-tags">{t('tags.bulk.title')}</h2>
      <p className="muted">
        {t('tags.bulk.hint', { count: props.total })} <a href="/contatos/etiquetas">{t('tags.link')}</a>
      </p>
      <div className="row-actions" style={{ flexWrap: 'wrap', gap: '1rem' }}>
        <Form method="post" className="row-actions" data-testid="bulk-tag-add">
          <input type="hidden" name="q" value={q} />
          <input name="name" list="bulk-tag-names" maxLength={40} required aria-label={t('tags.col.name')} />
          <datalist id="bulk-tag-names">
            {tags.map((tag) => (
              <option key={tag.id} value={tag.name} />
            ))}
          </datalist>
          <button type="submit" name="intent" value="tagAdd">
            {t('tags.bulk.add')}
          </button>
        </Form>
        {tags.length > 0 ? (
          <Form method="post" className="row-actions" data-testid="bulk-tag-remove">
            <input type="hidden" name="q" value={q} />
            <select name="tagId" required aria-label={t('tags.col.name')} defaultValue="">
              <option value="" disabled>
                {t('tags.bulk.choose')}
              </option>
              {tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
            <button type="submit" name="intent" value="tagRemove" className="secondary">
              {t('tags.bulk.remove')}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  )
}
