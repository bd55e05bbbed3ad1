import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const SHIPPED = join(import.meta.dirname, '..', '..', 'runbooks');

/** A copy of the shipped runbooks with one file changed by `edit`. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ic-runbooks-'));
  cpSync(SHIPPED, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('incident-commander runbooks lint', () => {
  it('passes the shipped runbooks and reports at least seven', async () => {
    const run = await runCli(['runbooks', 'lint', SHIPPED], { env: {} });
    expect(run.code).toBe(0);
    const count = Number(/^(\d+) runbooks valid/m.exec(run.stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(7);
  });

  it('names the file and line of a YAML syntax error', async () => {
    const dir = brokenCopy('leaked-sas-token.yaml', (text) => text.replace(/^title: (.*)$/m, 'title: [$1'));
    const run = await runCli(['runbooks', 'lint', dir], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/leaked-sas-token\.yaml:\d+: YAML syntax/);
  });

  it('names the field of a step without a title', async () => {
    const dir = brokenCopy('storage-exfiltration.yaml', (text) => text.replace(/^(\s+)title: .*\n/m, (line, indent: string) => (indent.length > 2 ? '' : line)));
    const text = readFileSync(join(dir, 'storage-exfiltration.yaml'), 'utf8');
    expect(text).not.toEqual(readFileSync(join(SHIPPED, 'storage-exfiltration.yaml'), 'utf8'));
    const run = await runCli(['runbooks', 'lint', dir], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/storage-exfiltration\.yaml:\d+: steps\[0\]\.title: /);
  });

  it('names an unknown action type with its field and line', async () => {
    const dir = brokenCopy('storage-exfiltration.yaml', (text) => text.replace(/type: storage\.deny-public-network/, 'type: storage.nuke'));
    const run = await runCli(['runbooks', 'lint', dir], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/storage-exfiltration\.yaml:\d+: steps\[\d+\]\.action\.type: unknown action type "storage\.nuke"/);
  });
});
