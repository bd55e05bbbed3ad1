import { describe, expect, it } from 'vitest';
import { applicableSteps, checkDone, checkSkip, currentStep, isFinished, type RunbookProgress, type StepOutcome } from '../../src/runbooks/runbook-progress.ts';
import type { IncidentFacts } from '../../src/runbooks/runbook-select.ts';
import { runbookWith } from './runbook.fixtures.ts';

const runbook = runbookWith([
  { id: 'triage', title: 'Confirm the alert' },
  { id: 'block-ip', title: 'Block the attacker IP', when: { entityKinds: ['Ip'] } },
  { id: 'rotate-key1', title: 'Rotate key1', evidence: 'The time key1 was regenerated' },
  { id: 'notify-dpo', title: 'Tell the DPO', owner: 'legal', mandatory: false, when: { severity: ['High', 'Medium'] } },
]);
const high: IncidentFacts = { title: 'Exfiltration', severity: 'High', entityKinds: ['AzureResource', 'Ip'] };
const low: IncidentFacts = { title: 'Exfiltration', severity: 'Low', entityKinds: ['AzureResource'] };

const done = (by = 'slack:U1'): StepOutcome => ({ kind: 'done', by, at: '2025-01-01T00:00:00.000Z' });
const progress = (...settled: string[]): RunbookProgress => ({ runbookId: runbook.id, outcomes: Object.fromEntries(settled.map((id) => [id, done()])) });

describe('applicableSteps and currentStep', () => {
  it('applies when: all conditions must hold', () => {
    expect(applicableSteps(runbook, high).map((step) => step.id)).toEqual(['triage', 'block-ip', 'rotate-key1', 'notify-dpo']);
    expect(applicableSteps(runbook, low).map((step) => step.id)).toEqual(['triage', 'rotate-key1']);
    expect(applicableSteps(runbook, { title: 'x', severity: 'Medium' }).map((step) => step.id)).toEqual(['triage', 'rotate-key1', 'notify-dpo']);
  });

  it('is the first applicable step without an outcome, skipping steps that do not apply', () => {
    expect(currentStep(runbook, progress(), high)?.id).toBe('triage');
    expect(currentStep(runbook, progress('triage'), high)?.id).toBe('block-ip');
    expect(currentStep(runbook, progress('triage'), low)?.id).toBe('rotate-key1');
    expect(currentStep(runbook, progress('triage', 'rotate-key1'), low)).toBeUndefined();
    expect(isFinished(runbook, progress('triage', 'rotate-key1'), low)).toBe(true);
  });

  it('refuses progress of another runbook as a bug', () => {
    expect(() => currentStep(runbook, { runbookId: 'other', outcomes: {} }, high)).toThrow(/other/);
  });
});

describe('checkDone', () => {
  it('returns the current step', () => {
    expect(checkDone(runbook, progress(), high)).toEqual({ ok: true, value: { step: runbook.steps[0] } });
  });

  it('requires evidence when the step asks for it, quoting what to record', () => {
    const result = checkDone(runbook, progress('triage'), low, '  ');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'runbook.evidence_required',
        message: 'Step "Rotate key1" asks for evidence: The time key1 was regenerated.',
        hint: 'Run /ir done <what you recorded>.',
      },
    });
    expect(checkDone(runbook, progress('triage'), low, 'regenerated 10:42 UTC').ok).toBe(true);
  });

  it('says the runbook is finished when nothing is left', () => {
    const result = checkDone(runbook, progress('triage', 'rotate-key1'), low, 'x');
    expect(result.ok === false && result.error.code).toBe('runbook.finished');
  });
});

describe('checkSkip', () => {
  it('requires a reason', () => {
    const result = checkSkip(runbook, progress(), high, '', true);
    expect(result.ok === false && result.error).toMatchObject({ code: 'runbook.reason_required', hint: expect.stringContaining('/ir skip') });
  });

  it('lets only the commander skip a mandatory step, and says who can', () => {
    const refused = checkSkip(runbook, progress(), high, 'not relevant', false);
    expect(refused.ok === false && refused.error).toMatchObject({ code: 'policy.mandatory_step', message: 'Step "Confirm the alert" is mandatory: only the incident commander can skip it.' });
    expect(checkSkip(runbook, progress(), high, 'not relevant', true)).toEqual({ ok: true, value: { step: runbook.steps[0] } });
  });

  it('lets anyone skip an optional step with a reason', () => {
    const atDpo = progress('triage', 'block-ip', 'rotate-key1');
    expect(checkSkip(runbook, atDpo, high, 'no personal data involved', false)).toMatchObject({ ok: true, value: { step: { id: 'notify-dpo' } } });
  });

  it('says the runbook is finished when nothing is left', () => {
    const result = checkSkip(runbook, progress('triage', 'rotate-key1'), low, 'x', true);
    expect(result.ok === false && result.error.code).toBe('runbook.finished');
  });
});
