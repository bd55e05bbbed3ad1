import type { Block, Button, Form, FormField, View } from '../../src/views/view.types.ts';
import { ISO_WITH_ZONE } from '../../src/commands/clock.grammar.ts';

/** One element or action of an Adaptive Card (the schema is the contract; tests validate every card against it). */
export interface CardNode {
  type: string;
  [property: string]: unknown;
}

/** An Adaptive Card 1.5: the version that has `Action.Execute` (Universal Actions) in Teams. */
export interface AdaptiveCard extends CardNode {
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardNode[];
  refresh?: { action: CardNode; userIds: string[] };
  fallbackText?: string;
}

/** How to draw buttons that only some people may see (approve, deny). */
export interface CardAudience {
  /** Server-side record the `refresh` action names (data `{cardId}`), never the view itself. */
  cardId?: string;
  /** Teams user ids (MRIs, `29:…`) whose client refreshes the card to show the restricted buttons. */
  userIds: string[];
  /** Draw the restricted buttons in this card: true only in an answer to someone in `userIds`. */
  showRestricted: boolean;
}

/** The verb of every button press; the button itself travels as the opaque `data.buttonId`. */
export const PRESS_VERB = 'press';
/** The verb of the user-specific refresh. */
export const REFRESH_VERB = 'refresh';
/** The verb of a form's submit button: the data is `{formId}`, and Teams merges the inputs into it by field name. */
export const FORM_VERB = 'form';
/**
 * The submit data lists the form's Toggle fields under this key, so their
 * `'true'`/`'false'` become booleans while a text field that reads "true"
 * stays text. A client could lie about it: that only changes how its own
 * values are typed, and the core checks every value again.
 */
export const FORM_FLAGS_KEY = 'formFlags';
/** The Toggle values a flag field submits (Teams sends every input value as a string). */
export const FLAG_ON = 'true';
export const FLAG_OFF = 'false';

/**
 * ISO-8601 with a zone, as the core's grammar accepts it. `Input.Date` and
 * `Input.Time` carry no zone, so a time is typed as text and checked by this
 * pattern in the client first (the core checks it again).
 */
export const ISO_WITH_ZONE_PATTERN = ISO_WITH_ZONE.source;

/**
 * Teams drops a message larger than about 28 KB (card included); a card is
 * trimmed below this many characters of JSON, oldest list entries first.
 */
