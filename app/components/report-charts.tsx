// Server-rendered inline SVG charts for the campaign report (visible without JavaScript): sends and
// reads per hour, and the split per session. Each has a <title>, a <desc> and text labels.
import { niceMax, type TimelineBar } from '~/core/tracking/report'
import type { Translate } from '~/i18n'

const W = 720
const H = 220
const PAD = { left: 48, right: 12, top: 16, bottom: 40 }

export function TimelineChart({
  bars,
  hoursPerBar,
  locale,
  t,
}: {
  bars: TimelineBar[]
  hoursPerBar: number
  locale: string
  t: Translate
}) {
  if (bars.length === 0) return <p className="muted">{t('report.timeline.empty')}</p>
  const fmt = new Intl.DateTimeFormat(locale, {
    timeZone: 'America/Sao_Paulo',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
  const max = niceMax(Math.max(...bars.map((b) => Math.max(b.sent, b.read))))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const slot = plotW / bars.length
  const barW = Math.max(1, slot / 2 - 1)
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const totalSent = bars.reduce((s, b) => s + b.sent, 0)
  const totalRead = bars.reduce((s, b) => s + b.read, 0)
  const first = bars[0]!
  const last = bars.at(-1)!
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="timeline-title timeline-desc"
        data-testid="timeline-chart"
      >
        <title id="timeline-title">{t('report.timeline.title', { hours: hoursPerBar })}</title>
        <desc id="timeline-desc">
          {t('report.timeline.desc', {
            sent: t('report.timeline.sends', { count: totalSent }),
            read: t('report.timeline.reads', { count: totalRead }),
            from: fmt.format(first.start),
            to: fmt.format(last.start),
          })}
        </desc>
        <CountAxis left={PAD.left} right={W - PAD.right} y0={y(0)} yMax={y(max)} max={max} locale={locale} />
        {bars.map((b, i) => {
          const x = PAD.left + i * slot
          return (
            <g key={b.start}>
              <rect x={x} y={y(b.sent)} width={barW} height={y(0) - y(b.sent)} className="bar-sent">
                <title>{`${fmt.format(b.start)}: ${t('report.timeline.sent')} ${b.sent}`}</title>
              </rect>
              <rect
                x={x + barW + 1}
                y={y(b.read)}
                width={barW}
                height={y(0) - y(b.read)}
                className="bar-read"
              >
                <title>{`${fmt.format(b.start)}: ${t('report.timeline.read')} ${b.read}`}</title>
              </rect>
            </g>
          )
        })}
        <text x={PAD.left} y={H - 22} className="label">
          {fmt.format(first.start)}
        </text>
        <text x={W - PAD.right} y={H - 22} textAnchor="end" className="label">
          {fmt.format(last.start)}
        </text>
        <rect x={PAD.left} y={H - 14} width={10} height={10} className="bar-sent" />
        <text x={PAD.left + 14} y={H - 5} className="label">
          {t('report.timeline.sent')} ({totalSent.toLocaleString(locale)})
        </text>
        <rect x={PAD.left + 200} y={H - 14} width={10} height={10} className="bar-read" />
        <text x={PAD.left + 214} y={H - 5} className="label">
          {t('report.timeline.read')} ({totalRead.toLocaleString(locale)})
        </text>
      </svg>
    </figure>
  )
}

export type SessionSplit = { id: string; name: string; sent: number; failed: number; unconfirmed: number }

export function SessionChart({
  sessions,
  t,
}: {
  sessions: SessionSplit[]
  /** Numbers are written in the translator's locale (plural messages). */
  locale: string
  t: Translate
}) {
  if (sessions.length === 0) return null
  const rowH = 30
  const labelW = 180
  const h = sessions.length * rowH + 10
  const max = niceMax(Math.max(...sessions.map((s) => s.sent + s.failed + s.unconfirmed)))
  const plotW = W - labelW - 120
  const w = (v: number) => (v / max) * plotW
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${W} ${h}`}
        role="img"
        aria-labelledby="sessions-chart-title"
        data-testid="session-chart"
      >
        <title id="sessions-chart-title">{t('report.sessions.chartTitle')}</title>
        {sessions.map((s, i) => {
          const top = 5 + i * rowH
          return (
            <g key={s.id}>
              <text x={labelW - 8} y={top + 17} textAnchor="end" className="label">
                {s.name.length > 24 ? `${s.name.slice(0, 23)}…` : s.name}
              </text>
              <rect x={labelW} y={top + 4} width={w(s.sent)} height={rowH - 10} className="bar-sent" />
              <rect
                x={labelW + w(s.sent)}
                y={top + 4}
                width={w(s.failed)}
                height={rowH - 10}
                className="bar-failed"
              />
              <rect
                x={labelW + w(s.sent) + w(s.failed)}
                y={top + 4}
                width={w(s.unconfirmed)}
                height={rowH - 10}
                className="bar-unconfirmed"
              />
              <text x={labelW + w(s.sent + s.failed + s.unconfirmed) + 6} y={top + 17} className="label">
                {t('report.sessions.barLabel', {
                  sent: t('report.sessions.barSent', { count: s.sent }),
                  failed: t('report.sessions.barFailed', { count: s.failed }),
                })}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}

/** The count axis of a bar chart: the base line, the top grid line and their labels (0 and `max`). */
export function CountAxis({
  left,
  right,
  y0,
  yMax,
  max,
  locale,
}: {
  left: number
  right: number
  y0: number
  yMax: number
  max: number
  locale: string
}) {
  return (
    <>
      <line x1={left} x2={right} y1={y0} y2={y0} className="axis" />
      <line x1={left} x2={right} y1={yMax} y2={yMax} className="grid-line" />
      <text x={left - 6} y={yMax + 4} textAnchor="end" className="label">
        {max.toLocaleString(locale)}
      </text>
      <text x={left - 6} y={y0 + 4} textAnchor="end" className="label">
        0
      </text>
    </>
  )
}
