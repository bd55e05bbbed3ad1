import type { types } from '@slack/bolt';
import type { Form, FormField, View } from '../../src/views/view.types.ts';
import { LIMITS } from './slack.limits.ts';
import { fitEscaped } from './slack.mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type InputBlockElement = types.InputBlock['element'];
type PlainTextElement = types.PlainTextElement;

/** The one value a checked `flag` checkbox carries. */
export const FLAG_VALUE = 'true';

/**
 * A form as Block Kit inside the message: its title, one `input` block per
 * field (`block_id` and `action_id` are both the field name, so a press of the
 * submit button carries `state.values[name][name]`), and an `actions` block
 * with the submit button, whose `action_id` and `value` are the form's opaque
 * id. Not interactive, or not drawable within Slack's limits, the form is
 * shown as the typed command that does the same.
 *
 * A `datetime` field is a `plain_text_input`, not a `datetimepicker`: the
 * picker answers in epoch seconds in the clicker's Slack time zone, while the
 * core wants the time as the person states it, zone included, and never
 * assumes one (the awareness time of a breach starts legal clocks).
 */
export function renderForm(form: Form, interactive: boolean): KnownBlock[] {
  const title: KnownBlock[] = form.title.trim() ? [{ type: 'header', text: plain(form.title, LIMITS.headerText) }] : [];
  if (!interactive || !drawable(form)) {
    return [
      ...title,
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `Run \`${fitEscaped(form.command, LIMITS.sectionText - 8)}\``, verbatim: true },
      },
    ];
  }
  return [...title, ...form.fields.map(renderInput), { type: 'actions', elements: [submitButton(form)] }];
}

/**
 * Whether a view carries a form: it is answered to the one person who asked, and drawn with its inputs wherever that
 * is.
 */
export function hasForm(view: View): boolean {
  return view.blocks.some((block) => block.type === 'form');
}

/**
 * Whether Slack can take the form as inputs: an id that fits an `action_id`,
 * field names that are unique valid `block_id`s, and few enough fields that
 * title, inputs and button fit one message (a form split over two messages
 * could not be submitted whole).
 */
function drawable(form: Form): boolean {
  const names = form.fields.map((field) => field.name);
  const valid = (id: string) => id.length > 0 && id.length <= LIMITS.actionId;
  return (
    valid(form.id) && names.every(valid) && new Set(names).size === names.length && names.length <= LIMITS.formFields
  );
}

function renderInput(field: FormField): KnownBlock {
  return {
    type: 'input',
    block_id: field.name,
    label: plain(field.label.trim() || field.name, LIMITS.inputLabel),
    ...(field.hint?.trim() ? { hint: plain(field.hint, LIMITS.inputHint) } : {}),
    // Slack enforces `optional: false` only in modals; in a message the core checks it again on submit.
    optional: !field.required,
    element: renderElement(field),
  };
}

function renderElement(field: FormField): InputBlockElement {
  const placeholder = field.placeholder?.trim() ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {};
  const initial = field.initial ?? '';
  switch (field.kind) {
    case 'number':
      return {
        type: 'number_input',
        action_id: field.name,
        is_decimal_allowed: false,
        ...placeholder,
        ...(/^-?\d+$/.test(initial) ? { initial_value: initial } : {}),
      };
    case 'flag': {
      const option = { text: plain('Yes', LIMITS.optionText), value: FLAG_VALUE };
      return {
        type: 'checkboxes',
        action_id: field.name,
        options: [option],
        ...(initial === FLAG_VALUE ? { initial_options: [option] } : {}),
      };
    }
    case 'choice': {
      const options = (field.options ?? [])
        .filter((option) => option.value.length > 0 && option.value.length <= LIMITS.optionValue)
        .slice(0, LIMITS.selectOptions)
        .map((option) => ({
          text: plain(option.label.trim() || option.value, LIMITS.optionText),
          value: option.value,
        }));
      const selected = options.find((option) => option.value === field.initial);
      // A select needs at least one option; without any, the value is typed.
      if (options.length > 0)
        return {
          type: 'static_select',
          action_id: field.name,
          options,
          placeholder: plain(field.placeholder?.trim() || 'Choose', LIMITS.placeholder),
          ...(selected ? { initial_option: selected } : {}),
        };
      return {
        type: 'plain_text_input',
        action_id: field.name,
        ...placeholder,
        ...(initial ? { initial_value: initial } : {}),
      };
    }
    case 'text':
    case 'multiline':
    case 'datetime':
      return {
        type: 'plain_text_input',
        action_id: field.name,
        ...(field.kind === 'multiline' ? { multiline: true } : {}),
        ...placeholder,
        ...(initial ? { initial_value: initial } : {}),
      };
  }
}

function submitButton(form: Form): types.Button {
  return {
    type: 'button',
    action_id: form.id,
    value: form.id,
    style: 'primary',
    text: plain(form.submitLabel.trim() || 'Submit', LIMITS.buttonText),
  };
}

/**
 * Plain text is escaped like everything else (Slack decodes the entities in every text object) and cut with a visible
 * "…".
 */
function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: fitEscaped(text, max), emoji: true };
}
