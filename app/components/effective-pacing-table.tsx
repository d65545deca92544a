// What the engine enforces for a campaign on each of its sessions: the stricter of the session's and
// the campaign's values, field by field (decision 013), and who set each one. Shown in the composer's
// review and on the campaign page.
import { formatHhmm } from '~/core/campaigns/composer-schema'
import type { EffectivePacing, PacingSource } from '~/core/sending/effective-pacing'
import type { Translate } from '~/i18n'

export type EffectiveRow = { id: string; name: string } & EffectivePacing

function Source({ source, t }: { source: PacingSource; t: Translate }) {
  return <span className="muted">{` (${t(`pacing.source.${source}`)})`}</span>
}

export function EffectivePacingTable({
  rows,
  areaCodeAffinity,
  t,
}: {
  rows: EffectiveRow[]
  areaCodeAffinity?: boolean
  t: Translate
}) {
  if (rows.length === 0) return null
  return (
    <>
      <div className="table-wrap">
        <table data-testid="effective-pacing">
          <caption className="muted">{t('pacing.effective.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pacing.effective.session')}</th>
              <th scope="col">{t('pacing.effective.gap')}</th>
              <th scope="col">{t('pacing.effective.perMinute')}</th>
              <th scope="col">{t('pacing.effective.daily')}</th>
              <th scope="col">{t('pacing.effective.window')}</th>
              <th scope="col">{t('pacing.effective.rest')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const p = r.pacing
              const w = p.window
              return (
                <tr key={r.id} data-session-id={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>
                    {t('pacing.effective.gapValue', { min: p.minDelayS, max: p.maxDelayS })}
                    <Source source={r.limitedBy.delay} t={t} />
                  </td>
                  <td>
                    {p.maxPerMinute}
                    <Source source={r.limitedBy.maxPerMinute} t={t} />
                  </td>
                  <td>
                    {p.dailyCap}
                    <Source source={r.limitedBy.dailyCap} t={t} />
                    {p.warmup ? <div className="muted">{t('pacing.effective.warmup')}</div> : null}
                  </td>
                  <td>
                    {r.windowEmpty
                      ? t('pacing.effective.never')
                      : w
                        ? t('pacing.effective.windowValue', {
                            days: w.days.map((d) => t(`campaigns.days.${d}`)).join(', '),
                            start: formatHhmm(w.startMinute),
                            end: formatHhmm(w.endMinute),
                          })
                        : t('pacing.effective.always')}
                    <Source source={r.limitedBy.window} t={t} />
                  </td>
                  <td>
                    {p.rest
                      ? t('pacing.effective.restValue', {
                          min: p.rest.packageMin,
                          max: p.rest.packageMax,
                          restMin: p.rest.restMinMinutes,
                          restMax: p.rest.restMaxMinutes,
                        })
                      : t('pacing.effective.noRest')}
                    <Source source={r.limitedBy.rest} t={t} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {areaCodeAffinity === undefined ? null : (
        <p className="muted" data-testid="area-code-affinity">
          {t(areaCodeAffinity ? 'protection.affinity.on' : 'protection.affinity.off')}
        </p>
      )}
    </>
  )
}
