/** Resolved out of total, as text (for people and tests) and as a bar. */
export function ProgressBar({ resolved, total, label }: { resolved: number; total: number; label: string }) {
  const share = total === 0 ? 1 : resolved / total;
  return (
    <div className="rc-progress" role="group" aria-label={label}>
      <span data-testid="progress">
        {resolved} / {total} resolved
      </span>
      <progress max={Math.max(total, 1)} value={total === 0 ? 1 : resolved} aria-label={`${label}: ${Math.round(share * 100)}%`} />
    </div>
  );
}
