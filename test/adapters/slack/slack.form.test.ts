import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../adapters/slack/slack.limits.ts';
import { formValuesOf, type SlackState } from '../../../adapters/slack/slack.mapper.ts';
import { renderView, type SlackMessage } from '../../../adapters/slack/slack.renderer.ts';
import { breachFormView } from '../../../src/views/forms.ts';
import type { Block, Form, FormField, View } from '../../../src/views/view.types.ts';
import { blockKitProblems, renderedTexts, unescapedMarkup } from './support/block-kit-checker.ts';
import { stateFor } from './support/slack-requests.ts';

const HOSTILE = '<!channel> <https://evil.example|click> & <@U0VICTIM1>';
type Json = Record<string, unknown>;

const form = (fields: FormField[], extra: Partial<Form> = {}): Form => ({ id: 'form:test', title: 'A form', submitLabel: 'Send', command: '/ir test <x>', fields, ...extra });
const formView = (f: Form, before: Block[] = []): View => ({ summary: 'A form', blocks: [...before, { type: 'form', form: f }] });

function render(view: View, options?: Parameters<typeof renderView>[1]): SlackMessage[] {
  const messages = renderView(view, options);
  for (const message of messages) {
    expect(blockKitProblems(message)).toEqual([]);
    expect(unescapedMarkup(message)).toEqual([]);
  }
  return messages;
}

const blocksOf = (messages: SlackMessage[]) => messages.flatMap((message) => message.blocks as unknown as Json[]);

