import type { Block, Button, View } from '../../src/views/view.types.ts';

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

/**
 * Teams drops a message larger than about 28 KB (card included); a card is
 * trimmed below this many characters of JSON, oldest list entries first.
 */
export const MAX_CARD_CHARS = 24_000;

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const RESTRICTED = /^act:[a-z0-9-]{1,64}:(approve|deny)$/;
const MARKDOWN_SPECIAL = /[\\`*_~[\]()<>#{}&]/g;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;
const CHECK_MARK: Record<'done' | 'skipped' | 'current' | 'todo', string> = { done: '✅ done', skipped: '⏭️ skipped', current: '▶️ now', todo: '⬜ to do' };
const TONE_STYLE: Record<NonNullable<View['tone']>, string | undefined> = { info: undefined, success: 'good', warning: 'warning', error: 'attention' };
const TONE_RANK: Record<NonNullable<View['tone']>, number> = { info: 0, success: 1, warning: 2, error: 3 };

/**
 * Escapes plain text for the card's markdown subset, so user text cannot make
 * links, images, emphasis, headings, quotes or Adaptive Card date functions
 * (`{{DATE(…)}}`): every special character gets a CommonMark backslash escape.
 */
export function escapeCardText(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}

/** Buttons only some people may press (approvals): drawn for them alone, through a user-specific refresh. */
export function isRestricted(button: Button): boolean {
  return RESTRICTED.test(button.id);
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
  const tone = views.map((view) => view.tone).reduce((worst, tone) => (tone && (!worst || TONE_RANK[tone] > TONE_RANK[worst]) ? tone : worst), undefined as View['tone']);
  return { summary: first.summary, blocks: views.flatMap((view, index) => (index === 0 ? view.blocks : [{ type: 'divider' as const }, ...view.blocks])), ...(tone ? { tone } : {}) };
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
  const body: CardNode[] = style ? [{ type: 'Container', style, items: elements.length ? elements : [textBlock(escapeCardText(view.summary))] }] : elements;
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, fallbackText: escapeCardText(view.summary) };
  if (audience?.cardId) {
    card.refresh = { action: { type: 'Action.Execute', title: 'Refresh', verb: REFRESH_VERB, data: { cardId: audience.cardId } }, userIds: audience.userIds };
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
      return { type: 'TextBlock', text: escapeCardText(block.text), wrap: true, size: 'Large', weight: 'Bolder', style: 'heading' };
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
  }
}

function textBlock(text: string): CardNode {
  return { type: 'TextBlock', text, wrap: true };
}

function factSet(pairs: Array<[string, string]>): CardNode | undefined {
  if (pairs.length === 0) return undefined;
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title: escapeCardText(title), value: escapeCardText(value) })) };
}

function actionSet(buttons: readonly Button[], showRestricted: boolean): CardNode | undefined {
  const shown = buttons.filter((button) => showRestricted || !isRestricted(button));
  if (shown.length === 0) return undefined;
  return { type: 'ActionSet', actions: shown.map(renderButton) };
}

/** A press is `Action.Execute` with the opaque id only; a confirm becomes a ShowCard that asks first. */
function renderButton(button: Button): CardNode {
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  const execute: CardNode = { type: 'Action.Execute', title: button.label, verb: PRESS_VERB, data: { buttonId: button.id }, ...(style ? { style } : {}) };
  if (!button.confirm) return execute;
  return {
    type: 'Action.ShowCard',
    title: button.label,
    ...(style ? { style } : {}),
    card: { type: 'AdaptiveCard', body: [textBlock(escapeCardText(button.confirm))], actions: [{ ...execute, title: `Confirm: ${button.label}` }] },
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
      { type: 'context', text: `${dropped} earlier entries are not shown: a Teams message holds about 28 KB. The export has them all.` },
      { type: 'list', items: block.items.slice(dropped) },
    ];
  });
  return { ...view, blocks };
}
