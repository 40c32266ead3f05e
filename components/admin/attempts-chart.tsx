import type { HourlyAttempts } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';

type AttemptsChartProps = {
  hours: HourlyAttempts[];
  timeZone: string;
  title: string;
  description: string;
  labels: { successes: string; failures: string; hour: string; showTable: string };
};

const WIDTH = 960;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };

/** A coordinate to a hundredth of a unit (of a 960-wide box): 47.78 rather than 47.78333333333333, 168 bars a week. */
const px = (value: number) => Math.round(value * 100) / 100;

/** Server-rendered stacked bar chart (successes below, failures above) with a table fallback. */
export function AttemptsChart({ hours, timeZone, title, description, labels }: AttemptsChartProps) {
  const max = Math.max(1, ...hours.map((hour) => hour.successes + hour.failures));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, hours.length);
  const barWidth = Math.max(1, slot * 0.8);
  const scale = (value: number) => (value / max) * plotHeight;
  const labelEvery = Math.ceil(hours.length / 12);
  const barX = (index: number) => PAD.left + index * slot + (slot - barWidth) / 2;
  // Each series is one path of rectangles, not a <rect> per bar: a week is 168 bars, and every element
  // of a server-rendered page is serialized twice (the RSC payload and the HTML).
  const base = PAD.top + plotHeight;
  const bars = { successes: '', failures: '' };
  hours.forEach((hour, index) => {
    const okHeight = scale(hour.successes);
    const failHeight = scale(hour.failures);
    const rectangle = (top: number, height: number) => `M${px(barX(index))} ${px(top)}h${px(barWidth)}v${px(height)}h${px(-barWidth)}z`;
    if (okHeight > 0) bars.successes += rectangle(base - okHeight, okHeight);
    if (failHeight > 0) bars.failures += rectangle(base - okHeight - failHeight, failHeight);
  });
  return (
    <figure className="admin-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="attempts-chart-title attempts-chart-desc" preserveAspectRatio="none">
        <title id="attempts-chart-title">{title}</title>
        <desc id="attempts-chart-desc">{description}</desc>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotHeight} y2={PAD.top + plotHeight} stroke="currentColor" strokeOpacity="0.3" />
        <text x={PAD.left - 6} y={PAD.top + 10} textAnchor="end" fontSize="11">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotHeight} textAnchor="end" fontSize="11">
          0
        </text>
        <path d={bars.successes} className="bar-success" />
        <path d={bars.failures} className="bar-failure" />
        {hours.map((hour, index) =>
          index % labelEvery === 0 ? (
            <text key={hour.hourStart} x={px(barX(index) + barWidth / 2)} y={HEIGHT - 8} textAnchor="middle" fontSize="11">
              {formatInZone(hour.hourStart, timeZone, false).slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="admin-legend">
        <span className="swatch bar-success-swatch" aria-hidden="true" /> {labels.successes}
        <span className="swatch bar-failure-swatch" aria-hidden="true" /> {labels.failures}
      </figcaption>
      <details>
        <summary>{labels.showTable}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.hour}</th>
              <th scope="col">{labels.successes}</th>
              <th scope="col">{labels.failures}</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => (
              <tr key={hour.hourStart}>
                <td>{formatInZone(hour.hourStart, timeZone, false)}</td>
                <td>{hour.successes}</td>
                <td>{hour.failures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
