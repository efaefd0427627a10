import type { DocStatus } from '../collab/connectDoc';

const LABEL: Record<DocStatus, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  offline: 'Offline: your changes are kept and sync on reconnect',
  forbidden: 'Not allowed',
};

export function StatusBadge({ status, what }: { status: DocStatus; what: string }) {
  return (
    <span className={`status ${status}`} role="status" aria-label={`${what} ${status}`} data-status={status}>
      {LABEL[status]}
    </span>
  );
}
