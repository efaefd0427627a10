import type { AddCodingInput, AddNoteInput, AddStatementInput } from '../../shared/coding';
import { locateQuote } from './anchors';
import { codingsOf } from './codingsOf';
import type { DemoCoder, DemoInterview } from './content/types';

/** The records one coder's layer of one transcript receives, with offsets into the frozen text. */
export interface LayerPlan {
  codings: AddCodingInput[];
  notes: AddNoteInput[];
  statements: AddStatementInput[];
}

/**
 * Resolves a coder's anchored work on an interview against the frozen text. Pure and throwing:
 * a missing or ambiguous anchor, or an unknown theme key, fails here, before any document is
 * written (a `withDoc` callback that throws half-way would still commit what it had changed).
 */
export function planLayer(frozenText: string, interview: DemoInterview, coder: DemoCoder, themeId: (key: string) => string, now: number): LayerPlan {
  const where = (what: string) => `${interview.participant.pseudonym}, ${coder}, ${what}`;
  const extras = interview.extras[coder];
  return {
    codings: codingsOf(interview.passages, coder).map((c) => ({
      ...locateQuote(frozenText, c.quote, where(`coding ${c.themeKey}`)),
      themeId: themeId(c.themeKey),
      ...(c.memo ? { memo: c.memo } : {}),
      createdAt: now,
    })),
    notes: extras.notes.map((n) => ({ ...locateQuote(frozenText, n.quote, where(`${n.kind} note`)), kind: n.kind, text: n.text, createdAt: now })),
    statements: extras.statements.map((st) => ({
      ...locateQuote(frozenText, st.quote, where('experiential statement')),
      text: st.text,
      themeIds: st.themes.map(themeId),
      createdAt: now,
    })),
  };
}
