import type { ResolutionKind, ResolutionRequest, Span } from './types';

/** A lead's resolution being prepared for the selected item (shortcuts and buttons both set it). */
export interface Draft {
  kind: ResolutionKind | null;
  coder: string | null;
  themeId: string;
  span: Span;
  rationale: string;
}

export function emptyDraft(item: { themeId: string; start: number; end: number }): Draft {
  return { kind: null, coder: null, themeId: item.themeId, span: { start: item.start, end: item.end }, rationale: '' };
}

/** The request body for a draft, or why it cannot be sent yet. */
export function requestOf(d: Draft): { ok: true; body: ResolutionRequest } | { ok: false; reason: string } {
  if (!d.kind) return { ok: false, reason: 'Choose a resolution.' };
  if (d.kind === 'accept' && !d.coder) return { ok: false, reason: 'Choose whose version to accept.' };
  if (!d.rationale.trim()) return { ok: false, reason: 'A rationale is required: it is what an auditor reads.' };
  const rationale = d.rationale.trim();
  switch (d.kind) {
    case 'accept':
      return { ok: true, body: { kind: 'accept', coder: d.coder!, rationale } };
    case 'custom':
      return { ok: true, body: { kind: 'custom', themeId: d.themeId, start: d.span.start, end: d.span.end, rationale } };
    default:
      return { ok: true, body: { kind: d.kind, rationale } };
  }
}
