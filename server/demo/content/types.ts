/**
 * The shapes of the demo study's fictional content. Everything a coder marks is given as a quote
 * anchor (an exact passage of the transcript as written here, single-spaced) rather than as an
 * offset, so the content stays correct however the server wraps the text: the seeder finds each
 * anchor in the frozen text and derives the offsets there (see server/demo/anchors.ts).
 */

/** The coders whose independent layers the demo seeds; their accounts are in server/demo/accounts.ts. */
export const DEMO_CODERS = ['coder1', 'coder2'] as const;
export type DemoCoder = (typeof DEMO_CODERS)[number];

export interface DemoTheme {
  /** Stable key the codings refer to; the theme's id in the codebook is generated at seeding. */
  key: string;
  label: string;
  description: string;
  /** `#rrggbb`. */
  color: string;
  children?: DemoTheme[];
}

export interface DemoParticipant {
  pseudonym: string;
  attributes: Record<string, string | number>;
}

/**
 * What one coder did with a passage: a theme key (coding exactly the passage's quote), or a theme
 * with a quote of its own (a different extent of the same passage), optionally with a memo.
 */
export type Take = string | { theme: string; quote?: string; memo?: string };

/**
 * A passage that caught at least one coder's attention, with what each did with it. Laying the two
 * coders side by side makes the intended (dis)agreements readable: both with the same key agree;
 * one missing is a presence disagreement; different keys a category disagreement; the same key with
 * a different quote a boundary disagreement. A list applies several themes to the passage.
 */
export interface Passage {
  quote: string;
  coder1?: Take | Take[];
  coder2?: Take | Take[];
}

export type NoteKind = 'descriptive' | 'linguistic' | 'conceptual';

export interface DemoNote {
  quote: string;
  kind: NoteKind;
  text: string;
}

export interface DemoStatement {
  quote: string;
  text: string;
  /** Theme keys the statement is linked to. */
  themes: string[];
}

export interface DemoLayerExtras {
  notes: DemoNote[];
  statements: DemoStatement[];
}

/** One interview: its participant, its raw text (one speaker turn per line) and its codings. */
export interface DemoInterview {
  participant: DemoParticipant;
  title: string;
  text: string;
  passages: Passage[];
  extras: Record<DemoCoder, DemoLayerExtras>;
}
