import { describe, expect, it } from 'vitest';
import type { RunbookProgress } from '../../src/runbooks/runbook-progress.ts';
import type { IncidentFacts } from '../../src/runbooks/runbook-select.ts';
import { checklistView, finishedView, stepView } from '../../src/runbooks/runbook.views.ts';
import type { Block } from '../../src/views/view.types.ts';
import { runbookWith } from './runbook.fixtures.ts';

const runbook = runbookWith([
  { id: 'triage', title: 'Confirm the alert', controls: ['ISO27001:A.5.25', 'SOC2:CC7.3'] },
  { id: 'block-ip', title: 'Block the attacker IP', when: { entityKinds: ['Ip'] } },
  { id: 'rotate-key1', title: 'Rotate key1', phase: 'containment', instructions: '```bash\naz storage account keys renew\n```', evidence: 'The time key1 was regenerated' },
  { id: 'lessons', title: 'Hold the review', owner: 'commander', mandatory: false },
]);
const facts: IncidentFacts = { title: 'Exfiltration', severity: 'High', entityKinds: ['AzureResource'] };
const at = '2025-01-01T10:00:00.000Z';
const progress: RunbookProgress = { runbookId: runbook.id, outcomes: { triage: { kind: 'done', by: 'slack:U1', at } } };
const ofType = <T extends Block['type']>(blocks: Block[], type: T) => blocks.filter((block): block is Extract<Block, { type: T }> => block.type === type);

describe('stepView', () => {
  it('shows position among applicable steps, phase, owner, instructions, evidence, controls and buttons', () => {
    const step = runbook.steps[2]!;
    const actionButton = { id: 'action:req-1', label: 'Rotate key1', style: 'danger' as const, confirm: 'Rotate key1 of stprod01?', command: '/ir action req-1' };
    const view = stepView(runbook, step, progress, facts, [actionButton]);
    expect(view.blocks[0]).toEqual({ type: 'header', text: 'Step 2 of 3 (containment): Rotate key1' });
    expect(ofType(view.blocks, 'fields')[0]?.fields[0]).toEqual({ label: 'Owner', value: 'responder' });
    expect(ofType(view.blocks, 'markdown')[0]?.text).toContain('az storage account keys renew');
    expect(ofType(view.blocks, 'text').map((block) => block.text)).toContain('Evidence to record: The time key1 was regenerated');
    expect(ofType(view.blocks, 'context')[0]?.text).toBe('Controls: SOC2:CC7.3');
    expect(ofType(view.blocks, 'actions')[0]?.buttons.map((button) => [button.label, button.command])).toEqual([
      ['Done', '/ir done <what you recorded>'],
      ['Skip', '/ir skip <reason>'],
      ['Rotate key1', '/ir action req-1'],
    ]);
  });

  it('offers a plain /ir done when no evidence is asked', () => {
    const view = stepView(runbook, runbook.steps[0]!, { runbookId: runbook.id, outcomes: {} }, facts, []);
    expect(ofType(view.blocks, 'actions')[0]?.buttons[0]?.command).toBe('/ir done');
  });
});

describe('checklistView and finishedView', () => {
  it('lists applicable steps as done, current and todo', () => {
    const view = checklistView(runbook, progress, facts);
    expect(ofType(view.blocks, 'checklist')[0]?.items).toEqual([
      { label: 'Confirm the alert (responder): done by slack:U1', state: 'done' },
      { label: 'Rotate key1 (responder)', state: 'current' },
      { label: 'Hold the review (commander)', state: 'todo' },
    ]);
    expect(view.summary).toBe(`${runbook.title}: 1 of 3 steps done or skipped`);
  });

  it('marks skipped steps with the reason and sums up the finish', () => {
    const finished: RunbookProgress = {
      runbookId: runbook.id,
      outcomes: {
        ...progress.outcomes,
        'rotate-key1': { kind: 'done', by: 'slack:U2', at, evidence: '10:42 UTC' },
        lessons: { kind: 'skipped', by: 'slack:U1', at, reason: 'drill' },
      },
    };
    expect(ofType(checklistView(runbook, finished, facts).blocks, 'checklist')[0]?.items[2]).toEqual({ label: 'Hold the review (commander): skipped by slack:U1: drill', state: 'skipped' });
    const view = finishedView(runbook, finished);
    expect(view.summary).toBe(`Runbook ${runbook.title} finished: 2 done, 1 skipped`);
    expect(ofType(view.blocks, 'list')[0]?.items).toEqual([{ time: at, text: 'Skipped "Hold the review" (slack:U1): drill' }]);
  });
});
