import { describe, expect, it } from 'vitest';
import { escapeCardText, isRestricted, MAX_CARD_CHARS, mergeViews, renderCard, type AdaptiveCard, type CardNode } from '../../../adapters/teams/teams.renderer.ts';
import type { Button, View } from '../../../src/views/view.types.ts';
import { assertValidCard, cardSchemaErrors, fixture } from './support/card-schema.ts';

const HOSTILE = 'Click [here](https://evil.example) *now* _x_ ~~y~~ > quote # h <b>b</b> `c` {{DATE(2026-01-01T00:00:00Z, SHORT)}} \\[z] & more';

const APPROVE: Button = { id: 'act:act-k7q2x9:approve', label: 'Approve', style: 'primary', confirm: 'Run storage.rotate-key on stprod01?', command: '/ir approve act-k7q2x9', audience: ['teams:b15a9416-0ad3-4172-9210-7beb711d3f70'] };
const DENY: Button = { id: 'act:act-k7q2x9:deny', label: 'Deny', style: 'danger', command: '/ir deny act-k7q2x9 <reason>', audience: ['teams:b15a9416-0ad3-4172-9210-7beb711d3f70'] };

/** One view with every block kind, user text everywhere. */
const EVERY_BLOCK: View = {
  summary: `Incident: ${HOSTILE}`,
  tone: 'warning',
  blocks: [
    { type: 'header', text: `Incident ${HOSTILE}` },
    { type: 'text', text: HOSTILE },
    { type: 'markdown', text: 'Rotate **key1** first: see [the runbook](https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage).' },
    { type: 'fields', fields: [{ label: 'Severity', value: 'High' }, { label: `By ${HOSTILE}`, value: HOSTILE }] },
    { type: 'divider' },
    { type: 'checklist', items: [{ label: 'Scope', state: 'done' }, { label: 'Skip me', state: 'skipped' }, { label: HOSTILE, state: 'current' }, { label: 'Later', state: 'todo' }] },
    { type: 'list', items: [{ time: '2026-11-29T09:00:00.000Z', text: `#1 Alice: ${HOSTILE}` }, { text: 'no time' }] },
    { type: 'actions', buttons: [{ id: 'cmd:status', label: 'Status', command: '/ir status' }, { id: 'runbook:done:scope', label: 'Done', style: 'primary', command: '/ir done' }, { id: 'act:act-k7q2x9:undo', label: 'Undo', style: 'danger', confirm: `Undo ${HOSTILE}?`, command: '/ir undo act-k7q2x9' }, APPROVE, DENY] },
    { type: 'context', text: `code ${HOSTILE}` },
  ],
};

function walk(node: unknown, visit: (node: CardNode) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => walk(item, visit));
  if (!node || typeof node !== 'object') return;
  if (typeof (node as CardNode).type === 'string') visit(node as CardNode);
  Object.values(node).forEach((value) => walk(value, visit));
}

function nodes(card: AdaptiveCard, type: string): CardNode[] {
  const found: CardNode[] = [];
  walk(card.body, (node) => node.type === type && found.push(node));
  return found;
}

/** Every text a reader sees, with the markdown escapes a renderer would honour undone. */
function texts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk(card, (node) => {
    if (typeof node.text === 'string') out.push(node.text);
    if (Array.isArray(node.facts)) for (const fact of node.facts as Array<{ title: string; value: string }>) out.push(fact.title, fact.value);
  });
  return out;
}

