// The session health page's chart (server-rendered SVG, visible without JavaScript): messages sent
// per day as bars, read as inner bars, and the day's lowest score as a line on its own 0–100 scale.
// The table below it carries every number (delivered, replied, opt-outs, errors too).
import type { HealthDay } from '~/core/health/health-page.server'
import { niceMax } from '~/core/tracking/report'
import type { Translate } from '~/i18n'
import { CountAxis } from './report-charts'

const W = 720
const H = 220
const PAD = { left: 48, right: 40, top: 16, bottom: 40 }

export function HealthChart({ days, locale, t }: { days: HealthDay[]; locale: string; t: Translate }) {
  const max = niceMax(Math.max(1, ...days.map((d) => d.sent)))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const slot = plotW / days.length
  const barW = Math.max(2, slot - 6)
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const yScore = (s: number) => PAD.top + plotH - (s / 100) * plotH
  const dayLabel = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`
  const scored = days.map((d, i) => ({ ...d, i })).filter((d) => d.score !== null)
  const points = scored.map((d) => `${PAD.left + d.i * slot + slot / 2},${yScore(d.score ?? 0)}`).join(' ')
  const total = days.reduce((s, d) => s + d.sent, 0)
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="health-chart-title health-chart-desc"
        data-testid="health-chart"
      >
        <title id="health-chart-title">{t('health.chart.title', { count: days.length })}</title>
        <desc id="health-chart-desc">
          {t('health.chart.desc', {
            count: total,
            from: dayLabel(days[0]!.day),
            to: dayLabel(days.at(-1)!.day),
          })}
        </desc>
        <CountAxis left={PAD.left} right={W - PAD.right} y0={y(0)} yMax={y(max)} max={max} locale={locale} />
        <text x={W - PAD.right + 4} y={yScore(100) + 4} className="label">
          100
        </text>
        {days.map((d, i) => {
          const x = PAD.left + i * slot + 3
          return (
            <g key={d.day}>
              <rect x={x} y={y(d.sent)} width={barW} height={y(0) - y(d.sent)} className="bar-sent">
                <title>{`${dayLabel(d.day)}: ${t('health.col.sent')} ${d.sent}`}</title>
              </rect>
              <rect
                x={x + barW / 4}
                y={y(d.read)}
                width={barW / 2}
                height={y(0) - y(d.read)}
                className="bar-read"
              >
                <title>{`${dayLabel(d.day)}: ${t('health.col.read')} ${d.read}`}</title>
              </rect>
            </g>
          )
        })}
        {scored.length > 1 ? <polyline points={points} className="score-line" fill="none" /> : null}
        {scored.map((d) => (
          <circle
            key={d.day}
            cx={PAD.left + d.i * slot + slot / 2}
            cy={yScore(d.score ?? 0)}
            r={3}
            className="score-dot"
          >
            <title>{`${dayLabel(d.day)}: ${t('health.col.score')} ${d.score}`}</title>
          </circle>
        ))}
        <text x={PAD.left} y={H - 22} className="label">
          {dayLabel(days[0]!.day)}
        </text>
        <text x={W - PAD.right} y={H - 22} textAnchor="end" className="label">
          {dayLabel(days.at(-1)!.day)}
        </text>
        <rect x={PAD.left} y={H - 14} width={10} height={10} className="bar-sent" />
        <text x={PAD.left + 14} y={H - 5} className="label">
          {t('health.col.sent')}
        </text>
        <rect x={PAD.left + 150} y={H - 14} width={10} height={10} className="bar-read" />
        <text x={PAD.left + 164} y={H - 5} className="label">
          {t('health.col.read')}
        </text>
        <circle cx={PAD.left + 305} cy={H - 9} r={4} className="score-dot" />
        <text x={PAD.left + 314} y={H - 5} className="label">
          {t('health.chart.score')}
        </text>
      </svg>
    </figure>
  )
}
