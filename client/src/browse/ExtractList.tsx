import { Link } from '../router';
import type { Extract } from '../../../shared/themes/browseTypes';

/**
 * A theme's extracts grouped by participant, as a table of themes cites them: participant,
 * line range, quote. Each links to its first line in the transcript (`#l-<line>`).
 */
export function ExtractList(props: { extracts: Extract[]; themeLabel: (id: string) => string; showTheme: boolean; focus: string }) {
  const { extracts } = props;
  if (extracts.length === 0) return <p className="muted">No coded extracts you can see for this theme.</p>;
  const groups = new Map<string, Extract[]>();
  for (const e of extracts) {
    const list = groups.get(e.pseudonym);
    if (list) list.push(e);
    else groups.set(e.pseudonym, [e]);
  }
  return (
    <div className="extract-groups">
      <p className="muted small" data-count="extracts">
        {extracts.length} extract{extracts.length === 1 ? '' : 's'} from {groups.size} participant{groups.size === 1 ? '' : 's'}
      </p>
      {[...groups].map(([pseudonym, list]) => (
        <section key={pseudonym} className="extract-group" aria-label={`extracts of ${pseudonym}`}>
          <h3>{pseudonym}</h3>
          <ul className="extracts">
            {list.map((e) => (
              <li key={`${e.transcriptId}:${e.source}:${e.coderId ?? ''}:${e.codingId}`} className={`extract source-${e.source}`} data-extract={e.codingId}>
                <div className="extract-head small">
                  <Link to={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">
                    {e.transcriptTitle}, {e.lineRange}
                  </Link>
                  <span className="muted"> · {e.source === 'consensus' ? 'consensus' : e.coderName}</span>
                  {props.showTheme && e.themeId !== props.focus && <span className="muted"> · {props.themeLabel(e.themeId)}</span>}
                  {e.codedThemeId !== e.themeId && <span className="muted" title="the coder chose a theme that has since been merged into this one"> · coded as {props.themeLabel(e.codedThemeId)}</span>}
                </div>
                <blockquote>{e.quote}</blockquote>
                {e.memo && <p className="memo small">{e.memo}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
