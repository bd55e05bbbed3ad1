import { parseButtonId } from './interaction-ids.ts';

/**
 * The command a button press stands for, or undefined for an id the core
 * never issued (and for the buttons the interactions use case resolves
 * itself: a step's action, filing a support ticket). Ids carry no
 * parameters (src/views/interaction-ids.ts), so a forged press can only
 * name something that already exists and is checked again.
 */
export function commandForButton(buttonId: string): string | undefined {
  const button = parseButtonId(buttonId);
  switch (button?.kind) {
    case 'command':
      return `/ir ${button.command}`;
    case 'step':
      return button.verb === 'act' ? undefined : `/ir ${button.verb}`;
    case 'triage':
      return button.verb === 'declare'
        ? `/ir declare sentinel:${button.number}`
        : `/ir dismiss sentinel:${button.number}`;
    case 'action':
      return `/ir ${button.verb} ${button.actionId}`;
    default:
      return undefined;
  }
}
