import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsFilesUnder } from '../support/imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MAX = 120;

describe(`no line over ${MAX} characters in src/ and adapters/ (prettier wraps code, not strings or comments)`, () => {
  it('finds none', () => {
    const long = [...tsFilesUnder(join(ROOT, 'src')), ...tsFilesUnder(join(ROOT, 'adapters'))].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.length > MAX ? [`${relative(ROOT, file)}:${index + 1} (${line.length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
