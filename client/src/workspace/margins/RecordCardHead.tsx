import { useMarginEnv } from './MarginContext';

/**
 * The head of a note's or a statement's card: its kind, its lines, the owner's name on another
 * coder's card, and the author's edit and delete (labelled with the record and its lines).
 */
export function RecordCardHead({ what, kind, kindTitle, span, ownerId, canWrite, onEdit, onRemove }: {
  what: 'note' | 'statement';
  kind: string;
  kindTitle?: string;
  span: { start: number; end: number };
  ownerId: string | null;
  canWrite: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const env = useMarginEnv();
  const cite = env.cite(span);
  return (
    <div className="card-head">
      <span className="kind" title={kindTitle}>{kind}</span>
      <span className="cite">{cite}</span>
      {ownerId !== null && <span className="owner">{env.nameOf(ownerId)}</span>}
      {canWrite && (
        <span className="card-actions">
          <button className="link small" onClick={onEdit} aria-label={`edit ${what} ${cite}`}>edit</button>
          <button className="link small" onClick={onRemove} aria-label={`delete ${what} ${cite}`}>delete</button>
        </span>
      )}
    </div>
  );
}
