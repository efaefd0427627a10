import { UNITS, type AgreementSettings, type Unit } from './settings';

const UNIT_TEXT: Record<Unit, { label: string; help: string }> = {
  line: { label: 'Line', help: 'each numbered line is a unit (the IPA default: what you cite)' },
  turn: { label: 'Turn', help: 'each speaker turn is a unit' },
  character: { label: 'Character', help: 'each character is a unit (NVivo’s way; uncoded text counts as agreement, which inflates % agreement)' },
  continuum: { label: 'Continuum', help: 'Krippendorff’s unitizing alphas over the running text (ATLAS.ti’s way): extents matter, not units' },
};

export const BOOTSTRAP_REPLICATES = 1000;

export function Controls({ settings, onChange, busy }: { settings: AgreementSettings; onChange: (s: AgreementSettings) => void; busy: boolean }) {
  return (
    <div className="agreement-controls card" aria-busy={busy}>
      <fieldset className="unit-switch">
        <legend>Unit</legend>
        {UNITS.map((u) => (
          <label key={u} className={settings.unit === u ? 'seg active' : 'seg'} title={UNIT_TEXT[u].help}>
            <input type="radio" name="unit" value={u} checked={settings.unit === u} onChange={() => onChange({ ...settings, unit: u })} />
            {UNIT_TEXT[u].label}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={settings.rollup} onChange={(e) => onChange({ ...settings, rollup: e.target.checked })} />
        Roll up: a coding on a sub-theme also counts for its parents
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.bootstrap > 0} onChange={(e) => onChange({ ...settings, bootstrap: e.target.checked ? BOOTSTRAP_REPLICATES : 0 })} />
        95% interval for α (bootstrap, {BOOTSTRAP_REPLICATES.toLocaleString('en')} resamples, seed {settings.seed})
      </label>
      <p className="muted small unit-help">{UNIT_TEXT[settings.unit].help}.</p>
    </div>
  );
}
