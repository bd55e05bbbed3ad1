import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { cardActionOf, formValuesOf } from '../../../adapters/teams/teams.mapper.ts';
import { escapeCardText, ISO_WITH_ZONE_PATTERN, renderCard, type AdaptiveCard, type CardNode } from '../../../adapters/teams/teams.renderer.ts';
import { parseConfirmedTime } from '../../../src/commands/clock.grammar.ts';
import { breachFormView, denyFormView, dismissFormView } from '../../../src/views/forms.ts';
import type { View } from '../../../src/views/view.types.ts';
import { assertValidCard, cardSchemaErrors } from './support/card-schema.ts';

const HOSTILE = 'Click [here](https://evil.example) *now* {{DATE(2026-01-01T00:00:00Z, SHORT)}}';

function walk(node: unknown, visit: (node: CardNode) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => walk(item, visit));
  if (!node || typeof node !== 'object') return;
  if (typeof (node as CardNode).type === 'string') visit(node as CardNode);
  Object.values(node).forEach((value) => walk(value, visit));
}

function nodes(card: AdaptiveCard, prefix: string): CardNode[] {
  const found: CardNode[] = [];
  walk(card.body, (node) => node.type.startsWith(prefix) && found.push(node));
  return found;
}

const byId = (card: AdaptiveCard, id: string) => nodes(card, 'Input.').find((input) => input.id === id);

describe('a form block as Adaptive Card 1.5 inputs', () => {
  it('draws every form the core builds as a valid 1.5 card (and the schema check does look at inputs)', () => {
    for (const view of [breachFormView('ir-20261129-0001'), denyFormView('act-k7q2x9'), dismissFormView('4242')]) assertValidCard(renderCard(view));
    const card = (input: CardNode) => ({ type: 'AdaptiveCard', version: '1.5', body: [input] });
    expect(cardSchemaErrors(card({ type: 'Input.Toggle', id: 'x', valueOn: 'true' }))).not.toEqual([]);
    expect(cardSchemaErrors(card({ type: 'Input.Number', id: 'x', value: '12' }))).not.toEqual([]);
    expect(cardSchemaErrors(card({ type: 'Input.Toggle', id: 'x', title: 'Yes', placeholder: 'no such property' }))).not.toEqual([]);
  });

  it('maps each field kind to its input, with id, label, required and its error message', () => {
    const card = renderCard(breachFormView('ir-20261129-0001'));
    expect(nodes(card, 'Input.').map((input) => [input.type, input.id])).toEqual([
      ['Input.Text', 'aware-at'],
      ['Input.Text', 'jurisdictions'],
      ['Input.Number', 'subjects'],
      ['Input.Number', 'records'],
      ['Input.Text', 'categories'],
      ['Input.ChoiceSet', 'role'],
      ['Input.Toggle', 'high-risk'],
    ]);
    expect(byId(card, 'aware-at')).toMatchObject({ label: 'Aware at', isRequired: true, placeholder: '2026-11-20T09:15:00Z', regex: ISO_WITH_ZONE_PATTERN, errorMessage: expect.stringContaining('with its zone') });
    expect(byId(card, 'aware-at')).not.toHaveProperty('value');
    expect(byId(card, 'jurisdictions')).toMatchObject({ isRequired: true, errorMessage: 'Jurisdictions is required.' });
    expect(byId(card, 'subjects')).toEqual({ type: 'Input.Number', id: 'subjects', label: 'Data subjects (approx.)' });
    expect(byId(card, 'subjects')).not.toHaveProperty('isRequired');
    expect(byId(card, 'role')).toEqual({ type: 'Input.ChoiceSet', id: 'role', label: 'Our role', isRequired: true, errorMessage: 'Our role is required.', style: 'compact', value: 'controller', choices: [{ title: 'Controller', value: 'controller' }, { title: 'Processor', value: 'processor' }] });
    expect(byId(card, 'high-risk')).toMatchObject({ label: 'High risk to data subjects (Art. 34)', valueOn: 'true', valueOff: 'false', value: 'false' });
    expect(byId(renderCard(denyFormView('act-k7q2x9')), 'reason')).toMatchObject({ type: 'Input.Text', isMultiline: true, isRequired: true });
  });

  it('ends with one Action.Execute that submits the inputs with the form id', () => {
    const submits = nodes(renderCard(breachFormView('ir-20261129-0001')), 'Action.');
    expect(submits).toEqual([{ type: 'Action.Execute', title: 'Record and start the clocks', verb: 'form', data: { formId: 'form:breach', formFlags: ['high-risk'] }, associatedInputs: 'auto' }]);
    expect(nodes(renderCard(denyFormView('act-k7q2x9')), 'Action.')).toEqual([{ type: 'Action.Execute', title: 'Deny', verb: 'form', data: { formId: 'form:deny:act-k7q2x9' }, associatedInputs: 'auto' }]);
  });

  it('checks a time in the client as the core does: ISO-8601 with its zone', () => {
    const pattern = new RegExp(ISO_WITH_ZONE_PATTERN);
    const samples = ['2026-11-20T09:15:00Z', '2026-11-25T15:00:00-05:00', '2026-11-20T09:15Z', '2026-11-20T09:15:00.250+01:00', '2026-11-20T09:15:00', '2026-11-20', '20 Nov 2026 09:15 UTC', '2026-11-20 09:15:00Z', ' 2026-11-20T09:15:00Z'];
    for (const sample of samples) expect(pattern.test(sample), sample).toBe(parseConfirmedTime(sample) !== undefined);
    expect(samples.filter((sample) => pattern.test(sample))).toHaveLength(4);
  });

  it('escapes the title and hints (TextBlocks, markdown) and leaves labels as the plain text they are', () => {
    const view: View = { summary: 'x', blocks: [{ type: 'form', form: { id: 'form:x', title: HOSTILE, submitLabel: 'Send', command: `/ir x ${HOSTILE}`, fields: [{ name: 'a', label: 'Reason (plain)', kind: 'text', required: false, hint: HOSTILE }] } }] };
    const card = renderCard(view);
    assertValidCard(card);
    const texts = nodes(card, 'TextBlock').map((block) => block.text);
    expect(texts).toEqual([escapeCardText(HOSTILE), escapeCardText(HOSTILE), escapeCardText(`Or type: /ir x ${HOSTILE}`)]);
    expect(byId(card, 'a')).toMatchObject({ label: 'Reason (plain)' });
  });
});

