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

describe('file names in src/ (ARCHITECTURE.md, "File names")', () => {
  const ROLES = ['types', 'port', 'decide', 'fold', 'state', 'policy', 'views', 'grammar', 'schema', 'loader', 'config', 'draft', 'service'];
  const named = (file: string) => /^[a-z0-9-]+\.ts$/.test(file) || new RegExp(`^[a-z0-9-]+\\.(${ROLES.join('|')})\\.ts$`).test(file);

  it('is a kebab name or <subject>.<role>.ts with a role from the closed list (action modules by their type)', () => {
    const offending = tsFilesUnder(join(ROOT, 'src'))
      .map((file) => relative(join(ROOT, 'src'), file))
      .filter((file) => !file.startsWith(join('actions', 'catalog')))
      .filter((file) => !named(file.split('/').at(-1) ?? ''));
    expect(offending).toEqual([]);
  });

  it('would catch a new role or a name that is not kebab-case', () => {
    expect(['incident.decide.ts', 'incident-log.ts', 'write-schema.ts'].every(named)).toBe(true);
    expect(['incident.helper.ts', 'IncidentLog.ts', 'incident_log.ts'].some(named)).toBe(false);
  });
});
