import { describe, expect, it } from 'vitest';
import { actionIdOf, buttonId, formId, parseButtonId, parseFormId, type ButtonRef, type FormRef } from '../../src/views/interaction-ids.ts';

const BUTTONS: ButtonRef[] = [
  { kind: 'command', command: 'status' },
  { kind: 'command', command: 'timeline' },
  { kind: 'command', command: 'help' },
  { kind: 'action', actionId: 'act-k7q2x9', verb: 'approve' },
  { kind: 'action', actionId: 'act-k7q2x9', verb: 'deny' },
  { kind: 'action', actionId: 'act-k7q2x9', verb: 'undo' },
  { kind: 'step', stepId: 'rotate-keys', verb: 'done' },
  { kind: 'step', stepId: 'rotate-keys', verb: 'skip' },
  { kind: 'step', stepId: 'rotate-keys', verb: 'act' },
  { kind: 'triage', number: '4711', verb: 'declare' },
  { kind: 'triage', number: '4711', verb: 'dismiss' },
  { kind: 'support-ticket' },
];
const FORMS: FormRef[] = [{ kind: 'breach' }, { kind: 'deny', actionId: 'act-k7q2x9' }, { kind: 'dismiss', number: '4711' }];

describe('the interaction-id codec', () => {
  it('reads back every button and form id it mints', () => {
    for (const ref of BUTTONS) expect(parseButtonId(buttonId(ref))).toEqual(ref);
    for (const ref of FORMS) expect(parseFormId(formId(ref))).toEqual(ref);
  });

  it('keeps the ids already on cards in chat: the grammar is unchanged', () => {
    expect(BUTTONS.map(buttonId)).toEqual(['cmd:status', 'cmd:timeline', 'cmd:help', 'act:act-k7q2x9:approve', 'act:act-k7q2x9:deny', 'act:act-k7q2x9:undo', 'runbook:done:rotate-keys', 'runbook:skip:rotate-keys', 'runbook:act:rotate-keys', 'triage:4711:declare', 'triage:4711:dismiss', 'support:file']);
    expect(FORMS.map(formId)).toEqual(['form:breach', 'form:deny:act-k7q2x9', 'form:dismiss:4711']);
  });

  it('refuses ids the core never issued, and anything carrying parameters', () => {
    for (const forged of ['', 'cmd:close', 'cmd:status:x', 'act:act-1:execute', 'act:ACT-1:approve', 'act:a/b:approve', 'act:act-1:approve:now', 'runbook:done:Rotate Keys', 'runbook:redo:x', 'triage:12a:declare', 'support:file:sub', 'form:breach']) {
      expect(parseButtonId(forged)).toBeUndefined();
    }
    for (const forged of ['', 'form:', 'form:breach:1', 'form:deny:', 'form:deny:a b', 'form:dismiss:x', 'cmd:status']) expect(parseFormId(forged)).toBeUndefined();
  });

  it('names the action an approval card or a deny form acts on, and nothing else', () => {
    expect(actionIdOf(parseButtonId('act:act-k7q2x9:approve'))).toBe('act-k7q2x9');
    expect(actionIdOf(parseFormId('form:deny:act-k7q2x9'))).toBe('act-k7q2x9');
    expect(actionIdOf(parseButtonId('triage:4711:dismiss'))).toBeUndefined();
    expect(actionIdOf(undefined)).toBeUndefined();
  });
});
