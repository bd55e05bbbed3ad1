import { describe, it } from 'vitest';
import { DECLARED, bob, carol, given, mallory, past } from '../support/given.ts';
import { RunbookSchema } from '../../src/runbooks/runbook.schema.ts';

/** The runbook deciders (done, skip, choosing a runbook), called directly. */

const runbook = RunbookSchema.parse({
  id: 'sas-leak',
  title: 'Leaked SAS token',
  description: 'A SAS token was leaked.',
  version: 2,
  matches: { titlePatterns: ['sas'] },
  steps: [
    { id: 'confirm', title: 'Confirm the leak', phase: 'triage', owner: 'responder', instructions: 'Look.', evidence: 'where it leaked', controls: ['ISO27001:A.5.25'] },
    { id: 'tidy', title: 'Tidy the wiki', phase: 'recovery', owner: 'responder', mandatory: false, instructions: 'Tidy.', controls: ['SOC2:CC7.4'] },
  ],
});
const other = RunbookSchema.parse({ ...runbook, id: 'other', title: 'Other', steps: runbook.steps });
const runbooks = [runbook, other];
const STARTED = [...DECLARED, past('RunbookStarted', { runbookId: 'sas-leak', version: 2, title: 'Leaked SAS token', chosen: 'matched', reasons: ['title'] })];
const confirmed = past('StepCompleted', { runbookId: 'sas-leak', stepId: 'confirm', title: 'Confirm the leak', evidence: 'a public gist', controls: ['ISO27001:A.5.25'] });

describe('done', () => {
  it('completes the current step with its evidence and controls', () => {
    given(STARTED).when({ name: 'done', evidence: 'a public gist' }, { actor: bob, runbooks }).then({ type: 'StepCompleted', data: { runbookId: 'sas-leak', stepId: 'confirm', evidence: 'a public gist', controls: ['ISO27001:A.5.25'] } });
  });

  it('refuses a step that asks for evidence without it, and a finished runbook, without recording', () => {
    given(STARTED).when({ name: 'done' }, { actor: bob, runbooks }).refused('runbook.evidence_required', { message: /asks for evidence/ });
    const finished = [...STARTED, confirmed, past('StepSkipped', { runbookId: 'sas-leak', stepId: 'tidy', title: 'Tidy the wiki', reason: 'n/a', controls: [] })];
    given(finished).when({ name: 'done', evidence: 'x' }, { actor: bob, runbooks }).refused('runbook.finished');
  });

  it('refuses without a runbook, and a non-participant on the record', () => {
    given(DECLARED).when({ name: 'done', evidence: 'x' }, { actor: bob, runbooks }).refused('runbook.none', { message: /follows no runbook/ });
    given(STARTED).when({ name: 'done', evidence: 'x' }, { actor: mallory, runbooks }).refused('policy.not_participant', { recorded: true });
  });
});

describe('skip', () => {
  it('skips an optional step with its reason; a mandatory one only on the commander\'s word', () => {
    given(STARTED, confirmed).when({ name: 'skip', reason: 'no wiki' }, { actor: bob, runbooks }).then({ type: 'StepSkipped', data: { stepId: 'tidy', reason: 'no wiki' } });
    given(STARTED).when({ name: 'skip', reason: 'known' }, { actor: bob, runbooks }).refused('policy.mandatory_step', { recorded: true });
    given(STARTED).when({ name: 'skip', reason: 'known from the alert' }, { runbooks }).then({ type: 'StepSkipped', data: { stepId: 'confirm', reason: 'known from the alert' } });
  });

  it('refuses a skip without a reason, without recording', () => {
    given(STARTED, confirmed).when({ name: 'skip', reason: '' }, { actor: bob, runbooks }).refused('runbook.reason_required');
  });
});

describe('choosing a runbook', () => {
  it('starts the runbook the commander names, by hand', () => {
    given(STARTED).when({ name: 'runbook', runbookId: 'other' }, { runbooks }).then({ type: 'RunbookStarted', data: { runbookId: 'other', chosen: 'by-hand', reasons: ['chosen by slack:U0ALICE'] } });
  });

  it('refuses an unknown runbook and the one already followed without recording, anyone but the commander on the record', () => {
    given(STARTED).when({ name: 'runbook', runbookId: 'nope' }, { runbooks }).refused('runbook.unknown');
    given(STARTED).when({ name: 'runbook', runbookId: 'sas-leak' }, { runbooks }).refused('runbook.invalid', { message: /already follows/ });
    given(STARTED).when({ name: 'runbook', runbookId: 'other' }, { actor: carol, runbooks }).refused('policy.not_commander', { recorded: true });
  });
});
