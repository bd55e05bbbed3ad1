/**
 * Button ids are opaque: a verb and, at most, the id of a server-side record
 * (an action request). Parameters never travel in a button, so a forged press
 * can only name something that already exists and is checked again.
 */
const COMMAND_BUTTONS: Record<string, string> = {
  'cmd:status': '/ir status',
  'cmd:timeline': '/ir timeline',
  'cmd:help': '/ir help',
};

const ID = /^[a-z0-9-]{1,64}$/;

/** The command a button press stands for, or undefined for an id the core never issued. */
export function commandForButton(buttonId: string): string | undefined {
  if (buttonId in COMMAND_BUTTONS) return COMMAND_BUTTONS[buttonId];
  const [kind, ref, verb] = buttonId.split(':');
  if (kind === 'runbook' && ref === 'done' && verb && ID.test(verb)) return '/ir done';
  if (kind === 'runbook' && ref === 'skip' && verb && ID.test(verb)) return '/ir skip';
  if (kind === 'triage' && ref && /^\d{1,10}$/.test(ref) && verb === 'declare') return `/ir declare sentinel:${ref}`;
  if (kind === 'triage' && ref && /^\d{1,10}$/.test(ref) && verb === 'dismiss') return `/ir dismiss sentinel:${ref}`;
  if (kind === 'act' && ref && ID.test(ref) && (verb === 'approve' || verb === 'deny' || verb === 'undo')) return `/ir ${verb} ${ref}`;
  return undefined;
}