export const MAX_CARD_CHARS = 24_000;

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const MARKDOWN_SPECIAL = /[\\`*_~[\]()<>#{}&]/g;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;
const CHECK_MARK: Record<'done' | 'skipped' | 'current' | 'todo', string> = {
  done: '✅ done',
  skipped: '⏭️ skipped',
  current: '▶️ now',
  todo: '⬜ to do',
};
const TONE_STYLE: Record<NonNullable<View['tone']>, string | undefined> = {
  info: undefined,
  success: 'good',
  warning: 'warning',
  error: 'attention',
};
const TONE_RANK: Record<NonNullable<View['tone']>, number> = { info: 0, success: 1, warning: 2, error: 3 };

/**
 * Escapes plain text for the card's markdown subset, so user text cannot make
 * links, images, emphasis, headings, quotes or Adaptive Card date functions
 * (`{{DATE(…)}}`): every special character gets a CommonMark backslash escape.
 */
export function escapeCardText(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}

/**
 * Buttons only some people may press (the core gave them an audience: approvals): drawn for them alone, through a
 * user-specific refresh.
 */
export function isRestricted(button: Button): boolean {
  return button.audience !== undefined;
}

/** Whether a view carries any restricted button (and so needs a user-specific refresh). */
export function hasRestrictedButtons(view: View): boolean {
  return view.blocks.some((block) => block.type === 'actions' && block.buttons.some(isRestricted));
}

/** Several views as one (an invoke is answered with one card): blocks in order, divided, the gravest tone. */
export function mergeViews(views: readonly View[]): View {
  const [first, ...rest] = views;
  if (!first) return { summary: 'Done.', blocks: [{ type: 'text', text: 'Done.' }] };
  if (rest.length === 0) return first;
  const tone = views
    .map((view) => view.tone)
    .reduce(
      (worst, tone) => (tone && (!worst || TONE_RANK[tone] > TONE_RANK[worst]) ? tone : worst),
      undefined as View['tone'],
    );
  return {
    summary: first.summary,
    blocks: views.flatMap((view, index) =>
      index === 0 ? view.blocks : [{ type: 'divider' as const }, ...view.blocks],
    ),
    ...(tone ? { tone } : {}),
  };
}

/** Renders a neutral view as an Adaptive Card 1.5, trimmed to what Teams accepts. */
export function renderCard(view: View, audience?: CardAudience): AdaptiveCard {
  let card = buildCard(view, audience);
  let cap = Math.max(0, ...view.blocks.map((block) => (block.type === 'list' ? block.items.length : 0)));
  while (JSON.stringify(card).length > MAX_CARD_CHARS && cap > 1) {
    cap = Math.ceil(cap / 2);
    card = buildCard(capLists(view, cap), audience);
  }
  return card;
}

function buildCard(view: View, audience?: CardAudience): AdaptiveCard {
  const elements = renderBlocks(view.blocks, audience?.showRestricted ?? false);
  const style = view.tone ? TONE_STYLE[view.tone] : undefined;
  const body: CardNode[] = style
    ? [{ type: 'Container', style, items: elements.length ? elements : [textBlock(escapeCardText(view.summary))] }]
    : elements;
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body,
    fallbackText: escapeCardText(view.summary),
  };
  if (audience?.cardId) {
    card.refresh = {
      action: { type: 'Action.Execute', title: 'Refresh', verb: REFRESH_VERB, data: { cardId: audience.cardId } },
      userIds: audience.userIds,
    };
  }
  return card;
}

function renderBlocks(blocks: readonly Block[], showRestricted: boolean): CardNode[] {
  const out: CardNode[] = [];
  let separate = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separate = out.length > 0;
      continue;
    }
    const element = renderBlock(block, showRestricted);
    if (!element) continue;
    out.push(separate ? { ...element, separator: true, spacing: 'Medium' } : element);
    separate = false;
  }
  return out;
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>, showRestricted: boolean): CardNode | undefined {
  switch (block.type) {
    case 'header':
      return {
        type: 'TextBlock',
        text: escapeCardText(block.text),
        wrap: true,
        size: 'Large',
        weight: 'Bolder',
        style: 'heading',
      };
    case 'text':
      return textBlock(escapeCardText(block.text));
    case 'markdown':
      // Trusted: runbook instructions written by the team, in the card's own markdown subset.
      return textBlock(block.text);
    case 'context':
      return { ...textBlock(escapeCardText(block.text)), isSubtle: true, size: 'Small' };
    case 'fields':
      return factSet(block.fields.map((field) => [field.label, field.value]));
    case 'checklist':
      return factSet(block.items.map((item) => [CHECK_MARK[item.state], item.label]));
    case 'list':
      return factSet(block.items.map((item) => [item.time ? shortTime(item.time) : '•', item.text]));
    case 'actions':
      return actionSet(block.buttons, showRestricted);
    case 'form':
      return renderForm(block.form);
  }
}

/**
 * A form as card inputs and one `Action.Execute` that submits them. Input
 * labels, placeholders and choice titles are plain text in Adaptive Cards
 * (never markdown), so they are not escaped; the title and hints are TextBlocks.
 */
function renderForm(form: Form): CardNode {
  const items: CardNode[] = [{ ...textBlock(escapeCardText(form.title)), weight: 'Bolder' }];
  for (const field of form.fields) {
    items.push(renderInput(field));
    if (field.hint)
      items.push({ ...textBlock(escapeCardText(field.hint)), isSubtle: true, size: 'Small', spacing: 'None' });
  }
  const flags = form.fields.filter((field) => field.kind === 'flag').map((field) => field.name);
  const data = { formId: form.id, ...(flags.length ? { [FORM_FLAGS_KEY]: flags } : {}) };
  const submit: CardNode = {
    type: 'Action.Execute',
    title: form.submitLabel,
    verb: FORM_VERB,
    data,
    associatedInputs: 'auto',
  };
  items.push({ type: 'ActionSet', actions: [submit] });
  items.push({ ...textBlock(escapeCardText(`Or type: ${form.command}`)), isSubtle: true, size: 'Small' });
  return { type: 'Container', items };
}

function renderInput(field: FormField): CardNode {
  const required = field.required ? { isRequired: true, errorMessage: requiredMessage(field) } : {};
  const labelled = { id: field.name, label: field.label, ...required };
  const common = { ...labelled, ...(field.placeholder ? { placeholder: field.placeholder } : {}) };
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'Input.Text',
        ...common,
        ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(field.initial !== undefined ? { value: field.initial } : {}),
      };
    case 'datetime':
      return {
        type: 'Input.Text',
        ...common,
        regex: ISO_WITH_ZONE_PATTERN,
        errorMessage:
          `${requiredMessage(field)} Give the time with its zone, e.g. 2026-11-20T09:15:00Z or ` +
          `2026-11-25T15:00:00-05:00.`,
        ...(field.initial !== undefined ? { value: field.initial } : {}),
      };
    case 'number': {
      const initial = field.initial?.trim() ? Number(field.initial) : Number.NaN;
      return { type: 'Input.Number', ...common, ...(Number.isFinite(initial) ? { value: initial } : {}) };
    }
    case 'choice':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: (field.options ?? []).map((option) => ({ title: option.label, value: option.value })),
        ...(field.initial !== undefined ? { value: field.initial } : {}),
      };
    case 'flag':
      // `title` (required by the schema) is drawn beside the switch and may be read as markdown: a fixed word; the
      // label says what it is.
      return {
        type: 'Input.Toggle',
        ...labelled,
        title: 'Yes',
        valueOn: FLAG_ON,
        valueOff: FLAG_OFF,
        value: field.initial === FLAG_ON ? FLAG_ON : FLAG_OFF,
      };
  }
}

function requiredMessage(field: FormField): string {
  return field.required ? `${field.label} is required.` : `${field.label} is not valid.`;
}

function textBlock(text: string): CardNode {
  return { type: 'TextBlock', text, wrap: true };
}

function factSet(pairs: Array<[string, string]>): CardNode | undefined {
  if (pairs.length === 0) return undefined;
  return {
    type: 'FactSet',
    facts: pairs.map(([title, value]) => ({ title: escapeCardText(title), value: escapeCardText(value) })),
  };
}

function actionSet(buttons: readonly Button[], showRestricted: boolean): CardNode | undefined {
  const shown = buttons.filter((button) => showRestricted || !isRestricted(button));
  if (shown.length === 0) return undefined;
  return { type: 'ActionSet', actions: shown.map(renderButton) };
}

/** A press is `Action.Execute` with the opaque id only; a confirm becomes a ShowCard that asks first. */
function renderButton(button: Button): CardNode {
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  const execute: CardNode = {
    type: 'Action.Execute',
    title: button.label,
    verb: PRESS_VERB,
    data: { buttonId: button.id },
    ...(style ? { style } : {}),
  };
  if (!button.confirm) return execute;
  return {
    type: 'Action.ShowCard',
    title: button.label,
    ...(style ? { style } : {}),
    card: {
      type: 'AdaptiveCard',
      body: [textBlock(escapeCardText(button.confirm))],
      actions: [{ ...execute, title: `Confirm: ${button.label}` }],
    },
  };
}

function shortTime(time: string): string {
  const match = ISO_TIME.exec(time);
  return match ? `${match[1]} ${match[2]}Z` : time;
}

/** Keeps the newest `cap` entries of each list and says how many were left out. */
function capLists(view: View, cap: number): View {
  const blocks = view.blocks.flatMap((block): Block[] => {
    if (block.type !== 'list' || block.items.length <= cap) return [block];
    const dropped = block.items.length - cap;
    return [
      {
        type: 'context',
        text: `${dropped} earlier entries are not shown: a Teams message holds about 28 KB. The export has them all.`,
      },
      { type: 'list', items: block.items.slice(dropped) },
    ];
  });
  return { ...view, blocks };
}
