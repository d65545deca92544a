// The campaign page of an archived campaign (decision 042): "arquivada", how fast the archive answered,
// or which problem it has (missing or damaged object: the totals still show), and, for admins, the
// button that brings the messages back to the database.
import { Form } from '@remix-run/react'
import type { ArchiveView } from '~/core/campaigns/archive-read.server'
import type { Translate } from '~/i18n'
import { SubmitButton } from './submit-button'

export function ReportArchive({
  archive,
  canRestore,
  t,
}: {
  archive: ArchiveView
  canRestore: boolean
  t: Translate
}) {
  return (
    <div className={archive.problem ? 'notice bad' : 'notice'} role="status" data-testid="report-archive">
      <strong data-testid="report-archive-badge">{t('archives.badge')}</strong>{' '}
      {archive.problem ? (
        <span data-testid="report-archive-problem">{t(`archives.${archive.problem}`)}</span>
      ) : (
        <span data-testid="report-archive-note">{t('archives.note', { ms: archive.ms })}</span>
      )}
      {canRestore && !archive.problem ? (
        <Form method="post" style={{ marginTop: '.5rem' }}>
          <SubmitButton
            name="intent"
            value="restore-archive"
            label={t('archives.restore')}
            pendingLabel={t('campaigns.detail.working')}
            className="secondary"
          />
        </Form>
      ) : null}
    </div>
  )
}
