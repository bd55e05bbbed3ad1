import { formId as formIdOf, parseFormId, type FormRef } from './interaction-ids.ts';
import type { View } from './view.types.ts';

/**
 * The breach assessment as a form (DESIGN.md grammar `breach`); the awareness time is required and never pre-filled.
 */
export function breachFormView(incidentId: string): View {
  return {
    summary: `Breach assessment for ${incidentId}`,
    blocks: [
      {
        type: 'form',
        form: {
          id: formIdOf({ kind: 'breach' }),
          title: `Breach assessment for ${incidentId}`,
          submitLabel: 'Record and start the clocks',
          command:
            '/ir breach --aware-at <time> --jurisdictions EU,US-CA [--subjects N] [--records N] [--categories a,b] ' +
            '[--controller|--processor] [--high-risk]',
          fields: [
            {
              name: 'aware-at',
              label: 'Aware at',
              kind: 'datetime',
              required: true,
              placeholder: '2026-11-20T09:15:00Z',
              hint: 'When the organisation became aware, with its zone. Never assumed.',
            },
            {
              name: 'jurisdictions',
              label: 'Jurisdictions',
              kind: 'text',
              required: true,
              placeholder: 'EU,UK,US-CA',
              hint: 'Where the affected people live, comma-separated.',
            },
            { name: 'subjects', label: 'Data subjects (approx.)', kind: 'number', required: false },
            { name: 'records', label: 'Records (approx.)', kind: 'number', required: false },
            {
              name: 'categories',
              label: 'Data categories',
              kind: 'text',
              required: false,
              placeholder: 'contact,payment',
            },
            {
              name: 'role',
              label: 'Our role',
              kind: 'choice',
              required: true,
              initial: 'controller',
              options: [
                { value: 'controller', label: 'Controller' },
                { value: 'processor', label: 'Processor' },
              ],
            },
            { name: 'high-risk', label: 'High risk to data subjects (Art. 34)', kind: 'flag', required: false },
          ],
        },
      },
      { type: 'context', text: 'Deadlines are computed, not legal advice.' },
    ],
  };
}

/** A reason is required to deny a containment request. */
export function denyFormView(actionId: string): View {
  return reasonForm(
    formIdOf({ kind: 'deny', actionId }),
    `Deny ${actionId}`,
    'Deny',
    `/ir deny ${actionId} <reason>`,
    'Why is it denied? (it goes on the record)',
  );
}

/** A reason is required to dismiss a proposed Sentinel incident: it is the recorded assessment. */
export function dismissFormView(number: string): View {
  return reasonForm(
    formIdOf({ kind: 'dismiss', number }),
    `Dismiss Sentinel #${number}`,
    'Dismiss',
    `/ir dismiss sentinel:${number} <reason>`,
    'Why is it not an incident? (the recorded assessment)',
  );
}

function reasonForm(id: string, title: string, submitLabel: string, command: string, label: string): View {
  return {
    summary: title,
    blocks: [
      {
        type: 'form',
        form: {
          id,
          title,
          submitLabel,
          command,
          fields: [{ name: 'reason', label, kind: 'multiline', required: true }],
        },
      },
    ],
  };
}

/**
 * The command a form submission stands for, built from the values by field
 * name. Values are quoted for the tokenizer, so nothing a person types can
 * add an option or a second command. Undefined for a form the core never issued.
 */
export function commandForForm(
  formId: string,
  values: Readonly<Record<string, string | boolean | undefined>>,
): string | undefined {
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value.trim() : '';
  };
  const form = parseFormId(formId);
  if (form?.kind === 'deny') return `/ir deny ${form.actionId} ${oneLine(text('reason'))}`.trimEnd();
  if (form?.kind === 'dismiss') return `/ir dismiss sentinel:${form.number} ${oneLine(text('reason'))}`.trimEnd();
  if (form?.kind !== 'breach') return undefined;
  const parts = ['/ir breach'];
  for (const name of ['aware-at', 'jurisdictions', 'subjects', 'records', 'categories'])
    if (text(name)) parts.push(`--${name}`, quote(text(name)));
  parts.push(text('role') === 'processor' ? '--processor' : '--controller');
  if (values['high-risk'] === true || text('high-risk') === 'true') parts.push('--high-risk');
  return parts.join(' ');
}

/** The form an id names, drawn fresh. */
function formFor(form: FormRef | undefined, incidentId: string): View | undefined {
  if (form?.kind === 'deny') return denyFormView(form.actionId);
  if (form?.kind === 'dismiss') return dismissFormView(form.number);
  return form?.kind === 'breach' ? breachFormView(incidentId) : undefined;
}

/** Free text on one line: the reason of a deny or dismiss is the rest of the command. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ');
}

/** A value as one quoted word: quotes inside are dropped, since the tokenizer has no escapes. */
function quote(value: string): string {
  return `"${value.replace(/["\u201c\u201d]/g, '')}"`;
}

/**
 * The form again, filled with what was submitted, for a submission that was
 * refused as malformed: the person corrects it instead of starting over.
 */
export function refilledForm(
  formId: string,
  values: Readonly<Record<string, string | boolean | undefined>>,
  incidentId: string,
): View | undefined {
  const view = formFor(parseFormId(formId), incidentId);
  if (!view) return undefined;
  return {
    ...view,
    blocks: view.blocks.map((block) => {
      if (block.type !== 'form') return block;
      const fields = block.form.fields.map((field) => {
        const value = values[field.name];
        if (typeof value === 'string' && value.trim()) return { ...field, initial: value };
        if (value === true && field.kind === 'flag') return { ...field, initial: 'true' };
        return field;
      });
      return { ...block, form: { ...block.form, fields } };
    }),
  };
}
