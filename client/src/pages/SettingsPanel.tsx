import { useState } from 'react';
import { api, type Study } from '../api';
import { ErrorText, useSubmit } from '../components/Form';

const PRESETS = {
  '2022': 'IPA 2022: Group experiential theme > Personal experiential theme > Experiential statement',
  '2009': 'IPA 2009: Master theme > Superordinate theme > Emergent theme',
  custom: 'Custom level names',
} as const;

export function SettingsPanel(props: { study: Study; manage: boolean; onChange: () => Promise<void> }) {
  const { study, manage, onChange } = props;
  const [title, setTitle] = useState(study.title);
  const [description, setDescription] = useState(study.description);
  const [codingMode, setCodingMode] = useState(study.codingMode);
  const [termKind, setTermKind] = useState<keyof typeof PRESETS>(study.terminology.kind);
  const [levels, setLevels] = useState(study.terminology.kind === 'custom' ? study.terminology.levels.join(' > ') : 'Area > Superordinate theme > Theme > Sub-theme');
  const [lineWidth, setLineWidth] = useState(study.lineWidth);
  const [recurrence, setRecurrence] = useState(study.recurrenceRule.kind === 'fraction' ? `${Math.round(study.recurrenceRule.value * 100)}%` : String(study.recurrenceRule.value));
  const [tableNotes, setTableNotes] = useState(study.tableNotes);
  const [saved, setSaved] = useState(false);

  const save = useSubmit(async () => {
    setSaved(false);
    const recurrenceRule = recurrence.trim().endsWith('%')
      ? { kind: 'fraction' as const, value: Number(recurrence.trim().slice(0, -1)) / 100 }
      : { kind: 'count' as const, value: Number(recurrence) };
    const terminology = termKind === 'custom' ? { kind: 'custom' as const, levels: levels.split('>').map((l) => l.trim()).filter(Boolean) } : { kind: termKind };
    await api('PATCH', `/api/studies/${study.id}`, { title, description, codingMode, terminology, lineWidth, recurrenceRule, tableNotes });
    await onChange();
    setSaved(true);
  });

  return (
    <form className="card" onSubmit={save.onSubmit} aria-label="settings">
      <h2>Settings</h2>
      <fieldset disabled={!manage}>
        <label>Title <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required /></label>
        <label>Description <textarea name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
        <label>
          Coding mode
          <select name="codingMode" value={codingMode} onChange={(e) => setCodingMode(e.target.value as Study['codingMode'])}>
            <option value="blind">Blind (the server refuses other coders' layers until reconciliation)</option>
            <option value="open">Open (coders see each other live)</option>
          </select>
        </label>
        <label>
          Theme levels
          <select name="terminology" value={termKind} onChange={(e) => setTermKind(e.target.value as keyof typeof PRESETS)}>
            {Object.entries(PRESETS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        {termKind === 'custom' && (
          <label>Level names, top first, separated by “&gt;” <input name="levels" value={levels} onChange={(e) => setLevels(e.target.value)} /></label>
        )}
        <label>
          Line width for new transcripts (existing transcripts keep their line numbers)
          <input name="lineWidth" type="number" min={30} max={200} value={lineWidth} onChange={(e) => setLineWidth(Number(e.target.value))} />
        </label>
        <label>
          Recurrence rule: a theme is recurrent when present for at least (e.g. “50%” of participants, or a count “3”)
          <input name="recurrence" value={recurrence} onChange={(e) => setRecurrence(e.target.value)} />
        </label>
        <label>
          Exploratory notes in the table of themes (its screen and every export)
          <select name="tableNotes" value={tableNotes} onChange={(e) => setTableNotes(e.target.value as Study['tableNotes'])}>
            <option value="none">Not shown</option>
            <option value="beside-evidence">Under the extracts and statements whose lines they share</option>
          </select>
        </label>
      </fieldset>
      <ErrorText error={save.error} />
      {saved && <p className="notice">Saved.</p>}
      {manage && <button type="submit" disabled={save.busy}>Save settings</button>}
    </form>
  );
}