describe('escapeCardText', () => {
  it('backslash-escapes every character the card markdown subset reacts to, so user text stays text', () => {
    const escaped = escapeCardText(HOSTILE);
    expect(escaped).not.toMatch(/(?<!\\)[[\]()*_~>#<`{}&]/);
    expect(escaped).toContain('\\[here\\]\\(https://evil.example\\)');
    expect(escaped).toContain('\\{\\{DATE');
    expect(escaped.replace(/\\(.)/g, '$1')).toBe(HOSTILE);
  });
});

describe('renderCard', () => {
  it('draws every block kind as valid Adaptive Card 1.5 elements', () => {
    const card = renderCard(EVERY_BLOCK);
    assertValidCard(card);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const container = card.body[0] as CardNode;
    expect(container).toMatchObject({ type: 'Container', style: 'warning' });
    expect(nodes(card, 'TextBlock').every((block) => block.wrap === true)).toBe(true);
    expect(nodes(card, 'TextBlock')[0]).toMatchObject({ size: 'Large', weight: 'Bolder', style: 'heading' });
    expect(nodes(card, 'FactSet')).toHaveLength(3);
    const checklist = nodes(card, 'FactSet')[1] as unknown as { facts: Array<{ title: string }> };
    expect(checklist.facts.map((fact) => fact.title)).toEqual(['✅ done', '⏭️ skipped', '▶️ now', '⬜ to do']);
    const list = nodes(card, 'FactSet')[2] as unknown as { facts: Array<{ title: string }> };
    expect(list.facts.map((fact) => fact.title)).toEqual(['2026-11-29 09:00:00Z', '•']);
    expect(nodes(card, 'TextBlock').at(-1)).toMatchObject({ isSubtle: true, size: 'Small' });
  });

  it('escapes user text everywhere it is markdown, and leaves runbook markdown alone', () => {
    const card = renderCard(EVERY_BLOCK);
    for (const text of texts(card)) {
      if (text.includes('**key1**')) continue;
      expect(text).not.toMatch(/(?<!\\)[[\]()*_~<`{}]/);
    }
    expect(texts(card)).toContain('Rotate **key1** first: see [the runbook](https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage).');
    expect(card.fallbackText).toMatch(/^Incident: Click \\\[here\\\]/);
  });

  it('puts a separator on the element after a divider', () => {
    const card = renderCard(EVERY_BLOCK);
    const afterDivider = nodes(card, 'FactSet')[1];
    expect(afterDivider).toMatchObject({ separator: true });
  });

  it('makes each button an Action.Execute with verb press and only the opaque id, styled, and confirm as a ShowCard', () => {
    const card = renderCard(EVERY_BLOCK, { userIds: [], showRestricted: true });
    const actions = (nodes(card, 'ActionSet')[0] as unknown as { actions: CardNode[] }).actions;
    expect(actions[0]).toEqual({ type: 'Action.Execute', title: 'Status', verb: 'press', data: { buttonId: 'cmd:status' } });
    expect(actions[1]).toMatchObject({ type: 'Action.Execute', style: 'positive', data: { buttonId: 'runbook:done:scope' } });
    expect(actions[2]).toMatchObject({ type: 'Action.ShowCard', title: 'Undo', style: 'destructive' });
    const confirm = (actions[2] as unknown as { card: AdaptiveCard & { actions: CardNode[] } }).card;
    expect(confirm.body[0]).toMatchObject({ type: 'TextBlock', text: escapeCardText(`Undo ${HOSTILE}?`) });
    expect(confirm.actions[0]).toEqual({ type: 'Action.Execute', title: 'Confirm: Undo', verb: 'press', data: { buttonId: 'act:act-k7q2x9:undo' }, style: 'destructive' });
    expect(actions.slice(3).map((action) => action.title)).toEqual(['Approve', 'Deny']);
    assertValidCard(card);
  });

  it('hides Approve and Deny from everyone but lists who may see them in a user-specific refresh', () => {
    expect(isRestricted(APPROVE) && isRestricted(DENY)).toBe(true);
    // Restricted because the core gave them an audience, not because of what their id says.
    expect(isRestricted({ ...APPROVE, audience: undefined })).toBe(false);
    const card = renderCard(EVERY_BLOCK, { cardId: 'card-abcdef12', userIds: ['29:commander'], showRestricted: false });
    assertValidCard(card);
    const titles = nodes(card, 'ActionSet').flatMap((set) => (set.actions as CardNode[]).map((action) => action.title));
    expect(titles).toEqual(['Status', 'Done', 'Undo']);
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh', data: { cardId: 'card-abcdef12' } }, userIds: ['29:commander'] });
  });

  it('drops an actions block whose every button is hidden', () => {
    const card = renderCard({ summary: 'approve?', blocks: [{ type: 'text', text: 'approve?' }, { type: 'actions', buttons: [APPROVE, DENY] }] });
    expect(nodes(card, 'ActionSet')).toEqual([]);
    assertValidCard(card);
  });

  it('maps tones to container styles and leaves info plain', () => {
    expect(renderCard({ summary: 'x', tone: 'error', blocks: [{ type: 'text', text: 'x' }] }).body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(renderCard({ summary: 'x', tone: 'success', blocks: [{ type: 'text', text: 'x' }] }).body[0]).toMatchObject({ style: 'good' });
    expect(renderCard({ summary: 'x', blocks: [{ type: 'text', text: 'x' }] }).body[0]).toMatchObject({ type: 'TextBlock' });
  });

  it('trims long lists (oldest first) below what Teams accepts, and says so', () => {
    const items = Array.from({ length: 2000 }, (_, index) => ({ time: '2026-11-29T09:00:00.000Z', text: `#${index + 1} event number ${index + 1} with some words` }));
    const card = renderCard({ summary: 'Timeline', blocks: [{ type: 'header', text: 'Timeline' }, { type: 'list', items }] });
    assertValidCard(card);
    expect(JSON.stringify(card).length).toBeLessThanOrEqual(MAX_CARD_CHARS);
    const kept = (nodes(card, 'FactSet')[0] as unknown as { facts: Array<{ value: string }> }).facts;
    expect(kept.at(-1)?.value).toContain('\\#2000 event');
    expect(texts(card).some((text) => text.startsWith(`${2000 - kept.length} earlier entries are not shown`))).toBe(true);
  });

  it('merges several views into one card with the gravest tone', () => {
    const merged = mergeViews([{ summary: 'a', tone: 'warning', blocks: [{ type: 'text', text: 'a' }] }, { summary: 'b', tone: 'error', blocks: [{ type: 'text', text: 'b' }] }]);
    expect(merged).toEqual({ summary: 'a', tone: 'error', blocks: [{ type: 'text', text: 'a' }, { type: 'divider' }, { type: 'text', text: 'b' }] });
  });
});

describe('the schema check itself', () => {
  it('accepts an official 1.5 sample and rejects what the schema forbids', () => {
    expect(cardSchemaErrors(fixture('sample.Action.Execute.Mode.json'))).toEqual([]);
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', colour: 'red' }] })).not.toEqual([]);
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'FactSet' }] })).not.toEqual([]);
  });
});

describe('a draft with hostile user text, as a Teams card', () => {
  it('carries no live link and no date function: the drafts escape brackets, parentheses and braces before the card sees them', async () => {
    const { inline } = await import('../../../src/drafts/markdown.ts');
    const hostile = '[Open the portal](https://evil.example) {{DATE(2026-12-01T00:00:00Z, SHORT)}} ![x](https://evil.example/p.png)';
    const card = renderCard({ summary: 'Draft', blocks: [{ type: 'markdown', text: `**Title:** ${inline(hostile)}` }] });
    const text = JSON.stringify(card);
    expect(text).not.toContain('{{');
    expect(text).not.toMatch(/(?<!\\\\)\]\(https/);
    expect(text).toContain('Open the portal');
  });
});
