import type { Resolution } from './types';
import { when } from './when';

export function describeResolution(r: Resolution, nameOf: (id: string) => string, labelOf: (themeId: string) => string): string {
  switch (r.kind) {
    case 'accept':
      return `accepted ${r.coder ? nameOf(r.coder) : 'a coder'}'s version`;
    case 'custom':
      return `custom span as ${labelOf(r.themeId)}`;
    case 'drop':
      return 'dropped';
    default:
      return r.kind;
  }
}

/** The current resolution and, under it, the revisions it replaced (the server keeps them all). */
export function ResolutionSummary(props: { current: Resolution; history: readonly Resolution[]; nameOf: (id: string) => string; labelOf: (themeId: string) => string; cite: (s: { start: number; end: number }) => string }) {
  const { current, history, nameOf, labelOf, cite } = props;
  const line = (r: Resolution) => (
    <>
      <strong>{describeResolution(r, nameOf, labelOf)}</strong>
      {r.spans.length > 0 && <span className="muted"> ({r.spans.map(cite).join(', ')})</span>} by {r.byName || nameOf(r.by)}, {when(r.at)}: <q>{r.rationale}</q>
    </>
  );
  return (
    <section className="rc-resolution" aria-label="current resolution" data-testid="resolution">
      <p>Revision {current.revision}: {line(current)}</p>
      {history.length > 0 && (
        <details>
          <summary className="small">{history.length} earlier revision{history.length === 1 ? '' : 's'}</summary>
          <ol className="small">
            {history.map((r) => (
              <li key={r.revision}>{line(r)}</li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