describe('renderView: forms', () => {
  it('draws every field kind as an input block named by the field, then the submit button', () => {
    const fields: FormField[] = [
      { name: 'title', label: 'Title', kind: 'text', required: true, initial: 'Leak' },
      { name: 'reason', label: 'Reason', kind: 'multiline', required: true },
      { name: 'count', label: 'Count', kind: 'number', required: false, initial: '12' },
      { name: 'when', label: 'When', kind: 'datetime', required: true, placeholder: '2026-11-20T09:15:00Z', hint: 'With its zone.' },
      { name: 'role', label: 'Role', kind: 'choice', required: true, initial: 'processor', options: [{ value: 'controller', label: 'Controller' }, { value: 'processor', label: 'Processor' }] },
      { name: 'risky', label: 'High risk', kind: 'flag', required: false, initial: 'true' },
    ];
    const blocks = blocksOf(render(formView(form(fields))));
    expect(blocks.map((block) => block.type)).toEqual(['header', 'input', 'input', 'input', 'input', 'input', 'input', 'actions']);
    const [, title, reason, count, when, role, risky, actions] = blocks;
    expect(title).toEqual({ type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title', emoji: true }, optional: false, element: { type: 'plain_text_input', action_id: 'title', initial_value: 'Leak' } });
    expect(reason?.element).toEqual({ type: 'plain_text_input', action_id: 'reason', multiline: true });
    expect(count).toMatchObject({ optional: true, element: { type: 'number_input', action_id: 'count', is_decimal_allowed: false, initial_value: '12' } });
    expect(when).toMatchObject({ hint: { text: 'With its zone.' }, element: { type: 'plain_text_input', action_id: 'when', placeholder: { text: '2026-11-20T09:15:00Z' } } });
    expect(when?.element).not.toHaveProperty('multiline');
    expect(role?.element).toMatchObject({ type: 'static_select', action_id: 'role', options: [{ value: 'controller' }, { value: 'processor' }], initial_option: { text: { text: 'Processor' }, value: 'processor' } });
    expect(risky?.element).toMatchObject({ type: 'checkboxes', action_id: 'risky', options: [{ value: 'true' }], initial_options: [{ value: 'true' }] });
    expect(actions?.elements).toEqual([{ type: 'button', action_id: 'form:test', value: 'form:test', style: 'primary', text: { type: 'plain_text', text: 'Send', emoji: true } }]);
  });

  it('escapes hostile text and keeps labels, placeholders, hints and options within Block Kit limits', () => {
    const fields: FormField[] = [
      { name: 'a', label: HOSTILE, kind: 'text', required: true, placeholder: HOSTILE, hint: HOSTILE },
      { name: 'b', label: 'L'.repeat(2500), kind: 'text', required: true, placeholder: 'p'.repeat(200), hint: 'h'.repeat(2500) },
      { name: 'c', label: 'C', kind: 'choice', required: true, options: [{ value: 'v', label: `${HOSTILE}${'o'.repeat(100)}` }, { value: 'x'.repeat(151), label: 'too long a value' }] },
    ];
    const messages = render(formView(form(fields, { title: HOSTILE, submitLabel: HOSTILE })));
    const texts = messages.flatMap((message) => renderedTexts(message));
    expect(texts.join('\n')).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; &lt;@U0VICTIM1&gt;');
    const [, , long, choice] = blocksOf(messages);
    expect(long).toMatchObject({ label: { text: expect.stringMatching(/^L{1999}…$/) }, hint: { text: expect.stringMatching(/^h{1999}…$/) }, element: { placeholder: { text: expect.stringMatching(/^p{149}…$/) } } });
    expect((choice?.element as { options: unknown[] }).options).toHaveLength(1);
  });

  it('shows the typed command instead when not interactive, or when Slack could not take the form', () => {
    const field: FormField = { name: 'x', label: 'X', kind: 'text', required: true };
    const quiet = blocksOf(render(formView(form([field])), { interactive: false }));
    expect(quiet.map((block) => block.type)).toEqual(['header', 'section']);
    expect(JSON.stringify(quiet)).toContain('Run `/ir test &lt;x&gt;`');
    const tooMany = Array.from({ length: LIMITS.formFields + 1 }, (_, i): FormField => ({ ...field, name: `f${i}` }));
    for (const unfit of [form(tooMany), form([field, field]), form([field], { id: `form:${'z'.repeat(LIMITS.actionId)}` })]) {
      expect(blocksOf(render(formView(unfit))).map((block) => block.type)).toEqual(['header', 'section']);
    }
    const most = Array.from({ length: LIMITS.formFields }, (_, i): FormField => ({ ...field, name: `f${i}` }));
    expect(blocksOf(render(formView(form(most)))).length).toBe(LIMITS.blocksPerMessage);
  });

  it('never splits a form between two messages', () => {
    const lines = Array.from({ length: 45 }, (_, i): Block => ({ type: 'text', text: `line ${i}` }));
    const messages = render({ ...breachFormView('ir-20261129-0001'), blocks: [...lines, ...breachFormView('ir-20261129-0001').blocks] });
    expect(messages.map((message) => message.blocks.length)).toEqual([45, 10]);
    expect(messages[1]?.blocks.map((block) => block.type)).toEqual(['header', ...Array.from({ length: 7 }, () => 'input'), 'actions', 'context']);
  });
});

describe('formValuesOf: state.values to values by field name', () => {
  it('reads text and number values, the selected option, and the flag checkbox; empty inputs are undefined', () => {
    const [message] = render(breachFormView('ir-1'));
    const filled = stateFor(message?.blocks, { 'aware-at': '2026-11-28T15:30:00Z', jurisdictions: 'EU', subjects: '12', role: 'processor', 'high-risk': true });
    expect(formValuesOf({ values: filled })).toEqual({ 'aware-at': '2026-11-28T15:30:00Z', jurisdictions: 'EU', subjects: '12', records: undefined, categories: undefined, role: 'processor', 'high-risk': true });
    expect(formValuesOf({ values: stateFor(message?.blocks, {}) })).toMatchObject({ 'aware-at': undefined, role: 'controller', 'high-risk': false });
  });

  it('ignores what this adapter never drew: other element types, mismatched ids, no state, and a __proto__ block', () => {
    const state = JSON.parse('{"a":{"other":{"type":"plain_text_input","value":"x"}},"d":{"d":{"type":"datepicker","selected_date":"2026-11-28"}},"__proto__":{"__proto__":{"type":"plain_text_input","value":"polluted"}}}') as SlackState;
    const values = formValuesOf({ values: state });
    expect(Object.keys(values)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(formValuesOf(undefined)).toEqual({});
  });
});