describe('a form submission (adaptiveCard/action, verb form)', () => {
  const invoke = (data: Record<string, unknown>, verb = 'form') => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }) as unknown as Activity;

  it('reads the form id and the inputs merged into the data; listed Toggles become booleans', () => {
    const action = cardActionOf(invoke({ formId: 'form:breach', formFlags: ['high-risk'], 'aware-at': '2026-11-28T15:30:00Z', subjects: 1200, notes: 'true', 'high-risk': 'true', nested: { a: 1 }, list: ['x'] }));
    expect(action).toEqual({ kind: 'form', formId: 'form:breach', values: { 'aware-at': '2026-11-28T15:30:00Z', subjects: '1200', notes: 'true', 'high-risk': true } });
    expect(formValuesOf({ formId: 'f', formFlags: ['high-risk'], 'high-risk': 'false' })).toEqual({ 'high-risk': false });
  });

  it('keeps a hostile key a plain value and refuses a submission without a usable form id', () => {
    const values = formValuesOf(JSON.parse('{"formId":"form:breach","__proto__":"x","constructor":"y"}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values).sort()).toEqual(['__proto__', 'constructor']);
    expect(cardActionOf(invoke({ reason: 'no id' }))).toBeUndefined();
    expect(cardActionOf(invoke({ formId: 42 }))).toBeUndefined();
    expect(cardActionOf(invoke({ formId: `form:${'x'.repeat(300)}` }))).toBeUndefined();
    expect(cardActionOf(invoke({ formId: 'form:breach' }, 'press'))).toBeUndefined();
  });
});
