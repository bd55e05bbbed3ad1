/**
 * Block Kit limits the renderer keeps to. Slack rejects the whole message
 * (`invalid_blocks`) when one of them is exceeded, so a long timeline or a
 * hostile 5,000-character note would otherwise make the bot go silent.
 * Source: docs.slack.dev/reference/block-kit (the same numbers the community
 * JSON Schema in test/fixtures/slack encodes).
 */
export const LIMITS = {
  /** Blocks per message: more are sent as a further message. */
  blocksPerMessage: 50,
  /** Characters of a section's text object (and of a context element, kept to the same bound). */
  sectionText: 3000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Fields per section: more go into a further section. */
  fieldsPerSection: 10,
  /** Characters of one section field. */
  fieldText: 2000,
  /** Elements per actions block: more go into a further actions block. */
  actionsElements: 25,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's value. */
  buttonValue: 2000,
  /** Characters of an `action_id` (and `block_id`). */
  actionId: 255,
  /** Elements per context block. */
  contextElements: 10,
  /** Confirm dialog: title, text, and the two button labels. */
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** The message's top-level `text` (the notification fallback); Slack truncates past 40,000 but advises 4,000. */
  fallbackText: 3000,
  /** An input block's label and hint (plain text). */
  inputLabel: 2000,
  inputHint: 2000,
  /** An input element's placeholder (plain text). */
  placeholder: 150,
  /** A select or checkbox option: its label, its value, and options per static select. */
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  /**
   * A form's inputs in one message: 50 blocks less its title and its submit button, since a form cannot span two
   * messages.
   */
  formFields: 48,
  /** A channel topic. */
  topic: 250,
  /** A channel name: lower-case letters, digits, hyphens and underscores. */
  channelName: 80,
} as const;

/** The visible mark of a cut: Slack shows exactly what was shortened. */
export const ELLIPSIS = '…';
