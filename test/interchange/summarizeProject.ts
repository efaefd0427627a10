import type { RefiProject } from '../../shared/refi';

/**
 * A tool-independent digest of a project for equivalence checks: GUIDs of users, sources and
 * selections are left out (a new study has new records), everything a reader of the project
 * sees is kept: codes (with GUIDs, which Concord keeps), users by name, sources by name and text,
 * and every selection, coding and note by source, user, code and position.
 */
export function summarizeProject(p: RefiProject) {
  const user = new Map(p.users.map((u) => [u.guid, u.name]));
  const notes = new Map(p.notes.map((n) => [n.guid, n]));
  const sourceName = new Map(p.sources.map((s) => [s.guid, s.name]));
  return {
    codes: p.codes.map((c) => ({ guid: c.guid, name: c.name, parent: c.parentGuid, color: c.color, description: c.description, isCodable: c.isCodable })),
    users: p.users.map((u) => u.name).sort(),
    sources: p.sources.map((s) => ({ name: s.name, text: s.text })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    cases: p.cases.map((c) => `${c.name}: ${c.sourceGuids.map((g) => sourceName.get(g)).join(', ')}`).sort(),
    selections: p.sources
      .flatMap((s) => s.selections.flatMap((sel) => sel.codings.map((c) => `${s.name}|${user.get(c.userGuid ?? sel.userGuid ?? '')}|${c.codeGuid}|${sel.start}-${sel.end}|${sel.memo ?? ''}`)))
      .sort(),
    notes: p.sources
      .flatMap((s) =>
        s.selections.flatMap((sel) =>
          sel.noteGuids.map((g) => {
            const n = notes.get(g);
            const kind = n?.name.startsWith('Experiential statement') ? 'statement' : 'note';
            const links = p.links.filter((l) => l.originGuid === g).map((l) => l.targetGuid).sort().join('+');
            return `${s.name}|${user.get(n?.userGuid ?? '')}|${kind}|${n?.text}|${sel.start}-${sel.end}|${links}`;
          }),
        ),
      )
      .sort(),
  };
}
