import type { AgreementSettings } from './settings';

export interface Universe {
  transcripts: Array<{ id: string; label: string }>;
  coders: Array<{ id: string; name: string }>;
}

/**
 * Which transcripts and coders the report compares. The last transcript and the second-to-last
 * coder cannot be unticked: a report of nothing, or of one coder, has no agreement to show.
 */
export function Filters({ universe, settings, onChange }: { universe: Universe; settings: AgreementSettings; onChange: (s: AgreementSettings) => void }) {
  const chosenTranscripts = settings.transcripts ?? universe.transcripts.map((t) => t.id);
  const chosenCoders = settings.coders ?? universe.coders.map((c) => c.id);
  // Back to null (all) when everything is ticked, so the URL and the export stay short.
  const toggle = (list: string[], all: string[], id: string, on: boolean): string[] | null => {
    const next = on ? all.filter((x) => x === id || list.includes(x)) : list.filter((x) => x !== id);
    return next.length === all.length ? null : next;
  };
  if (universe.transcripts.length < 2 && universe.coders.length < 3) return null;
  return (
    <div className="agreement-filters card">
      {universe.transcripts.length > 1 && (
        <fieldset>
          <legend>Transcripts</legend>
          {universe.transcripts.map((t) => {
            const on = chosenTranscripts.includes(t.id);
            return (
              <label key={t.id} className="check">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={on && chosenTranscripts.length === 1}
                  onChange={(e) => onChange({ ...settings, transcripts: toggle(chosenTranscripts, universe.transcripts.map((x) => x.id), t.id, e.target.checked) })}
                />
                {t.label}
              </label>
            );
          })}
        </fieldset>
      )}
      {universe.coders.length > 2 && (
        <fieldset>
          <legend>Coders</legend>
          {universe.coders.map((c) => {
            const on = chosenCoders.includes(c.id);
            return (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={on && chosenCoders.length === 2}
                  onChange={(e) => onChange({ ...settings, coders: toggle(chosenCoders, universe.coders.map((x) => x.id), c.id, e.target.checked) })}
                />
                {c.name}
              </label>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
