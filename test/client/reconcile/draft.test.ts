import { describe, expect, it } from 'vitest';
import { emptyDraft, requestOf } from '../../../client/src/reconcile/draft';

const base = emptyDraft({ themeId: 'th1', start: 5, end: 20 });

describe('a lead’s resolution draft', () => {
  it('cannot be sent without a kind, a chosen coder for accept, or a rationale', () => {
    expect(requestOf(base).ok).toBe(false);
    expect(requestOf({ ...base, kind: 'accept', rationale: 'why' }).ok).toBe(false);
    expect(requestOf({ ...base, kind: 'union', rationale: '   ' }).ok).toBe(false);
  });

  it('sends only the fields each kind needs, with the rationale trimmed', () => {
    expect(requestOf({ ...base, kind: 'accept', coder: 'alice', rationale: ' kept hers ' })).toEqual({ ok: true, body: { kind: 'accept', coder: 'alice', rationale: 'kept hers' } });
    expect(requestOf({ ...base, kind: 'drop', coder: 'alice', rationale: 'noise' })).toEqual({ ok: true, body: { kind: 'drop', rationale: 'noise' } });
    expect(requestOf({ ...base, kind: 'custom', themeId: 'th2', span: { start: 7, end: 9 }, rationale: 'narrower' })).toEqual({
      ok: true,
      body: { kind: 'custom', themeId: 'th2', start: 7, end: 9, rationale: 'narrower' },
    });
  });

  it('starts on the item’s own theme and region', () => {
    expect(base).toMatchObject({ kind: null, themeId: 'th1', span: { start: 5, end: 20 } });
  });
});
