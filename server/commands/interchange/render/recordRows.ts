import type { RecordItem, RecordResolution, ReconciliationRecord } from '../../../../shared/reconcile';
import { isoDate } from './exportFile';

/** Plain-text pieces of the reconciliation record, shared by its renderers. */
export const resolutionLine = (r: RecordResolution) =>
  `${r.kind}${r.coder ? ` (${r.coder})` : ''} -> ${r.theme}: ${r.wrote}; rev. ${r.revision}, ${r.by}, ${isoDate(r.at)}`;

export const coderLine = (c: RecordItem['coders'][number]) => `${c.name}: ${c.spans}${c.otherThemes.length ? ` (coded as ${c.otherThemes.join(', ')})` : ''}`;

export const commentLine = (c: RecordItem['comments'][number]) => `${c.author} (${isoDate(c.at)}): ${c.text}`;

export const decisionLine = (d: RecordItem['decisions'][number]) => `${d.theme}: ${d.detail} (${d.by}, ${isoDate(d.at)}). Rationale: ${d.rationale}`;

export const transcriptHeading = (t: ReconciliationRecord['transcripts'][number]) =>
  `${t.participant}: ${t.title} (${t.phase}; ${t.progress.resolved}/${t.progress.total} resolved)`;

export const revealLine = (t: ReconciliationRecord['transcripts'][number]) => (t.revealedAt ? `Revealed ${isoDate(t.revealedAt)}${t.revealedBy ? ` by ${t.revealedBy}` : ''}.` : 'Not revealed.');

/** The coders' reflexive journals the record carries (issue 15 item 6), oldest entry first. */
export const journalsOf = (r: ReconciliationRecord) => r.journals ?? [];
export const journalEntryLine = (e: { at: number; text: string }) => `${isoDate(e.at)}: ${e.text}`;
export const JOURNALS_HEADING = 'Reflexive journals';
export const NO_JOURNALS = 'No journal entries are visible to you (each coder\'s journal is private until the themes are revealed).';
