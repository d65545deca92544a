// Previous / next links for a paged table (plain links: work without JS and keep the other params).
import type { Translate } from '~/i18n'

export function Pager(props: {
  page: number
  total: number
  pageSize: number
  param: string
  search: string
  t: Translate
}) {
  const { page, total, pageSize, param, t } = props
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(props.search)
    params.set(param, String(p))
    return `?${params.toString()}`
  }
  return (
    <nav
      className="row-actions"
      aria-label={t('contacts.page', { page, pages })}
      style={{ marginTop: '.6rem' }}
    >
      {page > 1 ? <a href={href(page - 1)}>← {t('contacts.prev')}</a> : null}
      <span className="muted">{t('contacts.page', { page, pages })}</span>
      {page < pages ? <a href={href(page + 1)}>{t('contacts.next')} →</a> : null}
    </nav>
  )
}
