import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { violations } from '../../bin/lint.js';

const probeDir = join(process.cwd(), 'shared', '__lint_probe__');
const probeStore = join(process.cwd(), 'server', 'store', '__lint_probe__.ts');

describe('dependency rule', () => {
  afterEach(() => {
    rmSync(probeDir, { recursive: true, force: true });
    rmSync(probeStore, { force: true });
  });

  it('holds for the code base', () => {
    expect(violations()).toEqual([]);
  });

  it('flags shared code that imports the server or a Node builtin', () => {
    mkdirSync(probeDir, { recursive: true });
    writeFileSync(join(probeDir, 'bad.ts'), "import { x } from '../../server/config';\nimport fs from 'node:fs';\n");
    const found = (violations() as string[]).filter((v) => v.includes('__lint_probe__'));
    expect(found).toHaveLength(2);
  });

  it('flags an inner server layer that imports a door', () => {
    writeFileSync(probeStore, "import { createApp } from '../http/app';\n");
    expect((violations() as string[]).some((v) => v.includes('__lint_probe__') && v.includes('door server/http/'))).toBe(true);
  });
});
