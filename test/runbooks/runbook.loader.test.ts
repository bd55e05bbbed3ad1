import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssue, formatPath, loadRunbookDir, parseRunbook } from '../../src/runbooks/runbook.loader.ts';
import { VALID_YAML } from './runbook.fixtures.ts';

const FILE = 'runbooks/storage-exfiltration.yaml';

function issues(text: string, file = FILE) {
  const result = parseRunbook(file, text);
  if (result.ok) throw new Error('expected issues');
  return result.error;
}

describe('parseRunbook', () => {
  it('parses a valid runbook', () => {
    const result = parseRunbook(FILE, VALID_YAML);
    expect(result.ok && result.value.steps.map((step) => step.id)).toEqual(['triage', 'rotate-key1']);
  });

  it('reports the first YAML syntax error with the file and line, not its echoes', () => {
    const broken = VALID_YAML.replace('    title: Rotate key1\n', '    title: [Rotate key1\n');
    const [issue, ...rest] = issues(broken);
    expect(rest).toEqual([]);
    expect(issue?.file).toBe(FILE);
    expect(issue?.line).toBeGreaterThanOrEqual(19);
    expect(issue?.message).toMatch(/^YAML syntax: .+ \(column \d+\); \d+ more syntax errors after it, fix this one first$/);
    expect(issue?.message).not.toContain('\n');
  });

  it('reports a duplicate YAML key on its line', () => {
    const doubled = VALID_YAML.replace('version: 1\n', 'version: 1\nversion: 2\n');
    expect(issues(doubled)[0]).toMatchObject({ file: FILE, line: 6, message: expect.stringContaining('Map keys must be unique') });
  });

  it('reports a step without a title with its path and the line of the step', () => {
    const untitled = VALID_YAML.replace('    title: Rotate key1\n', '');
    expect(issues(untitled)).toEqual([{ file: FILE, line: 18, path: 'steps[1].title', message: 'Required' }]);
  });

  it('reports a bad value on the line of its key', () => {
    const badPhase = VALID_YAML.replace('    phase: containment\n', '    phase: contain\n');
    expect(issues(badPhase)).toEqual([
      { file: FILE, line: 20, path: 'steps[1].phase', message: expect.stringContaining('"contain" is not a phase') },
    ]);
  });

  it('reports an unknown action type with the type, the path and the line', () => {
    const unknown = VALID_YAML.replace('type: storage.rotate-key', 'type: storage.nuke');
    const [issue] = issues(unknown);
    expect(issue).toMatchObject({ line: 26, path: 'steps[1].action.type' });
    expect(issue?.message).toContain('"storage.nuke"');
  });

  it('reports an unknown key on its own line', () => {
    const typo = VALID_YAML.replace('    evidence: The time', '    evidense: The time');
    expect(issues(typo)).toEqual([{ file: FILE, line: 23, path: 'steps[1].evidense', message: 'unknown key "evidense"' }]);
  });

  it('reports duplicate step ids on the second one', () => {
    const twice = VALID_YAML.replace('  - id: rotate-key1', '  - id: triage');
    expect(issues(twice)).toEqual([{ file: FILE, line: 18, path: 'steps[1].id', message: 'duplicate step id "triage" (also steps[0].id)' }]);
  });

  it('requires the id to equal the file name', () => {
    expect(issues(VALID_YAML, 'runbooks/storage.yaml')).toEqual([
      { file: 'runbooks/storage.yaml', line: 2, path: 'id', message: expect.stringContaining('id "storage-exfiltration" must equal the file name "storage"') },
    ]);
  });

  it('says so when the file is empty', () => {
    expect(issues('# nothing yet\n')[0]?.message).toMatch(/^The file is empty/);
  });
});

describe('formatIssue and formatPath', () => {
  it('prints file:line: path: message, leaving out what is unknown', () => {
    expect(formatIssue({ file: 'runbooks/x.yaml', line: 12, path: 'steps[3].title', message: 'Required' })).toBe('runbooks/x.yaml:12: steps[3].title: Required');
    expect(formatIssue({ file: 'runbooks/x.yaml', message: 'Cannot read' })).toBe('runbooks/x.yaml: Cannot read');
    expect(formatPath(['steps', 3, 'action', 'params', 'keyName'])).toBe('steps[3].action.params.keyName');
  });
});

describe('loadRunbookDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbooks-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every .yaml and .yml file in name order, not the schema json nor sub-folders', async () => {
    await writeFile(join(dir, 'storage-exfiltration.yaml'), VALID_YAML);
    await writeFile(join(dir, 'leaked-sas.yml'), VALID_YAML.replace('id: storage-exfiltration', 'id: leaked-sas'));
    await writeFile(join(dir, 'runbook.schema.json'), '{}');
    await mkdir(join(dir, 'drafts.yaml'));
    const loaded = await loadRunbookDir(dir);
    expect(loaded.issues).toEqual([]);
    expect(loaded.files).toEqual([join(dir, 'leaked-sas.yml'), join(dir, 'storage-exfiltration.yaml')]);
    expect(loaded.runbooks.map((runbook) => runbook.id)).toEqual(['leaked-sas', 'storage-exfiltration']);
  });

  it('reports a runbook id used by two files, keeping the first', async () => {
    await writeFile(join(dir, 'storage-exfiltration.yaml'), VALID_YAML);
    await writeFile(join(dir, 'storage-exfiltration.yml'), VALID_YAML);
    const loaded = await loadRunbookDir(dir);
    expect(loaded.runbooks).toHaveLength(1);
    expect(loaded.issues).toEqual([
      {
        file: join(dir, 'storage-exfiltration.yml'),
        line: 2,
        path: 'id',
        message: `duplicate runbook id "storage-exfiltration": ${join(dir, 'storage-exfiltration.yaml')} already uses it`,
      },
    ]);
  });

  it('collects the issues of every broken file and keeps the valid ones', async () => {
    await writeFile(join(dir, 'storage-exfiltration.yaml'), VALID_YAML);
    await writeFile(join(dir, 'broken.yaml'), 'id: broken\ntitle: [\n');
    const loaded = await loadRunbookDir(dir);
    expect(loaded.runbooks.map((runbook) => runbook.id)).toEqual(['storage-exfiltration']);
    expect(loaded.issues.map((issue) => issue.file)).toEqual([join(dir, 'broken.yaml')]);
  });

  it('returns a missing folder as an issue', async () => {
    const loaded = await loadRunbookDir(join(dir, 'nope'));
    expect(loaded).toMatchObject({ runbooks: [], files: [], issues: [{ file: join(dir, 'nope'), message: expect.stringContaining('Cannot read the runbook folder') }] });
  });
});
