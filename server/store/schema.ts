import type { Generated } from 'kysely';

/** The database as the store sees it; one type for both dialects (see migrations/0001). */
export interface DB {
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    is_admin: number;
    created_at: number;
    /** A pending account's study (the import that created it); null for every other account. */
    pending_study_id: string | null;
  };
  sessions: { id: string; user_id: string; created_at: number; expires_at: number };
  studies: {
    id: string;
    title: string;
    description: string;
    coding_mode: string;
    terminology: string;
    line_width: number;
    recurrence_rule: string;
    codebook_phase: string;
    independent_themes: number;
    themes_revealed_at: number | null;
    table_notes: string;
    created_by: string;
    created_at: number;
    updated_at: number;
  };
  members: { study_id: string; user_id: string; role: string; created_at: number };
  invitations: {
    id: string;
    study_id: string;
    email: string;
    role: string;
    token_hash: string;
    created_by: string;
    created_at: number;
    expires_at: number;
    accepted_at: number | null;
    accepted_user_id: string | null;
    claim_user_id: string | null;
    declined_at: number | null;
  };
  participants: { id: string; study_id: string; pseudonym: string; attributes: string; created_at: number };
  interchange_projects: { study_id: string; data: string };
  interchange_sources: { transcript_id: string; study_id: string; data: string };
  transcripts: {
    id: string;
    study_id: string;
    participant_id: string;
    title: string;
    text: string;
    sha256: string;
    line_width: number;
    /** JSON [[start, end], ...]: the stored line map (shared/transcript/lineMap.ts). */
    line_map: string | null;
    turns: string;
    phase: string;
    created_by: string;
    created_at: number;
  };
  audit_events: {
    study_id: string;
    seq: number;
    at: number;
    actor_id: string | null;
    action: string;
    target: string;
    data: string;
    /** Scheme 2 (migrations/0010_a): sha256 of the canonical data; null on scheme 1 events. */
    data_hash: string | null;
    prev_hash: string;
    hash: string;
  };
  doc_updates: {
    id: Generated<number>;
    doc: string;
    author_id: string | null;
    at: number;
    size: number;
    update: Uint8Array;
  };
  doc_snapshots: { doc: string; upto_id: number; at: number; state: Uint8Array };
  login_attempts: { kind: string; key: string; window_start: number; attempts: number };
  study_privacy: { study_id: string; departed_layers: string; updated_at: number; retention_until: number | null };
  erasures: { id: string; at: number; actor_id: string | null; kind: string; target: string; study_id: string | null; reason: string; details: string };
  backups: { id: string; at: number; path: string; bytes: number };
  write_intents: { id: string; study_id: string; kind: string; target: string; actor_id: string; data: string; created_at: number };
  setup_tokens: { token_hash: string; created_at: number; expires_at: number };
  retention_exports: { id: string; study_id: string; at: number; actor_id: string; sha256: string; bytes: number; audit_seq: number; doc_update_id: number };
  theme_proposals: {
    id: string;
    study_id: string;
    theme_id: string;
    proposer_id: string;
    change: string;
    rationale: string;
    status: string;
    created_at: number;
    decided_by: string | null;
    decided_at: number | null;
    decision_note: string | null;
  };
  access_log: { id: Generated<number>; study_id: string; at: number; user_id: string; what: string; target: string; door: string };
  pseudonym_keys: {
    study_id: string;
    original_norm: string;
    original: string;
    replacement: string;
    kind: string;
    participant_id: string | null;
    created_by: string | null;
    created_at: number;
  };
}
