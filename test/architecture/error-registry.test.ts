import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_REGISTRY, kindOf } from '../../src/domain/errors.ts';
import { tsFilesUnder } from '../support/imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const REGISTRY_FILE = join(ROOT, 'src', 'domain', 'errors.ts');
const NAMESPACES = [...new Set(Object.keys(ERROR_REGISTRY).map((code) => code.split('.')[0]))];
/** A quoted dotted code in one of the registry's namespaces: `'clock.already_running'`. */
const CODE = new RegExp(`['"\`]((?:${NAMESPACES.join('|')})\\.[a-z][a-z_]*)['"\`]`, 'g');

function codesIn(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(CODE)) {
      if (match[1] && !found.has(match[1])) found.set(match[1], relative(ROOT, file));
    }
  }
  return found;
}

describe('the error registry (src/domain/errors.ts)', () => {
  const sources = [...tsFilesUnder(join(ROOT, 'src')), ...tsFilesUnder(join(ROOT, 'adapters'))].filter(
    (file) => file !== REGISTRY_FILE,
  );
  const used = codesIn(sources);

  it('registers every code that src/ and adapters/ use', () => {
    const unregistered = [...used].filter(([code]) => !Object.hasOwn(ERROR_REGISTRY, code));
    expect(unregistered.map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it('uses every code it registers', () => {
    expect(Object.keys(ERROR_REGISTRY).filter((code) => !used.has(code))).toEqual([]);
  });

  it('gives each code a kind and a meaning; an unregistered code is unexpected', () => {
    for (const spec of Object.values(ERROR_REGISTRY)) expect(spec.meaning).toMatch(/\S/);
    expect(kindOf('clock.time_in_future')).toBe('malformed');
    expect(kindOf('clock.already_running')).toBe('conflict');
    expect(kindOf('no.such_code')).toBe('unexpected');
  });
});
