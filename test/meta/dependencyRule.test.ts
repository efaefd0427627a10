import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { violations } from '../../bin/lint.js';

// Probe files go into a tree of their own, never into the working tree (parallel runs would see them).
let root: string;
const probe = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const found = () => violations(root) as string[];

describe('dependency rule', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'concord-lint-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('holds for the code base', () => {
    expect(violations()).toEqual([]);
  });

  it('flags shared code that imports the server or a Node builtin', () => {
    probe('shared/__lint_probe__/bad.ts', "import { x } from '../../server/config';\nimport fs from 'node:fs';\n");
    expect(found().filter((v) => v.includes('__lint_probe__'))).toHaveLength(2);
  });

  it('flags an inner server layer that imports a door', () => {
    probe('server/store/__lint_probe__.ts', "import { createApp } from '../http/app';\n");
    expect(found().some((v) => v.includes('__lint_probe__') && v.includes('door server/http/'))).toBe(true);
  });

  it('flags a door that imports another door', () => {
    // What collab/attachCollab.ts did with http/origin.ts before the origin check moved to auth/.
    probe('server/collab/attach.ts', "import { expectedOrigin } from '../http/origin';\n");
    probe('server/http/origin.ts', 'export const expectedOrigin = 1;\n');
    expect(found()).toEqual(['server/collab/attach.ts:1: the door server/collab/ must not import the door server/http/ (../http/origin)']);
  });

  it('flags folders that import each other, even by types only', () => {
    // What ydocs/withDoc.ts did: the type Services, while services.ts imports ydocs/.
    probe('server/services.ts', "import { DocRegistry } from './ydocs/DocRegistry';\nexport interface Services { docs: DocRegistry }\n");
    probe('server/ydocs/DocRegistry.ts', "import type { Services } from '../services';\nexport class DocRegistry { s?: Services }\n");
    const v = found();
    expect(v).toContain('folder cycle: server/services/ <-> server/ydocs/ import each other');
    expect(v).toContain("server/ydocs/DocRegistry.ts:1: server layer ydocs must not import services (../services); allowed: store, kernel");
  });

  it('flags feature folders of commands/ that import each other, and files that import each other', () => {
    probe('server/commands/themes/table.ts', "import { consensusDocName } from '../reconcile/discussion';\nexport const table = 1;\n");
    probe('server/commands/reconcile/discussion.ts', "import { table } from '../themes/table';\nexport const consensusDocName = table;\n");
    expect(found()).toEqual([
      'folder cycle: server/commands/reconcile/ <-> server/commands/themes/ import each other',
      'import cycle: server/commands/reconcile/discussion <-> server/commands/themes/table import each other',
    ]);
  });

  it('flags a value import cycle inside one folder, but not a ring of type imports', () => {
    probe('server/http/app.ts', "import { authRoutes } from './routes/auth';\nexport const clientIp = authRoutes;\n");
    probe('server/http/routes/auth.ts', "import { clientIp } from '../app';\nexport const authRoutes = clientIp;\n");
    probe('server/collab/Connection.ts', "import type { DocChannel } from './DocChannel';\nexport class Connection { c?: DocChannel }\n");
    probe('server/collab/DocChannel.ts', "import type { Connection } from './Connection';\nexport class DocChannel { c?: Connection }\n");
    expect(found()).toEqual(['import cycle: server/http/app <-> server/http/routes/auth import each other']);
  });

  it('flags a server folder that is not a layer and a use case outside a feature folder', () => {
    probe('server/helpers/x.ts', 'export const x = 1;\n');
    probe('server/commands/loose.ts', 'export const y = 1;\n');
    probe('server/misc.ts', 'export const z = 1;\n');
    const v = found();
    expect(v).toHaveLength(3);
    expect(v).toContain('server/helpers/x.ts:1: server/helpers/ is not a layer: add it to SERVER_LAYERS in bin/lint.js with what it may import');
    expect(v).toContain('server/commands/loose.ts:1: a use case lives in a feature folder of server/commands/, not directly in it');
    expect(v.some((line) => line.startsWith('server/misc.ts:1: server/misc.ts is not a layer'))).toBe(true);
  });

  it('flags a client value import of a shared file that holds only types, but not of one with code', () => {
    probe('shared/responses.ts', '/** export const x = 1; in a comment does not count */\nexport interface Answer { n: number }\nexport type Id = string;\n');
    probe('shared/withCode.ts', 'export interface Answer { n: number }\nexport const LIMIT = 3;\n');
    probe('client/src/good.ts', "import type { Answer } from '../../shared/responses';\nimport { LIMIT } from '../../shared/withCode';\nexport type { Id } from '../../shared/responses';\n");
    probe('client/src/bad.ts', "import { type Answer } from '../../shared/responses';\nexport const a: Answer = { n: 1 };\n");
    expect(found()).toEqual(['client/src/bad.ts:1: shared/responses.ts holds only types: import it with `import type` (../../shared/responses)']);
  });
});
