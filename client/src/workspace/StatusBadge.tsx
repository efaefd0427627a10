import type { DocStatus } from '../collab/connectDoc';

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

/** What the badge says: the socket, the browser's connection and the unacknowledged edits together. */
export function statusText(status: DocStatus, pending: number): string {
  switch (status) {
    case 'saved':
      return 'All changes saved';
    case 'saving':
      return `${changes(pending)} not yet saved`;
    case 'offline':
      return pending > 0 ? `Offline: ${changes(pending)} kept on this device, sent on reconnect` : 'Offline: changes are kept and sent on reconnect';
    case 'forbidden':
      return 'Not allowed';
  }
}

export function StatusBadge({ status, what, pending }: { status: DocStatus; what: string; pending: number }) {
  return (
    <span className={`status ${status}`} role="status" aria-label={`${what} ${status}`} data-status={status} data-pending={pending}>
      {statusText(status, pending)}
    </span>
  );
}
