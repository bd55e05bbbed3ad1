import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, tsFilesUnder } from '../support/imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FORBIDDEN = [/^@slack\//, /^botbuilder/, /^botframework-/, /^@azure\//, /^@microsoft\//, /^ioredis$/];
describe('the dependency rule: src/ is the platform-neutral core', () => {
  const files = tsFilesUnder(join(ROOT, 'src'));

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s imports no SDK and nothing from adapters/', (_name, file) => {
    const offending = importsOf(readFileSync(file, 'utf8')).filter((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)) || spec.includes('adapters/'));
    expect(offending).toEqual([]);
  });

  it('recognises every import form, so the rule cannot pass by missing one', () => {
    const sample = `import { App } from '@slack/bolt';\nimport type { X } from "botbuilder";\nexport * from '@azure/identity';\nconst r = await import('ioredis');\nimport '@microsoft/microsoft-graph-client';`;
    const found = importsOf(sample);
    expect(found).toEqual(['@slack/bolt', 'botbuilder', '@azure/identity', 'ioredis', '@microsoft/microsoft-graph-client']);
    expect(found.every((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)))).toBe(true);
  });
});

describe('src/domain/ is a leaf', () => {
  it.each(tsFilesUnder(join(ROOT, 'src', 'domain')).map((file) => [relative(ROOT, file), file]))('%s imports only node: modules and its own folder', (_name, file) => {
    const outside = importsOf(readFileSync(file, 'utf8')).filter((spec) => !spec.startsWith('node:') && !/^\.\/[^/]+$/.test(spec));
    expect(outside).toEqual([]);
  });
});
