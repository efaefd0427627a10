import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { ApiError } from '../api';

/** GET /api/studies/:sid/privacy (server/commands/privacy/studyPrivacy.ts). */
export interface StudyPrivacy {
  departedLayers: 'keep' | 'delete';
  retention: { state: 'none' } | { state: 'ok' | 'soon' | 'due'; until: string; daysLeft: number; warningDays: number };
  /** The server says whether to warn this caller (leads, near or past the end). */
  retentionWarning: boolean;
}

/** A final export as the browser received it, with the SHA-256 computed here over its bytes. */
export interface FinalExport {
  exportId: string;
  fileName: string;
  bytes: number;
  sha256: string;
}

/** "31 days left", "ends today", "ended 4 days ago". */
export function retentionPhrase(daysLeft: number): string {
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return 'ends tomorrow';
  if (daysLeft === 0) return 'ends today';
  return `ended ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
}

/**
 * Step 1 of export then erase: takes the final export, hands it to the browser as a download and
 * hashes the bytes received (the hash is the proof step 2 sends back). Computed in JavaScript, so
 * it works without a secure context too.
 */
export async function downloadFinalExport(studyId: string): Promise<FinalExport> {
  const res = await fetch(`/api/studies/${studyId}/retention/export`, { method: 'POST', credentials: 'same-origin' });
  if (!res.ok) {
    const json = await res.json().catch(() => null);
    throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText);
  }
  const blob = await res.blob();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'final-export.zip';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { exportId: res.headers.get('x-concord-export-id') ?? '', fileName, bytes: bytes.length, sha256: encodeHexLowerCase(sha256(bytes)) };
}
