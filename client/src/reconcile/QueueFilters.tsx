import type { Member, TranscriptMeta } from '../api';
import type { ThemeTree } from '../../../shared/themes';
import type { QueueFilter } from './queueFilter';
import { DISAGREEMENT_KINDS, ITEM_STATUSES } from './types';

/** The queue's filters; an empty choice means "all". */
export function QueueFilters(props: { filter: QueueFilter; onChange: (f: QueueFilter) => void; transcripts: readonly TranscriptMeta[]; tree: ThemeTree | null; coders: readonly Member[] }) {
  const { filter: f, onChange } = props;
  const set = <K extends keyof QueueFilter>(k: K, v: string) => onChange({ ...f, [k]: v === '' ? null : v });
  return (
    <div className="rc-filters" role="group" aria-label="filters">
      {props.transcripts.length > 1 && (
        <label>
          Transcript
          <select aria-label="filter by transcript" value={f.transcriptId ?? ''} onChange={(e) => set('transcriptId', e.target.value)}>
            <option value="">all</option>
            {props.transcripts.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </label>
      )}
      <label>
        Theme
        <select aria-label="filter by theme" value={f.themeId ?? ''} onChange={(e) => set('themeId', e.target.value)}>
          <option value="">all</option>
          {(props.tree?.themes ?? []).filter((t) => !t.mergedInto).map((t) => <option key={t.id} value={t.id}>{'\u2003'.repeat(t.level)}{t.label}</option>)}
        </select>
      </label>
      <label>
        Kind
        <select aria-label="filter by kind" value={f.kind ?? ''} onChange={(e) => set('kind', e.target.value)}>
          <option value="">all</option>
          {DISAGREEMENT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
      <label>
        Status
        <select aria-label="filter by status" value={f.status ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">all</option>
          <option value="unresolved">unresolved</option>
          {ITEM_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        Coder
        <select aria-label="filter by coder" value={f.coder ?? ''} onChange={(e) => set('coder', e.target.value)}>
          <option value="">all</option>
          {props.coders.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
        </select>
      </label>
    </div>
  );
}
