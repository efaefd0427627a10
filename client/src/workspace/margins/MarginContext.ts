import { createContext, useContext } from 'react';
import type { CodingPatch, NotePatch, StatementPatch } from '../../../../shared/coding';
import type { Line } from '../../../../shared/transcript';
import type { ThemeTree } from '../../../../shared/themes';

/** What the coder may do to their own layer from the margins; every call reports its own errors. */
export interface LayerActions {
  updateCoding: (id: string, patch: CodingPatch) => void;
  removeCoding: (id: string) => void;
  updateNote: (id: string, patch: NotePatch) => void;
  removeNote: (id: string) => void;
  updateStatement: (id: string, patch: StatementPatch) => void;
  removeStatement: (id: string) => void;
}

/** What every margin card needs and that is the same for the whole worksheet. */
export interface MarginEnv {
  lines: readonly Line[];
  tree: ThemeTree | null;
  /** "l. 4-5" for a span. */
  cite: (span: { start: number; end: number }) => string;
  actions: LayerActions;
  nameOf: (userId: string) => string;
  colorOf: (userId: string) => string;
}

export const MarginEnvContext = createContext<MarginEnv | null>(null);

export function useMarginEnv(): MarginEnv {
  const env = useContext(MarginEnvContext);
  if (!env) throw new Error('margin cards need a MarginEnvContext');
  return env;
}
