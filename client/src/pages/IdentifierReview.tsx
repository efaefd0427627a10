/** A candidate identifier as the import preview returns it (shared/privacy/pseudonymisation.ts ReviewedCandidate). */
export interface Candidate {
  start: number;
  end: number;
  text: string;
  kind: string;
  source: 'key' | 'pattern' | 'nlp' | 'heuristic';
  replacement: string;
  accept: boolean;
  before: string;
  after: string;
}

const SOURCES: Record<Candidate['source'], string> = { key: 'in the study key', pattern: 'pattern', nlp: 'name finder', heuristic: 'capitalised word' };
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The lead's review of a file's candidate identifiers before it is frozen (docs/privacy.md,
 * "Pseudonymisation at import"): each in its context, accepted or rejected, its replacement
 * editable. A replacement changed for one occurrence changes for every occurrence of the same
 * original, so one person gets one replacement across the file (the key keeps it across the study).
 */
export function IdentifierReview(props: { fileName: string; candidates: Candidate[]; onChange: (next: Candidate[]) => void }) {
  const { candidates, onChange } = props;
  const set = (i: number, patch: Partial<Candidate>) => {
    const target = candidates[i]!;
    onChange(candidates.map((c, j) => (j === i ? { ...c, ...patch } : patch.replacement !== undefined && same(c.text, target.text) ? { ...c, replacement: patch.replacement } : c)));
  };
  const accepted = candidates.filter((c) => c.accept).length;
  if (candidates.length === 0) return <p className="small muted">No identifiers found. Read the preview anyway: detection proposes, you decide.</p>;
  return (
    <div className="identifier-review">
      <p className="small">
        <strong>Pseudonymisation:</strong> {candidates.length} possible identifier{candidates.length === 1 ? '' : 's'}, {accepted} to be replaced. The originals go to the study’s key (leads only), never into the transcript.
      </p>
      <table className="grid" aria-label={`identifiers in ${props.fileName}`}>
        <thead>
          <tr><th>Replace</th><th>In context</th><th>Kind</th><th>Replacement</th></tr>
        </thead>
        <tbody>
          {candidates.map((c, i) => (
            <tr key={`${c.start}-${c.end}`} className={c.accept ? '' : 'rejected'}>
              <td><input type="checkbox" checked={c.accept} onChange={(e) => set(i, { accept: e.target.checked })} aria-label={`replace ${c.text} at ${c.start}`} /></td>
              <td className="in-context">…{c.before}<mark>{c.text}</mark>{c.after}…</td>
              <td className="small">{c.kind}<br /><span className="muted">{SOURCES[c.source]}</span></td>
              <td><input value={c.replacement} onChange={(e) => set(i, { replacement: e.target.value })} disabled={!c.accept} aria-label={`replacement for ${c.text} at ${c.start}`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The accepted candidates as the import's decisions (shared/privacyApi.ts PseudonymDecisionSchema). */
export function decisionsOf(candidates: readonly Candidate[]) {
  return candidates.filter((c) => c.accept && c.replacement.trim() !== '').map((c) => ({ start: c.start, end: c.end, text: c.text, replacement: c.replacement.trim(), kind: c.kind }));
}
