import { formatDollars } from '@/utils/realtime/pricing';
import type { CostPoint } from '@/utils/session-state';

const WIDTH = 160;
const HEIGHT = 48;
const PAD = 4;

/** Points scaled into the plot box: x and y from their own ranges (y from 0; a single point sits in the middle). */
export function scaled(points: Array<[number, number]>): Array<[number, number]> {
  if (points.length === 0) return [];
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? WIDTH / 2 : PAD + ((x - x0) / (x1 - x0)) * (WIDTH - 2 * PAD));
  const sy = (y: number) => (y1 === y0 ? HEIGHT / 2 : HEIGHT - PAD - ((y - y0) / (y1 - y0)) * (HEIGHT - 2 * PAD));
  return points.map(([x, y]) => [Math.round(sx(x) * 10) / 10, Math.round(sy(y) * 10) / 10]);
}

function Sparkline({ label, summary, points, kind }: { label: string; summary: string; points: Array<[number, number]>; kind: string }) {
  const at = scaled(points);
  const path = at.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${x},${y}`).join(' ');
  return (
    <figure class="chart" data-chart={kind} data-points={points.length}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`${label}: ${summary}`}>
        <title>{`${label}: ${summary}`}</title>
        <rect class="chart-frame" x="0.5" y="0.5" width={WIDTH - 1} height={HEIGHT - 1} rx="4" />
        {at.length > 1 ? <path class={`chart-line chart-${kind}`} d={path} /> : null}
        {at.map(([x, y], index) => (
          <circle key={index} class={`chart-dot chart-${kind}`} cx={x} cy={y} r="2" />
        ))}
      </svg>
      <figcaption>
        {label}: {summary}
      </figcaption>
    </figure>
  );
}

/** A past session's turn latency (per turn) and running cost (over time), as two small inline SVG charts. */
export function SessionChart({ latenciesMs = [], costOverTime = [] }: { latenciesMs?: number[]; costOverTime?: CostPoint[] }) {
  const latency: Array<[number, number]> = latenciesMs.map((ms, turn) => [turn + 1, ms]);
  const cost: Array<[number, number]> = costOverTime.map(({ at, usd }) => [at, usd]);
  const max = latenciesMs.length ? Math.max(...latenciesMs) : 0;
  const average = latenciesMs.length ? Math.round(latenciesMs.reduce((sum, ms) => sum + ms, 0) / latenciesMs.length) : 0;
  return (
    <div class="charts">
      <Sparkline
        kind="latency"
        label="Answer latency per turn"
        summary={latenciesMs.length ? `${latenciesMs.length} turns, average ${average} ms, slowest ${max} ms` : 'no spoken turns measured'}
        points={latency}
      />
      <Sparkline
        kind="cost"
        label="Cost over time"
        summary={cost.length ? `${formatDollars(cost.at(-1)![1])} after ${cost.length} responses` : 'no priced responses'}
        points={cost}
      />
    </div>
  );
}
