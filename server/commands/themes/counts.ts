import type { ThemeTree } from '../../../shared/themes';
import type { CountedExtract, ThemeCounts } from '../../../shared/themes/browseTypes';

export interface ThemeCountRow {
  themeId: string;
  /** The theme's own extracts (merged themes' extracts included, since they count for the target). */
  own: ThemeCounts;
  /** The theme and every theme below it: what the theme stands for in a table of themes. */
  withDescendants: ThemeCounts;
}

class Tally {
  codings = 0;
  consensusCodings = 0;
  readonly participants = new Set<string>();
  readonly transcripts = new Set<string>();
  add(e: CountedExtract): void {
    if (e.source === 'consensus') this.consensusCodings++;
    else this.codings++;
    this.participants.add(e.participantId);
    this.transcripts.add(e.transcriptId);
  }
  merge(other: Tally): void {
    this.codings += other.codings;
    this.consensusCodings += other.consensusCodings;
    for (const p of other.participants) this.participants.add(p);
    for (const t of other.transcripts) this.transcripts.add(t);
  }
  counts(): ThemeCounts {
    return { codings: this.codings, consensusCodings: this.consensusCodings, participants: this.participants.size, transcripts: this.transcripts.size };
  }
}

/**
 * Counts per theme of the tree, in the tree's display order. Participants are counted as sets,
 * not summed, so a participant coded under two sub-themes counts once for their parent (that is
 * what a recurrence check across participants needs).
 */
export function themeCounts(tree: ThemeTree, extracts: readonly CountedExtract[]): ThemeCountRow[] {
  const own = new Map(tree.themes.map((t) => [t.id, new Tally()]));
  for (const e of extracts) own.get(e.themeId)?.add(e);
  const total = new Map<string, Tally>();
  // Display order is depth-first, so walking it backwards visits every child before its parent.
  for (let i = tree.themes.length - 1; i >= 0; i--) {
    const theme = tree.themes[i]!;
    const sum = new Tally();
    const mine = own.get(theme.id);
    if (mine) sum.merge(mine);
    for (const child of tree.childrenOf(theme.id)) {
      const c = total.get(child.id);
      if (c) sum.merge(c);
    }
    total.set(theme.id, sum);
  }
  return tree.themes.map((t) => ({ themeId: t.id, own: own.get(t.id)!.counts(), withDescendants: total.get(t.id)!.counts() }));
}
