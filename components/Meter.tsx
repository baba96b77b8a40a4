/**
 * A level meter (0..1): a fixed-size bar, so nothing moves around it while the level changes. Muted shows an empty,
 * greyed bar that says so. `data-level` keeps the level as measured (tests read it).
 */
export function Meter({ label, level, muted = false, id }: { label: string; level: number; muted?: boolean; id: string }) {
  const value = muted ? 0 : Math.round(Math.min(1, Math.max(0, level)) * 100);
  return (
    <div class={`meter${muted ? ' meter-muted' : ''}`} data-meter={id} data-level={level}>
      <span class="meter-label" id={`meter-${id}`}>
        {label}
      </span>
      <div
        class="meter-track"
        role="meter"
        aria-labelledby={`meter-${id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={muted ? 'muted' : `${value}%`}
      >
        <div class="meter-fill" style={{ transform: `scaleX(${value / 100})` }} />
      </div>
      <span class="meter-note" aria-hidden="true">
        {muted ? 'muted' : ''}
      </span>
    </div>
  );
}
