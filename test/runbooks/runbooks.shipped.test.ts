import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadRunbookDir } from '../../src/runbooks/runbook.loader.ts';

const RUNBOOK_DIR = fileURLToPath(new URL('../../runbooks', import.meta.url));

describe('the shipped runbooks', () => {
  it('shipped runbooks load without issues and there are at least seven', async () => {
    const loaded = await loadRunbookDir(RUNBOOK_DIR);
    // Printed in file:line form so a failure reads like lint output.
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(loaded.runbooks.length).toBeGreaterThanOrEqual(7);
  });
});
