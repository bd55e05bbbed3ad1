/**
 * The one grammar of button and form ids, which the core mints and parses
 * and the chat adapters pass through untouched. Ids are opaque: a verb and,
 * at most, the id of a server-side record (an action request, a runbook
 * step, a Sentinel incident number). Parameters never travel in an id, so a
 * forged press can only name something that already exists, and every rule
 * is checked again when it is pressed.
 */

/** Ids of records an interaction may name: action ids (`act-…`), step ids (kebab-case). */
const REF = /^[a-z0-9-]{1,64}$/;
/** Sentinel incident numbers. */
const NUMBER = /^\d{1,10}$/;

export type ButtonRef =
  | { kind: 'command'; command: 'status' | 'timeline' | 'help' }
  | { kind: 'action'; actionId: string; verb: 'approve' | 'deny' | 'undo' }
  | { kind: 'step'; stepId: string; verb: 'done' | 'skip' | 'act' }
  | { kind: 'triage'; number: string; verb: 'declare' | 'dismiss' }
  | { kind: 'support-ticket' };

export type FormRef = { kind: 'breach' } | { kind: 'deny'; actionId: string } | { kind: 'dismiss'; number: string };

/** Every form id starts so: a press of a button whose id does is a form's submission. */
export const FORM_ID_PREFIX = 'form:';

const COMMANDS = ['status', 'timeline', 'help'] as const;
const ACTION_VERBS = ['approve', 'deny', 'undo'] as const;
const STEP_VERBS = ['done', 'skip', 'act'] as const;
const TRIAGE_VERBS = ['declare', 'dismiss'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): value is T =>
  values.includes(value as T);

/** The id a button carries. */
export function buttonId(ref: ButtonRef): string {
  switch (ref.kind) {
    case 'command':
      return `cmd:${ref.command}`;
    case 'action':
      return `act:${ref.actionId}:${ref.verb}`;
    case 'step':
      return `runbook:${ref.verb}:${ref.stepId}`;
    case 'triage':
      return `triage:${ref.number}:${ref.verb}`;
    case 'support-ticket':
      return 'support:file';
  }
}

/** What a pressed button's id names, or undefined for an id the core never issued. */
export function parseButtonId(id: string): ButtonRef | undefined {
  const [kind, first, second, ...rest] = id.split(':');
  if (rest.length > 0) return undefined;
  if (kind === 'cmd' && second === undefined && oneOf(COMMANDS, first)) return { kind: 'command', command: first };
  if (kind === 'act' && first && REF.test(first) && oneOf(ACTION_VERBS, second))
    return { kind: 'action', actionId: first, verb: second };
  if (kind === 'runbook' && oneOf(STEP_VERBS, first) && second && REF.test(second))
    return { kind: 'step', stepId: second, verb: first };
  if (kind === 'triage' && first && NUMBER.test(first) && oneOf(TRIAGE_VERBS, second))
    return { kind: 'triage', number: first, verb: second };
  if (kind === 'support' && first === 'file' && second === undefined) return { kind: 'support-ticket' };
  return undefined;
}

/** The id a form (and its submit button) carries. */
export function formId(ref: FormRef): string {
  switch (ref.kind) {
    case 'breach':
      return `${FORM_ID_PREFIX}breach`;
    case 'deny':
      return `${FORM_ID_PREFIX}deny:${ref.actionId}`;
    case 'dismiss':
      return `${FORM_ID_PREFIX}dismiss:${ref.number}`;
  }
}

/** What a submitted form's id names, or undefined for a form the core never issued. */
export function parseFormId(id: string): FormRef | undefined {
  if (!id.startsWith(FORM_ID_PREFIX)) return undefined;
  const [kind, ref, ...rest] = id.slice(FORM_ID_PREFIX.length).split(':');
  if (rest.length > 0) return undefined;
  if (kind === 'breach' && ref === undefined) return { kind: 'breach' };
  if (kind === 'deny' && ref && REF.test(ref)) return { kind: 'deny', actionId: ref };
  if (kind === 'dismiss' && ref && NUMBER.test(ref)) return { kind: 'dismiss', number: ref };
  return undefined;
}

/** The action a button or form acts on, if any: an approval card in a DM names only it. */
export function actionIdOf(ref: ButtonRef | FormRef | undefined): string | undefined {
  return ref && (ref.kind === 'action' || ref.kind === 'deny') ? ref.actionId : undefined;
}
