import { normaliseOriginal } from '../../../shared/privacy/identifierKinds';
import { type Decision, type KeyEntry, type ReviewedCandidate, applyDecisions, findCandidates, proposeReplacements } from '../../../shared/privacy/pseudonymisation';
import type { IdentifierKind } from '../../../shared/privacy/identifierKinds';
import { invalid } from '../../errors';
import type { Database } from '../../store/database';
import { listKey } from '../../store/pseudonymKeys';
import { findNamesWithNlp } from './findNamesWithNlp';
import type { Services } from '../../services';
import { parseUpload } from '../uploads/UploadParser';

/** A lead's decision on one candidate, sent back with the import: only accepted ones are sent. */
export type PseudonymDecision = Decision & { kind: IdentifierKind };

/**
 * The candidates of a raw transcript with proposed replacements, for the lead's review. The scan
 * (NLP over the whole text: over a second for a long interview) runs in the upload worker.
 */
export async function reviewIdentifiers(s: Services, studyId: string, raw: string, speakers: readonly string[]): Promise<ReviewedCandidate[]> {
  const key = (await listKey(s.db, studyId)).map(({ original, replacement, kind }) => ({ original, replacement, kind }));
  return parseUpload<ReviewedCandidate[]>(s, { kind: 'identifiers', raw, key, speakers: [...speakers] });
}

/** The scan itself, in the upload worker (commands/uploadWorker). */
export async function findIdentifiers(raw: string, key: readonly KeyEntry[], speakers: readonly string[]): Promise<ReviewedCandidate[]> {
  const candidates = findCandidates(raw, key, await findNamesWithNlp(raw), new Set(speakers));
  return proposeReplacements(raw, candidates, key);
}

/** What an import with decisions does to the text before it is frozen, and what it adds to the key. */
export interface Pseudonymisation {
  rewrite: (raw: string) => string;
  rewriteSpeaker: (speaker: string) => string;
  entries: KeyEntry[];
  counts: Record<string, number>;
}

/**
 * Checks the decisions and builds the rewrite. A decision whose original is in the key already
 * must use the key's replacement (consistency across the study), unless the lead renames it for
 * this study from the key's own commands.
 */
export async function pseudonymisation(db: Database, studyId: string, decisions: readonly PseudonymDecision[]): Promise<Pseudonymisation> {
  const key = new Map((await listKey(db, studyId)).map((e) => [normaliseOriginal(e.original), e]));
  const entries = new Map<string, KeyEntry>();
  const counts: Record<string, number> = {};
  for (const d of decisions) {
    const norm = normaliseOriginal(d.text);
    if (!norm) throw invalid('a replacement needs an original');
    const known = key.get(norm) ?? entries.get(norm);
    if (known && known.replacement !== d.replacement) {
      throw invalid(`one original, two replacements: the key already replaces it by ${known.replacement}`, { start: d.start });
    }
    if (!known) entries.set(norm, { original: d.text.trim(), replacement: d.replacement, kind: d.kind });
    counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  }
  const bySpeaker = new Map([...key.values(), ...entries.values()].map((e) => [normaliseOriginal(e.original), e.replacement]));
  return {
    rewrite: (raw) => {
      let text: string;
      try {
        text = applyDecisions(raw, decisions);
      } catch (e) {
        throw invalid(e instanceof Error ? e.message : 'the replacements do not fit the file');
      }
      // An accepted original is replaced everywhere, also where no candidate was reviewed: the
      // frozen transcript never holds it.
      for (const d of decisions) text = text.replace(wholeWord(d.text.trim()), d.replacement);
      return text;
    },
    rewriteSpeaker: (speaker) => bySpeaker.get(normaliseOriginal(speaker)) ?? speaker,
    entries: [...entries.values()],
    counts,
  };
}

function wholeWord(original: string): RegExp {
  const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[ \\t]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
}
