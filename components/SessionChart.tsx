import { formatDollars } from '@/utils/realtime/pricing';
import type { CostPoint } from '@/utils/session-state';

const WIDTH = 160;
const HEIGHT = 48;
const PAD = 4;

/** Points scaled into the plot box: x and y from their own ranges (a flat series sits in the middle). */
function pathOf(points: Array<[number, number]>): string {
  if (points.length === 0) return '';
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? WIDTH / 2 : PAD + ((x - x0) / (x1 - x0)) * (WIDTH - 2 * PAD));
  const sy = (y: number) => (y1 === y0 ? HEIGHT / 2 : HEIGHT - PAD - ((y - y0) / (y1 - y0)) * (HEIGHT - 2 * PAD));
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
}

function Sparkline({ label, summary, points, kind }: { label: string; summary: string; points: Array<[number, number]>; kind: string }) {
  const path = pathOf(points.length === 1 ? [points[0]!, [points[0]![0] + 1, points[0]![1]]] : points);
  return (
    <figure class="chart" data-chart={kind} data-points={points.length}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`${label}: ${summary}`}>
        <title>{`${label}: ${summary}`}</title>
        <rect class="chart-frame" x="0.5" y="0.5" width={WIDTH - 1} height={HEIGHT - 1} rx="4" />
        {path ? <path class={`chart-line chart-${kind}`} d={path} /> : null}
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
