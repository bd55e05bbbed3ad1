/**
 * Neutral views: what the core says, before any platform draws it. Every string
 * is plain text, user text included; each renderer escapes for its own markup
 * (Slack mrkdwn, Adaptive Card markdown, the terminal). Only `markdown` blocks
 * carry trusted markup (runbook instructions written by the team).
 */
export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'markdown'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'checklist'; items: Array<{ label: string; state: 'done' | 'skipped' | 'current' | 'todo' }> }
  | { type: 'list'; items: Array<{ time?: string; text: string }> }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'form'; form: Form }
  | { type: 'divider' };

/**
 * A form: inputs and a submit button, drawn inline (Slack input blocks, Adaptive
 * Card inputs). A submission names the form's opaque id and the values by
 * field name; the core turns them into the same command as typed input, so
 * every rule is checked again. The console prints the command instead.
 */
export interface Form {
  /** Minted and parsed by src/views/interaction-ids.ts. */
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** The typed command that does the same. */
  command: string;
}

export interface FormField {
  /** The key of the value in a submission. */
  name: string;
  label: string;
  /** `datetime`: ISO-8601 with zone typed as text (platform date pickers drop the zone); `flag`: a checkbox. */
  kind: 'text' | 'multiline' | 'number' | 'datetime' | 'choice' | 'flag';
  required: boolean;
  placeholder?: string;
  /** A short help line under the input. */
  hint?: string;
  /** For `choice`: the values offered. */
  options?: Array<{ value: string; label: string }>;
  /** Pre-filled value. */
  initial?: string;
}

export interface Button {
  /** Opaque id naming a server-side request or command; never the parameters themselves. */
  id: string;
  label: string;
  style?: 'primary' | 'danger';
  /** Asked before the press counts, for what changes production. */
  confirm?: string;
  /** The command that does the same, printed by the console and usable anywhere. */
  command: string;
  /**
   * Who may press it, when not everyone may: config entries (`<platform>:<id>`, emails, `group:<id>`) as the core's
   * own rule decides them (approvals: the incident's commanders and the commander pool). Platforms that can show a
   * button to some people only draw it for them; the core checks every press again either way.
   */
  audience?: readonly string[];
}

export interface View {
  /** What the message is about, for notifications and fallbacks. */
  summary: string;
  blocks: Block[];
  /** `error` views are shown to the requester only where the platform allows it. */
  tone?: 'info' | 'success' | 'warning' | 'error';
}
